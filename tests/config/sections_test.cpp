#include "config/analysis.hpp"
#include "io/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

namespace {

// What parse_analysis says of `yaml`: the InputError's text, or "no error".
std::string error(const std::string& yaml) {
    try {
        parse_analysis("c.yaml", yaml, ".");
    } catch (const InputError& e) {
        return std::string(e.what());
    }
    return std::string("no error");
}

}  // namespace

TEST_CASE("statistics, risk and privacy sections", "[config]") {
    const AnalysisConfig c = parse_analysis("c.yaml", R"(
statistics:
  permutations: 500
  min_group_size: 10
  regressions:
    - outcome: uptake_rate
      model: ols
      predictors: [district_ties]
      controls: [people, level]
risk:
  isolate_rule: cut_off
  tie_types: [social, contact_exchange]
  weights: {isolated: 6, high_constraint: 0}
  high: 5
privacy:
  key: not-a-real-secret
)", ".");
    CHECK(c.statistics.permutations == 500);
    CHECK(c.statistics.bootstrap == 2000);  // default kept
    CHECK(c.statistics.min_group_size == 10);
    REQUIRE(c.statistics.regressions.size() == 1);
    CHECK(c.statistics.regressions[0].model == "ols");
    CHECK(c.statistics.regressions[0].controls == std::vector<std::string>{"people", "level"});
    CHECK(c.risk.rule == IsolateRule::cut_off);
    CHECK(c.risk_tie_types == std::vector<std::string>{"social", "contact_exchange"});
    CHECK(c.risk.weights.isolated == 6);
    CHECK(c.risk.weights.high_constraint == 0);
    CHECK(c.risk.weights.one_tie == 2);  // default kept
    CHECK(c.risk.high == 5);
    CHECK(c.privacy_key == "not-a-real-secret");
}

TEST_CASE("mistakes in the risk section are reported where they are", "[config]") {
    CHECK_THROWS_WITH(parse_analysis("c.yaml", "risk:\n  weights: {isolatd: 3}\n", "."),
                      Catch::Contains("c.yaml:2:13: error: unknown key 'isolatd' in risk.weights (did you mean 'isolated'?)"));
    CHECK_THROWS_WITH(parse_analysis("c.yaml", "risk:\n  tie_types: [socal]\n", "."),
                      Catch::Contains("c.yaml:2:14: error: risk uses the tie type 'socal', which is not declared (did you mean 'social'?)"));
    CHECK_THROWS_WITH(parse_analysis("c.yaml", "risk:\n  isolate_rule: lonely\n", "."),
                      Catch::Contains("isolate_rule must be one of no_ties, never_named, cut_off, peripheral, got 'lonely'"));
    CHECK_THROWS_WITH(parse_analysis("c.yaml", "statistics:\n  regressions:\n    - model: ols\n", "."),
                      Catch::Contains("c.yaml:3:7: error: a regression needs an outcome"));
}

TEST_CASE("the diagrams section chooses what is drawn and in which colours", "[config]") {
    const AnalysisConfig c = parse_analysis("c.yaml", R"(seed: 9
diagrams:
  draw: [sociogram, schools]
  formats: [svg, pdf]
  size_by: degree
  labels: everyone
  large_network: 800
  ties_per_person: 3
  colours:
    roles: {staff: "#117733"}
    tie_types: {social: "#AA4499"}
    highlight: "#000000"
)", ".");
    const DiagramConfig& d = c.diagrams;
    CHECK(d.sociogram);
    CHECK_FALSE(d.bridge_map);
    CHECK(d.school_diagrams);
    CHECK(d.formats == std::vector<std::string>{"svg", "pdf"});
    CHECK(d.size_by == "degree");
    CHECK(d.labels == "everyone");
    CHECK(d.large_network == 800);
    CHECK(d.ties_per_person == 3);
    CHECK(d.role_colours == std::map<std::string, std::string>{{"staff", "#117733"}});
    CHECK(d.tie_colours == std::map<std::string, std::string>{{"social", "#AA4499"}});
    CHECK(d.highlight_colour == "#000000");
    CHECK(d.seed == 9);  // layouts use the analysis seed
    CHECK(parse_analysis("c.yaml", "diagrams:\n  size_by: none\n", ".").diagrams.size_by.empty());
    const DiagramConfig defaults = parse_analysis("c.yaml", "", ".").diagrams;
    CHECK((defaults.sociogram && defaults.bridge_map && defaults.school_diagrams));
    CHECK(defaults.formats == std::vector<std::string>{"svg"});
    CHECK(defaults.size_by == "betweenness");
}

