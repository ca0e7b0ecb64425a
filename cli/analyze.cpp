// staffnet analyze: parse the flags, load the district, analyse it once, write every file.
#include "app/analysis.hpp"
#include "app/outputs.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"

#include <iostream>
#include <memory>

namespace staffnet {
namespace {

struct AnalyzeArgs {
    std::string config;
    OutputFlags output;
    bool progress = false;
};

void run_analysis(const AnalyzeArgs& args) {
    check_output_folder(args.output.out_dir, args.output.force);  // before minutes of analysis
    Progress progress(stderr_is_terminal(), args.progress);
    if (args.config.empty())
        std::cerr << "staffnet: note: no config given, so this analyses the bundled example district (" << default_config()
                  << "); give your config.yaml to analyse your own\n";
    AnalysisConfig config;
    District loaded = load_and_report(args.config, config, args.output);
    apply_privacy(args.output, config, {&loaded.network});
    const auto district = std::make_shared<const District>(std::move(loaded));
    // What this size of network changes, said first on stderr (and in summary.json and the report).
    for (const std::string& note : district_notes(*district, config)) std::cerr << "staffnet: note: " << note << '\n';

    const Analysis analysis = analyse(district, config, {.step = [&](const std::string& s) { progress.step(s); },
                                                         .searches = progress.counter()});
    progress.step("diagrams");
    const DrawnSet drawn = draw_analysis_diagrams(analysis, config.diagrams, progress.counter());
    progress.step("report.html and the other files");
    const OutputSet outputs = analysis_outputs(analysis, drawn, config.diagrams);
    progress.step("writing " + std::to_string(outputs.files.size()) + " files");
    write_outputs(outputs, args.output.out_dir, args.output.force, {config.file, config.people, config.ties, config.schools});
    progress.finish();
}

}  // namespace

void add_analyze_command(CLI::App& app) {
    auto args = std::make_shared<AnalyzeArgs>();
    auto* cmd = app.add_subcommand("analyze", "analyse a district: metrics, summary and a network diagram");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    add_output_flags(*cmd, args->output);
    cmd->add_flag("--progress", args->progress, "log each step and its time on stderr (a terminal also shows a progress bar)");
    cmd->callback([args] { run_analysis(*args); });
}

}  // namespace staffnet
