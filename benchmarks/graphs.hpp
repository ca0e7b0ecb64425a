#pragma once
// Seeded graph generators shared by the igraph comparison and the micro-benchmarks. Each returns a
// plain edge list so that exactly the same ties feed staffnet and igraph.
#include "engine/network.hpp"

#include <igraph.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace staffnet::bench {

/// An undirected simple graph as an edge list: each tie once, source < target, sorted, no loops.
struct EdgeList {
    std::size_t n = 0;
    std::vector<std::pair<Vertex, Vertex>> edges;

    double average_degree() const { return n == 0 ? 0.0 : 2.0 * double(edges.size()) / double(n); }
};

/// A district-like clustered graph with average degree about 10: people sit in teams of 12 with
/// dense ties inside (each pair with probability 0.55, about 6 ties each), and about 4 more ties
/// each across teams, 70% of them to another team of the same school (20 teams, 240 people) and the
/// rest anywhere. Deterministic for a seed (std::mt19937_64). O(n log n).
EdgeList staff_like(std::size_t n, std::uint64_t seed = 42);

/// An Erdős–Rényi G(n, m) graph with m = 5n distinct ties (average degree 10), drawn uniformly.
/// Deterministic for a seed. O(m log m).
EdgeList erdos_renyi(std::size_t n, std::uint64_t seed = 42);

/// The edge list as a staffnet Network: people "v0", "v1", ..., one tie type "tie", undirected,
/// unweighted, every weight 1.
Network to_network(const EdgeList& graph);

/// An igraph_t that destroys itself.
class IGraph {
public:
    explicit IGraph(const EdgeList& graph);
    ~IGraph() { igraph_destroy(&graph_); }
    IGraph(const IGraph&) = delete;
    IGraph& operator=(const IGraph&) = delete;
    const igraph_t* get() const { return &graph_; }

private:
    igraph_t graph_;
};

}  // namespace staffnet::bench
