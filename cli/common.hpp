#pragma once
// What several subcommands share: loading a config's district, saying what was loaded, the
// output and privacy flags, and writing the outputs. The analysis itself is app/analysis.hpp.
#include "config/analysis.hpp"
#include "cli/progress.hpp"
#include "io/district.hpp"
#include "io/output.hpp"

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace staffnet {

/// Loads the config (the bundled example when `path` is empty) and its files, prints warnings to
/// stderr and a one-paragraph summary of what was loaded to stdout.
/// With --pseudonymize or --research in `privacy`, the warnings name people by pseudonym.
struct OutputFlags;
District load_and_report(const std::string& path, AnalysisConfig& config, const OutputFlags& privacy);
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

/// Writes the staged files into `folder` (refusing to replace any of `inputs`, see commit) and
/// lists each on stdout.
void write_outputs(const OutputSet& outputs, const std::string& folder, bool force, const std::vector<std::string>& inputs);

}  // namespace staffnet
