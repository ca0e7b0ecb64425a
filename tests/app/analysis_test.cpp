// The analysis layer: one value, results looked up by id, parts skipped when not asked for, the
// same numbers on any thread count.
#include "app/analysis.hpp"
#include "config/analysis.hpp"

#include <catch2/catch.hpp>
#include <omp.h>

#include <cmath>
#include <memory>

using namespace staffnet;

namespace {

const AnalysisConfig& example_config() {
    static const AnalysisConfig config = load_analysis(STAFFNET_EXAMPLE_CONFIG);
    return config;
}

std::shared_ptr<const District> example_district() {
    static const auto district = std::make_shared<const District>(load_district(example_config()));
    return district;
}

}  // namespace

TEST_CASE("an analysis is looked up by person and school id, never by row", "[app][analysis]") {
    const Analysis a = analyse(example_district(), example_config(), {}, {.layers = false, .ei_test = false});
    // examples/district/README.md: P153 and P421 have no ties at all; S13, S14, S33 and S36 have no
    // district tie; D01.. are the district team, who do the outreach and are not scored.
    const RiskEntry* p153 = a.person_risk_of("P153");
    REQUIRE(p153);
    CHECK(a.network().people[p153->person].id == "P153");
    CHECK(p153->level == "high");
    CHECK_THAT(p153->reasons.front(), Catch::StartsWith("no ties at all"));
    CHECK(a.person_risk_of("D01") == nullptr);
    CHECK(a.person_risk_of("nobody") == nullptr);
    for (const char* id : {"S13", "S14", "S33", "S36"}) {
        const RiskEntry* s = a.school_risk_of(id);
        REQUIRE(s);
        CHECK(a.schools().schools[s->person].id == id);
        CHECK(s->level == "high");
    }
    CHECK(a.school_risk_of("S99") == nullptr);
    // Every school is listed once, and each lookup finds its own row.
    REQUIRE(a.school_risk.size() == a.schools().schools.size());
    for (const School& school : a.schools().schools) CHECK(a.schools().schools[a.school_risk_of(school.id)->person].id == school.id);
    // The isolation_risk column holds each scored person's score, by vertex.
    const VertexScores* risk = a.column_of("isolation_risk");
    REQUIRE(risk);
    CHECK((*risk)[p153->person] == p153->score);
    CHECK(a.school_measure_of("district_ties") != nullptr);
}

TEST_CASE("the analysis skips the parts a caller does not ask for", "[app][analysis]") {
    const Analysis lean = analyse(example_district(), example_config(), {},
                                  {.layers = false, .ei_test = false, .statistics = false, .graph_measures = false,
                                   .only_metrics = std::vector<std::string>{"degree"}});
    CHECK(lean.layers.empty());
    CHECK(lean.ei_school.permutations == 0);
    CHECK(lean.correlations.empty());
    CHECK(lean.whole.empty());
    REQUIRE(lean.people.size() == 2);  // degree, and the isolation_risk column
    CHECK(lean.people[0].first == "degree");
    CHECK(lean.people[1].first == "isolation_risk");
    CHECK_FALSE(lean.people_risk.empty());  // the risk list is always computed
}

TEST_CASE("the whole analysis is the same on 1 and 2 threads", "[app][analysis]") {
    omp_set_num_threads(1);
    const Analysis one = analyse(example_district(), example_config());
    omp_set_num_threads(2);
    const Analysis two = analyse(example_district(), example_config());
    omp_set_num_threads(omp_get_num_procs());
    REQUIRE(one.people.size() == two.people.size());
    for (std::size_t c = 0; c < one.people.size(); ++c) {
        INFO(one.people[c].first);
        const VertexScores &x = one.people[c].second, &y = two.people[c].second;
        REQUIRE(x.size() == y.size());
        for (std::size_t v = 0; v < x.size(); ++v) CHECK((x[v] == y[v] || (std::isnan(x[v]) && std::isnan(y[v]))));
    }
    CHECK(one.ei_school.expected == two.ei_school.expected);
    CHECK(one.ei_school.permutations == example_config().statistics.permutations);
    REQUIRE(one.correlations.size() == two.correlations.size());
    for (std::size_t i = 0; i < one.correlations.size(); ++i) {
        const double p = one.correlations[i].stats.p_permutation, q = two.correlations[i].stats.p_permutation;
        CHECK((p == q || (std::isnan(p) && std::isnan(q))));  // NaN: a measure constant across schools
    }
}
