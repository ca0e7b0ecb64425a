#pragma once
// The analysis layer: a loaded district and its config in, one immutable Analysis value out.
// Every writer (CSV, JSON), the report, the outreach sheet, the diagrams, the server and the
// Python module read this value; none of them recomputes. Data flow:
//   config/ -> io/ (District) -> engine/ (kernels) -> app/ (Analysis) -> viz/, writers, server
#include "config/analysis.hpp"
#include "engine/ei_index.hpp"
#include "engine/graph_measures.hpp"
#include "engine/metrics.hpp"
#include "engine/patterns.hpp"
#include "engine/progress.hpp"
#include "engine/risk.hpp"
#include "engine/school_measures.hpp"
#include "engine/school_statistics.hpp"
#include "io/district.hpp"
#include "io/risk_tables.hpp"
#include "io/table.hpp"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// Named whole-network measures in a fixed order (see graph_measures).
using GraphMeasures = std::vector<std::pair<std::string, double>>;

/// Told of each step as it starts ("metric betweenness", "school measures") and, within a step,
/// of how many of its searches are done.
struct AnalysisProgress {
    std::function<void(const std::string& step)> step;
    ProgressFn searches;
};

/// Which optional parts analyse() computes. The live server skips the slow, whole-district
/// extras; `analyze` computes everything.
struct AnalysisParts {
    bool layers = true;        // graph measures of each tie type alone (summary.json "layers")
    bool ei_test = true;       // the E-I permutation test by school
    bool statistics = true;    // school measures, and their correlations and regressions against participation
    bool graph_measures = true;  // whole-network measures (summary.json)
    std::optional<std::vector<std::string>> only_metrics;  // compute only these of the config's metrics
};

/// How the path measures were computed: exactly, or from `sources` sampled sources.
struct PathSamplingInfo {
    bool sampled = false;
    std::size_t above = 0;    // the config's threshold (people)
    std::size_t sources = 0;  // 0 when exact
};

/// Everything one run of the analysis found. Results about a person or a school are looked up by
/// id (person_risk_of, school_risk_of, column_of); display-ordered lists are for display only.
struct Analysis {
    std::shared_ptr<const District> district;  // what was analysed (pseudonymised when asked)
    std::string source;                        // the config file
    std::string district_name;                 // the config's, for headings ("" = not given)
    std::string data_date;                     // the date of the data, for headings ("" = not given)
    unsigned seed = 42;
    bool directed = false;
    bool weighted = false;

    std::vector<ScoreColumn> people;  // people.csv columns in order (isolation_risk included), indexed by vertex

    RiskProvenance how;                        // isolate rule and tie types the risk lists used
    std::vector<RiskEntry> people_risk;        // display order (level, leaders first, score, id)
    std::vector<RiskEntry> school_risk;        // display order (score, id); RiskEntry::person is the school index
    std::vector<std::size_t> flagged_schools;  // school indices at high or medium risk, ascending
    std::vector<CoverageStep> outreach_plan;   // outreach_cover() of the flagged schools

    std::vector<SchoolColumn> school_measures;          // indexed by school (schools order)
    std::vector<ParticipationMeasure> participation;
    std::vector<CorrelationRow> correlations;
    std::vector<RegressionRow> regressions;

    std::vector<GroupPattern> patterns;
    std::size_t min_group_size = 5;

    GraphMeasures whole;                                       // the whole network
    std::vector<std::pair<std::string, GraphMeasures>> layers;  // each tie type alone, in type order
    EIIndex ei_school;                                         // E-I index by school, with its permutation test
    PathSamplingInfo sampling;
    std::vector<std::string> notes;  // plain sentences: estimates, parts left out at this size

    // Lookups by id (filled by analyse).
    std::map<std::string, Vertex> vertex_of;          // person id -> vertex
    std::map<std::string, std::size_t> school_of;     // school id -> school index
    std::vector<std::size_t> person_risk_row;         // vertex -> row of people_risk, or npos
    std::vector<std::size_t> school_risk_row;         // school index -> row of school_risk, or npos

    const Network& network() const { return district->network; }
    const SchoolTable& schools() const { return district->schools; }

    /// The risk entry of the person with this id; nullptr when they are not scored (district team).
    const RiskEntry* person_risk_of(const std::string& person_id) const;
    /// The risk entry of the school with this id; nullptr when there is no such school.
    const RiskEntry* school_risk_of(const std::string& school_id) const;
    /// The people.csv column of this name; nullptr when it was not computed.
    const VertexScores* column_of(const std::string& column) const;
    /// The school measure of this name; nullptr when there is none.
    const SchoolColumn* school_measure_of(const std::string& name) const;
};

/// The network the risk lists use (only the tie types under risk.tie_types; all when none) and how
/// it was made, as every risk file states it.
struct RiskView {
    Network network;
    RiskProvenance how;
};
RiskView risk_view(const Network& net, const AnalysisConfig& config);

/// Metric columns and (when `whole`) the whole-network measures of one network.
struct NetworkMetrics {
    std::vector<ScoreColumn> columns;  // registry (people.csv) order
    GraphMeasures whole;
};

/// The columns of `requests` on `net` (each request's options already seeded and sampled), and
/// the graph measures with `sampling`, each quantity once: one all-pairs pass serves betweenness,
/// closeness, harmonic and the path-based graph measures when they follow the same arcs
/// (undirected, unweighted) with the same sampling, and community columns with default options
/// serve the graph measures' communities. Used by analyse() and by `staffnet metrics`.
NetworkMetrics network_metrics(const Network& net, const std::vector<MetricRequest>& requests, const PathSampling& sampling,
                               bool whole, const AnalysisProgress& progress = {});

/// A sentence saying which path measures `analyse` will estimate on `net` and how, or "" when
/// everything is exact.
std::string sampling_note(const Network& net, const AnalysisConfig& config);

/// Runs every step the config asks for, each quantity once: metrics (one all-pairs pass shared by
/// the path metrics and the path-based graph measures), isolation risk and the outreach plan,
/// school measures, correlations and regressions, patterns, whole-network and per-layer measures,
/// and the E-I test. Deterministic for the same district, config and seed on any thread count.
Analysis analyse(std::shared_ptr<const District> district, const AnalysisConfig& config,
                 const AnalysisProgress& progress = {}, const AnalysisParts& parts = {});

}  // namespace staffnet
