#pragma once
// Gould–Fernandez brokerage: who links people, and across which group boundaries.
#include "engine/network.hpp"

#include <string>
#include <vector>

namespace staffnet {

enum class BrokerageRole {
    coordinator,     // a, b, c all in one group
    itinerant,       // a and c share a group, b is an outsider (also called consultant)
    representative,  // b shares a's group and passes on to c's
    gatekeeper,      // b shares c's group and lets a in
    liaison,         // all three in different groups
};

/// Gould & Fernandez (1989) brokerage counts, as R sna `brokerage`: the number of open two-paths
/// a→b→c (a ≠ c and no arc a→c) through b in each role, with groups given per person (for
/// example the school). Meant for directed networks; on an undirected one every tie is an arc
/// both ways, so each open path is counted once in each direction. O(Σ in·out·log d).
VertexScores brokerage(const Network& net, const std::vector<std::string>& groups, BrokerageRole role);

/// The group of each person under `attribute`: "school", "role", or an attribute column. Throws
/// std::invalid_argument for an unknown attribute.
std::vector<std::string> group_labels(const Network& net, const std::string& attribute);

}  // namespace staffnet
