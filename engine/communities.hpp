#pragma once
// Communities: tightly knit groups found from the ties alone, and how well a grouping fits.
#include "engine/network.hpp"

#include <vector>

namespace staffnet {

struct LouvainOptions {
    unsigned seed = 42;       // the order people are visited in; recorded in summary.json
    double resolution = 1.0;  // above 1: smaller communities
    std::size_t runs = 10;    // runs with visiting orders drawn from `seed`; the highest modularity is kept
    bool refine = true;       // repeat each run from its result, moving single people again
};

/// Louvain communities (Blondel et al. 2008) on the undirected view (arcs both ways summed),
/// weighted by tie strength when the network is weighted: the best of `runs` runs, each refined
/// (Rotta & Noack 2011) by moving people one by one again from the communities found and merging
/// again, until nothing moves. `{.runs = 1, .refine = false}` is the classic single run.
/// Communities are numbered from 1 by size, largest first; isolates are communities of one.
/// Deterministic for a seed. O(E) per pass, about runs × 2 passes.
VertexScores louvain(const Network& net, const LouvainOptions& options = {});

enum class LeidenObjective {
    modularity,  // Newman modularity: a community's ties against those expected from degrees
    cpm,         // constant Potts model: ties inside minus resolution × pairs inside (a density threshold)
};

struct LeidenOptions {
    unsigned seed = 42;       // visiting orders and refinement draws; recorded in summary.json
    double resolution = 1.0;  // modularity: above 1 gives smaller communities; CPM: the density threshold
    LeidenObjective objective = LeidenObjective::modularity;
    double randomness = 0.01;    // θ of the refinement (igraph's `beta`), on the scale of tie weights
    std::size_t iterations = 0;  // 0: repeat until an iteration changes nothing
};

/// Leiden communities (Traag, Waltman & van Eck 2019) on the undirected view (arcs both ways
/// summed), weighted by tie strength when the network is weighted. Each iteration moves people
/// between communities with a queue of those whose neighbourhood changed, refines every community
/// by merging its well-connected members from singletons (randomly, ∝ exp(gain/θ)), and repeats on
/// the graph of refined communities, starting from the unrefined ones. Every community is
/// connected. Numbered from 1 by size, largest first; isolates are communities of one.
/// Deterministic for a seed. About O(E) per iteration.
VertexScores leiden(const Network& net, const LeidenOptions& options = {});

/// Newman modularity of a grouping (groups[v] = any label; equal labels = same group), as NetworkX
/// `modularity` on the undirected view: Σ_c L_c/m - γ (d_c / 2m)². Directed networks use the
/// directed form Σ_c L_c/m - γ d_c^out d_c^in / m². 0 when there are no ties.
double modularity(const Network& net, const std::vector<std::string>& groups, double resolution = 1.0);

/// Modularity of a grouping on the undirected view Louvain and Leiden optimise: a pair's weight is
/// the sum of its arcs (a mutual tie counts twice, a one-way tie once; unweighted, each arc is 1),
/// Σ_c L_c/m - γ (d_c / 2m)². Equals `modularity` on an undirected network. 0 when there are no ties.
double undirected_modularity(const Network& net, const std::vector<std::string>& groups, double resolution = 1.0);

}  // namespace staffnet
