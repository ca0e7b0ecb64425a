#pragma once
// Loads everything a config names and checks the files against each other.
#include "config/analysis.hpp"
#include "engine/network.hpp"
#include "engine/schools.hpp"
#include "io/diagnostic.hpp"
#include "io/readers.hpp"

namespace staffnet {

struct District {
    Network network;
    SchoolTable schools;  // empty when the config names no schools.csv
    std::vector<Diagnostic> warnings;
};

/// The config's people: people.csv, or the people of the graph file under data: network.
PeopleTable load_people(const AnalysisConfig& config);

/// The config's ties among `people`: ties.csv, or the ties of the graph file under data: network.
TieTable load_ties(const AnalysisConfig& config, const PeopleTable& people, std::vector<TieType>& types);

/// Reads people, ties and schools, then checks that every school named in people.csv is in
/// schools.csv. Warns about people with no ties and schools with no people. Throws InputError with
/// every problem of the first bad file.
District load_district(const AnalysisConfig& config);

}  // namespace staffnet
