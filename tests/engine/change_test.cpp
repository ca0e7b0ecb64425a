// Change between two waves on graphs small enough to count by hand.
#include "engine/change.hpp"
#include "engine/centrality.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace staffnet;

namespace {

struct Row {
    std::string source, target, type = "work";
    double weight = 1;
};

// A wave over people with these ids, ties of the types "work" and "social" (weights add up).
Network wave(const std::vector<std::string>& ids, const std::vector<Row>& ties, bool directed = false,
             const std::vector<std::string>& roles = {}) {
    std::vector<Person> people;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        people.push_back({ids[i], Label(ids[i]), Label(i < roles.size() ? roles[i] : "staff"), Label("S1"), true, {}});
        if (ids[i].front() == '?') people.back().responded = false;  // "?x" did not take part
    }
    const auto at = [&](const std::string& id) { return Vertex(std::find(ids.begin(), ids.end(), id) - ids.begin()); };
    std::vector<TieRow> rows;
    for (const Row& r : ties) rows.push_back({at(r.source), at(r.target), r.type == "work" ? 0u : 1u, 0, r.weight});
    NetworkOptions options;
    options.directed = directed;
    options.types = {{"work", 1.0, true, "W"}, {"social", 1.0, true, "S"}};
    return build_network(std::move(people), {}, rows, options);
}

// "status source-target" for each tie, in order.
std::vector<std::string> listed(const TieDiff& diff, const Matching& m, const std::vector<TieChange>& ties) {
    std::vector<std::string> out;
    for (const TieChange& t : ties)
        out.push_back(std::string(status_name(t.status)) + " " + m.ids[t.source] + "-" + m.ids[t.target] +
                      (t.type == not_in_wave ? "" : " " + diff.types[t.type]));
    return out;
}

}  // namespace

TEST_CASE("ties are new, dissolved or stable, and Jaccard is stable over either", "[engine][change]") {
    // Before: a-b, b-c, c-d (strength 2). After: a-b, c-d (strength 3), a-d.
    const Network before = wave({"a", "b", "c", "d"}, {{"a", "b"}, {"b", "c"}, {"c", "d", "work", 2}});
    const Network after = wave({"a", "b", "c", "d"}, {{"a", "b"}, {"c", "d", "work", 3}, {"d", "a"}});
    const Matching m = match_people(before, after);
    const TieDiff diff = diff_ties(before, after, m);
    CHECK(listed(diff, m, diff.ties) ==
          std::vector<std::string>{"new a-d work", "dissolved b-c work", "stable a-b work", "stable c-d work"});
    const TieCounts& c = diff.per_type[0];
    CHECK(c.stable == 2);
    CHECK(c.added == 1);
    CHECK(c.dissolved == 1);
    CHECK(c.strengthened == 1);  // c-d: 2 -> 3
    CHECK(c.weakened == 0);
    CHECK(c.before == 3);
    CHECK(c.after == 3);
    CHECK(c.jaccard() == Approx(2.0 / 4.0));  // {a-b, c-d} over {a-b, b-c, c-d, a-d}
    CHECK(std::isnan(diff.per_type[1].jaccard()));  // no social ties in either wave
    CHECK(diff.ties[3].weight_before == 2);
    CHECK(diff.ties[3].weight_after == 3);
    CHECK(std::isnan(diff.ties[0].weight_before));  // a-d is not in the earlier wave
}

TEST_CASE("change is counted per tie type, over all types and for the combined network", "[engine][change]") {
    // Before: a-b work and social, b-c social. After: a-b work, b-c work and social.
    const Network before = wave({"a", "b", "c"}, {{"a", "b"}, {"a", "b", "social"}, {"b", "c", "social"}});
    const Network after = wave({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}, {"b", "c", "social"}});
    const Matching m = match_people(before, after);
    const TieDiff diff = diff_ties(before, after, m);
    REQUIRE(diff.types == std::vector<std::string>{"work", "social"});
    CHECK(diff.per_type[0].jaccard() == Approx(0.5));  // work: {a-b} kept of {a-b, b-c}
    CHECK(diff.per_type[1].jaccard() == Approx(0.5));  // social: {b-c} kept of {a-b, b-c}
    CHECK(diff.all_types.stable == 2);
    CHECK(diff.all_types.added == 1);
    CHECK(diff.all_types.dissolved == 1);
    CHECK(diff.all_types.jaccard() == Approx(0.5));
    // Combined, both pairs stay tied: a-b weakens from 2 types to 1, b-c strengthens from 1 to 2.
    CHECK(listed(diff, m, diff.pairs) == std::vector<std::string>{"stable a-b", "stable b-c"});
    CHECK(diff.combined.jaccard() == Approx(1.0));
    CHECK(diff.combined.weakened == 1);
    CHECK(diff.combined.strengthened == 1);
    CHECK(diff.pairs[0].weight_before == 2);
    CHECK(diff.pairs[0].weight_after == 1);
}

