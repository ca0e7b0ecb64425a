#include "config/analysis.hpp"
#include "io/diagnostic.hpp"
#include "io/district.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;
using test::fixture;

namespace {
std::string yaml(const std::string& name) { return fixture("config/fixtures/" + name); }
AnalysisConfig parse(const std::string& text) { return parse_analysis("c.yaml", text, "/district"); }
}  // namespace

TEST_CASE("a full config is read into AnalysisConfig", "[config]") {
    const AnalysisConfig c = load_analysis(yaml("district.yaml"));
    CHECK(c.file == yaml("district.yaml"));
    CHECK(c.people == fixture("io/fixtures/people.csv"));  // resolved against the YAML file's folder
    CHECK(c.ties == fixture("io/fixtures/ties.csv"));
    CHECK(c.schools == fixture("io/fixtures/schools.csv"));
    CHECK(c.network.directed);
    CHECK_FALSE(c.network.weighted);
    CHECK(c.network.duplicates == Combine::sum);
    CHECK(c.drop_self_ties);
    CHECK(c.seed == 7);
    REQUIRE(c.network.types.size() == 3);  // tie_types replaces the four default types
    CHECK(c.network.types[0].weight == 2.0);
    CHECK(c.network.types[1].weight == 0.5);
    CHECK(c.network.types[2].name == "social");
    CHECK(c.network.types[2].code == "s");  // the first letter when no code is given
    REQUIRE(c.participation.size() == 2);
    CHECK(c.participation[0].higher_is_better);
    CHECK_FALSE(c.participation[1].higher_is_better);
    SECTION("metric options are kept") {
        REQUIRE(c.metrics.size() == 3);
        CHECK(c.metrics[0].options.values.empty());
        CHECK(c.metrics[1].options.values == std::map<std::string, OptionValue>{{"normalized", false}, {"samples", 10.0}});
        CHECK(c.metrics[2].options.text("direction", "in") == "out");
    }
    SECTION("and the district it names loads") {
        const District d = load_district(c);
        CHECK(d.network.size() == 5);
        CHECK(d.network.directed());
        CHECK(d.schools.schools.size() == 2);
    }
}

TEST_CASE("an empty config means the defaults", "[config]") {
    const AnalysisConfig c = parse("");
    CHECK(c.people == "/district/people.csv");
    CHECK(c.ties == "/district/ties.csv");
    CHECK(c.schools.empty());  // no schools.csv beside the config: no schools
    CHECK(c.network.types.size() == 4);
    CHECK(c.metrics.size() == default_metrics().size());
    CHECK(c.seed == 42);
}

TEST_CASE("an unknown key suggests the closest valid one", "[config]") {
    // the list of valid keys grows with the config, so only its start is checked
    CHECK_THROWS_WITH(load_analysis(yaml("unknown_key.yaml")),
                      Catch::StartsWith(yaml("unknown_key.yaml") + ":3:1: error: unknown key 'netwrok' in the config (did you mean "
                                                                   "'network'?); valid keys are data, network, tie_types, participation"));
    CHECK_THROWS_WITH(parse("data:\n  poeple: p.csv\n"),
                      Catch::Equals("c.yaml:2:3: error: unknown key 'poeple' in data (did you mean 'people'?); valid keys are people, ties, network, schools, date, database"));
}

TEST_CASE("a YAML syntax error is reported at its line and column", "[config]") {
    // line 3 is indented one space deeper than line 2; the parser stops at its colon, column 12
    CHECK_THROWS_WITH(load_analysis(yaml("syntax_error.yaml")),
                      Catch::Equals(yaml("syntax_error.yaml") + ":3:12: error: invalid YAML: illegal map value; "
                                                                "check the indentation and quoting on this line"));
    SECTION("a tab in the indentation says so") {
        CHECK_THROWS_WITH(load_analysis(yaml("tab_indent.yaml")),
                          Catch::Equals(yaml("tab_indent.yaml") + ":2:10: error: invalid YAML: illegal map value; "
                                                                  "indent with spaces, as YAML does not allow tabs"));
    }
}

TEST_CASE("a value of the wrong type is reported at the value", "[config]") {
    CHECK_THROWS_WITH(load_analysis(yaml("directed_maybe.yaml")),
                      Catch::Equals(yaml("directed_maybe.yaml") + ":2:13: error: directed must be true or false, got 'maybe'; "
                                                                  "write 'directed:' followed by true or false"));
    CHECK_THROWS_WITH(parse("seed: -1\n"),
                      Catch::Equals("c.yaml:1:7: error: seed must be a whole number, got '-1'; write 'seed:' followed by a whole number"));
    CHECK_THROWS_WITH(parse("data:\n  people:\n"), Catch::StartsWith("c.yaml:2:3: error: people must be a file path, got nothing"));
    CHECK_THROWS_WITH(parse("data: people.csv\n"),
                      Catch::Equals("c.yaml:1:7: error: data must be a mapping of keys to values; indent its keys under 'data:'"));
    CHECK_THROWS_WITH(parse("- network\n"), Catch::StartsWith("c.yaml:1:1: error: the config must be a mapping of keys to values; "
                                                              "write one 'key: value' per line"));
}

