// The output contract of analyze: inputs never overwritten, foreign folders refused, and the
// same bytes whatever the thread count.
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <omp.h>

#include <filesystem>
#include <fstream>
#include <map>

using namespace staffnet;
namespace fs = std::filesystem;

namespace {

// A district (the io fixtures' people, ties and schools beside a config.yaml) in a fresh folder.
fs::path district_folder(const std::string& name) {
    const fs::path dir = test::temp_dir(name);
    for (const char* file : {"people.csv", "ties.csv", "schools.csv"}) fs::copy_file(test::fixture("io/fixtures/" + std::string(file)), dir / file);
    std::ofstream(dir / "config.yaml") << "seed: 42\n";
    return dir;
}

// Runs analyze on `config` into a fresh folder with `threads` OpenMP threads; returns every file written.
std::map<std::string, std::string> analyze_with_threads(const std::string& config, int threads, const std::string& name) {
    const int before = omp_get_max_threads();
    omp_set_num_threads(threads);
    const std::string out = test::temp_dir(name);
    const test::Run r = test::run({"analyze", config, "--out", out, "--force"});
    omp_set_num_threads(before);
    REQUIRE(r.code == 0);
    return test::snapshot(out);
}

}  // namespace

TEST_CASE("analyze never overwrites its input files, even with --force", "[cli][output]") {
    const fs::path dir = district_folder("outputs_inputs");
    const auto before = test::snapshot(dir);
    const std::string config = (dir / "config.yaml").string();

    const test::Run refused = test::run({"analyze", config, "--out", dir.string()});
    CHECK(refused.code == 1);
    CHECK(refused.err == "staffnet: error: output folder " + dir.string() +
                             " already holds files that staffnet did not write; choose an empty or new --out, or add --force\n");

    const test::Run forced = test::run({"analyze", config, "--out", dir.string(), "--force"});
    CHECK(forced.code == 1);
    // people.csv is the first output that is also an input.
    CHECK(forced.err == "staffnet: error: refusing to overwrite the input file " + (dir / "people.csv").string() + "; choose another --out\n");
    CHECK(test::snapshot(dir) == before);
}

TEST_CASE("ergm never overwrites its input files, even with --force", "[cli][output][ergm]") {
    // The ties file is called ergm.csv, which ergm writes into --out: the fit runs, nothing is written.
    const fs::path dir = district_folder("outputs_ergm_inputs");
    fs::rename(dir / "ties.csv", dir / "ergm.csv");
    std::ofstream(dir / "config.yaml") << "seed: 42\ndata:\n  ties: ergm.csv\n";
    const auto before = test::snapshot(dir);
    const test::Run forced = test::run({"ergm", (dir / "config.yaml").string(), "--model", "edges", "--out", dir.string(), "--force"});
    CHECK(forced.code == 1);
    CHECK(forced.err.find("staffnet: error: refusing to overwrite the input file " + (dir / "ergm.csv").string() + "; choose another --out\n") !=
          std::string::npos);
    CHECK(test::snapshot(dir) == before);
}

TEST_CASE("analyze gives byte-identical outputs on 1 and 4 threads", "[cli][output][example]") {
    // The example district: every output, report.html and the SVG diagrams included.
    const auto one = analyze_with_threads(STAFFNET_EXAMPLE_CONFIG, 1, "outputs_threads_1");
    const auto four = analyze_with_threads(STAFFNET_EXAMPLE_CONFIG, 4, "outputs_threads_4");
    REQUIRE(one.size() == four.size());
    CHECK(one.count("report.html") == 1);
    CHECK(one.count("diagrams/sociogram.svg") == 1);
    for (const auto& [name, bytes] : one) {
        INFO(name);
        CHECK(four.count(name) == 1);
        CHECK((four.count(name) && four.at(name) == bytes));
    }
}

TEST_CASE("a large district: sampled path measures, no sociogram, network.svg the bridge map, the same bytes on 1 and 4 threads",
          "[cli][output][example][sampling]") {
    // The example district (497 people) made "large" by the config: path measures from 100 seeded
    // sources (the giant component is above 50 * 497 / 100 people, so it is sampled) and no sociogram.
    const fs::path dir = test::temp_dir("outputs_large");
    std::string yaml = test::slurp(STAFFNET_EXAMPLE_CONFIG);
    const std::string example = fs::path(STAFFNET_EXAMPLE_CONFIG).parent_path().string();
    for (const char* file : {"people.csv", "ties.csv", "schools.csv"})
        for (auto at = yaml.find(std::string(" ") + file); at != std::string::npos; at = yaml.find(std::string(" ") + file, at + 2))
            yaml.replace(at + 1, std::string(file).size(), example + "/" + file);
    std::ofstream(dir / "config.yaml") << yaml << "sampling: {above: 10, sources: 100}\ndiagrams: {sociogram_limit: 10}\n";
    const std::string config = (dir / "config.yaml").string();

    const auto one = analyze_with_threads(config, 1, "outputs_large_1");
    const auto four = analyze_with_threads(config, 4, "outputs_large_4");
    CHECK(one == four);
    CHECK(one.count("diagrams/sociogram.svg") == 0);
    REQUIRE(one.count("network.svg") == 1);
    CHECK(one.at("network.svg") == one.at("diagrams/bridge_map.svg"));
    const std::string summary = one.at("summary.json");
    CHECK_THAT(summary, Catch::Contains("\"sampled\": true") && Catch::Contains("\"sources\": 100"));
    CHECK_THAT(summary, Catch::Contains("the whole-district sociogram is not drawn for 497 people (more than 10)"));
    CHECK_THAT(summary, Catch::Contains("network.svg holds the bridge map instead"));

    const test::Run r = test::run({"analyze", config, "--out", test::temp_dir("outputs_large_note"), "--force"});
    CHECK_THAT(r.err, Catch::Contains("staffnet: note: 497 people (more than 10): betweenness, closeness and harmonic centrality, the "
                                      "distances and the path-based centralisations are estimated from 100 sampled sources (seed 42)"));
}
