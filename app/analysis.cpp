#include "app/analysis.hpp"

#include "engine/brokerage.hpp"
#include "engine/centrality.hpp"
#include "engine/graph_measures.hpp"
#include "engine/groups.hpp"
#include "engine/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace staffnet {
namespace {

constexpr std::size_t npos = std::size_t(-1);

// The path measures a large network samples unless a metric sets its own `samples`.
bool path_metric(const std::string& name) { return name == "betweenness" || name == "closeness" || name == "harmonic"; }

std::size_t path_samples(const Network& net, const AnalysisConfig& config) {
    return net.size() > config.sampling.above && config.sampling.sources < net.size() ? config.sampling.sources : 0;
}

// The requests of the config (or of `only`), each seeded with the run's seed and sampled as
// path_samples() says, reporting progress.
std::vector<MetricRequest> metric_requests(const Network& net, const AnalysisConfig& config, const AnalysisParts& parts,
                                           const ProgressFn& progress) {
    std::vector<MetricRequest> requests;
    for (const MetricRequest& r : config.metrics)
        if (!parts.only_metrics || std::count(parts.only_metrics->begin(), parts.only_metrics->end(), r.name)) requests.push_back(r);
    const std::size_t samples = path_samples(net, config);
    for (MetricRequest& r : requests) {
        if (path_metric(r.name) && samples > 0 && !r.options.values.count("samples"))
            r.options.values["samples"] = double(samples);
        r.options.seed = config.seed;
        r.options.progress = progress;
    }
    return requests;
}

// The samples and seed a path metric's options ask for; 0 samples (exact) ignores the seed.
std::pair<std::size_t, unsigned> path_sampling_of(const Options& options) {
    const auto samples = std::size_t(options.number("samples", 0));
    return {samples, samples == 0 ? 0u : unsigned(options.number("seed", options.seed))};
}

bool same_sampling(const PathPass& pass, const Options& options) {
    const auto [samples, seed] = path_sampling_of(options);
    return samples == pass.samples && (samples == 0 || seed == pass.seed);
}

// The isolation_risk column (each person's risk score, blank when not scored) goes after
// community, as in the people.csv contract.
void add_risk_column(std::vector<ScoreColumn>& columns, const std::vector<RiskEntry>& risk, std::size_t people) {
    VertexScores score(people, std::nan(""));
    for (const RiskEntry& e : risk) score[e.person] = e.score;
    auto after = std::find_if(columns.begin(), columns.end(), [](const ScoreColumn& c) { return c.first == "community"; });
    columns.insert(after == columns.end() ? columns.end() : after + 1, {"isolation_risk", std::move(score)});
}

// Whole-network measures of `net`, sharing one path pass (and the communities, when `columns`
// holds them with the default options) instead of searching again.
GraphMeasures measures_of(const Network& net, const PathSampling& sampling, const PathPass* pass,
                          const std::vector<MetricRequest>& requests, const std::vector<ScoreColumn>& columns) {
    std::optional<PathPass> own;
    if (!pass && one_pass_applies(net)) pass = &own.emplace(path_pass(net, sampling.samples, sampling.seed, sampling.progress));
    KnownResults known{.paths = pass, .louvain = nullptr, .leiden = nullptr};
    // A community column is Louvain (Leiden) seeded with the run's seed at resolution 1 unless its
    // options say otherwise; then it is exactly what the graph measures would compute.
    const auto reusable = [&](const std::string& metric, const std::string& column) -> const VertexScores* {
        for (const MetricRequest& r : requests)
            if (r.name == metric && !r.options.values.count("seed") && !r.options.values.count("resolution") &&
                r.options.text("objective", "modularity") == "modularity")
                for (const ScoreColumn& c : columns)
                    if (c.first == column) return &c.second;
        return nullptr;
    };
    known.louvain = reusable("community", "community");
    known.leiden = reusable("leiden", "community_leiden");
    return graph_measures(net, sampling.seed, sampling, known);
}

std::vector<ParticipationMeasure> participation_of(const District& d, const AnalysisConfig& config) {
    std::vector<ParticipationMeasure> participation;
    for (const Participation& p : config.participation) participation.push_back({p.column, p.higher_is_better});
    if (participation.empty())
        for (const std::string& m : d.schools.measure_names) participation.push_back({m, true});
    return participation;
}

}  // namespace

