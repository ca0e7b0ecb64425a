#pragma once
// What several subcommands share: loading a config's district and saying what was loaded.
#include "config/analysis.hpp"
#include "engine/school_statistics.hpp"
#include "io/district.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// Loads the config (the bundled example when `path` is empty) and its files, prints warnings to
/// stderr and a one-paragraph summary of what was loaded to stdout.
District load_and_report(const std::string& path, AnalysisConfig& config);

/// The key for --pseudonymize: STAFFNET_KEY from the environment, else privacy.key in the config.
/// Throws InputError when neither is set.
std::string pseudonym_key(const AnalysisConfig& config);

/// The config's participation measures, or every schools.csv measure (higher = better) when it
/// names none.
std::vector<ParticipationMeasure> participation_of(const District& d, const AnalysisConfig& config);

/// What the isolation-risk lists look at: the network of the config's risk tie types (all types
/// when it names none), their names joined by '+', and the schools (and their people) in the
/// bottom quarter of participation.
struct RiskBasis {
    Network net;
    std::string tie_types;
    std::vector<char> low_schools;  // by school
    std::vector<char> low_people;   // by person
};
RiskBasis risk_basis(const District& d, const AnalysisConfig& config);

}  // namespace staffnet
