#pragma once
// Groups: components, isolates and (later) communities.
#include "engine/network.hpp"

namespace staffnet {

/// Weakly connected component of each person, numbered from 1 by size (largest first), equal
/// sizes ordered by their first person in people.csv. O(V+E).
VertexScores component(const Network& net);

/// 1 for a person with no ties at all in the network, else 0.
VertexScores isolate(const Network& net);

/// 1 for a person whose removal would split their component (a cut vertex on the undirected view):
/// a single point of contact between parts of the network. Iterative Tarjan, O(V+E).
VertexScores articulation_point(const Network& net);

/// Ties whose removal would split a component (undirected view), as (smaller, larger) vertex
/// pairs in ascending order. O(V+E).
std::vector<std::pair<Vertex, Vertex>> bridges(const Network& net);

/// Number of each person's ties that are bridges.
VertexScores bridge_ties(const Network& net);

/// Number of components (weak) and of isolates.
std::size_t count_components(const Network& net);
std::size_t count_isolates(const Network& net);

}  // namespace staffnet