TEST_CASE("a choice outside its list suggests a valid value", "[config]") {
    CHECK_THROWS_WITH(load_analysis(yaml("bad_choice.yaml")),
                      Catch::Equals(yaml("bad_choice.yaml") + ":2:12: error: combine must be one of sum, max, min, mean, count, got 'mx' "
                                                              "(did you mean 'max'?); for example 'combine: max'"));
    CHECK_THROWS_WITH(parse("participation:\n  uptake_rate: better\n"),
                      Catch::Equals("c.yaml:2:16: error: uptake_rate must be one of higher, lower, got 'better'; for example 'uptake_rate: higher'"));
}

TEST_CASE("a key given twice is an error, not silently the first", "[config]") {
    CHECK_THROWS_WITH(load_analysis(yaml("duplicate_key.yaml")),
                      Catch::Equals(yaml("duplicate_key.yaml") + ":4:1: error: key 'network' appears twice in the config, first on line 1; "
                                                                 "keep one and merge their settings"));
}

TEST_CASE("metrics are checked against the registry", "[config]") {
    CHECK_THROWS_WITH(load_analysis(yaml("unknown_metric.yaml")),
                      Catch::Equals(yaml("unknown_metric.yaml") + ":3:5: error: unknown metric 'betweeness' (did you mean 'betweenness'?); "
                                                                  "run 'staffnet metrics --list' to see every metric"));
    // "  - betweenness: {normalise: false}": the option key starts in column 19
    CHECK_THROWS_WITH(load_analysis(yaml("unknown_metric_option.yaml")),
                      Catch::StartsWith(yaml("unknown_metric_option.yaml") + ":3:19: error: unknown key 'normalise' in betweenness "
                                                                             "(did you mean 'normalized'?); valid keys are normalized"));
    CHECK_THROWS_WITH(parse("metrics:\n  - degree: {normalized: true}\n"),
                      Catch::Equals("c.yaml:2:14: error: unknown key 'normalized' in degree; remove it, as degree takes no options"));
    CHECK_THROWS_WITH(parse("metrics:\n  - closeness: {direction: [in, out]}\n"),
                      Catch::Equals("c.yaml:2:28: error: option 'direction' must be a single value; write it as 'direction: value'"));
    CHECK_THROWS_WITH(parse("metrics:\n  - {degree: {}, core: {}}\n"),
                      Catch::StartsWith("c.yaml:2:5: error: a metric must be a name or 'name: {option: value}'; write '- degree'"));
    CHECK_THROWS_WITH(parse("metrics: degree\n"),
                      Catch::Equals("c.yaml:1:10: error: metrics must be a list; write one metric per line, like '  - degree'"));
}

TEST_CASE("every problem in the config is reported at once", "[config]") {
    try {
        parse("netwrok: {}\nseed: x\nmetrics: [betweeness]\n");
        FAIL("no InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 3);
        CHECK(e.diagnostics()[0].line == 1);
        CHECK(e.diagnostics()[1].line == 3);  // metrics are read before seed
        CHECK(e.diagnostics()[2].line == 2);
    }
}

TEST_CASE("tie types need positive weights", "[config]") {
    CHECK_THROWS_WITH(parse("tie_types:\n  social: {weight: 0}\n"),
                      Catch::Equals("c.yaml:2:20: error: weight must be a positive number, got '0'; use a number above 0, such as 1 or 0.5"));
    CHECK_THROWS_WITH(parse("tie_types:\n  social: {weight: 1, colour: red}\n"),
                      Catch::StartsWith("c.yaml:2:23: error: unknown key 'colour' in tie_types.social; valid keys are weight, close, code"));
}

TEST_CASE("a key that is not a plain name is reported, not thrown as a YAML exception", "[config]") {
    CHECK_THROWS_WITH(parse("? [a, b]\n: 1\n"),
                      Catch::Equals("c.yaml:1:3: error: a key in the config must be a plain name; write it as 'name: value'"));
    CHECK_THROWS_AS(parse("tie_types:\n  ? [a]\n  : {}\n"), InputError);
}

TEST_CASE("participation needs schools.csv and its columns", "[config]") {
    const std::string no_schools = yaml("participation_no_schools.yaml");
    CHECK_THROWS_WITH(load_analysis(no_schools),
                      Catch::Equals(no_schools + ":6:3: error: participation needs a schools file, and there is no " +
                                    fixture("config/fixtures/schools.csv") +
                                    "; add schools.csv beside the config, give its path under data: schools:, or remove participation"));
    SECTION("a column missing from schools.csv is found when the district loads") {
        const AnalysisConfig c = load_analysis(yaml("participation_unknown_column.yaml"));
        CHECK_THROWS_WITH(load_district(c), Catch::Equals(c.schools + ":1: error: missing participation column 'pl_attendence_rate' "
                                                                      "(did you mean 'pl_attendance_rate'?); add the column, or remove "
                                                                      "it from participation in the config"));
    }
}

TEST_CASE("a missing config file or a folder is an input error", "[config]") {
    CHECK_THROWS_WITH(load_analysis("no/such/config.yaml"),
                      Catch::Equals("no/such/config.yaml: error: cannot open the config file; check the path"));
    const std::string folder = fixture("config/fixtures");
    CHECK_THROWS_WITH(load_analysis(folder), Catch::Equals(folder + ": error: this is a folder, not a config file; give the config "
                                                                    "file in it, such as " + folder + "/config.yaml"));
}
