#pragma once
// Whole-network measures: size, density, components.
#include "engine/network.hpp"

#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// Ties present over ties possible: m / (n(n-1)) directed, 2m / (n(n-1)) undirected; 0 below two
/// people. As NetworkX `density`.
double density(const Network& net);

/// Named whole-network measures in a fixed order, for summary.json and `metrics --summary`:
/// nodes, ties, density, components, isolates.
std::vector<std::pair<std::string, double>> graph_measures(const Network& net);

}  // namespace staffnet
