#pragma once
// Groups: components, isolates and (later) communities.
#include "engine/network.hpp"

namespace staffnet {

/// Weakly connected component of each person, numbered from 1 by size (largest first), equal
/// sizes ordered by their first person in people.csv. O(V+E).
VertexScores component(const Network& net);

/// 1 for a person with no ties at all in the network, else 0.
VertexScores isolate(const Network& net);

/// Number of components (weak) and of isolates.
std::size_t count_components(const Network& net);
std::size_t count_isolates(const Network& net);

}  // namespace staffnet
