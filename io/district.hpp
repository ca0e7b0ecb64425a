#pragma once
// Loads everything a config names and checks the files against each other.
#include "config/analysis.hpp"
#include "engine/network.hpp"
#include "engine/schools.hpp"
#include "io/diagnostic.hpp"

namespace staffnet {

struct District {
    Network network;
    SchoolTable schools;  // empty when the config names no schools.csv
    std::vector<Diagnostic> warnings;
};

/// Reads people, ties and schools, then checks that every school named in people.csv is in
/// schools.csv. Warns about people with no ties and schools with no people. Throws InputError with
/// every problem of the first bad file.
District load_district(const AnalysisConfig& config);

}  // namespace staffnet
