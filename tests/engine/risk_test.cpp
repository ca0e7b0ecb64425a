#include "engine/risk.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace staffnet;

namespace {

// District team d1, d2. School A: leader a (tied to d1 only), staff a1..a3 in a triangle with a.
// School B: leader b (no district tie; tied to a and to b1), staff b1, b2 (b2: one tie to b1),
// b3 (no ties), b4 (did not respond, no ties). School C: leader c with no ties at all.
Network district() {
    std::vector<Person> people;
    const auto add = [&](std::string id, std::string name, std::string role, std::string school, bool responded = true) {
        people.push_back({std::move(id), Label(name), Label(role), Label(school), responded, {}});
    };
    add("d1", "Maria Lee", "district_team", "");
    add("d2", "Sam Ortiz", "district_team", "");
    add("a", "Ann Park", "school_leader", "A");
    add("a1", "A One", "staff", "A");
    add("a2", "A Two", "staff", "A");
    add("b", "Bo Chen", "school_leader", "B");
    add("b1", "B One", "staff", "B");
    add("b2", "B Two", "staff", "B");
    add("b3", "B Three", "staff", "B");
    add("b4", "B Four", "staff", "B", false);
    add("c", "Cy Diaz", "school_leader", "C");
    NetworkOptions options;
    options.types = {{"social", 1.0, true, "S"}};
    const std::vector<std::pair<Vertex, Vertex>> ties = {{0, 1}, {0, 2}, {2, 3}, {3, 4}, {2, 4}, {5, 2}, {5, 6}, {6, 7}};
    std::vector<TieRow> rows;
    for (const auto& [u, v] : ties) rows.push_back({u, v, 0, 0, 1.0});
    return build_network(std::move(people), {}, rows, options);
}

const RiskEntry& entry(const Network& net, const std::vector<RiskEntry>& list, const std::string& id) {
    const auto it = std::find_if(list.begin(), list.end(), [&](const RiskEntry& e) { return net.people[e.person].id == id; });
    REQUIRE(it != list.end());
    return *it;
}

bool has(const RiskEntry& e, const std::string& reason) {
    return std::find(e.reasons.begin(), e.reasons.end(), reason) != e.reasons.end();
}

}  // namespace

TEST_CASE("each isolation reason is given where it applies", "[engine][risk]") {
    const Network net = district();
    std::vector<char> low(net.size(), 0);
    low[5] = low[6] = low[7] = low[8] = low[9] = 1;  // school B is in the bottom quartile
    const auto list = person_risk(net, low);

    const RiskEntry& c = entry(net, list, "c");
    CHECK(has(c, "no ties at all"));
    CHECK(has(c, "no tie to any district team member"));
    CHECK(c.score == 4 + 4);
    CHECK(c.level == "high");

    const RiskEntry& b = entry(net, list, "b");
    CHECK(has(b, "no tie to any district team member"));
    CHECK(has(b, "only connection to the district runs through one person (A. Park)"));
    CHECK(has(b, "not in any 2-core"));
    CHECK(has(b, "school participation in bottom quartile"));
    CHECK(b.score == 4 + 1.5 + 1 + 1);

    const RiskEntry& a = entry(net, list, "a");
    CHECK(has(a, "tied to only one district team member (M. Lee)"));
    CHECK(a.level == "low");

    const RiskEntry& b2 = entry(net, list, "b2");
    CHECK(has(b2, "only one tie"));
    CHECK(has(b2, "4 steps from the district team"));  // b2-b1-b-a-d1
    CHECK(!has(b2, "no tie to any district team member"));  // staff reach the district through leaders

    CHECK(has(entry(net, list, "b3"), "no ties at all"));
    CHECK(!has(entry(net, list, "b3"), "no ties inside own school"));  // implied by no ties at all

    const RiskEntry& b4 = entry(net, list, "b4");
    CHECK(b4.level == "no data");
    CHECK(b4.reasons == std::vector<std::string>{"did not take part in the mapping, and no one named them"});

    SECTION("leaders come first within a level, non-respondents last") {
        CHECK(net.people[list.front().person].id == "c");
        CHECK(list.back().level == "no data");
    }
    SECTION("suggested contacts: the closest district member, with why") {
        REQUIRE(b.contacts.size() == 2);
        CHECK(net.people[b.contacts[0].member].id == "d1");
        CHECK(b.contacts[0].why == "2 steps away, 1 mutual colleague");
        CHECK(c.contacts[0].why == "no existing connection");
    }
}

TEST_CASE("the isolate rule is configurable", "[engine][risk]") {
    const Network net = district();
    const auto cut_off = person_risk(net, {}, {.rule = IsolateRule::cut_off});
    CHECK(has(entry(net, cut_off, "c"), "cut off: no path to anyone on the district team"));
    const auto peripheral = person_risk(net, {}, {.rule = IsolateRule::peripheral});
    CHECK(has(entry(net, peripheral, "b2"), "on the edge of the network: not in any 2-core"));
    CHECK(std::string(rule_name(IsolateRule::never_named)) == "never_named");
}

TEST_CASE("school risk, bottom quartile and the outreach cover", "[engine][risk]") {
    const Network net = district();
    SchoolTable schools{{"pl", "hours"}, {}, {{"A", "Alder", {0.9, 2}, {}}, {"B", "Birch", {0.1, 40}, {}}, {"C", "Cedar", {0.5, 10}, {}}}};
    // Composite percentile (higher pl, lower hours better): A 1, C 0.5, B 0; the R type-7 lower
    // quartile of {0, 0.5, 1} is 0.25, so only B is marked.
    CHECK(bottom_quartile_schools(schools, {{"pl", true}, {"hours", false}}) == std::vector<char>{0, 1, 0});
    const auto measures = school_measures(net, schools, {});
    const auto list = school_risk(net, schools, measures, {0, 1, 0});
    const auto find = [&](std::size_t s) { return *std::find_if(list.begin(), list.end(), [&](const RiskEntry& e) { return e.person == s; }); };
    CHECK(has(find(2), "no tie to any district team member"));
    CHECK(has(find(1), "no tie to any district team member"));
    CHECK(has(find(1), "participation in bottom quartile"));
    CHECK(has(find(0), "only connection to the district runs through one person (M. Lee)"));
    // d1 is two steps from b (via a): one member covers B; C has no path at all.
    const auto cover = outreach_cover(net, schools, {1, 2});
    REQUIRE(cover.size() == 1);
    CHECK(net.people[cover[0].member].id == "d1");
    CHECK(cover[0].schools == std::vector<std::size_t>{1});
}

TEST_CASE("short names for reasons", "[engine][risk]") {
    CHECK(short_name("Maria Lee") == "M. Lee");
    CHECK(short_name("Marcus Bell, Jr.") == "M. Bell");
    CHECK(short_name("José Núñez") == "J. Núñez");
    CHECK(short_name("陈伟") == "陈伟");
}
