#include "cli/commands.hpp"

#include "engine/metrics.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

namespace staffnet {

void add_metrics_command(CLI::App& app) {
    auto list = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("metrics", "compute metrics on an edge list (researchers); --list shows every metric");
    cmd->add_flag("--list", *list, "list every metric with its column and options");
    cmd->callback([list] {
        for (const Metric& m : metrics()) {
            std::string options;
            for (const std::string& o : m.options) options += (options.empty() ? " [" : ", ") + o;
            std::cout << fmt::format("{:<16} {}{}\n", m.name, m.summary, options.empty() ? "" : options + "]");
        }
    });
}

}  // namespace staffnet
