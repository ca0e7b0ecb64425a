#pragma once
// Loads everything a config names and checks the files against each other.
#include "engine/network.hpp"
#include "engine/schools.hpp"
#include "io/diagnostic.hpp"
#include "io/readers.hpp"

namespace staffnet {

/// Where a district's data are and how to read them: plain values that config/ fills from the
/// YAML (district_sources), so that io/ knows nothing of the config format.
struct DistrictSources {
    std::string file;          // the config the paths came from, named in messages
    std::string people;        // paths, already resolved
    std::string ties;
    std::vector<std::string> tie_files;  // every ties file when data: ties: lists several (ties is the first)
    std::string schools;       // "" when there is no schools.csv
    std::string network_file;  // one graph file holding people and ties; "" = people.csv + ties.csv
    bool directed_given = false;  // network.directed was given (else a graph file says itself)
    NetworkOptions network;
    bool drop_self_ties = false;
    std::vector<std::string> participation;  // schools.csv columns that must be there
};

struct District {
    Network network;
    SchoolTable schools;  // empty when the config names no schools.csv
    std::vector<Diagnostic> warnings;
    std::vector<std::string> waves;  // the distinct values of the ties' wave column, in order of first use
};

/// The config's people: people.csv, or the people of the graph file under data: network.
PeopleTable load_people(const DistrictSources& config);

/// The config's ties among `people`: ties.csv, or the ties of the graph file under data: network.
TieTable load_ties(const DistrictSources& config, const PeopleTable& people, std::vector<TieType>& types);

/// Reads people, ties and schools, then checks that every school named in people.csv is in
/// schools.csv. Warns about people with no ties, schools with no people, and ties of several waves
/// (which are taken together). Throws InputError with
/// every problem of the first bad file.
District load_district(const DistrictSources& config);

/// The district once per wave, from one ties file with a `wave` column: each wave keeps the ties
/// whose wave is its label; people and schools are shared. Throws InputError when the file has no
/// wave column or a label is not in it (listing those that are); ties with a blank wave are left
/// out of every wave with a warning.
std::vector<District> load_waves(const DistrictSources& config, const std::vector<std::string>& waves);

}  // namespace staffnet
