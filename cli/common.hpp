#pragma once
// What several subcommands share: loading a config's district and saying what was loaded.
#include "config/analysis.hpp"
#include "io/district.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// Loads the config (the bundled example when `path` is empty) and its files, prints warnings to
/// stderr and a one-paragraph summary of what was loaded to stdout.
District load_and_report(const std::string& path, AnalysisConfig& config);

/// Sources for the path measures on `net`: `config.sampling.sources` above `config.sampling.above`
/// people, else 0 (exact).
std::size_t path_samples(const Network& net, const AnalysisConfig& config);

/// Gives betweenness, closeness and harmonic requests without a `samples` option of their own
/// the count path_samples() chooses.
void apply_sampling(std::vector<MetricRequest>& requests, const Network& net, const AnalysisConfig& config);

/// A sentence saying which measures are estimated and how, or "" when everything is exact.
std::string sampling_note(const Network& net, const AnalysisConfig& config);

}  // namespace staffnet
