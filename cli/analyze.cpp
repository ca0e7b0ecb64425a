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
    std::string out_dir = "out";
    bool force = false;
    bool pseudonymize = false;
    bool research = false;
    bool progress = false;
};

// The path measures analyze samples on a large network, unless a metric sets its own `samples`.
constexpr const char* kSampledMeasures[] = {"betweenness", "closeness", "harmonic", "diameter", "average_path_length",
                                            "betweenness_centralization", "closeness_centralization"};

// The key for --pseudonymize: STAFFNET_KEY from the environment, else privacy.key in the config.
std::string pseudonym_key(const AnalysisConfig& config) {
    const char* env = std::getenv("STAFFNET_KEY");
    const std::string key = (env && *env) ? env : config.privacy_key;
    if (key.empty())
        throw InputError(Diagnostic{"STAFFNET_KEY", 0, 0, "--pseudonymize needs a secret key and none is set",
                                    "set the environment variable STAFFNET_KEY (or privacy: key: in the config) to a long random secret"});
    return key;
}

nlohmann::ordered_json number(double value) {
    if (std::isnan(value)) return nullptr;  // undefined, for example assortativity of a single group
    if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<long long>(value);
    return value;
}

nlohmann::ordered_json measures_json(const std::vector<std::pair<std::string, double>>& measures) {
    nlohmann::ordered_json j;
    for (const auto& [name, value] : measures) j[name] = number(value);
    return j;
}

nlohmann::ordered_json ei_json(const Network& net, unsigned seed) {
    const EIIndex ei = ei_index(net, group_labels(net, "school"), 5000, seed);
    nlohmann::ordered_json j;
    j["network"] = number(ei.network);
    j["expected"] = number(ei.expected);
    j["p_greater"] = ei.p_greater;
    j["p_less"] = ei.p_less;
    j["permutations"] = ei.permutations;
    for (const auto& [group, value] : ei.groups) j["groups"][group.empty() ? "(no school)" : group] = number(value);
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
        j["layers"][name] = measures_json(graph_measures(
            one, config.seed, {.samples = path_samples(one, config), .seed = config.seed, .progress = progress.counter()}));
    }
    j["staffnet_version"] = STAFFNET_VERSION;
    return j;
}

std::vector<ParticipationMeasure> participation_of(const District& d, const AnalysisConfig& config) {
    std::vector<ParticipationMeasure> participation;
    for (const Participation& p : config.participation) participation.push_back({p.column, p.higher_is_better});
    if (participation.empty())
        for (const std::string& m : d.schools.measure_names) participation.push_back({m, true});
    return participation;
}

// schools.csv, correlations.csv and regression.csv/.json.
void add_school_outputs(const District& d, const AnalysisConfig& config, const std::vector<ScoreColumn>& people_columns,
                        OutputSet& outputs, ReportData& report) {
    VertexScores betweenness_scores;
    for (const auto& [name, scores] : people_columns)
        if (name == "betweenness") betweenness_scores = scores;
    if (betweenness_scores.empty()) betweenness_scores = betweenness(d.network);
    const std::vector<SchoolColumn> measures = school_measures(d.network, d.schools, betweenness_scores);
    const std::vector<ParticipationMeasure> participation = participation_of(d, config);
    const auto& stats = config.statistics;
    outputs.add("schools.csv", schools_csv(d.schools, measures));
    report.school_measures = measures;
    report.participation = participation;
    report.correlations = correlation_table(measures, d.schools, participation,
                                            {.permutations = stats.permutations, .bootstrap = stats.bootstrap, .seed = config.seed});
    outputs.add("correlations.csv", correlations_csv(report.correlations));
    const std::vector<RegressionRow> models =
        regressions(measures, d.schools, stats.regressions.empty() ? default_regressions(participation) : stats.regressions);
    outputs.add("regression.csv", regression_csv(models));
    outputs.add("regression.json", regression_json(models));
}

// isolation_risk.csv, schools_at_risk.csv, outreach_plan.csv and outreach.html; returns each
// person's score for the isolation_risk column of people.csv.
VertexScores add_risk_outputs(const District& d, const AnalysisConfig& config, OutputSet& outputs, ReportData& report) {
    const Network& net = d.network;
    std::vector<bool> keep(net.options.types.size(), config.risk_tie_types.empty());
    std::string used;
    for (std::size_t t = 0; t < net.options.types.size(); ++t) {
        const std::string& name = net.options.types[t].name;
        if (std::find(config.risk_tie_types.begin(), config.risk_tie_types.end(), name) != config.risk_tie_types.end()) keep[t] = true;
        if (keep[t]) used += (used.empty() ? "" : "+") + name;
    }
    const Network risk_net = layers(net, keep);
    const RiskProvenance how{rule_name(config.risk.rule), used};

    const std::vector<char> low_schools = bottom_quartile_schools(d.schools, participation_of(d, config));
    std::vector<char> low_people(net.size(), 0);
    const auto members = school_members(net, d.schools);
    for (std::size_t s = 0; s < members.size(); ++s)
        for (Vertex v : members[s]) low_people[v] = low_schools[s];
    const std::vector<RiskEntry> people = person_risk(risk_net, low_people, config.risk);
    outputs.add("isolation_risk.csv", isolation_risk_csv(net, people, how));

    std::vector<RiskEntry> schools;
    if (!d.schools.schools.empty()) {
        schools = school_risk(risk_net, d.schools, school_measures(risk_net, d.schools, {}), low_schools, config.risk);
        std::vector<std::size_t> flagged;
        for (const RiskEntry& e : schools)
            if (e.level == "high" || e.level == "medium") flagged.push_back(e.person);
        std::sort(flagged.begin(), flagged.end());
        outputs.add("schools_at_risk.csv", schools_at_risk_csv(net, d.schools, schools, how));
        outputs.add("outreach_plan.csv", outreach_plan_csv(net, d.schools, outreach_cover(risk_net, d.schools, flagged), flagged));
    }
    outputs.add("outreach.html", outreach_sheet_html(net, d.schools, people, schools, how.rule));
    report.people_risk = people;
    report.school_risk = schools;
    report.isolate_rule = how.rule;
    report.risk_tie_types = used;
    VertexScores score(net.size(), std::nan(""));
    for (const RiskEntry& e : people) score[e.person] = e.score;
    return score;
}

