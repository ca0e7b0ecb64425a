#include "engine/patterns.hpp"
#include "engine/school_measures.hpp"
#include "engine/school_statistics.hpp"

#include <catch2/catch.hpp>

#include <cctype>
#include <cmath>

using namespace staffnet;

namespace {

// District member d; school A: leader a1, staff a2, a3; school B: leader b1 (no district tie), staff b2.
// Ties: d-a1 (contact_exchange, close), a1-a2, a2-a3, a1-a3 (a triangle), b1-b2, a3-b2 (cross-school).
Network small_district() {
    const auto person = [](std::string id, std::string role, std::string school, bool responded, std::string group) {
        std::string name = id;
        name[0] = char(std::toupper(name[0]));
        return Person{id, Label(name), Label(role), Label(school), responded, {group}};
    };
    std::vector<Person> people = {person("d", "district_team", "", true, "x"),   person("a1", "school_leader", "A", true, "x"),
                                  person("a2", "staff", "A", true, "y"),         person("a3", "staff", "A", true, "y"),
                                  person("b1", "school_leader", "B", true, "x"), person("b2", "staff", "B", true, "y"),
                                  person("b3", "staff", "B", true, "y"),         person("b4", "staff", "B", false, "z")};
    NetworkOptions options;
    options.types = {{"past_collaboration", 1.0, false, "C"}, {"contact_exchange", 1.0, true, "X"}};
    const std::vector<TieRow> rows = {{0, 1, 1, 0, 2.0}, {1, 2, 0, 0, 1.0}, {2, 3, 0, 0, 1.0},
                                      {1, 3, 0, 0, 1.0}, {4, 5, 0, 0, 1.0}, {3, 5, 0, 0, 1.0}};
    return build_network(std::move(people), {"team"}, rows, options);
}

SchoolTable two_schools() { return {{"pl"}, {}, {{"A", "Alder", {0.9}, {}}, {"B", "Birch", {0.2}, {}}}}; }

double column(const std::vector<SchoolColumn>& cols, const std::string& name, std::size_t school) {
    for (const SchoolColumn& c : cols)
        if (c.name == name) return c.values.at(school);
    FAIL("no column " << name);
    return NAN;
}

}  // namespace

TEST_CASE("per-school measures on a hand-made district", "[engine][schools]") {
    const Network net = small_district();
    const auto cols = school_measures(net, two_schools(), VertexScores(net.size(), 0.5));
    CHECK(column(cols, "people", 0) == 3);
    CHECK(column(cols, "internal_ties", 0) == 3);
    CHECK(column(cols, "internal_density", 0) == 1.0);             // a complete triangle
    CHECK(column(cols, "internal_density", 1) == Approx(1.0 / 6));  // 1 of C(4,2) = 6 pairs
    CHECK(column(cols, "median_internal_degree", 1) == 0.5);        // degrees 1, 1, 0, 0
    CHECK(column(cols, "district_ties", 0) == 1);
    CHECK(column(cols, "district_members", 0) == 1);
    CHECK(column(cols, "strongest_district_tie", 0) == 2);
    CHECK(column(cols, "has_close_connection", 0) == 1);
    CHECK(column(cols, "has_close_connection", 1) == 0);
    CHECK(column(cols, "leaders_without_district_tie", 1) == 1);
    // B's responding staff: b2 (tied) and b3 (no ties); b4 did not respond and is not counted.
    CHECK(column(cols, "share_staff_isolated", 1) == 0.5);
    // A: external ties d-a1 and a3-b2 (E = 2), internal 3: (2 - 3) / 5.
    CHECK(column(cols, "ei_index", 0) == Approx(-0.2));
    CHECK(column(cols, "mean_betweenness", 0) == 0.5);
}

TEST_CASE("pattern probes suppress small groups", "[engine][patterns]") {
    const auto rows = pattern_probes(small_district(), {.min_group_size = 3});
    const auto find = [&](const std::string& attribute, const std::string& group) {
        for (const GroupPattern& g : rows)
            if (g.attribute == attribute && g.group == group) return g;
        FAIL("no group " << attribute << "=" << group);
        return GroupPattern{};
    };
    const GroupPattern staff = find("role", "staff");
    CHECK(staff.people == 5);
    // Staff a2, a3, b2, b3 responded; b3 has no ties: 1 of 4. b4 (no response) is missing data.
    CHECK(staff.isolation_rate == Approx(0.25));
    CHECK(staff.mean_degree == Approx((2 + 3 + 2 + 0 + 0) / 5.0));
    CHECK(find("role", "district_team").suppressed);
    CHECK(std::isnan(find("role", "district_team").mean_degree));
    CHECK(find("team", "z").suppressed);
}

TEST_CASE("regressions take school measures and categorical controls", "[engine][statistics]") {
    SchoolTable schools{{"uptake"}, {"level"}, {}};
    const std::vector<std::string> levels = {"elementary", "high", "middle"};
    std::vector<double> ties;
    for (int i = 0; i < 30; ++i) {
        ties.push_back(i % 7);
        schools.schools.push_back({"S" + std::to_string(i), "", {0.1 * (i % 7) + 0.05 * (i % 3)}, {levels[i % 3]}});
    }
    const std::vector<SchoolColumn> measures = {{"district_ties", "", ties}};
    const auto rows = regressions(measures, schools, {{"uptake", "auto", {"district_ties"}, {"level", "nonsense"}}});
    REQUIRE(rows.size() == 1);
    const Regression& r = rows[0].result;
    REQUIRE(r.terms.size() == 4);  // intercept, district_ties, level=high, level=middle
    CHECK(r.terms[1].estimate == Approx(0.1));
    CHECK(r.terms[2].name == "level=high");
    CHECK(r.terms[2].estimate == Approx(0.05));
    CHECK(r.terms[3].estimate == Approx(0.10));
    CHECK(r.warnings.front() == "'nonsense' is neither a school measure nor a schools.csv column; left out");
}
