#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "engine/brokerage.hpp"
#include "engine/ei_index.hpp"
#include "engine/centrality.hpp"
#include "engine/graph_measures.hpp"
#include "engine/patterns.hpp"
#include "engine/school_measures.hpp"
#include "engine/groups.hpp"
#include "io/output.hpp"
#include "io/privacy.hpp"
#include "io/results.hpp"
#include "io/risk_tables.hpp"
#include "io/table.hpp"
#include "viz/outreach.hpp"
#include "viz/render.hpp"
#include "viz/report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace staffnet {
namespace {

struct AnalyzeArgs {
    std::string config;
    OutputFlags output;
    bool progress = false;
};

// The path measures analyze samples on a large network, unless a metric sets its own `samples`.
constexpr const char* kSampledMeasures[] = {"betweenness", "closeness", "harmonic", "diameter", "average_path_length",
                                            "betweenness_centralization", "closeness_centralization"};

nlohmann::ordered_json ei_json(const Network& net, unsigned seed) {
    const EIIndex ei = ei_index(net, group_labels(net, "school"), 5000, seed);
    nlohmann::ordered_json j;
    j["network"] = json_number(ei.network);
    j["expected"] = json_number(ei.expected);
    j["p_greater"] = ei.p_greater;
    j["p_less"] = ei.p_less;
    j["permutations"] = ei.permutations;
    for (const auto& [group, value] : ei.groups) j["groups"][group.empty() ? "(no school)" : group] = json_number(value);
    return j;
}

nlohmann::ordered_json sampling_json(const Network& net, const AnalysisConfig& config) {
    nlohmann::ordered_json j;
    const std::size_t samples = path_samples(net, config);
    j["sampled"] = samples > 0;
    j["above"] = config.sampling.above;
    if (j["sampled"]) {
        j["sources"] = samples;
        j["measures"] = kSampledMeasures;
    }
    return j;
}

// summary.json; `measures` are graph_measures() of the whole network, already computed.
nlohmann::ordered_json summary_json(const District& d, const AnalysisConfig& config, const ReportData& report, Progress& progress) {
    const auto& measures = report.graph_measures;
    nlohmann::ordered_json j = measures_json(measures);
    progress.step("E-I index by school (5,000 permutations)");
    j["ei_index_school"] = ei_json(d.network, config.seed);
    j["directed"] = d.network.directed();
    j["weighted"] = d.network.weighted();
    j["schools"] = d.schools.schools.size();
    j["tie_types"] = nlohmann::ordered_json::array();
    for (const TieType& t : d.network.options.types) j["tie_types"].push_back(t.name);
    j["seed"] = config.seed;
    j["path_sampling"] = sampling_json(d.network, config);
    j["notes"] = report.notes;
    j["community_algorithm"] = "louvain";
    // The same measures on each tie type alone (the layers of the multiplex network).
    for (std::size_t t = 0; t < d.network.options.types.size(); ++t) {
        const std::string& name = d.network.options.types[t].name;
        progress.step("whole-network measures of " + name + " ties");
        const Network one = layer(d.network, t);
        j["layers"][name] = measures_json(whole_measures(one, config, &progress));
    }
    j["staffnet_version"] = STAFFNET_VERSION;
    return j;
}

// schools.csv, correlations.csv and regression.csv/.json.
void add_school_outputs(const District& d, const AnalysisConfig& config, const std::vector<ScoreColumn>& people_columns,
                        OutputSet& outputs, ReportData& report) {
    const std::vector<SchoolColumn> measures = school_columns(d, people_columns);
    const std::vector<ParticipationMeasure> participation = participation_of(d, config);
    const auto& stats = config.statistics;
    outputs.add("schools.csv", schools_csv(d.schools, measures));
    report.school_measures = measures;
    report.participation = participation;
    report.correlations = school_correlations(d, config, measures);
    outputs.add("correlations.csv", correlations_csv(report.correlations));
    const std::vector<RegressionRow> models =
        regressions(measures, d.schools, stats.regressions.empty() ? default_regressions(participation) : stats.regressions);
    outputs.add("regression.csv", regression_csv(models));
    outputs.add("regression.json", regression_json(models));
}

// isolation_risk.csv, schools_at_risk.csv, outreach_plan.csv and outreach.html; returns each
// person's risk for the isolation_risk column of people.csv.
std::vector<RiskEntry> add_risk_outputs(const District& d, const AnalysisConfig& config, OutputSet& outputs, ReportData& report) {
    const Network& net = d.network;
    const auto [risk_net, how] = risk_view(net, config);
    const auto [people, schools] = isolation_risk(risk_net, d.schools, school_measures(risk_net, d.schools, {}),
                                                  participation_percentiles(d.schools, participation_of(d, config)), config.risk);
    outputs.add("isolation_risk.csv", isolation_risk_csv(net, people, how));

    if (!d.schools.schools.empty()) {
        std::vector<std::size_t> flagged;
        for (const RiskEntry& e : schools)
            if (e.level == "high" || e.level == "medium") flagged.push_back(e.person);
        std::sort(flagged.begin(), flagged.end());
        outputs.add("schools_at_risk.csv", schools_at_risk_csv(net, d.schools, schools, how));
        report.outreach_plan = outreach_cover(risk_net, d.schools, flagged);
        report.flagged_schools = flagged;
        outputs.add("outreach_plan.csv", outreach_plan_csv(net, d.schools, report.outreach_plan, flagged));
    }
    outputs.add("outreach.html", outreach_sheet_html(net, d.schools, people, schools, how.rule, {config.district_name, config.data_date}));
    report.people_risk = people;
    report.school_risk = schools;
    report.isolate_rule = how.rule;
    report.risk_tie_types = how.tie_types;
    return people;
}

void run_analysis(const AnalyzeArgs& args) {
    Progress progress(stderr_is_terminal(), args.progress);
    if (args.config.empty())
        std::cerr << "staffnet: note: no config given, so this analyses the bundled example district (" << default_config()
                  << "); give your config.yaml to analyse your own\n";
    AnalysisConfig config;
    District d = load_and_report(args.config, config);
    apply_privacy(args.output, config, {&d.network});
    const Network& net = d.network;
    DiagramConfig diagrams = config.diagrams;

    OutputSet outputs;
    ReportData report;
    // What this size of network changes, said on stderr, in summary.json and in the report.
    if (const std::string note = sampling_note(net, config); !note.empty()) report.notes.push_back(note);
    // Above the sociogram limit network.svg holds the bridge map, so scripts that open it still work.
    DiagramConfig whole = diagrams;
    whole.sociogram = true;
    const std::string too_large = sociogram_note(net, whole);
    const bool whole_drawn = too_large.empty();
    const bool bridge_instead = !whole_drawn && !d.schools.schools.empty();
    if (!whole_drawn)
        report.notes.push_back(too_large +
                               (bridge_instead ? "; network.svg holds the bridge map instead" : "; network.svg is not written either"));
    for (const std::string& note : report.notes) std::cerr << "staffnet: note: " << note << '\n';

    std::vector<ScoreColumn> columns = metric_columns(net, config, &progress);

    report.source = config.file;
    report.network = net;
    report.schools = d.schools;
    report.seed = config.seed;
    progress.step("isolation risk and outreach");
    add_risk_column(columns, add_risk_outputs(d, config, outputs, report), net.size());
    outputs.add("people.csv", people_csv(net, columns));
    progress.step("school measures, correlations and regressions");
    if (!d.schools.schools.empty()) add_school_outputs(d, config, columns, outputs, report);
    progress.step("patterns by group");
    report.patterns = pattern_probes(net, {.min_group_size = config.statistics.min_group_size});
    report.min_group_size = config.statistics.min_group_size;
    outputs.add("patterns.csv", patterns_csv(report.patterns, config.statistics.min_group_size));
    progress.step("whole-network measures");
    report.graph_measures = whole_measures(net, config, &progress);
    outputs.add("summary.json", summary_json(d, config, report, progress).dump(2) + "\n");
    progress.step("diagrams");
    // network.svg (the foundation's contract) is the district sociogram, drawn even when the
    // config leaves it out of diagrams/ (but not above diagrams.sociogram_limit people).
    const DiagramConfig asked = diagrams;
    diagrams.sociogram = true;
    diagrams.bridge_map = asked.bridge_map || bridge_instead;
    report.diagrams = draw_diagrams(net, d.schools, diagram_marks(net, columns, report.people_risk, diagrams), diagrams,
                                    progress.counter());
    const std::string network_svg = whole_drawn ? "diagrams/sociogram" : "diagrams/bridge_map";
    for (const DrawnDiagram& drawn : report.diagrams)
        if (drawn.name == network_svg) outputs.add("network.svg", drawn.formats.at("svg"));
    std::erase_if(report.diagrams, [&](const DrawnDiagram& drawn) {
        return (drawn.name == "diagrams/sociogram" && !asked.sociogram) || (drawn.name == "diagrams/bridge_map" && !asked.bridge_map);
    });
    for (const auto& [name, content] : diagram_files(report.diagrams, diagrams)) outputs.add(name, content);
    progress.step("report.html");
    outputs.add("report.html", report_html(report));
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