TEST_CASE("ties of people in only one wave are not counted as change", "[engine][change]") {
    // a leaves, d joins: a-b goes with a, c-d comes with d; b-c stays.
    const Network before = wave({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}});
    const Network after = wave({"b", "c", "d"}, {{"c", "b"}, {"c", "d"}});
    const Matching m = match_people(before, after);
    CHECK(m.ids == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(m.before == std::vector<std::size_t>{0, 1, 2, not_in_wave});
    CHECK(m.after == std::vector<std::size_t>{not_in_wave, 0, 1, 2});
    const TieDiff diff = diff_ties(before, after, m);
    CHECK(listed(diff, m, diff.ties) == std::vector<std::string>{"new_person c-d work", "person_left a-b work", "stable b-c work"});
    CHECK(diff.combined.jaccard() == Approx(1.0));
    CHECK(diff.combined.new_person == 1);
    CHECK(diff.combined.person_left == 1);
    const Network merged = merged_network(before, after, m);
    CHECK(merged.size() == 4);
    CHECK(merged.tie_count() == 3);
}

TEST_CASE("a reversed arc is change when directed and none when undirected", "[engine][change]") {
    const std::vector<std::string> ids = {"a", "b"};
    SECTION("directed") {
        const Network before = wave(ids, {{"a", "b"}}, true), after = wave(ids, {{"b", "a"}}, true);
        const Matching m = match_people(before, after);
        const TieDiff diff = diff_ties(before, after, m);
        CHECK(listed(diff, m, diff.ties) == std::vector<std::string>{"new b-a work", "dissolved a-b work"});
        CHECK(diff.combined.jaccard() == Approx(0.0));
    }
    SECTION("undirected") {
        const Network before = wave(ids, {{"a", "b"}}), after = wave(ids, {{"b", "a"}});
        const TieDiff diff = diff_ties(before, after, match_people(before, after));
        CHECK(diff.combined.jaccard() == Approx(1.0));
    }
    SECTION("waves of different kinds are not compared") {
        const Network before = wave(ids, {{"a", "b"}}, true), after = wave(ids, {{"a", "b"}});
        CHECK_THROWS_WITH(diff_ties(before, after, match_people(before, after)),
                          "one wave is directed and the other is not; compare waves with the same network.directed");
    }
}

TEST_CASE("per-person scores are aligned by id, with blanks for absent people and labels", "[engine][change]") {
    // Path a-b-c, then the star a-b, a-c: degree [1,2,1] -> [2,1,1].
    const Network before = wave({"a", "b", "c"}, {{"a", "b"}, {"b", "c"}});
    const Network after = wave({"a", "b", "c"}, {{"a", "b"}, {"a", "c"}});
    const Matching m = match_people(before, after);
    const ScoreChange d = score_change("degree", degree(before), degree(after), m);
    CHECK(d.change == std::vector<double>{1, -1, 0});
    CHECK(std::isnan(score_change("community", {1, 1, 1}, {1, 1, 1}, m, true).change[0]));  // labels have no difference

    const Matching partial = match_ids({"a", "b"}, {"b", "c"});
    const ScoreChange s = score_change("degree", {1, 2}, {3, 4}, partial);
    CHECK(s.before[1] == 2);
    CHECK(s.after[1] == 3);
    CHECK(s.change[1] == 1);
    CHECK(std::isnan(s.after[0]));   // a left
    CHECK(std::isnan(s.change[0]));
    CHECK(std::isnan(s.before[2]));  // c joined
}

