#pragma once
// Whole-network measures: size, density, reciprocity, transitivity, distances, centralisation,
// modularity and assortativity.
#include "engine/centrality.hpp"
#include "engine/network.hpp"
#include "engine/progress.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// Ties present over ties possible: m / (n(n-1)) directed, 2m / (n(n-1)) undirected; 0 below two
/// people. As NetworkX `density`.
double density(const Network& net);

/// Share of arcs whose reverse is also present, as NetworkX `reciprocity`; 1 when undirected.
double reciprocity(const Network& net);

/// Global clustering: 3 × triangles / connected triples, as NetworkX `transitivity`, on the
/// undirected view and unweighted.
double transitivity(const Network& net);

/// How the path-based graph measures are computed: exactly (samples 0), or estimated from
/// `samples` seeded sources chosen by path_sources (see engine/paths.hpp).
struct PathSampling {
    std::size_t samples = 0;
    unsigned seed = 42;
    ProgressFn progress;  // told how many of each measure's searches are done
};

struct Distances {
    std::size_t largest_component = 0;  // people in the largest (weak) component
    double diameter = 0;                 // longest shortest path inside it, in steps
    double average_path_length = 0;      // mean over ordered pairs inside it, in steps
};
/// Distances on the largest component of the undirected, unweighted view (as NetworkX
/// `diameter` and `average_shortest_path_length` on that subgraph). O(V·E). Sampled: the mean
/// over the sampled sources' searches, and the longest distance they and one more search from
/// the farthest person found reach (a lower bound of the diameter, usually equal). O(samples·E).
Distances distances(const Network& net, const PathSampling& sampling = {});

/// Freeman centralisation Σ(max − cᵢ) / theoretical maximum, with igraph's maxima (star graphs):
/// degree (n-1)(n-2), doubled when directed (in + out); raw betweenness (n-1)²(n-2)/2, doubled
/// when directed; closeness on the undirected view (n-1)(n-2)/(2n-3). 0 below three people.
/// Betweenness and closeness follow `sampling`.
double degree_centralization(const Network& net);
double betweenness_centralization(const Network& net, const PathSampling& sampling = {});
double closeness_centralization(const Network& net, const PathSampling& sampling = {});

/// Categorical assortativity (Newman 2003) of a per-person label, as NetworkX
/// `attribute_assortativity_coefficient`: people with a blank label are left out. NaN when
/// undefined (a single label, or no ties among labelled people).
double assortativity(const Network& net, const std::vector<std::string>& labels);

/// Numeric assortativity (Newman 2003): the Pearson correlation of the values at the two ends of
/// every arc (an undirected tie counts both ways), as NetworkX `numeric_assortativity_coefficient`.
/// People without a value (nullopt) are left out. NaN when undefined (no ties among people with a
/// value, or all their values equal).
double numeric_assortativity(const Network& net, const std::vector<std::optional<double>>& values);

/// How the assortativity of one attribute is reported: `numeric` when every value is a number or an
/// ISO date (YYYY-MM-DD, as days), else categorical; `skipped` (with a note) when categorical values
/// are nearly unique (at least 10 people with a value, at least 90% of them a value of their own),
/// where the categorical coefficient would only measure noise.
struct AttributeAssortativity {
    std::string attribute;
    bool numeric = false;
    bool skipped = false;
    double value = 0;  // NaN when undefined or skipped
    std::string note;  // why it was skipped
};
std::vector<AttributeAssortativity> attribute_assortativity(const Network& net);

/// The notes graph_measures leaves: attributes whose assortativity was skipped, and on a directed
/// network what modularity_* measure. One plain sentence each.
std::vector<std::string> graph_measure_notes(const Network& net);

/// Named whole-network measures in a fixed order, for summary.json and `metrics --summary`.
/// Communities and their modularity come from Louvain and from Leiden, both seeded by `seed`. On a
/// directed network modularity_* is directed (Leicht–Newman) while Louvain and Leiden optimise the
/// undirected view, so modularity_communities_undirected and modularity_leiden_undirected follow.
/// Assortativity is reported for role, school and every attribute column that has a value (see
/// attribute_assortativity; skipped attributes are left out).
/// Louvain is seeded with `seed`; distances and centralisations follow `sampling`.
std::vector<std::pair<std::string, double>> graph_measures(const Network& net, unsigned seed = 42,
                                                           const PathSampling& sampling = {});

/// Results a caller already has for `net`, reused by graph_measures instead of computed again.
/// Each must have been computed with the same seed and sampling as the measures.
struct KnownResults {
    const PathPass* paths = nullptr;       // path_pass(net, sampling.samples, sampling.seed)
    const VertexScores* louvain = nullptr; // louvain(net, {.seed = seed})
    const VertexScores* leiden = nullptr;  // leiden(net, {.seed = seed})
};

/// The same measures, reusing `known`: equal, bit for bit, to graph_measures(net, seed, sampling).
std::vector<std::pair<std::string, double>> graph_measures(const Network& net, unsigned seed, const PathSampling& sampling,
                                                           const KnownResults& known);

/// Distances (see distances()) from an exact path pass of `net`.
Distances distances_from(const Network& net, const PathPass& pass);

}  // namespace staffnet