std::string sampling_note(const Network& net, const AnalysisConfig& config) {
    const std::size_t samples = path_samples(net, config);
    if (samples == 0) return "";
    return fmt::format("{} people (more than {}): betweenness, closeness and harmonic centrality, the distances and the path-based "
                       "centralisations are estimated from {} sampled sources (seed {}); set sampling: in the config to change this",
                       net.size(), config.sampling.above, samples, config.seed);
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

const RiskEntry* Analysis::person_risk_of(const std::string& person_id) const {
    const auto v = vertex_of.find(person_id);
    if (v == vertex_of.end() || person_risk_row[v->second] == npos) return nullptr;
    return &people_risk[person_risk_row[v->second]];
}

const RiskEntry* Analysis::school_risk_of(const std::string& school_id) const {
    const auto s = school_of.find(school_id);
    if (s == school_of.end() || school_risk_row[s->second] == npos) return nullptr;
    return &school_risk[school_risk_row[s->second]];
}

const VertexScores* Analysis::column_of(const std::string& column) const {
    for (const ScoreColumn& c : people)
        if (c.first == column) return &c.second;
    return nullptr;
}

const SchoolColumn* Analysis::school_measure_of(const std::string& name) const {
    for (const SchoolColumn& c : school_measures)
        if (c.name == name) return &c;
    return nullptr;
}

NetworkMetrics network_metrics(const Network& net, const std::vector<MetricRequest>& requests, const PathSampling& sampling,
                               bool whole, const AnalysisProgress& progress) {
    const auto step = [&](const std::string& what) {
        if (progress.step) progress.step(what);
    };
    // One all-pairs pass serves betweenness, closeness, harmonic and the path-based graph measures
    // when they all follow the same arcs (undirected, unweighted) with the same sampling.
    std::optional<PathPass> pass;
    const bool path_metrics = std::any_of(requests.begin(), requests.end(), [](const MetricRequest& r) { return path_metric(r.name); });
    if (one_pass_applies(net) && net.size() > 0 && (path_metrics || whole)) {
        step("shortest paths (betweenness, closeness, harmonic and distances in one pass)");
        pass = path_pass(net, sampling.samples, sampling.seed, progress.searches);
    }
    const auto known = [&](const Metric& m, const Options& options) -> std::optional<VertexScores> {
        if (!pass || !path_metric(m.name) || !same_sampling(*pass, options)) return std::nullopt;
        if (m.name == "betweenness") return betweenness_from(net, *pass, options.flag("normalized", true));
        return m.name == "closeness" ? pass->closeness : pass->harmonic;  // undirected: direction does not matter
    };
    NetworkMetrics out;
    for (MetricColumn& c : compute_metrics(net, requests, [&](const Metric& m) { step("metric " + m.name); }, known))
        out.columns.emplace_back(c.metric->column, std::move(c.scores));
    if (whole) {
        step("whole-network measures");
        out.whole = measures_of(net, sampling, pass ? &*pass : nullptr, requests, out.columns);
    }
    return out;
}

Analysis analyse(std::shared_ptr<const District> district, const AnalysisConfig& config, const AnalysisProgress& progress,
                 const AnalysisParts& parts) {
    const District& d = *district;
    const Network& net = d.network;
    const auto step = [&](const std::string& what) {
        if (progress.step) progress.step(what);
    };
    Analysis a;
    a.district = district;
    a.source = config.file;
    a.district_name = config.district_name;
    a.data_date = config.data_date;
    a.seed = config.seed;
    a.directed = net.directed();
    a.weighted = net.weighted();
    const std::size_t samples = path_samples(net, config);
    a.sampling = {samples > 0, config.sampling.above, samples};
    if (const std::string note = sampling_note(net, config); !note.empty()) a.notes.push_back(note);
    if (parts.graph_measures)
        for (std::string note : graph_measure_notes(net)) a.notes.push_back(std::move(note));

    const std::vector<MetricRequest> requests = metric_requests(net, config, parts, progress.searches);
    NetworkMetrics computed = network_metrics(net, requests, {.samples = samples, .seed = config.seed, .progress = progress.searches},
                                              parts.graph_measures, progress);
    std::vector<ScoreColumn> columns = std::move(computed.columns);
    a.whole = std::move(computed.whole);

    step("isolation risk and outreach");
    const RiskView view = risk_view(net, config);
    const Network& risk_net = view.network;
    a.how = view.how;
    a.participation = participation_of(d, config);
    RiskLists risk = isolation_risk(risk_net, d.schools, school_measures(risk_net, d.schools, {}),
                                    participation_percentiles(d.schools, a.participation), config.risk);
    a.people_risk = std::move(risk.people);
    if (!d.schools.schools.empty()) {
        a.school_risk = std::move(risk.schools);
        for (const RiskEntry& e : a.school_risk)
            if (e.level == "high" || e.level == "medium") a.flagged_schools.push_back(e.person);
        std::sort(a.flagged_schools.begin(), a.flagged_schools.end());
        a.outreach_plan = outreach_cover(risk_net, d.schools, a.flagged_schools);
    }
    for (Vertex v = 0; v < net.size(); ++v) a.vertex_of.emplace(net.people[v].id, v);
    for (std::size_t s = 0; s < d.schools.schools.size(); ++s) a.school_of.emplace(d.schools.schools[s].id, s);
    a.person_risk_row.assign(net.size(), npos);
    for (std::size_t r = 0; r < a.people_risk.size(); ++r) a.person_risk_row[a.people_risk[r].person] = r;
    a.school_risk_row.assign(d.schools.schools.size(), npos);
    for (std::size_t r = 0; r < a.school_risk.size(); ++r) a.school_risk_row[a.school_risk[r].person] = r;
    add_risk_column(columns, a.people_risk, net.size());
    a.people = std::move(columns);

    if (!d.schools.schools.empty() && parts.statistics) {
        step("school measures, correlations and regressions");
        const VertexScores* between = a.column_of("betweenness");
        const VertexScores own = between ? VertexScores{} : betweenness(net);
        a.school_measures = school_measures(net, d.schools, between ? *between : own);
        const auto& stats = config.statistics;
        a.correlations = correlation_table(a.school_measures, d.schools, a.participation,
                                           {.permutations = stats.permutations, .bootstrap = stats.bootstrap, .seed = config.seed});
        a.regressions = regressions(a.school_measures, d.schools,
                                    stats.regressions.empty() ? default_regressions(a.participation) : stats.regressions);
    }

    step("patterns by group");
    a.min_group_size = config.statistics.min_group_size;
    a.patterns = pattern_probes(net, {.min_group_size = config.statistics.min_group_size});

    if (parts.ei_test) {
        step(fmt::format("E-I index by school ({} permutations)", config.statistics.permutations));
        a.ei_school = ei_index(net, group_labels(net, "school"), config.statistics.permutations, config.seed);
    }
    if (parts.layers)
        for (std::size_t t = 0; t < net.options.types.size(); ++t) {
            step("whole-network measures of " + net.options.types[t].name + " ties");
            a.layers.emplace_back(net.options.types[t].name, measures_of(layer(net, t), {.samples = samples, .seed = config.seed, .progress = progress.searches}, nullptr, {}, {}));
        }
    return a;
}

}  // namespace staffnet