void run_analysis(const AnalyzeArgs& args) {
    Progress progress(stderr_is_terminal(), args.progress);
    AnalysisConfig config;
    District d = load_and_report(args.config, config);
    if (args.pseudonymize || args.research) pseudonymize(d.network, pseudonym_key(config), args.research);
    const Network& net = d.network;
    DiagramConfig diagrams;  // = config.diagrams once config/ parses `diagrams:`
    diagrams.seed = config.seed;
    const bool large = net.size() > diagrams.large_network;  // network.svg: the sociogram, not a neato layout of everyone

    OutputSet outputs;
    ReportData report;
    // What this size of network changes, said on stderr, in summary.json and in the report.
    for (const std::string& note : {sampling_note(net, config), sociogram_note(net, diagrams)})
        if (!note.empty()) report.notes.push_back(note);
    if (large && !sociogram_note(net, diagrams).empty()) report.notes.push_back("network.svg is not written either, for the same reason");
    for (const std::string& note : report.notes) std::cerr << "staffnet: note: " << note << '\n';

    std::vector<MetricRequest> requests = config.metrics;
    apply_sampling(requests, net, config);
    for (MetricRequest& r : requests) {
        r.options.seed = config.seed;
        r.options.progress = progress.counter();
    }
    std::vector<ScoreColumn> columns;
    for (MetricColumn& c : compute_metrics(net, requests, [&](const Metric& m) { progress.step("metric " + m.name); }))
        columns.emplace_back(c.metric->column, std::move(c.scores));

    report.source = config.file;
    report.network = net;
    report.schools = d.schools;
    report.seed = config.seed;
    // isolation_risk sits after community, as in the people.csv contract.
    progress.step("isolation risk and outreach");
    const VertexScores risk = add_risk_outputs(d, config, outputs, report);
    auto after = std::find_if(columns.begin(), columns.end(), [](const ScoreColumn& c) { return c.first == "community"; });
    columns.insert(after == columns.end() ? columns.end() : after + 1, {"isolation_risk", risk});
    outputs.add("people.csv", people_csv(net, columns));
    progress.step("school measures, correlations and regressions");
    if (!d.schools.schools.empty()) add_school_outputs(d, config, columns, outputs, report);
    progress.step("patterns by group");
    report.patterns = pattern_probes(net, {.min_group_size = config.statistics.min_group_size});
    report.min_group_size = config.statistics.min_group_size;
    outputs.add("patterns.csv", patterns_csv(report.patterns, config.statistics.min_group_size));
    progress.step("whole-network measures");
    report.graph_measures = graph_measures(net, config.seed,
                                           {.samples = path_samples(net, config), .seed = config.seed, .progress = progress.counter()});
    outputs.add("summary.json", summary_json(d, config, report, progress).dump(2) + "\n");
    progress.step("diagrams");
    report.diagrams = draw_diagrams(net, d.schools, diagram_marks(net, columns, report.people_risk, diagrams), diagrams,
                                    progress.counter());
    for (const auto& [name, content] : diagram_files(report.diagrams, diagrams)) outputs.add(name, content);
    progress.step("report.html");
    outputs.add("report.html", report_html(report));
    if (!large) {
        progress.step("network.svg");
        SociogramOptions whole;
        for (const auto& [name, scores] : columns)
            if (name == "betweenness" || (name == "degree" && whole.size_by.empty())) whole.size_by = scores;
        for (double x : isolate(net)) whole.highlight.push_back(x > 0);
        whole.seed = config.seed;
        outputs.add("network.svg", render(sociogram(net, whole), "neato", "svg"));
    } else {
        for (const DrawnDiagram& drawn : report.diagrams)
            if (drawn.name == "diagrams/sociogram") outputs.add("network.svg", drawn.formats.at("svg"));
    }
    progress.step("writing " + std::to_string(outputs.files.size()) + " files");
    commit(outputs, args.out_dir, {.force = args.force, .inputs = {config.file, config.people, config.ties, config.schools}});
    progress.finish();
    for (const auto& [name, content] : outputs.files) std::cout << "wrote " << args.out_dir << "/" << name << '\n';
}

}  // namespace

void add_analyze_command(CLI::App& app) {
    auto args = std::make_shared<AnalyzeArgs>();
    auto* cmd = app.add_subcommand("analyze", "analyse a district: metrics, summary and a network diagram");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("-o,--out", args->out_dir, "output folder")->capture_default_str();
    cmd->add_flag("--force", args->force, "write into a non-empty folder that staffnet did not create");
    cmd->add_flag("--pseudonymize", args->pseudonymize,
                  "replace people's names and ids with stable keyed pseudonyms in every output (key: $STAFFNET_KEY)");
    cmd->add_flag("--research", args->research, "research export: pseudonymised ids and no names at all");
    cmd->add_flag("--progress", args->progress, "log each step and its time on stderr (a terminal also shows a progress bar)");
    cmd->callback([args] { run_analysis(*args); });
}

}  // namespace staffnet
