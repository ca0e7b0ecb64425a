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
    const auto list = person_risk(net);

    const RiskEntry& c = entry(net, list, "c");
    CHECK(has(c, "no ties at all"));
    CHECK(has(c, "no tie to any district team member"));
    CHECK(c.score == 4 + 4);
    CHECK(c.level == "high");

    const RiskEntry& b = entry(net, list, "b");
    CHECK(has(b, "no tie to any district team member"));
    // Both ends of the only link, in full names, with roles.
    CHECK(has(b, "only link to the district: Bo Chen (school leader) – Ann Park (school leader) – Maria Lee (district team)"));
    CHECK(has(b, "not part of any closely knit group (not in any 2-core)"));
    CHECK(b.score == 4 + 1.5 + 1);  // participation is never a risk reason

    const RiskEntry& a = entry(net, list, "a");
    CHECK(has(a, "tied to only one district team member (Maria Lee)"));
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
}

TEST_CASE("the isolate rule is configurable", "[engine][risk]") {
    const Network net = district();
    RiskOptions options;
    options.rule = IsolateRule::cut_off;
    const auto cut_off = person_risk(net, options);
    CHECK(has(entry(net, cut_off, "c"), "cut off: no path to anyone on the district team"));
    options.rule = IsolateRule::peripheral;
    const auto peripheral = person_risk(net, options);
    CHECK(has(entry(net, peripheral, "b2"), "on the edge of the network (not in any 2-core)"));
    CHECK(std::string(rule_name(IsolateRule::never_named)) == "never_named");
}

TEST_CASE("school risk is about connection; participation is shown beside it", "[engine][risk]") {
    const Network net = district();
    SchoolTable schools{{"pl", "hours"}, {}, {{"A", "Alder", {0.9, 2}, {}}, {"B", "Birch", {0.1, 40}, {}}, {"C", "Cedar", {0.5, 10}, {}}}};
    // Percentile ranks (higher pl, lower hours better): A 1 and 1, C 0.5 and 0.5, B 0 and 0.
    const std::vector<double> percentile = participation_percentiles(schools, {{"pl", true}, {"hours", false}});
    CHECK(percentile == std::vector<double>{100, 0, 50});
    const auto measures = school_measures(net, schools, {});
    const RiskLists lists = isolation_risk(net, schools, measures, percentile);
    const auto find = [&](std::size_t s) { return *std::find_if(lists.schools.begin(), lists.schools.end(), [&](const RiskEntry& e) { return e.person == s; }); };
    CHECK(has(find(2), "no tie to any district team member"));
    CHECK(has(find(1), "no tie to any district team member"));
    // B: no district tie 4, b3 of 3 responding staff isolated 1 (its density 0.2 is above the lower
    // quartile 0.1 of {0, 0.2, 1}); nothing for being the lowest on participation.
    CHECK(find(1).score == 5);
    CHECK(find(1).participation_percentile == 0);
    CHECK(has(find(0), "only link to the district: Ann Park (school leader) – Maria Lee (district team)"));
    CHECK(entry(net, lists.people, "b1").participation_percentile == 0);
    CHECK(entry(net, lists.people, "a1").participation_percentile == 100);
}