TEST_CASE("isolation transitions follow the risk lists' isolate rule", "[engine][change]") {
    SECTION("no_ties: who lost and who gained their ties") {
        // Before: a-b, d-e; c and f alone. After: a-c, d-e; b and f alone. ?g never responded.
        const std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f", "?g"};
        const Network before = wave(ids, {{"a", "b"}, {"d", "e"}}), after = wave(ids, {{"a", "c"}, {"d", "e"}});
        const std::vector<IsolationChange> changes = isolation_changes(before, after, match_people(before, after), IsolateRule::no_ties);
        REQUIRE(changes.size() == 3);  // ?g has no ties in either wave, but that is missing data
        CHECK(changes[0].person == 1);
        CHECK(changes[0].change == "into_isolation");
        CHECK(changes[0].reasons == std::vector<std::string>{"now isolated (no ties at all)", "lost ties to a"});
        CHECK(changes[1].person == 5);
        CHECK(changes[1].change == "still_isolated");
        CHECK(changes[1].reasons == std::vector<std::string>{"isolated in both waves (no ties at all)"});
        CHECK(changes[2].person == 2);
        CHECK(changes[2].change == "out_of_isolation");
        CHECK(changes[2].before == Isolation::isolated);
        CHECK(changes[2].after == Isolation::connected);
        CHECK(changes[2].reasons == std::vector<std::string>{"was isolated (no ties at all)", "new ties to a"});
    }
    SECTION("cut_off: a colleague's new tie brings a whole group within reach of the district") {
        // Before: D-a, b-c (b and c cut off). After: D-a, a-b, b-c.
        const std::vector<std::string> ids = {"D", "a", "b", "c"};
        const std::vector<std::string> roles = {"district_team", "staff", "staff", "staff"};
        const Network before = wave(ids, {{"D", "a"}, {"b", "c"}}, false, roles);
        const Network after = wave(ids, {{"D", "a"}, {"a", "b"}, {"b", "c"}}, false, roles);
        const std::vector<IsolationChange> changes = isolation_changes(before, after, match_people(before, after), IsolateRule::cut_off);
        REQUIRE(changes.size() == 2);
        CHECK(changes[0].reasons ==
              std::vector<std::string>{"was isolated (cut off: no path to anyone on the district team)", "new ties to a"});
        CHECK(changes[1].reasons == std::vector<std::string>{"was isolated (cut off: no path to anyone on the district team)"});
    }
    SECTION("someone in one wave only cannot be compared") {
        const Network before = wave({"a", "b"}, {{"a", "b"}}), after = wave({"a", "b", "n"}, {{"a", "b"}});
        const std::vector<IsolationChange> changes = isolation_changes(before, after, match_people(before, after), IsolateRule::no_ties);
        REQUIRE(changes.size() == 1);
        CHECK(changes[0].change == "not_comparable");
        CHECK(changes[0].before == Isolation::absent);
        CHECK(changes[0].reasons == std::vector<std::string>{"isolated in the later wave (no ties at all)", "not in the earlier wave"});
    }
}

TEST_CASE("the change in a school correlation has a paired bootstrap interval", "[engine][change]") {
    // Five schools; participation y = 1..5 in both waves. Connectedness x = 1..5 before (rho 1),
    // then the last two swap: rho = 1 - 6·Σd²/(n(n²-1)) = 1 - 6·2/120 = 0.9.
    SchoolTable schools;
    schools.measure_names = {"y"};
    for (int s = 1; s <= 5; ++s) schools.schools.push_back({"S" + std::to_string(s), "", {double(s)}, {}});
    const std::vector<SchoolColumn> before = {{"x", "", {1, 2, 3, 4, 5}}}, after = {{"x", "", {1, 2, 3, 5, 4}}};
    const CorrelationOptions options{.permutations = 100, .bootstrap = 500, .seed = 7};
    const std::vector<CorrelationRow> rows_before = correlation_table(before, schools, {{"y", true}}, options);
    const std::vector<CorrelationRow> rows_after = correlation_table(after, schools, {{"y", true}}, options);
    std::vector<std::string> ids;
    for (const School& s : schools.schools) ids.push_back(s.id);
    const Matching m = match_ids(ids, ids);
    const auto changes = correlation_changes({&schools, &before, &rows_before}, {&schools, &after, &rows_after}, m, options);
    REQUIRE(changes.size() == 1);
    const CorrelationChange& c = changes[0];
    CHECK(c.before.spearman == Approx(1.0));
    CHECK(c.after.spearman == Approx(0.9));
    CHECK(c.change == Approx(-0.1));
    CHECK(c.paired == 5);
    // In every resample x and y agree before (rho 1 or undefined) and at most as well after.
    CHECK(c.ci_high <= 1e-12);
    CHECK(c.ci_low < c.ci_high);
    const auto again = correlation_changes({&schools, &before, &rows_before}, {&schools, &after, &rows_after}, m, options);
    CHECK(again[0].ci_low == c.ci_low);  // seeded
}
