// Small-cell suppression that holds against subtraction: patterns.csv and the report's table.
#include "engine/patterns.hpp"
#include "io/results.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

namespace {
// a..l: staff a-f, school leaders g-l; team x = {a, b}, y = {c..g}, z = {h..l}; grade p = {a},
// q = {b, c}, r = the other nine. Ties a-c, c-d, e-f, h-i.
Network twelve() {
    Network net = test::graph(12, {{0, 2}, {2, 3}, {4, 5}, {7, 8}});
    net.attribute_names = {"team", "grade"};
    for (Vertex v = 0; v < 12; ++v) {
        net.people[v].role = v < 6 ? "staff" : "school_leader";
        net.people[v].attributes = {v < 2 ? "x" : v < 7 ? "y" : "z", v == 0 ? "p" : v < 3 ? "q" : "r"};
    }
    return net;
}
}  // namespace

TEST_CASE("when one group of an attribute is suppressed, the next-smallest is hidden with it", "[io][patterns]") {
    const std::vector<GroupPattern> rows = pattern_probes(twelve(), {.min_group_size = 5});
    // team: x (2 people) is too small; y and z have 5 each, so y (first by name) is hidden too. The
    // role rows (6 + 6) would otherwise give x's size and ties as 12 - 5 - 5 and by subtraction.
    // grade: p and q are both too small, which already hides each of them; r is shown.
    CHECK(patterns_csv(rows, 5) ==
          "attribute,group,people,isolation_rate,mean_degree,mean_district_ties,ei_index,suppressed\n"
          "role,school_leader,6,0.6666666666666666,0.3333333333333333,0,-1,\n"
          "role,staff,6,0.16666666666666666,1,0,-1,\n"
          "team,x,,,,,,fewer than 5 people\n"
          "team,y,,,,,,\"hidden with a smaller group, which the others would reveal by subtraction\"\n"
          "team,z,5,0.6,0.4,0,-1,\n"
          "grade,p,,,,,,fewer than 5 people\n"
          "grade,q,,,,,,fewer than 5 people\n"
          "grade,r,9,0.4444444444444444,0.5555555555555556,0,-0.3333333333333333,\n");
    SECTION("with no small group nothing is hidden") {
        for (const GroupPattern& g : pattern_probes(twelve(), {.min_group_size = 1})) CHECK_FALSE(g.suppressed);
    }
}
