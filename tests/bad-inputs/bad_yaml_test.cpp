#include "bad-inputs/refused.hpp"
#include "config/analysis.hpp"
#include "io/diagnostic.hpp"

#include <fstream>
#include <sstream>

using namespace staffnet;
using test::bad_input;
using test::refused;

TEST_CASE("a hostile config is refused at its place before it is built", "[bad-inputs]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"config_deep_block.yaml",
         ":34:65: error: the config nests more than 32 levels deep; a config needs only a few levels; check the indentation and the brackets"},
        {"config_deep_flow.yaml",
         ":2:41: error: the config nests more than 32 levels deep; a config needs only a few levels; check the indentation and the brackets"},
        {"config_alias_bomb.yaml",
         ":6:12: error: aliases make the config more than 10000 values long; use fewer aliases (*name); a config needs only a few"},
        {"config_alias_cycle.yaml",
         ":2:22: error: alias '*m' stands for a node that contains it; an alias may only repeat a node that ends before it"},
        {"config_binary.yaml", ":1:91: error: invalid YAML: unknown escape character: \\xDD; check the indentation and quoting on this line"},
    };
    for (const auto& [name, diagnostic] : cases) {
        CAPTURE(name);
        CHECK(refused(bad_input(name)) == bad_input(name) + diagnostic + "\n");
    }
}

TEST_CASE("brackets nested 100,000 deep stop at the 32nd level, without exhausting the stack", "[bad-inputs]") {
    CHECK_THROWS_WITH(parse_analysis("deep.yaml", "metrics: " + std::string(100'000, '[') + "degree" + std::string(100'000, ']'), "."),
                      "deep.yaml:1:41: error: the config nests more than 32 levels deep; a config needs only a few levels; "
                      "check the indentation and the brackets");
}

TEST_CASE("a config over 1 MiB is refused before it is parsed", "[bad-inputs]") {
    const std::string file = test::temp_dir("big_config") + "/config.yaml";
    std::ofstream(file) << "# " << std::string(1 << 20, 'x') << "\n";
    CHECK(refused(file) == file + ": error: the file is larger than 1 MiB; staffnet reads files up to 1 MiB; check that this is the right file\n");
    CHECK_THROWS_WITH(parse_analysis("big.yaml", "# " + std::string(1 << 20, 'x'), "."),
                      "big.yaml: error: the config is larger than 1 MiB; a config is a few kilobytes; check that this is the right file");
}

TEST_CASE("a config of 4,000 unknown keys lists the first 100 and counts the rest", "[bad-inputs]") {
    std::string yaml;
    for (int i = 0; i < 4000; ++i) yaml += "key" + std::to_string(i) + ": 1\n";
    try {
        parse_analysis("keys.yaml", yaml, ".");
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 101);
        CHECK(format(e.diagnostics()[0]) ==
              "keys.yaml:1:1: error: unknown key 'key0' in the config; valid keys are data, network, tie_types, participation, metrics, "
              "statistics, sampling, risk, privacy, diagrams, seed, district");
        CHECK(format(e.diagnostics()[100]) == "keys.yaml: error: and at least 3900 more errors not listed; correct the ones above and run again");
    }
}

TEST_CASE("anchors and aliases within the limits still work", "[bad-inputs]") {
    const AnalysisConfig config = parse_analysis("ok.yaml",
                                                 "tie_types:\n"
                                                 "  shared_project: &close {weight: 2, close: true, code: P}\n"
                                                 "  social: *close\n",
                                                 ".");
    REQUIRE(config.network.types.size() == 2);
    CHECK(config.network.types[1].weight == 2.0);
}
