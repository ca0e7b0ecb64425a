#pragma once
// Cohesion: how tightly knit each person's neighbourhood is.
#include "engine/network.hpp"

namespace staffnet {

/// Local clustering, as NetworkX `clustering`. Undirected: closed triangles over possible pairs
/// of neighbours. Directed: Fagiolo (2007), (A+Aᵀ)³ᵢᵢ / 2(dᵢ(dᵢ-1) - 2d↔ᵢ). Weighted (when the
/// network is): the geometric mean of weights scaled by the largest weight (Onnela 2005). People
/// with fewer than two neighbours score 0. O(V·d²).
VertexScores clustering(const Network& net);

/// k-core number (Batagelj–Zaversnik 2003): the largest k such that the person belongs to a
/// subgroup where everyone has at least k ties inside it. Directed networks count in- plus
/// out-ties, as NetworkX. O(V+E).
VertexScores core_number(const Network& net);

}  // namespace staffnet
