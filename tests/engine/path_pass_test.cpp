// The single all-pairs pass (path_pass) against the separate kernels it replaces: every value must
// be the same double, bit for bit, exact and sampled, on one thread and on four.
#include "engine/centrality.hpp"
#include "engine/communities.hpp"
#include "engine/graph_measures.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <omp.h>

#include <cmath>
#include <random>

using namespace staffnet;

namespace {

// A seeded random graph with a few small components and isolates, so that sampling keeps some
// components whole and estimates the rest.
Network scattered(std::size_t n, std::size_t ties, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::pair<Vertex, Vertex>> edges;
    const std::size_t core = n * 9 / 10;
    while (edges.size() < ties) {
        const Vertex a = Vertex(rng() % core), b = Vertex(rng() % core);
        if (a != b) edges.emplace_back(std::min(a, b), std::max(a, b));
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    for (Vertex v = Vertex(core); v + 2 < n; v += 3) edges.insert(edges.end(), {{v, v + 1}, {v + 1, v + 2}});  // small paths
    return test::graph(n, edges);
}

// Equal names and equal doubles, NaN (undefined) equal to NaN.
bool same(const std::vector<std::pair<std::string, double>>& a, const std::vector<std::pair<std::string, double>>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].first != b[i].first || !(a[i].second == b[i].second || (std::isnan(a[i].second) && std::isnan(b[i].second))))
            return false;
    return true;
}

void check_pass(const Network& net, std::size_t samples, unsigned seed) {
    const PathPass pass = path_pass(net, samples, seed);
    CHECK(pass.sampled == (samples > 0 && samples < net.size()));
    CHECK(betweenness_from(net, pass) == betweenness(net, {.normalized = true, .samples = samples, .seed = seed}));
    CHECK(betweenness_from(net, pass, false) == betweenness(net, {.normalized = false, .samples = samples, .seed = seed}));
    CHECK(pass.closeness == closeness(net, {.samples = samples, .seed = seed}));
    CHECK(pass.harmonic == harmonic(net, {.samples = samples, .seed = seed}));
    const PathSampling sampling{.samples = samples, .seed = seed};
    const VertexScores communities = louvain(net, {.seed = seed});
    CHECK(same(graph_measures(net, seed, sampling, {.paths = &pass, .louvain = &communities, .leiden = nullptr}),
               graph_measures(net, seed, sampling)));
    if (!pass.sampled) {
        const Distances one = distances_from(net, pass), apart = distances(net);
        CHECK(one.largest_component == apart.largest_component);
        CHECK(one.diameter == apart.diameter);
        CHECK(one.average_path_length == apart.average_path_length);
    }
}

}  // namespace

TEST_CASE("one path pass equals betweenness, closeness, harmonic, distances and centralisations computed apart",
          "[engine][path_pass]") {
    SECTION("small graphs by hand: a star's hub is on all C(4,2) = 6 leaf pairs, a path's ends are 3 steps apart") {
        const Network s = test::star(4);
        const PathPass pass = path_pass(s);
        CHECK(betweenness_from(s, pass, false)[0] == Approx(6.0));
        CHECK(pass.closeness[0] == Approx(1.0));
        CHECK(pass.harmonic[1] == Approx(1.0 + 3 * 0.5));
        const Distances d = distances_from(test::path(4), path_pass(test::path(4)));
        CHECK(d.diameter == 3.0);
        CHECK(d.average_path_length == Approx(20.0 / 12.0));  // 1+1+1+2+2+3 = 10 each way, over 12 ordered pairs
        check_pass(s, 0, 42);
        check_pass(test::bridged_triangles(), 0, 42);
    }
    SECTION("the classic undirected, unweighted networks, exact") {
        for (const std::string& dataset : test::classic_datasets()) {
            INFO(dataset);
            check_pass(test::classic_network(dataset, false, false), 0, 42);
        }
    }
    SECTION("sampled: the same sources, the same estimates, on 1 and 4 threads") {
        const Network net = scattered(3000, 9000, 7);
        for (int threads : {1, 4}) {
            omp_set_num_threads(threads);
            check_pass(net, 400, 11);
            check_pass(net, 0, 11);
        }
        omp_set_num_threads(omp_get_num_procs());
    }
    SECTION("refused where the searches differ: directed or weighted networks") {
        const Network directed = test::graph(3, {{0, 1}, {1, 2}}, true);
        CHECK_FALSE(one_pass_applies(directed));
        CHECK_THROWS_WITH(path_pass(directed), "path_pass needs an undirected, unweighted network");
    }
}
