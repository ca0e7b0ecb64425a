#include "benchmarks/graphs.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>

namespace staffnet::bench {
namespace {

constexpr std::size_t kTeam = 12;
constexpr std::size_t kSchool = 20 * kTeam;

void normalise(EdgeList& graph) {
    for (auto& [u, v] : graph.edges)
        if (v < u) std::swap(u, v);
    std::sort(graph.edges.begin(), graph.edges.end());
    graph.edges.erase(std::unique(graph.edges.begin(), graph.edges.end()), graph.edges.end());
}

}  // namespace

EdgeList staff_like(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::bernoulli_distribution inside(0.55);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    EdgeList graph{n, {}};
    graph.edges.reserve(5 * n + n / 10);
    for (std::size_t first = 0; first < n; first += kTeam) {
        const std::size_t last = std::min(n, first + kTeam);
        for (std::size_t u = first; u < last; ++u)
            for (std::size_t v = u + 1; v < last; ++v)
                if (inside(rng)) graph.edges.emplace_back(Vertex(u), Vertex(v));
    }
    // 2n cross ties give each person about 4; a tie that lands inside its own team is dropped.
    std::uniform_int_distribution<std::size_t> anyone(0, n - 1);
    for (std::size_t i = 0; i < 2 * n; ++i) {
        const std::size_t u = anyone(rng);
        std::size_t v;
        if (unit(rng) < 0.7) {
            const std::size_t school = u / kSchool * kSchool;
            const std::size_t size = std::min(n, school + kSchool) - school;
            v = school + std::uniform_int_distribution<std::size_t>(0, size - 1)(rng);
        } else {
            v = anyone(rng);
        }
        if (u / kTeam != v / kTeam) graph.edges.emplace_back(Vertex(u), Vertex(v));
    }
    normalise(graph);
    return graph;
}

EdgeList erdos_renyi(std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> anyone(0, n - 1);
    EdgeList graph{n, {}};
    const std::size_t m = std::min(5 * n, n * (n - 1) / 2);
    // Draw, drop loops and repeats, and top up until there are m distinct ties.
    while (graph.edges.size() < m) {
        while (graph.edges.size() < m) {
            const Vertex u = Vertex(anyone(rng)), v = Vertex(anyone(rng));
            if (u != v) graph.edges.emplace_back(u, v);
        }
        normalise(graph);
    }
    return graph;
}

Network to_network(const EdgeList& graph) {
    std::vector<Person> people(graph.n);
    for (std::size_t i = 0; i < graph.n; ++i) people[i].id = "v" + std::to_string(i);
    std::vector<TieRow> rows;
    rows.reserve(graph.edges.size());
    for (const auto& [u, v] : graph.edges) rows.push_back({u, v, 0, 0, 1.0});
    NetworkOptions options;
    options.types = {{.name = "tie"}};
    return build_network(std::move(people), {}, std::move(rows), std::move(options));
}

IGraph::IGraph(const EdgeList& graph) {
    igraph_vector_int_t ends;
    if (igraph_vector_int_init(&ends, igraph_integer_t(2 * graph.edges.size())) != IGRAPH_SUCCESS)
        throw std::runtime_error("igraph: out of memory");
    for (std::size_t i = 0; i < graph.edges.size(); ++i) {
        VECTOR(ends)[2 * i] = graph.edges[i].first;
        VECTOR(ends)[2 * i + 1] = graph.edges[i].second;
    }
    const igraph_error_t status = igraph_create(&graph_, &ends, igraph_integer_t(graph.n), IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&ends);
    if (status != IGRAPH_SUCCESS) throw std::runtime_error("igraph_create failed");
}

}  // namespace staffnet::bench
