#include "engine/network.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

namespace {
NetworkOptions two_types(bool directed, Combine duplicates = Combine::max, Combine combine = Combine::sum) {
    NetworkOptions o;
    o.directed = directed;
    o.duplicates = duplicates;
    o.combine = combine;
    o.types = {{"project", 1.0, true, "P"}, {"social", 0.5, true, "S"}};
    return o;
}
std::vector<Person> people(std::size_t n) {
    std::vector<Person> p(n);
    for (std::size_t i = 0; i < n; ++i) p[i].id = std::string(1, char('a' + i));
    return p;
}
}  // namespace

TEST_CASE("rows a,b and b,a of one type are one undirected tie", "[engine][network]") {
    const Network net = build_network(people(3), {}, {{0, 1, 0, 0, 2.0}, {1, 0, 0, 0, 3.0}}, two_types(false));
    CHECK(net.tie_count() == 1);
    REQUIRE(net.ties.size() == 1);
    CHECK(net.ties[0].weight == 3.0);  // duplicates: max
    CHECK(arc_weight(net, 0, 1) == 3.0);
    CHECK(arc_weight(net, 1, 0) == 3.0);
    CHECK(arc_weight(net, 0, 2) == 0.0);
}

TEST_CASE("duplicate rules combine weights of one type", "[engine][network]") {
    const std::vector<TieRow> rows = {{0, 1, 0, 0, 2.0}, {1, 0, 0, 0, 4.0}};
    CHECK(build_network(people(2), {}, rows, two_types(false, Combine::sum)).ties[0].weight == 6.0);
    CHECK(build_network(people(2), {}, rows, two_types(false, Combine::mean)).ties[0].weight == 3.0);
    CHECK(build_network(people(2), {}, rows, two_types(false, Combine::min)).ties[0].weight == 2.0);
    CHECK(build_network(people(2), {}, rows, two_types(false, Combine::first)).ties[0].weight == 2.0);
}

TEST_CASE("a directed network keeps a,b and b,a apart", "[engine][network]") {
    const Network net = build_network(people(2), {}, {{0, 1, 0, 0, 2.0}, {1, 0, 0, 0, 3.0}}, two_types(true));
    CHECK(net.tie_count() == 2);
    CHECK(arc_weight(net, 0, 1) == 5.0);  // both arcs, ignoring direction
}

TEST_CASE("types add up between a pair, each times its type weight", "[engine][network]") {
    const std::vector<TieRow> rows = {{0, 1, 0, 0, 2.0}, {0, 1, 1, 0, 2.0}};
    const Network sum = build_network(people(2), {}, rows, two_types(false));
    CHECK(sum.ties.size() == 2);      // the multiplex view keeps both types
    CHECK(sum.tie_count() == 1);      // the combined graph has one tie
    CHECK(arc_weight(sum, 0, 1) == 3.0);  // 2*1 + 2*0.5
    CHECK(arc_weight(build_network(people(2), {}, rows, two_types(false, Combine::max, Combine::count)), 0, 1) == 2.0);
    CHECK(arc_weight(build_network(people(2), {}, rows, two_types(false, Combine::max, Combine::max)), 0, 1) == 2.0);
}

TEST_CASE("a layer keeps one tie type", "[engine][network]") {
    const Network net = build_network(people(3), {}, {{0, 1, 0, 0, 1.0}, {1, 2, 1, 0, 1.0}}, two_types(false));
    const Network social = layer(net, 1);
    CHECK(social.tie_count() == 1);
    CHECK(arc_weight(social, 1, 2) == 0.5);
    CHECK(arc_weight(social, 0, 1) == 0.0);
}

TEST_CASE("self-ties are refused by the engine", "[engine][network]") {
    CHECK_THROWS_WITH(build_network(people(2), {}, {{1, 1, 0, 0, 1.0}}, two_types(false)),
                      Catch::Contains("self-tie of 'b'"));
}

TEST_CASE("neighbours ignore direction and repeat no one", "[engine][network]") {
    const Network net = test::graph(4, {{0, 1}, {1, 0}, {2, 0}}, true);
    CHECK(neighbours(net, 0) == std::vector<Vertex>{1, 2});
    CHECK(neighbours(net, 3).empty());
}
