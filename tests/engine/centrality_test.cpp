#include "engine/centrality.hpp"
#include "engine/cohesion.hpp"
#include "engine/groups.hpp"
#include "engine/graph_measures.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <omp.h>

using namespace staffnet;
using test::bridged_triangles;
using test::path;
using test::star;

TEST_CASE("degree counts distinct colleagues", "[engine][centrality]") {
    CHECK(degree(star(4)) == VertexScores{4, 1, 1, 1, 1});
    SECTION("directed: in plus out, as NetworkX") {
        const Network net = test::graph(3, {{0, 1}, {1, 0}, {2, 0}}, true);
        CHECK(in_degree(net) == VertexScores{2, 1, 0});
        CHECK(out_degree(net) == VertexScores{1, 1, 1});
        CHECK(degree(net) == VertexScores{3, 2, 1});
    }
    SECTION("strength sums weights") {
        const Network net = test::graph(3, {{0, 1}, {1, 2}}, false, {2.0, 0.5});
        CHECK(strength(net) == VertexScores{2.0, 2.5, 0.5});
    }
}

TEST_CASE("betweenness counts each pair of colleagues once", "[engine][centrality]") {
    SECTION("the hub of a four-leaf star is on all C(4,2) = 6 leaf-to-leaf paths") {
        const VertexScores score = betweenness(star(4), {.normalized = false});
        CHECK(score[0] == Approx(6.0));
        CHECK(score[1] == Approx(0.0).margin(1e-12));
    }
    SECTION("normalized (the default), a star's hub scores 1") { CHECK(betweenness(star(4))[0] == Approx(1.0)); }
    SECTION("on the path a-b-c-d-e, the middle is on 2*2 = 4 pairs, b on 1*3 = 3") {
        const VertexScores score = betweenness(path(5), {.normalized = false});
        CHECK(score == VertexScores{0, 3, 4, 3, 0});
    }
    SECTION("two bridged triangles: each bridge end is on the 2*3 = 6 paths that cross it") {
        // Vertex 2 lies on paths from {0,1} to {3,4,5} (6 pairs); 3 symmetric.
        const VertexScores score = betweenness(bridged_triangles(), {.normalized = false});
        CHECK(score[2] == Approx(6.0));
        CHECK(score[3] == Approx(6.0));
        CHECK(score[0] == Approx(0.0).margin(1e-12));
    }
    SECTION("equal paths split the credit: on the square a-b-c-d-a, b and d share a-c") {
        const VertexScores score = betweenness(test::graph(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}}), {.normalized = false});
        CHECK(score == VertexScores{0.5, 0.5, 0.5, 0.5});
    }
    SECTION("directed: a->b->c puts b on one ordered path, normalised by (n-1)(n-2) = 2") {
        const Network net = test::graph(3, {{0, 1}, {1, 2}}, true);
        CHECK(betweenness(net, {.normalized = false})[1] == Approx(1.0));
        CHECK(betweenness(net)[1] == Approx(0.5));
    }
    SECTION("weighted: the strong two-step route beats the weak direct tie (length = 1/weight)") {
        // a-c weight 1 (length 1); a-b and b-c weight 4 (length 0.25 each): the path runs through b.
        const Network net = test::graph(3, {{0, 2}, {0, 1}, {1, 2}}, false, {1.0, 4.0, 4.0}, true);
        CHECK(betweenness(net, {.normalized = false})[1] == Approx(1.0));
    }
    SECTION("the result does not depend on the thread count") {
        const Network net = bridged_triangles();
        omp_set_num_threads(1);
        const VertexScores one = betweenness(net);
        omp_set_num_threads(2);
        CHECK(betweenness(net) == one);
    }
}

TEST_CASE("closeness applies the Wasserman-Faust correction", "[engine][centrality]") {
    SECTION("path a-b-c: the middle is 1 step from both, (2/2)") {
        const VertexScores c = closeness(path(3));
        CHECK(c[1] == Approx(1.0));
        CHECK(c[0] == Approx(2.0 / 3.0));  // distances 1+2
    }
    SECTION("a pair plus an isolate: (1/1) * (1/2), and the isolate scores 0") {
        const VertexScores c = closeness(test::graph(3, {{0, 1}}));
        CHECK(c[0] == Approx(0.5));
        CHECK(c[2] == 0.0);
    }
    SECTION("directed: incoming distance by default, outgoing on request") {
        const Network net = test::graph(3, {{0, 1}, {1, 2}}, true);  // a->b->c
        CHECK(closeness(net)[0] == 0.0);  // no one reaches a
        CHECK(closeness(net, {.direction = Direction::out})[0] == Approx(2.0 / 3.0));
        CHECK(closeness(net)[2] == Approx(2.0 / 3.0));
    }
}

TEST_CASE("harmonic centrality sums inverse distances", "[engine][centrality]") {
    CHECK(harmonic(path(3)) == VertexScores{1.5, 2.0, 1.5});
    CHECK(harmonic(test::graph(3, {{0, 1}}))[2] == 0.0);
}

TEST_CASE("clustering: share of closed pairs of neighbours", "[engine][cohesion]") {
    SECTION("bridged triangles: 1 for the inner corners, 1/3 for the bridge ends") {
        const VertexScores c = clustering(bridged_triangles());
        CHECK(c[0] == Approx(1.0));
        CHECK(c[2] == Approx(1.0 / 3.0));
    }
    SECTION("a star has no triangles") { CHECK(clustering(star(3)) == VertexScores{0, 0, 0, 0}); }
    SECTION("directed (Fagiolo): a cyclic triangle a->b->c->a gives 1/(2(2*1 - 0)) * 2 = 0.5") {
        // (A+At)^3_aa counts 2 closed walks; 2 * (d(d-1) - 2 d<->) = 2 * 2 = 4.
        const VertexScores c = clustering(test::graph(3, {{0, 1}, {1, 2}, {2, 0}}, true));
        CHECK(c[0] == Approx(0.5));
    }
}

TEST_CASE("k-core numbers", "[engine][cohesion]") {
    CHECK(core_number(bridged_triangles()) == VertexScores{2, 2, 2, 2, 2, 2});
    CHECK(core_number(star(3)) == VertexScores{1, 1, 1, 1});
    CHECK(core_number(test::graph(3, {{0, 1}})) == VertexScores{1, 1, 0});
}

TEST_CASE("components are numbered by size and isolates flagged", "[engine][groups]") {
    const Network net = test::graph(6, {{3, 4}, {4, 5}, {0, 1}});
    CHECK(component(net) == VertexScores{2, 2, 3, 1, 1, 1});
    CHECK(isolate(net) == VertexScores{0, 0, 1, 0, 0, 0});
    CHECK(count_components(net) == 3);
    CHECK(count_isolates(net) == 1);
}

TEST_CASE("density", "[engine][graph]") {
    CHECK(density(star(3)) == Approx(3.0 / 6.0));
    CHECK(density(test::graph(3, {{0, 1}, {1, 0}}, true)) == Approx(2.0 / 6.0));
}
