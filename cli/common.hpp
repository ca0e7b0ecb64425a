#pragma once
// What several subcommands share: loading a config's district and saying what was loaded.
#include "config/analysis.hpp"
#include "io/district.hpp"

#include <string>

namespace staffnet {

/// Loads the config (the bundled example when `path` is empty) and its files, prints warnings to
/// stderr and a one-paragraph summary of what was loaded to stdout.
District load_and_report(const std::string& path, AnalysisConfig& config);

}  // namespace staffnet