TEST_CASE("suggested contacts say through whom, and equally placed work is spread", "[engine][risk]") {
    const Network net = district();
    SchoolTable schools{{}, {}, {{"A", "Alder", {}, {}}, {"B", "Birch", {}, {}}, {"C", "Cedar", {}, {}}}};
    const auto measures = school_measures(net, schools, {});
    const auto first = [&](const RiskEntry& e) { return net.people[e.contacts.at(0).member].id; };
    const auto school = [&](const RiskLists& l, std::size_t s) { return *std::find_if(l.schools.begin(), l.schools.end(), [&](const RiskEntry& e) { return e.person == s; }); };
    const RiskLists lists = isolation_risk(net, schools, measures, {});
    // Flagged in turn: school B (5; d1 is 2 steps away through a), school C (5; no one connected),
    // then people c (8), b (6.5), b3 (4), b2 (3), b4 (no data).
    const RiskEntry& b = entry(net, lists.people, "b");
    REQUIRE(b.contacts.size() == 1);  // d2 reaches no one but d1: an introduction never goes through a colleague on the team
    CHECK(first(b) == "d1");
    CHECK(b.contacts[0].why == "2 steps away, through Ann Park");
    CHECK(school(lists, 1).contacts.at(0).why == "2 steps away, through Ann Park");
    CHECK(school(lists, 0).contacts.at(0).why == "already tied to Ann Park");
    // No one is connected to school C, c or b3: each goes to the member with the fewest so far.
    const std::string spread = "no one is connected yet; assigned to spread the outreach";
    CHECK(first(school(lists, 2)) == "d2");  // d1 already has school B
    CHECK(school(lists, 2).contacts.at(0).why == spread);
    const RiskEntry& c = entry(net, lists.people, "c");
    REQUIRE(c.contacts.size() == 1);
    CHECK(first(c) == "d1");  // one each so far: people.csv order
    CHECK(c.contacts[0].why == spread);
    CHECK(first(entry(net, lists.people, "b3")) == "d2");  // d1 has B, c and b; d2 has C
    CHECK(entry(net, lists.people, "b2").contacts.at(0).why == "4 steps away");

    SECTION("a cap per member hands the work to someone with room") {
        RiskOptions options;
        options.max_per_member = 2;
        const RiskLists capped = isolation_risk(net, schools, measures, {}, options);
        // d1 has school B and c when b comes up: d2 has room, though not connected.
        const RiskEntry& b_capped = entry(net, capped.people, "b");
        CHECK(first(b_capped) == "d2");
        CHECK(b_capped.contacts[0].why ==
              "not connected yet; the connected members already have 2 each (risk.max_per_member); assigned to spread the outreach");
    }
}

TEST_CASE("the outreach cover counts only a direct tie or one introduction by a school colleague", "[engine][risk]") {
    SECTION("on the test district, d1 covers Birch through Ann Park; no one covers Cedar") {
        const Network net = district();
        SchoolTable schools{{}, {}, {{"A", "Alder", {}, {}}, {"B", "Birch", {}, {}}, {"C", "Cedar", {}, {}}}};
        const auto cover = outreach_cover(net, schools, {1, 2});
        REQUIRE(cover.size() == 1);
        CHECK(net.people[cover[0].member].id == "d1");
        CHECK(cover[0].schools == std::vector<std::size_t>{1});
        REQUIRE(cover[0].how.size() == 1);
        CHECK(net.people[cover[0].how[0].via].id == "a");
        CHECK(net.people[cover[0].how[0].at].id == "b");
    }
    SECTION("a district colleague is not an introduction") {
        // d1 - y (school Y), d1 - d2, d2 - x (school X): d1 does not cover X through d2.
        std::vector<Person> people;
        for (const char* id : {"d1", "d2"}) people.push_back({id, Label(id), Label("district_team"), Label(""), true, {}});
        people.push_back({"x", Label("x"), Label("school_leader"), Label("X"), true, {}});
        people.push_back({"y", Label("y"), Label("school_leader"), Label("Y"), true, {}});
        NetworkOptions options;
        options.types = {{"social", 1.0, true, "S"}};
        const Network net = build_network(std::move(people), {}, {{0, 3, 0, 0, 1.0}, {0, 1, 0, 0, 1.0}, {1, 2, 0, 0, 1.0}}, options);
        SchoolTable schools{{}, {}, {{"X", "Xylem", {}, {}}, {"Y", "Yew", {}, {}}}};
        const auto cover = outreach_cover(net, schools, {0, 1});
        REQUIRE(cover.size() == 2);
        CHECK(cover[0].schools == std::vector<std::size_t>{1});  // d1 (first in people.csv): Yew only
        CHECK(cover[1].schools == std::vector<std::size_t>{0});  // d2: Xylem
    }
}

TEST_CASE("short names for reasons", "[engine][risk]") {
    CHECK(short_name("Maria Lee") == "M. Lee");
    CHECK(short_name("Marcus Bell, Jr.") == "M. Bell");
    CHECK(short_name("José Núñez") == "J. Núñez");
    CHECK(short_name("陈伟") == "陈伟");
}

TEST_CASE("scores are printed alike", "[engine][risk]") {
    CHECK(score_text(3.5) == "3.5");
    CHECK(score_text(2) == "2");
    CHECK(score_text(2.0 / 3) == "0.67");
    CHECK(score_text(-0.001) == "0");
    CHECK(score_text(NAN) == "");
}
