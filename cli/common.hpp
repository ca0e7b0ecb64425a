#pragma once
// What several subcommands share: loading a config's district, saying what was loaded, and the
// analysis steps that `analyze` and `compare` both run.
#include "config/analysis.hpp"
#include "engine/risk.hpp"
#include "engine/school_statistics.hpp"
#include "cli/progress.hpp"
#include "io/district.hpp"
#include "io/output.hpp"
#include "io/risk_tables.hpp"
#include "io/table.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace staffnet {

/// Loads the config (the bundled example when `path` is empty) and its files, prints warnings to
/// stderr and a one-paragraph summary of what was loaded to stdout.
District load_and_report(const std::string& path, AnalysisConfig& config);

/// Prints the district's warnings to stderr and "loaded <what>: N people (...), M ties (...), ..."
/// to stdout.
void report_loaded(const District& d, const std::string& what);

/// Where and how a command writes: --out, --force, --pseudonymize and --research.
struct OutputFlags {
    std::string out_dir = "out";
    bool force = false;
    bool pseudonymize = false;
    bool research = false;
};

/// Adds the four options to `cmd`.
void add_output_flags(CLI::App& cmd, OutputFlags& flags);

/// The key for --pseudonymize: $STAFFNET_KEY, else privacy.key in the config. Throws InputError
/// (with how to set one) when there is neither.
std::string pseudonym_key(const AnalysisConfig& config);

/// With --pseudonymize or --research, replaces names and ids in each network with keyed
/// pseudonyms (the same person gets the same pseudonym in each); otherwise does nothing.
void apply_privacy(const OutputFlags& flags, const AnalysisConfig& config, const std::vector<Network*>& networks);

/// Every metric the config asks for, each seeded with the run's seed and sampled as path_samples()
/// says, in people.csv column order. `progress`, when given, shows each metric as a step.
std::vector<ScoreColumn> metric_columns(const Network& net, const AnalysisConfig& config, Progress* progress = nullptr);

/// The participation measures: the config's, else every numeric schools.csv column (higher is better).
std::vector<ParticipationMeasure> participation_of(const District& d, const AnalysisConfig& config);

/// The network the risk lists use (only the tie types under risk.tie_types; all when none) and how
/// it was made, as every risk file states it.
struct RiskView {
    Network network;
    RiskProvenance how;
};
RiskView risk_view(const Network& net, const AnalysisConfig& config);

/// Each school person's isolation risk on `view` (see person_risk): connection only, without
/// suggested contacts (isolation_risk adds those).
std::vector<RiskEntry> people_risk(const District& d, const AnalysisConfig& config, const Network& view);

/// Inserts the isolation_risk column (each person's risk score, blank when not scored) after
/// community, as in the people.csv contract.
void add_risk_column(std::vector<ScoreColumn>& columns, const std::vector<RiskEntry>& risk, std::size_t people);

/// The per-school measures, reusing the betweenness column of `people_columns` when there is one.
std::vector<SchoolColumn> school_columns(const District& d, const std::vector<ScoreColumn>& people_columns);

/// The correlation table of school measures against participation, with the config's
/// permutations, bootstrap and seed.
std::vector<CorrelationRow> school_correlations(const District& d, const AnalysisConfig& config,
                                                const std::vector<SchoolColumn>& measures);

/// A number for JSON: null when NaN (undefined), an integer when whole.
nlohmann::ordered_json json_number(double value);

/// Graph-level measures (graph_measures) with the config's seed and path sampling.
std::vector<std::pair<std::string, double>> whole_measures(const Network& net, const AnalysisConfig& config,
                                                           Progress* progress = nullptr);

/// Graph-level measures as a JSON object.
nlohmann::ordered_json measures_json(const std::vector<std::pair<std::string, double>>& measures);

/// Writes the staged files into `folder` (refusing to replace any of `inputs`, see commit) and
/// lists each on stdout.
void write_outputs(const OutputSet& outputs, const std::string& folder, bool force, const std::vector<std::string>& inputs);

/// Sources for the path measures on `net`: `config.sampling.sources` above `config.sampling.above`
/// people, else 0 (exact).
std::size_t path_samples(const Network& net, const AnalysisConfig& config);

/// Gives betweenness, closeness and harmonic requests without a `samples` option of their own
/// the count path_samples() chooses.
void apply_sampling(std::vector<MetricRequest>& requests, const Network& net, const AnalysisConfig& config);

/// A sentence saying which measures are estimated and how, or "" when everything is exact.
std::string sampling_note(const Network& net, const AnalysisConfig& config);

}  // namespace staffnet
