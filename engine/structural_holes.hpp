#pragma once
// Burt's structural holes: whose contacts are redundant, and who spans otherwise separate people.
#include "engine/network.hpp"

namespace staffnet {

/// Burt's constraint, as NetworkX `constraint`: Σ_j (p_ij + Σ_q p_iq p_qj)² over neighbours j, with
/// p_ij the share of i's (mutual) tie strength invested in j; a_ij + a_ji when directed. High
/// constraint means a closed, redundant network. NaN (blank in CSV) for someone with no ties.
/// O(V·d²·log d).
VertexScores constraint(const Network& net);

/// Burt's effective size, as NetworkX `effective_size`: the number of contacts minus their
/// redundancy, Σ_j (1 - Σ_q p_iq m_jq) with m scaled by j's strongest tie. Undirected unweighted it
/// is n - 2t/n (t ties among the n contacts). NaN (blank) for someone with no ties.
VertexScores effective_size(const Network& net);

}  // namespace staffnet
