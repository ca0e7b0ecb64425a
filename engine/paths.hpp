#pragma once
// Single-source shortest paths shared by betweenness, closeness and harmonic centrality.
#include "engine/network.hpp"
#include "engine/progress.hpp"

#include <limits>
#include <vector>

namespace staffnet {

/// Which way paths run on a directed network. Undirected networks ignore it.
enum class Direction { out, in };

inline constexpr double unreachable = std::numeric_limits<double>::infinity();

/// Work space for one source: distances, path counts and the vertices in the order they were
/// settled. Reused across sources so that a sweep allocates once per thread.
struct ShortestPaths {
    std::vector<double> dist;   // `unreachable` if not reached
    std::vector<double> sigma;  // number of shortest paths from the source
    std::vector<Vertex> order;  // reached vertices, non-decreasing distance
    std::vector<char> settled;  // Dijkstra's scratch, all zero between calls
};

/// The arcs of a network in one direction as plain compressed rows, for the inner loops of path
/// searches: the arcs leaving u are to[first[u]] .. to[first[u+1]-1], with their lengths
/// (Network::length) when the network is weighted. Built once per sweep, read by every thread.
struct Arcs {
    std::vector<std::size_t> first;  // n + 1 offsets
    std::vector<Vertex> to;
    std::vector<double> length;      // empty when every length is 1
    std::size_t size() const { return first.size() - 1; }
};

/// The arcs of `net` followed in `direction` (out: u -> v as tied; in: taken backwards).
Arcs arcs(const Network& net, Direction direction);

/// Breadth-first search (unweighted) or Dijkstra (weighted) from `source` along `arcs`. Equal
/// lengths are compared exactly, as NetworkX does. Without `count_paths`, sigma is left at zero
/// (closeness needs distances only). O(V+E) unweighted, O(E log V) weighted.
void shortest_paths(const Arcs& arcs, Vertex source, ShortestPaths& paths, bool count_paths = true);

/// The people a path measure searches from, each with the weight its search counts for.
struct PathSources {
    std::vector<Vertex> vertices;  // ascending
    std::vector<double> weight;    // per source: 1, or (people sampled from) / (sources drawn)
    bool sampled = false;          // false: everyone, weight 1, and the measure is exact
};

/// Everyone with weight 1 when `samples` is 0 or reaches the number of people. Otherwise every
/// person of a weak component too small to get 50 sources at the rate samples/n is searched from
/// (weight 1), and `samples` people drawn with `seed` from the remaining components stand for all
/// of them (weight: their number / samples), so weighted sums over sources estimate the sums over
/// everyone without bias (Horvitz–Thompson; Brandes & Pich 2007).
PathSources path_sources(const Network& net, std::size_t samples, unsigned seed);

/// Calls `visit(u, v, weight)` for each arc leaving u in `direction` (v is the other end).
template <typename Visit>
void for_each_arc(const Network& net, Vertex u, Direction direction, Visit&& visit) {
    if (direction == Direction::out)
        net.for_each_out(u, visit);
    else
        net.for_each_in(u, visit);
}

}  // namespace staffnet
