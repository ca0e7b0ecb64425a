#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/metrics.hpp"
#include "engine/risk.hpp"
#include "engine/school_measures.hpp"
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

    std::vector<std::pair<std::string, VertexScores>> columns;
    if (!diagrams.size_by.empty() && find_metric(diagrams.size_by)) {
        MetricRequest request{diagrams.size_by, {}};
        request.options.seed = config.seed;
        for (const MetricRequest& r : config.metrics)
            if (r.name == diagrams.size_by) request.options.values = r.options.values;
        std::vector<MetricRequest> requests = {request};
        apply_sampling(requests, d.network, config);
        for (MetricColumn& c : compute_metrics(d.network, requests)) columns.emplace_back(c.metric->column, std::move(c.scores));
    }
    if (const std::string note = sociogram_note(d.network, diagrams); !note.empty()) std::cerr << "staffnet: note: " << note << '\n';
    const std::vector<RiskEntry> risk = people_risk(d, config, risk_view(d.network, config).network);
    const DiagramMarks marks = diagram_marks(d.network, columns, risk, diagrams);
    OutputSet outputs;
    for (auto& [name, content] : diagram_files(draw_diagrams(d.network, d.schools, marks, diagrams), diagrams))
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
