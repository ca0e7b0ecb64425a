#pragma once
// analysis.yaml -> AnalysisConfig: every key optional, unknown keys rejected with a suggestion.
#include "engine/metrics.hpp"
#include "engine/network.hpp"
#include "engine/risk.hpp"
#include "engine/school_statistics.hpp"
#include "io/district.hpp"
#include "viz/diagram_config.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// A participation measure: a schools.csv column, and whether a higher value is better.
struct Participation {
    std::string column;
    bool higher_is_better = true;
};

/// Settings of the school statistics (`statistics:` in the YAML).
struct StatisticsConfig {
    std::size_t permutations = 10'000;  // correlation permutation tests
    std::size_t bootstrap = 2'000;      // bootstrap resamples for the 95% intervals
    std::size_t min_group_size = 5;     // pattern probes: smaller groups are suppressed
    std::vector<RegressionSpec> regressions;  // empty: default_regressions()
};

/// Path measures on large networks (`sampling:` in the YAML): exact all-pairs searches take
/// O(people × ties), hours at state scale, so above `above` people analyze estimates betweenness,
/// closeness, harmonic centrality, the distances and the path-based centralisations from
/// `sources` seeded sources. A metric's own `samples` option always wins.
struct SamplingConfig {
    std::size_t above = 10'000;   // people; at or below, every measure is exact
    std::size_t sources = 2'000;  // 0: always exact
};

struct AnalysisConfig {
    std::string file;     // the YAML file ("" when built from defaults)
    std::string district_name;  // `district:`, for the printed sheets ("" = not given)
    std::string data_date;      // `data: date:`, when the data were collected, as written ("" = not given)
    std::string people;   // paths, already resolved against the YAML file's folder
    std::string ties;     // the first ties file
    std::vector<std::string> tie_files;  // every ties file (data: ties: may list several, read as one); empty with data: network
    std::string schools;  // "" when there is no schools.csv
    std::string network_file;     // data: network: one graph file (GraphML, GEXF, ...) holding people and ties;
                                  // then `people` and `ties` are this file too. "" = people.csv + ties.csv
    std::string database;         // data: database: a staffnet serve database (app/store.hpp) read instead of the files
    bool directed_given = false;  // network.directed is in the YAML (else a graph file says itself)
    NetworkOptions network;
    bool drop_self_ties = false;
    std::vector<MetricRequest> metrics;
    std::vector<Participation> participation;
    StatisticsConfig statistics;
    SamplingConfig sampling;
    RiskOptions risk;                     // `risk:` in the YAML
    std::vector<std::string> risk_tie_types;  // tie types the risk lists use; empty = all
    DiagramConfig diagrams;               // `diagrams:` in the YAML
    std::string privacy_key;              // key for --pseudonymize when STAFFNET_KEY is not set
    std::vector<std::string> safe_attributes;  // free-text people.csv columns kept in --research output
    unsigned seed = 42;
};

/// Where the config's data are, as io/ reads them.
DistrictSources district_sources(const AnalysisConfig& config);

/// The config's district (see io/district.hpp): people, ties and schools read and checked.
District load_district(const AnalysisConfig& config);
/// The config's district once per wave (see io/district.hpp load_waves).
std::vector<District> load_waves(const AnalysisConfig& config, const std::vector<std::string>& waves);
/// The config's people, and its ties among them (see io/district.hpp).
PeopleTable load_people(const AnalysisConfig& config);
TieTable load_ties(const AnalysisConfig& config, const PeopleTable& people, std::vector<TieType>& types);

/// The four tie types of the district guidance: shared_project (P), past_collaboration (C),
/// contact_exchange (X, exchanged cell numbers) and social (S). Shared projects, contact exchange
/// and social ties count as close.
std::vector<TieType> default_tie_types();

/// Reads and checks a config file. Throws InputError with file:line:column for a YAML syntax
/// error, an unknown key (suggesting the closest valid one), a value of the wrong type, or an
/// unknown metric or metric option.
AnalysisConfig load_analysis(const std::string& path);

/// The same from YAML text; paths resolve against `folder`.
AnalysisConfig parse_analysis(const std::string& name, const std::string& yaml, const std::string& folder);

}  // namespace staffnet
