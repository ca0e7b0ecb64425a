#include "app/store.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include <memory>

namespace staffnet {

namespace {

struct ExportArgs {
    std::string db;
    std::string meeting;
    bool all_meetings = false;
    OutputFlags output;
};

}  // namespace

void add_export_command(CLI::App& app) {
    auto args = std::make_shared<ExportArgs>();
    auto* cmd = app.add_subcommand("export", "write a staffnet serve database as people.csv, ties.csv and schools.csv");
    cmd->add_option("--db", args->db, "the database staffnet serve keeps")->required();
    cmd->add_option("--out", args->output.out_dir, "output folder")->capture_default_str();
    cmd->add_option("--meeting", args->meeting, "the meeting whose ties to write (default: the latest)");
    cmd->add_flag("--all-meetings", args->all_meetings, "write the ties of every meeting, each labelled in the wave column");
    cmd->add_flag("--force", args->output.force, "write into a non-empty folder staffnet did not create");
    cmd->callback([args] {
        if (args->all_meetings && !args->meeting.empty())
            throw InputError(Diagnostic{"--meeting", 0, 0, "--meeting and --all-meetings were both given", "give one of them"});
        write_outputs(export_database(args->db, args->meeting, args->all_meetings), args->output.out_dir, args->output.force, {args->db});
    });
}

}  // namespace staffnet
