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
    std::vector<std::string> waves;  // the distinct values of the ties' wave column, in order of first use
};

/// The config's people: people.csv, or the people of the graph file under data: network.
PeopleTable load_people(const AnalysisConfig& config);

/// The config's ties among `people`: ties.csv, or the ties of the graph file under data: network.
TieTable load_ties(const AnalysisConfig& config, const PeopleTable& people, std::vector<TieType>& types);

/// Reads people, ties and schools, then checks that every school named in people.csv is in
/// schools.csv. Warns about people with no ties, schools with no people, and ties of several waves
/// (which are taken together). Throws InputError with
/// every problem of the first bad file.
District load_district(const AnalysisConfig& config);

/// The district once per wave, from one ties file with a `wave` column: each wave keeps the ties
/// whose wave is its label; people and schools are shared. Throws InputError when the file has no
/// wave column or a label is not in it (listing those that are); ties with a blank wave are left
/// out of every wave with a warning.
std::vector<District> load_waves(const AnalysisConfig& config, const std::vector<std::string>& waves);

}  // namespace staffnet
