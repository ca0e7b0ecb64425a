#pragma once
// Communities: tightly knit groups found from the ties alone, and how well a grouping fits.
#include "engine/network.hpp"

#include <vector>

namespace staffnet {

struct LouvainOptions {
    unsigned seed = 42;       // the order people are visited in; recorded in summary.json
    double resolution = 1.0;  // above 1: smaller communities
};

/// Louvain communities (Blondel et al. 2008) on the undirected view (arcs both ways summed),
/// weighted by tie strength when the network is weighted. Communities are numbered from 1 by size,
/// largest first; isolates are communities of one. Deterministic for a seed. O(E) per pass.
VertexScores louvain(const Network& net, const LouvainOptions& options = {});

/// Newman modularity of a grouping (groups[v] = any label; equal labels = same group), as NetworkX
/// `modularity` on the undirected view: Σ_c L_c/m - γ (d_c / 2m)². Directed networks use the
/// directed form Σ_c L_c/m - γ d_c^out d_c^in / m². 0 when there are no ties.
double modularity(const Network& net, const std::vector<std::string>& groups, double resolution = 1.0);

}  // namespace staffnet
