#include "cli/common.hpp"

#include "cli/commands.hpp"
#include "engine/centrality.hpp"
#include "engine/graph_measures.hpp"
#include "engine/school_measures.hpp"
#include "io/privacy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>

namespace staffnet {

District load_and_report(const std::string& path, AnalysisConfig& config, const OutputFlags& privacy) {
    config = load_analysis(path.empty() ? default_config() : path);
    District d = load_district(config);
    // stderr follows the files: no real id or name in a warning of a pseudonymised run.
    if (privacy.pseudonymize || privacy.research) pseudonymize_messages(d.warnings, d.network, pseudonym_key(config));
    report_loaded(d, config.file);
    return d;
}

District load_and_report(const std::string& path, AnalysisConfig& config) { return load_and_report(path, config, OutputFlags{}); }

void report_loaded(const District& d, const std::string& what) {
    for (const Diagnostic& w : d.warnings) std::cerr << format(w) << '\n';
    const Network& net = d.network;
    std::map<std::string, int> roles;
    for (const Person& p : net.people) ++roles[p.role.get().empty() ? "unspecified" : p.role.get()];
    std::string role_text;
    for (const auto& [role, count] : roles) role_text += fmt::format("{}{} {}", role_text.empty() ? "" : ", ", count, role);
    std::map<std::size_t, int> per_type;
    for (const Tie& t : net.ties) ++per_type[t.type];
    std::string type_text;
    for (const auto& [type, count] : per_type)
        type_text += fmt::format("{}{} {}", type_text.empty() ? "" : ", ", count, net.options.types[type].name);
    std::cout << fmt::format("loaded {}: {} people ({}), {} ties ({}), {} schools; {} network\n", what, net.size(), role_text,
                             net.ties.size(), type_text.empty() ? "none" : type_text, d.schools.schools.size(),
                             net.directed() ? "directed" : "undirected");
}

std::string pseudonym_key(const AnalysisConfig& config) {
    const char* env = std::getenv("STAFFNET_KEY");
    const std::string key = (env && *env) ? env : config.privacy_key;
    if (key.empty())
        throw InputError(Diagnostic{"STAFFNET_KEY", 0, 0, "--pseudonymize needs a secret key and none is set",
                                    "set the environment variable STAFFNET_KEY (or privacy: key: in the config) to a long random secret"});
    return key;
}

void add_output_flags(CLI::App& cmd, OutputFlags& flags) {
    cmd.add_option("-o,--out", flags.out_dir, "output folder")->capture_default_str();
    cmd.add_flag("--force", flags.force, "write into a non-empty folder that staffnet did not create");
    cmd.add_flag("--pseudonymize", flags.pseudonymize,
                 "replace people's names and ids with stable keyed pseudonyms in every output (key: $STAFFNET_KEY)");
    cmd.add_flag("--research", flags.research, "research export: pseudonymised ids and no names at all");
}

void apply_privacy(const OutputFlags& flags, const AnalysisConfig& config, const std::vector<Network*>& networks) {
    if (!flags.pseudonymize && !flags.research) return;
    const std::string key = pseudonym_key(config);
    for (Network* net : networks) pseudonymize(*net, key, flags.research, config.safe_attributes);
}

std::vector<ScoreColumn> metric_columns(const Network& net, const AnalysisConfig& config, Progress* progress) {
    std::vector<MetricRequest> requests = config.metrics;
    apply_sampling(requests, net, config);
    for (MetricRequest& r : requests) {
        r.options.seed = config.seed;
        if (progress) r.options.progress = progress->counter();
    }
    std::vector<ScoreColumn> columns;
    const auto step = [&](const Metric& m) {
        if (progress) progress->step("metric " + m.name);
    };
    for (MetricColumn& c : compute_metrics(net, requests, step)) columns.emplace_back(c.metric->column, std::move(c.scores));
    return columns;
}

std::vector<ParticipationMeasure> participation_of(const District& d, const AnalysisConfig& config) {
    std::vector<ParticipationMeasure> participation;
    for (const Participation& p : config.participation) participation.push_back({p.column, p.higher_is_better});
    if (participation.empty())
        for (const std::string& m : d.schools.measure_names) participation.push_back({m, true});
    return participation;
}

RiskView risk_view(const Network& net, const AnalysisConfig& config) {
    std::vector<bool> keep(net.options.types.size(), config.risk_tie_types.empty());
    std::string used;
    for (std::size_t t = 0; t < net.options.types.size(); ++t) {
        const std::string& name = net.options.types[t].name;
        if (std::find(config.risk_tie_types.begin(), config.risk_tie_types.end(), name) != config.risk_tie_types.end()) keep[t] = true;
        if (keep[t]) used += (used.empty() ? "" : "+") + name;
    }
    return {layers(net, keep), {rule_name(config.risk.rule), used}};
}

std::vector<RiskEntry> people_risk(const District& d, const AnalysisConfig& config, const Network& view) {
    const std::vector<char> low_schools = bottom_quartile_schools(d.schools, participation_of(d, config));
    std::vector<char> low_people(view.size(), 0);
    const auto members = school_members(view, d.schools);
    for (std::size_t s = 0; s < members.size(); ++s)
        for (Vertex v : members[s]) low_people[v] = low_schools[s];
    return person_risk(view, low_people, config.risk);
}

void add_risk_column(std::vector<ScoreColumn>& columns, const std::vector<RiskEntry>& risk, std::size_t people) {
    VertexScores score(people, std::nan(""));
    for (const RiskEntry& e : risk) score[e.person] = e.score;
    auto after = std::find_if(columns.begin(), columns.end(), [](const ScoreColumn& c) { return c.first == "community"; });
    columns.insert(after == columns.end() ? columns.end() : after + 1, {"isolation_risk", std::move(score)});
}

std::vector<SchoolColumn> school_columns(const District& d, const std::vector<ScoreColumn>& people_columns) {
    VertexScores betweenness_scores;
    for (const auto& [name, scores] : people_columns)
        if (name == "betweenness") betweenness_scores = scores;
    if (betweenness_scores.empty()) betweenness_scores = betweenness(d.network);
    return school_measures(d.network, d.schools, betweenness_scores);
}

std::vector<CorrelationRow> school_correlations(const District& d, const AnalysisConfig& config,
                                                const std::vector<SchoolColumn>& measures) {
    const auto& stats = config.statistics;
    return correlation_table(measures, d.schools, participation_of(d, config),
                             {.permutations = stats.permutations, .bootstrap = stats.bootstrap, .seed = config.seed});
}

nlohmann::ordered_json json_number(double value) {
    if (std::isnan(value)) return nullptr;  // undefined, for example assortativity of a single group
    if (value == std::floor(value) && std::abs(value) < 1e15) return static_cast<long long>(value);
    return value;
}

std::vector<std::pair<std::string, double>> whole_measures(const Network& net, const AnalysisConfig& config, Progress* progress) {
    return graph_measures(net, config.seed,
                          {.samples = path_samples(net, config), .seed = config.seed, .progress = progress ? progress->counter() : ProgressFn{}});
}

nlohmann::ordered_json measures_json(const std::vector<std::pair<std::string, double>>& measures) {
    nlohmann::ordered_json j;
    for (const auto& [name, value] : measures) j[name] = json_number(value);
    return j;
}

void write_outputs(const OutputSet& outputs, const std::string& folder, bool force, const std::vector<std::string>& inputs) {
    commit(outputs, folder, {.force = force, .inputs = inputs, .fault = {}});
    for (const auto& [name, content] : outputs.files) std::cout << "wrote " << folder << "/" << name << '\n';
}

std::size_t path_samples(const Network& net, const AnalysisConfig& config) {
    return net.size() > config.sampling.above && config.sampling.sources < net.size() ? config.sampling.sources : 0;
}

void apply_sampling(std::vector<MetricRequest>& requests, const Network& net, const AnalysisConfig& config) {
    const std::size_t samples = path_samples(net, config);
    for (MetricRequest& r : requests)
        if ((r.name == "betweenness" || r.name == "closeness" || r.name == "harmonic") && samples > 0 && !r.options.values.count("samples"))
            r.options.values["samples"] = std::to_string(samples);
}

std::string sampling_note(const Network& net, const AnalysisConfig& config) {
    const std::size_t samples = path_samples(net, config);
    if (samples == 0) return "";
    return fmt::format("{} people (more than {}): betweenness, closeness and harmonic centrality, the distances and the path-based "
                       "centralisations are estimated from {} sampled sources (seed {}); set sampling: in the config to change this",
                       net.size(), config.sampling.above, samples, config.seed);
}

}  // namespace staffnet
