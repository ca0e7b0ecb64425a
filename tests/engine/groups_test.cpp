#include "engine/brokerage.hpp"
#include "engine/communities.hpp"
#include "engine/ei_index.hpp"
#include "engine/groups.hpp"
#include "engine/spectral.hpp"
#include "engine/structural_holes.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <omp.h>

#include <cmath>
#include <numeric>

using namespace staffnet;
using test::bridged_triangles;

TEST_CASE("Louvain finds the two triangles and their modularity", "[engine][communities]") {
    const VertexScores c = louvain(bridged_triangles());
    CHECK(c == VertexScores{1, 1, 1, 2, 2, 2});  // equal sizes: the one with person 0 is first
    // m = 7; each triangle has L = 3 inside and degree total 7: Q = 2 * (3/7 - (7/14)^2) = 5/14.
    CHECK(modularity(bridged_triangles(), {"x", "x", "x", "y", "y", "y"}) == Approx(5.0 / 14.0));
    CHECK(modularity(bridged_triangles(), {"x", "x", "x", "x", "x", "x"}) == Approx(0.0).margin(1e-12));
    SECTION("the same seed gives the same communities") {
        const Network net = test::graph(8, {{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}, {4, 5}, {5, 3}, {6, 7}});
        CHECK(louvain(net, {.seed = 7}) == louvain(net, {.seed = 7}));
        CHECK(louvain(net)[6] == louvain(net)[7]);
    }
}

TEST_CASE("articulation points and bridges show single points of contact", "[engine][groups]") {
    CHECK(articulation_point(bridged_triangles()) == VertexScores{0, 0, 1, 1, 0, 0});
    CHECK(bridges(bridged_triangles()) == std::vector<std::pair<Vertex, Vertex>>{{2, 3}});
    CHECK(bridge_ties(test::path(3)) == VertexScores{1, 2, 1});
    CHECK(articulation_point(test::star(3)) == VertexScores{1, 0, 0, 0});
}

TEST_CASE("Gould-Fernandez brokerage roles by group", "[engine][brokerage]") {
    // a->b->c with no a->c: b brokers once; its role depends on the three groups.
    const Network net = test::graph(3, {{0, 1}, {1, 2}}, true);
    const auto role = [&](std::vector<std::string> g, BrokerageRole r) { return brokerage(net, g, r)[1]; };
    CHECK(role({"s", "s", "s"}, BrokerageRole::coordinator) == 1);
    CHECK(role({"s", "t", "s"}, BrokerageRole::itinerant) == 1);
    CHECK(role({"s", "s", "t"}, BrokerageRole::representative) == 1);
    CHECK(role({"s", "t", "t"}, BrokerageRole::gatekeeper) == 1);
    CHECK(role({"s", "t", "u"}, BrokerageRole::liaison) == 1);
    CHECK(role({"s", "t", "u"}, BrokerageRole::coordinator) == 0);
    SECTION("a closed triad brokers nothing") {
        const Network closed = test::graph(3, {{0, 1}, {1, 2}, {0, 2}}, true);
        CHECK(brokerage(closed, {"s", "s", "s"}, BrokerageRole::coordinator)[1] == 0);
    }
}

TEST_CASE("E-I index from tie counts", "[engine][ei]") {
    // Triangles in groups x and y joined by one bridge: E = 1, I = 6, EI = -5/7.
    const std::vector<std::string> groups = {"x", "x", "x", "y", "y", "y"};
    const EIIndex ei = ei_index(bridged_triangles(), groups, 200, 1);
    CHECK(ei.network == Approx(-5.0 / 7.0));
    REQUIRE(ei.groups.size() == 2);
    CHECK(ei.groups[0].first == "x");
    CHECK(ei.groups[0].second == Approx((1.0 - 3.0) / 4.0));
    // No relabelling of 3+3 people has fewer crossing ties, so every permutation is >= observed.
    CHECK(ei.p_greater == 1.0);
    CHECK(ei.p_less < 0.2);
    CHECK(ei_actor(bridged_triangles(), groups) == VertexScores{-1, -1, (1.0 - 2.0) / 3.0, (1.0 - 2.0) / 3.0, -1, -1});
    CHECK(std::isnan(ei_actor(test::graph(2, {}), {"x", "y"})[0]));
}

TEST_CASE("spectral centralities", "[engine][spectral]") {
    SECTION("PageRank sums to 1 and is uniform on a cycle") {
        const VertexScores pr = pagerank(test::graph(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, true));
        CHECK(std::accumulate(pr.begin(), pr.end(), 0.0) == Approx(1.0));
        CHECK(pr[2] == Approx(0.25));
    }
    SECTION("eigenvector of a star: hub 1/sqrt(2), leaves 1/sqrt(2k)") {
        const VertexScores x = eigenvector(test::star(4));
        CHECK(x[0] == Approx(std::sqrt(0.5)).epsilon(1e-9));
        CHECK(x[1] == Approx(std::sqrt(0.5 / 4)).epsilon(1e-9));
    }
    SECTION("undefined (blank) on a directed network without cycles") {
        CHECK(std::isnan(eigenvector(test::graph(3, {{0, 1}, {1, 2}}, true))[0]));
    }
}

TEST_CASE("Burt's constraint and effective size on a star", "[engine][structural_holes]") {
    // The hub's 3 contacts are unconnected: constraint 3 * (1/3)^2 = 1/3, effective size 3.
    CHECK(constraint(test::star(3))[0] == Approx(1.0 / 3.0));
    CHECK(effective_size(test::star(3))[0] == Approx(3.0));
    CHECK(constraint(test::star(3))[1] == Approx(1.0));  // a leaf depends on one contact
    CHECK(std::isnan(constraint(test::graph(2, {}))[0]));
}

TEST_CASE("the E-I permutation test gives the same numbers on 1 and 4 threads", "[engine][groups]") {
    const Network net = test::classic_network("zachary_karate", false, false);
    std::vector<std::string> groups(net.size());
    for (std::size_t v = 0; v < net.size(); ++v) groups[v] = v % 3 == 0 ? "a" : v % 3 == 1 ? "b" : "c";
    omp_set_num_threads(1);
    const EIIndex one = ei_index(net, groups, 2000, 5);
    omp_set_num_threads(4);
    const EIIndex four = ei_index(net, groups, 2000, 5);
    omp_set_num_threads(omp_get_num_procs());
    CHECK(one.expected == four.expected);
    CHECK(one.p_greater == four.p_greater);
    CHECK(one.p_less == four.p_less);
    CHECK(one.permutations == 2000);
    // Labels dealt at random are mostly across groups: E-I near its expectation under random
    // mixing, 1 - 2 * (1/3) = 1/3, give or take.
    CHECK(one.expected == Approx(1.0 / 3.0).margin(0.1));
}
