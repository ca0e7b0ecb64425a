#include "cli/commands.hpp"
#include "cli/common.hpp"

#include <iostream>
#include <memory>

namespace staffnet {

void add_validate_command(CLI::App& app) {
    auto config = std::make_shared<std::string>();
    auto* cmd = app.add_subcommand("validate", "check a config and its data files without writing anything");
    cmd->add_option("config", *config, "config.yaml (default: the bundled example district)");
    cmd->callback([config] {
        AnalysisConfig loaded;
        load_and_report(*config, loaded);
        std::cout << "ok: no errors found\n";
    });
}

}  // namespace staffnet