TEST_CASE("mistakes in the diagrams section are reported where they are", "[config]") {
    CHECK_THAT(error("diagrams:\n  draw: [sociogram, bridges]\n"),
               Catch::Contains("c.yaml:2:9: error: draw lists 'bridges', which is not a diagram; choose from sociogram, bridge_map, schools"));
    CHECK_THAT(error("diagrams:\n  formats: [svg, jpg]\n"),
               Catch::Contains("c.yaml:2:12: error: formats lists 'jpg', which staffnet cannot draw"));
    CHECK_THAT(error("diagrams:\n  colours:\n    roles: {staff: blue}\n"),
               Catch::Contains("c.yaml:3:20: error: colours.roles.staff must be a colour like \"#0072B2\", got 'blue'"));
    CHECK_THAT(error("diagrams:\n  colours:\n    roles: {teacher: \"#000000\"}\n"),
               Catch::Contains("c.yaml:3:13: error: unknown key 'teacher' in colours.roles"));
    CHECK_THAT(error("diagrams:\n  colours:\n    tie_types: {socal: \"#000000\"}\n"),
               Catch::Contains("unknown key 'socal' in colours.tie_types (did you mean 'social'?)"));
    CHECK_THAT(error("diagrams:\n  colours:\n    highlight: \"#12345\"\n"),
               Catch::Contains("c.yaml:3:16: error: highlight must be a colour like \"#D55E00\", got '#12345'"));
    CHECK_THAT(error("metrics: [degree]\ndiagrams:\n  size_by: betweeness\n"),
               Catch::Contains("c.yaml:3:12: error: size_by names 'betweeness', which is not a computed metric; use one of the metrics listed under metrics:, or none"));
    CHECK_THAT(error("diagrams:\n  size_by: closenes\n"),
               Catch::Contains("size_by names 'closenes', which is not a computed metric (did you mean 'closeness'?)"));
    CHECK_THAT(error("diagrams:\n  labels: some\n"), Catch::Contains("labels must be one of none, leaders, everyone, got 'some'"));
}

TEST_CASE("metric options are checked when the config is read, at the value", "[config]") {
    CHECK_THAT(error("metrics:\n  - betweenness: {normalized: maybe}\n"),
               Catch::Contains("c.yaml:2:31: error: betweenness option 'normalized' is 'maybe'; it must be true or false; "
                               "write normalized: followed by true or false"));
    CHECK_THAT(error("metrics:\n  - closeness: {direction: both}\n"),
               Catch::Contains("c.yaml:2:28: error: closeness option 'direction' is 'both'; it must be in or out"));
    CHECK_THAT(error("metrics:\n  - betweenness: {samples: 2.5}\n"),
               Catch::Contains("betweenness option 'samples' is '2.5'; it must be a whole number, 0 or more"));
    CHECK_THAT(error("metrics:\n  - pagerank: {alpha: 1.5}\n"),
               Catch::Contains("pagerank option 'alpha' is '1.5'; it must be a number between 0 and 1, such as 0.85"));
    CHECK_THAT(error("metrics:\n  - leiden: {objective: potts}\n"),
               Catch::Contains("leiden option 'objective' is 'potts'; it must be modularity or cpm"));
    CHECK_THAT(error("metrics:\n  - community: {resolution: -1}\n"),
               Catch::Contains("community option 'resolution' is '-1'; it must be a number above 0, such as 1"));
    CHECK(error("metrics:\n  - betweenness: {normalized: false, samples: 100, seed: 7}\n  - closeness: {direction: out}\n"
                "  - pagerank: {alpha: 0.9}\n  - leiden: {objective: cpm, resolution: 0.05}\n") == "no error");
}
