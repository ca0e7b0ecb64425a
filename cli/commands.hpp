#pragma once
// One file per subcommand; main() adds them all.
#include <CLI/CLI.hpp>

#include <string>

namespace staffnet {

void add_analyze_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_metrics_command(CLI::App& app);
void add_render_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_qap_command(CLI::App& app);
void add_ergm_command(CLI::App& app);
void add_convert_command(CLI::App& app);
void add_serve_command(CLI::App& app);
void add_export_command(CLI::App& app);

/// Adds every subcommand.
void add_commands(CLI::App& app);

/// Parses `argv` and runs the chosen command: 0 on success, 2 on bad input (every diagnostic
/// printed to `err`, nothing written), 1 on any other failure. Used by main and by the tests.
int run_cli(int argc, const char* const* argv);

/// The config `analyze` and `validate` use when none is given: the bundled example district.
std::string default_config();

}  // namespace staffnet
