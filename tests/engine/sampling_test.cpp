// Sampled path measures (path_sources): which sources, their weights, and estimates checked
// against exact values where symmetry makes them equal.
#include "engine/centrality.hpp"
#include "engine/graph_measures.hpp"
#include "engine/paths.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <omp.h>

#include <numeric>

using namespace staffnet;

namespace {

// A ring of `ring` people (0..ring-1) and then `triangles` separate triangles.
Network ring_and_triangles(std::size_t ring, std::size_t triangles) {
    std::vector<std::pair<Vertex, Vertex>> ties;
    for (Vertex v = 0; v < ring; ++v) ties.emplace_back(v, Vertex((v + 1) % ring));
    for (std::size_t t = 0; t < triangles; ++t) {
        const Vertex a = Vertex(ring + 3 * t);
        ties.insert(ties.end(), {{a, a + 1}, {a + 1, a + 2}, {a, a + 2}});
    }
    return test::graph(ring + 3 * triangles, ties);
}

double mean(const VertexScores& x, std::size_t first, std::size_t last) {
    return std::accumulate(x.begin() + std::ptrdiff_t(first), x.begin() + std::ptrdiff_t(last), 0.0) / double(last - first);
}

}  // namespace

TEST_CASE("path_sources: everyone when exact, else small components in full and a seeded sample of the rest", "[engine][sampling]") {
    const Network net = ring_and_triangles(1000, 10);  // 1,030 people
    SECTION("no samples, or as many as people: everyone with weight 1") {
        for (std::size_t samples : {std::size_t(0), std::size_t(1030), std::size_t(5000)}) {
            const PathSources all = path_sources(net, samples, 42);
            CHECK_FALSE(all.sampled);
            CHECK(all.vertices.size() == 1030);
            CHECK(all.weight == std::vector<double>(1030, 1.0));
        }
    }
    SECTION("100 samples: triangles (3 <= 50 * 1030 / 100) in full, 100 of the ring's 1,000 standing for 10 each") {
        const PathSources some = path_sources(net, 100, 42);
        CHECK(some.sampled);
        REQUIRE(some.vertices.size() == 130);
        CHECK(std::is_sorted(some.vertices.begin(), some.vertices.end()));
        for (std::size_t i = 0; i < 100; ++i) {
            CHECK(some.vertices[i] < 1000);
            CHECK(some.weight[i] == 10.0);
        }
        for (std::size_t i = 100; i < 130; ++i) {
            CHECK(some.vertices[i] == Vertex(1000 + i - 100));
            CHECK(some.weight[i] == 1.0);
        }
        CHECK(path_sources(net, 100, 42).vertices == some.vertices);  // seeded
        CHECK(path_sources(net, 100, 7).vertices != some.vertices);
    }
    SECTION("a component too small to sample well is searched in full: here all of them, so nothing is sampled") {
        CHECK_FALSE(path_sources(ring_and_triangles(0, 300), 100, 42).sampled);
    }
}

TEST_CASE("sampled betweenness, closeness and harmonic are exact where searched in full and unbiased on a ring", "[engine][sampling]") {
    const Network net = ring_and_triangles(1000, 10);
    const VertexScores exact_b = betweenness(net), sampled_b = betweenness(net, {.samples = 100});
    const VertexScores exact_c = closeness(net), sampled_c = closeness(net, {.samples = 100});
    const VertexScores exact_h = harmonic(net), sampled_h = harmonic(net, {.samples = 100});
    SECTION("triangle members: every source that reaches them was searched") {
        for (std::size_t v = 1000; v < 1030; ++v) {
            CHECK(sampled_b[v] == 0.0);
            CHECK(sampled_c[v] == Approx(exact_c[v]).epsilon(1e-12));  // (2/2) * 2/1029
            CHECK(exact_c[v] == Approx(2.0 / 1029.0));
            CHECK(sampled_h[v] == Approx(2.0));
        }
    }
    SECTION("on the ring every source sees the same picture, so the weighted sums over sources are exact on average") {
        // Each ring source contributes the same total to the ring; weight 10 per source, 100 sources.
        CHECK(mean(sampled_b, 0, 1000) == Approx(mean(exact_b, 0, 1000)).epsilon(1e-9));
        CHECK(mean(sampled_h, 0, 1000) == Approx(mean(exact_h, 0, 1000)).epsilon(1e-9));
        // Individual closeness estimates (a ratio of two sums) scatter around the exact value: with
        // 100 of 1,000 sources, 6.5% off on average and 11.6% at most for this seed.
        for (std::size_t v = 0; v < 1000; ++v) CHECK(sampled_c[v] == Approx(exact_c[v]).epsilon(0.15));
    }
    SECTION("the estimates do not depend on the thread count") {
        const int before = omp_get_max_threads();
        omp_set_num_threads(1);
        const VertexScores one = betweenness(net, {.samples = 100});
        const VertexScores one_c = closeness(net, {.samples = 100});
        omp_set_num_threads(4);
        const VertexScores four = betweenness(net, {.samples = 100});
        const VertexScores four_c = closeness(net, {.samples = 100});
        omp_set_num_threads(before);
        CHECK(one == four);
        CHECK(one_c == four_c);
        CHECK(one == sampled_b);
    }
}

TEST_CASE("sampled distances on a ring: every source has the same distances, so both are exact", "[engine][sampling]") {
    const Network ring = ring_and_triangles(1000, 0);
    const Distances exact = distances(ring), sampled = distances(ring, {.samples = 60});
    CHECK(exact.diameter == 500);
    CHECK(sampled.diameter == 500);
    CHECK(sampled.largest_component == 1000);
    // Mean distance on an even ring of n: (n/2)^2 / (n - 1) = 250000 / 999.
    CHECK(exact.average_path_length == Approx(250000.0 / 999.0));
    CHECK(sampled.average_path_length == Approx(250000.0 / 999.0));
}

TEST_CASE("progress is reported once per search and reaches the total", "[engine][sampling]") {
    const Network net = ring_and_triangles(200, 0);
    std::size_t calls = 0, last = 0, total = 0;
    const int before = omp_get_max_threads();
    omp_set_num_threads(1);  // every search is then reported (thread 0 reports)
    betweenness(net, {.progress = [&](std::size_t done, std::size_t of) { ++calls, last = done, total = of; }});
    omp_set_num_threads(before);
    CHECK(calls == 200);
    CHECK(last == 200);
    CHECK(total == 200);
}
