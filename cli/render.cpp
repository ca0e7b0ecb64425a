#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/metrics.hpp"
#include "engine/risk.hpp"
#include "engine/school_measures.hpp"
#include "io/output.hpp"
#include "viz/diagrams.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

namespace staffnet {
namespace {

struct RenderArgs {
    std::string config;
    std::string out_dir = "out";
    std::vector<std::string> formats;
    std::string diagram = "all";
    std::string size_by;
    bool force = false;
};

// The people at high isolation risk, as analyze finds them (all tie types, or the config's).
std::vector<RiskEntry> people_at_risk(const District& d, const AnalysisConfig& config) {
    const Network& net = d.network;
    std::vector<bool> keep(net.options.types.size(), config.risk_tie_types.empty());
    for (std::size_t t = 0; t < net.options.types.size(); ++t)
        if (std::find(config.risk_tie_types.begin(), config.risk_tie_types.end(), net.options.types[t].name) !=
            config.risk_tie_types.end())
            keep[t] = true;
    std::vector<ParticipationMeasure> participation;
    for (const Participation& p : config.participation) participation.push_back({p.column, p.higher_is_better});
    if (participation.empty())
        for (const std::string& m : d.schools.measure_names) participation.push_back({m, true});
    const std::vector<char> low_schools = bottom_quartile_schools(d.schools, participation);
    std::vector<char> low_people(net.size(), 0);
    const auto members = school_members(net, d.schools);
    for (std::size_t s = 0; s < members.size(); ++s)
        for (Vertex v : members[s]) low_people[v] = low_schools[s];
    return person_risk(layers(net, keep), low_people, config.risk);
}

void run_render(const RenderArgs& args) {
    AnalysisConfig config;
    const District d = load_and_report(args.config, config);
    DiagramConfig diagrams;  // TODO(lead): `= config.diagrams` once config/ parses the `diagrams:` keys
    diagrams.seed = config.seed;
    if (!args.formats.empty()) diagrams.formats = args.formats;
    if (!args.size_by.empty()) diagrams.size_by = args.size_by;
    diagrams.sociogram = args.diagram == "all" || args.diagram == "sociogram";
    diagrams.bridge_map = args.diagram == "all" || args.diagram == "bridge";
    diagrams.school_diagrams = args.diagram == "all" || args.diagram == "schools";

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
    const DiagramMarks marks = diagram_marks(d.network, columns, people_at_risk(d, config), diagrams);
    OutputSet outputs;
    for (auto& [name, content] : diagram_files(draw_diagrams(d.network, d.schools, marks, diagrams), diagrams))
        outputs.add(name, std::move(content));
    commit(outputs, args.out_dir, {.force = args.force, .inputs = {config.file, config.people, config.ties, config.schools}});
    for (const auto& [name, content] : outputs.files) std::cout << "wrote " << args.out_dir << "/" << name << '\n';
}

}  // namespace

void add_render_command(CLI::App& app) {
    auto args = std::make_shared<RenderArgs>();
    auto* cmd = app.add_subcommand("render", "draw the district's diagrams: sociogram, bridge map, one per school");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("-o,--out", args->out_dir, "output folder (diagrams go in DIR/diagrams/)")->capture_default_str();
    cmd->add_option("-f,--format", args->formats, "svg, png, pdf or dot; repeat for several (default: the config's, svg)")
        ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}))
        ->delimiter(',');
    cmd->add_option("-d,--diagram", args->diagram, "which diagrams")
        ->check(CLI::IsMember({"sociogram", "bridge", "schools", "all"}))
        ->capture_default_str();
    cmd->add_option("--size-by", args->size_by, "metric for node size (default: the config's, betweenness)")
        ->check([](const std::string& name) {
            return find_metric(name) ? std::string() : "unknown metric '" + name + "'; staffnet metrics --list shows them";
        });
    cmd->add_flag("--force", args->force, "write into a non-empty folder that staffnet did not create");
    cmd->callback([args] { run_render(*args); });
}

}  // namespace staffnet
