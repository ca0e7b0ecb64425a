// `staffnet render` and the diagrams `analyze` writes, driven by the config's `diagrams:` keys.
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

using namespace staffnet;
namespace fs = std::filesystem;
using test::Run;
using test::run;

namespace {

const std::string example_dir = std::string(STAFFNET_SOURCE_DIR) + "/examples/district";

// A config over the example district's files with the given `diagrams:` section.
std::string config_with(const std::string& name, const std::string& diagrams) {
    const fs::path dir = test::temp_dir(name);
    std::ofstream(dir / "config.yaml") << "data:\n  people: " << example_dir << "/people.csv\n  ties: " << example_dir
                                       << "/ties.csv\n  schools: " << example_dir << "/schools.csv\n" << diagrams;
    return (dir / "config.yaml").string();
}

std::set<std::string> files_under(const fs::path& dir) {
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files.insert(fs::relative(entry.path(), dir).string());
    return files;
}

}  // namespace

TEST_CASE("analyze draws every diagram, and network.svg is the district sociogram", "[cli][viz]") {
    const fs::path out = fs::path(test::temp_dir("cli_diagrams")) / "out";
    const Run r = run({"analyze", "--out", out.string()});
    REQUIRE(r.code == 0);
    const std::set<std::string> files = files_under(out);
    CHECK(files.count("diagrams/sociogram.svg"));
    CHECK(files.count("diagrams/bridge_map.svg"));
    CHECK(files.count("report.html"));
    int schools = 0;
    for (const std::string& f : files) schools += f.rfind("diagrams/schools/", 0) == 0;
    CHECK(schools == 40);  // one per school in examples/district/schools.csv
    CHECK(test::slurp((out / "network.svg").string()) == test::slurp((out / "diagrams/sociogram.svg").string()));
}

TEST_CASE("render draws what the config's diagrams section asks for, in its formats", "[cli][viz]") {
    const std::string config = config_with("cli_render_config", "diagrams:\n  draw: [bridge_map]\n  formats: [svg, dot]\n");
    const fs::path out = fs::path(config).parent_path() / "out";
    const Run r = run({"render", config, "--out", out.string()});
    REQUIRE(r.code == 0);
    CHECK(files_under(out) == std::set<std::string>{".staffnet", "diagrams/bridge_map.svg", "diagrams/bridge_map.dot"});
    CHECK_THAT(test::slurp((out / "diagrams/bridge_map.dot").string()), Catch::StartsWith("graph staffnet {"));

    SECTION("--diagram and --format override the config") {
        const fs::path again = fs::path(test::temp_dir("cli_render_flags")) / "out";
        REQUIRE(run({"render", config, "--out", again.string(), "--diagram", "sociogram", "--format", "png"}).code == 0);
        CHECK(files_under(again) == std::set<std::string>{".staffnet", "diagrams/sociogram.png"});
        CHECK(test::slurp((again / "diagrams/sociogram.png").string()).substr(1, 3) == "PNG");
    }
}

TEST_CASE("render --pseudonymize labels the diagrams with pseudonyms only", "[cli][viz]") {
    const std::string config = config_with("cli_render_research", "privacy:\n  key: a-test-key\ndiagrams:\n  draw: [schools]\n  labels: everyone\n");
    const fs::path out = fs::path(config).parent_path() / "out";
    REQUIRE(run({"render", config, "--out", out.string(), "--pseudonymize"}).code == 0);
    const std::string school = test::slurp((out / "diagrams/schools/S01.svg").string());
    CHECK_THAT(school, Catch::Contains(">p&#45;"));  // Graphviz writes the hyphen as an entity
    // P001 Scott Thompson and P002 Minh Kapoor lead school S01: neither their names nor their ids appear.
    for (const char* real : {"P001", "Scott Thompson", "P002", "Minh Kapoor"}) CHECK_THAT(school, !Catch::Contains(real));
}
