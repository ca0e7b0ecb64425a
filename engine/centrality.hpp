#pragma once
// Centrality: who is connected, and who sits on the paths between colleagues.
#include "engine/network.hpp"
#include "engine/paths.hpp"

namespace staffnet {

/// Number of distinct people tied to each person. On a directed network, in-degree plus
/// out-degree, as NetworkX `G.degree()`. O(V+E).
VertexScores degree(const Network& net);
/// Ties received (directed); equals degree on an undirected network.
VertexScores in_degree(const Network& net);
/// Ties sent (directed); equals degree on an undirected network.
VertexScores out_degree(const Network& net);
/// Sum of tie weights (in plus out when directed), as NetworkX `G.degree(weight=...)`; equals
/// degree when every weight is 1. Always uses weights.
VertexScores strength(const Network& net);

struct BetweennessOptions {
    bool normalized = true;  // as NetworkX: divide by the pairs of other people, (n-1)(n-2)/2 undirected
    std::size_t samples = 0; // 0: exact; k > 0: estimate from k seeded random sources (see path_sources)
    unsigned seed = 42;
    ProgressFn progress;     // told how many of the searches are done
};

/// Betweenness centrality (Brandes 2001): the shortest paths between two other people that pass
/// through this person, split evenly among equally short paths. Each unordered pair counts once on
/// an undirected network. Weighted networks use lengths from Network::length. Parallel over sources
/// in fixed blocks, so the result does not depend on the thread count. O(V*E) time, O(V+E) memory
/// per thread; with `samples`, O(samples*E).
VertexScores betweenness(const Network& net, const BetweennessOptions& options = {});

struct ClosenessOptions {
    Direction direction = Direction::in;  // NetworkX measures distance *to* the person; igraph from
    std::size_t samples = 0;  // 0: exact; k > 0: estimate from k seeded random sources (see path_sources)
    unsigned seed = 42;
    ProgressFn progress;      // told how many of the searches are done
};

/// Closeness centrality with the Wasserman–Faust correction, as NetworkX (wf_improved=True):
/// (r-1)/(sum of distances) * (r-1)/(n-1), r the people reachable including oneself. 0 for someone
/// who reaches no one. O(V*E). With `samples`, r-1 and the sum of distances are both estimated
/// from the sampled sources' searches (Eppstein & Wang 2004), O(samples*E).
VertexScores closeness(const Network& net, const ClosenessOptions& options = {});

/// Harmonic centrality, as NetworkX: the sum of 1/distance over everyone else (unreachable adds 0).
/// Not normalised. O(V*E); with `samples`, estimated from the sampled sources, O(samples*E).
VertexScores harmonic(const Network& net, const ClosenessOptions& options = {});

/// What one search per source gives on an undirected, unweighted network, where betweenness,
/// closeness, harmonic centrality and the distances all follow the same arcs: Brandes'
/// dependencies, each person's closeness and harmonic centrality and, when exact, each person's
/// distance sum and eccentricity. Sources as path_sources(net, samples, seed). Every score is
/// bitwise identical to the separate function's (betweenness, closeness, harmonic, distances) for
/// the same samples and seed, on any thread count. O(V·E), or O(samples·E).
struct PathPass {
    std::size_t samples = 0;
    unsigned seed = 42;
    bool sampled = false;
    VertexScores dependencies;  // summed over sources, each unordered pair counted from both ends
    VertexScores closeness;     // as closeness(): Wasserman–Faust (estimated when sampled)
    VertexScores harmonic;      // as harmonic()
    VertexScores distance_sum;  // exact only: sum of distances from each person to those they reach
    VertexScores eccentricity;  // exact only: the largest of those distances
};

/// True when path_pass serves `net`: undirected and unweighted.
bool one_pass_applies(const Network& net);

/// The single all-pairs pass (see PathPass). Throws std::invalid_argument unless one_pass_applies.
PathPass path_pass(const Network& net, std::size_t samples = 0, unsigned seed = 42, const ProgressFn& progress = {});

/// Betweenness from a pass: as betweenness(net, {.normalized, .samples = pass.samples, .seed = pass.seed}).
VertexScores betweenness_from(const Network& net, const PathPass& pass, bool normalized = true);

}  // namespace staffnet
