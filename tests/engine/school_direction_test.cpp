// Which way each school measure points, and what "toward better" means for the correlations.
#include "engine/school_statistics.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace staffnet;

TEST_CASE("each school measure says whether higher means more or less connection", "[engine][schools]") {
    const Network net = build_network({{"d", Label("D"), Label("district_team"), Label(""), true, {}},
                                       {"a", Label("A"), Label("staff"), Label("S"), true, {}}},
                                      {}, {}, {});
    const SchoolTable schools{{}, {}, {{"S", "Spruce", {}, {}}}};
    std::map<std::string, int> connection;
    for (const SchoolColumn& c : school_measures(net, schools, {})) connection[c.name] = c.connection;
    CHECK(connection.at("people") == 0);  // school size: a control, not a connectedness measure
    CHECK(connection.at("share_staff_isolated") == -1);
    CHECK(connection.at("leaders_without_district_tie") == -1);
    CHECK(connection.at("internal_centralization") == -1);
    CHECK(connection.at("district_ties") == 1);
    CHECK(connection.at("internal_density") == 1);
}

TEST_CASE("rho toward better means more connection goes with better participation", "[engine][statistics]") {
    CorrelationRow row;
    row.stats.spearman = 0.5;
    CHECK(rho_toward_better(row) == 0.5);
    row.higher_is_better = false;  // e.g. email_response_hours
    CHECK(rho_toward_better(row) == -0.5);
    row.connection = -1;  // e.g. share_staff_isolated: isolation and slow replies rise together
    CHECK(rho_toward_better(row) == 0.5);
    row.higher_is_better = true;
    CHECK(rho_toward_better(row) == -0.5);
}

TEST_CASE("school size is not correlated as a connectedness measure", "[engine][statistics]") {
    const SchoolTable schools{{"y"}, {}, {{"A", "", {1}, {}}, {"B", "", {2}, {}}, {"C", "", {3}, {}}, {"D", "", {5}, {}}}};
    const std::vector<SchoolColumn> measures = {{"people", "size", {10, 20, 30, 40}, 0},
                                                {"share_staff_isolated", "isolated", {0.4, 0.3, 0.2, 0.1}, -1}};
    const auto rows = correlation_table(measures, schools, {{"y", true}}, {.permutations = 99, .bootstrap = 99, .seed = 1});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].school_measure == "share_staff_isolated");
    CHECK(rows[0].stats.spearman == Approx(-1.0));  // the less isolated, the higher y
    CHECK(rows[0].connection == -1);
    CHECK(rho_toward_better(rows[0]) == Approx(1.0));
}
