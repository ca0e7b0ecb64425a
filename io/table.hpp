#pragma once
// Result tables as CSV text.
#include "engine/network.hpp"

#include <string>
#include <utility>
#include <vector>

namespace staffnet {

using ScoreColumn = std::pair<std::string, VertexScores>;  // column name, one value per person

/// people.csv: id, name, role, school, then one column per score, one row per person in input
/// order. Text is CSV-quoted and guarded against spreadsheet formulas.
std::string people_csv(const Network& net, const std::vector<ScoreColumn>& columns);

}  // namespace staffnet
