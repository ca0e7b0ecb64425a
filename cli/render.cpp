#include "app/analysis.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/metrics.hpp"
#include "io/output.hpp"
#include "io/privacy.hpp"
#include "viz/diagrams.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace staffnet {
namespace {

struct RenderArgs {
    std::string config;
    OutputFlags output;
    std::vector<std::string> formats;
    std::string diagram;  // "" = what the config's diagrams.draw lists
    std::string size_by;
};

void run_render(const RenderArgs& args) {
    check_output_folder(args.output.out_dir, args.output.force);
    AnalysisConfig config;
    District d = load_and_report(args.config, config, args.output);
    apply_privacy(args.output, config, {&d.network});
    DiagramConfig diagrams = config.diagrams;
    if (!args.formats.empty()) diagrams.formats = args.formats;
    if (!args.size_by.empty()) diagrams.size_by = args.size_by;
    if (!args.diagram.empty()) {
        diagrams.sociogram = args.diagram == "all" || args.diagram == "sociogram";
        diagrams.bridge_map = args.diagram == "all" || args.diagram == "bridge";
        diagrams.school_diagrams = args.diagram == "all" || args.diagram == "schools";
    }

    // The size-by metric and the risk list come from the analysis layer, which computes only what
    // the diagrams need.
    AnalysisConfig wanted = config;
    AnalysisParts parts{.layers = false, .ei_test = false, .statistics = false, .graph_measures = false, .only_metrics = {{}}};
    if (!diagrams.size_by.empty() && find_metric(diagrams.size_by)) {
        if (std::none_of(config.metrics.begin(), config.metrics.end(), [&](const MetricRequest& r) { return r.name == diagrams.size_by; }))
            wanted.metrics.push_back({diagrams.size_by, {}});
        parts.only_metrics->push_back(diagrams.size_by);
    }
    if (const std::string note = sociogram_note(d.network, diagrams); !note.empty()) std::cerr << "staffnet: note: " << note << '\n';
    const Analysis analysis = analyse(std::make_shared<const District>(std::move(d)), wanted, {}, parts);
    const DiagramMarks marks = diagram_marks(analysis.network(), analysis.people, analysis.people_risk, diagrams);
    OutputSet outputs;
    for (auto& [name, content] : diagram_files(draw_diagrams(analysis.network(), analysis.schools(), marks, diagrams), diagrams))
        outputs.add(name, std::move(content));
    write_outputs(outputs, args.output.out_dir, args.output.force, {config.file, config.people, config.ties, config.schools});
}

}  // namespace

void add_render_command(CLI::App& app) {
    auto args = std::make_shared<RenderArgs>();
    auto* cmd = app.add_subcommand("render", "draw the district's diagrams: sociogram, bridge map, one per school");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    add_output_flags(*cmd, args->output);
    cmd->add_option("-f,--format", args->formats, "svg, png, pdf or dot; repeat for several (default: the config's, svg)")
        ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}))
        ->delimiter(',');
    cmd->add_option("-d,--diagram", args->diagram, "which diagrams (default: the config's diagrams.draw, all three)")
        ->check(CLI::IsMember({"sociogram", "bridge", "schools", "all"}));
    cmd->add_option("--size-by", args->size_by, "metric for node size (default: the config's, betweenness)")
        ->check([](const std::string& name) {
            return find_metric(name) ? std::string() : "unknown metric '" + name + "'; staffnet metrics --list shows them";
        });
    cmd->callback([args] { run_render(*args); });
}

}  // namespace staffnet
