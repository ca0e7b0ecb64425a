#include "config/analysis.hpp"
#include "io/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

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
