#pragma once
// report.html: one self-contained page for a district team meeting, built from results that
// analyze has already computed.
#include "engine/network.hpp"
#include "engine/patterns.hpp"
#include "engine/risk.hpp"
#include "engine/school_measures.hpp"
#include "engine/school_statistics.hpp"
#include "engine/schools.hpp"
#include "viz/diagrams.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// Everything the report shows. Only `network` is required; a part left empty is left out (with
/// a sentence saying so).
struct ReportData {
    std::string title = "Staff connections across the district";
    std::string source;  // what was analysed, e.g. the config file name
    Network network;
    SchoolTable schools;
    std::vector<std::pair<std::string, double>> graph_measures;  // graph_measures(network)
    std::vector<SchoolColumn> school_measures;                   // school_measures(), in schools order
    std::vector<ParticipationMeasure> participation;
    std::vector<CorrelationRow> correlations;  // correlation_table()
    std::vector<GroupPattern> patterns;        // pattern_probes()
    std::size_t min_group_size = 5;
    std::vector<RiskEntry> people_risk;  // person_risk(), sorted as it returns them
    std::vector<RiskEntry> school_risk;  // school_risk(), in schools order
    std::vector<std::size_t> flagged_schools;  // school indices at high or medium risk, ascending
    std::vector<CoverageStep> outreach_plan;   // outreach_cover() of the flagged schools
    std::string isolate_rule;            // rule_name(config.risk.rule)
    std::string risk_tie_types;          // the tie types the risk lists used, "a+b"
    std::vector<DrawnDiagram> diagrams;  // draw_diagrams(); only the SVG is used
    std::vector<std::pair<std::string, VertexScores>> people_columns;  // the analysis's metric columns (the map colours by them)
    DiagramConfig diagram_config;        // the run's diagrams: settings (the map lays out as the sociogram does)
    std::shared_ptr<const LaidOutSociogram> sociogram;  // the sociogram as drawn, when it was: the map takes its positions
    std::vector<std::string> notes;      // plain sentences under the summary: estimates, parts left out at this size
    unsigned seed = 42;
};

/// The report as one HTML file: summary figures; the diagrams inline as SVG with pan and zoom;
/// the isolation-risk tables; a sortable school table; scatter plots (Vega-Lite) of every school
/// measure against every participation measure with Spearman's rho and its 95% interval; the
/// per-group patterns with small groups suppressed; and a plain-language methods section. On a
/// large district the school diagrams are linked rather than inlined once together they pass 20 MB,
/// and the risk table shows the first 2,000 people (the CSV files hold everything).
/// Self-contained: the JavaScript libraries are compiled in (viz/report_assets.hpp), data sit in
/// a JSON block, and a Content-Security-Policy allows no network access and only the page's own
/// scripts (by hash). All user text is escaped. Deterministic for the same data.
std::string report_html(const ReportData& data);

/// A school measure's name in plain words, any technical term in brackets after it:
/// "share of colleague pairs tied (density)".
std::string school_measure_label(const std::string& name);

/// `j` as text safe inside a <script> element: < > & written as \u escapes, so no name can end it.
std::string script_json(const nlohmann::json& j);

/// `bytes` in base64 (OpenSSL's EVP_EncodeBlock), as in a data: URL.
std::string base64(const std::string& bytes);

/// SHA-256 of `bytes` in base64 (OpenSSL EVP), as a Content-Security-Policy source ('sha256-...').
std::string sha256_base64(const std::string& bytes);

}  // namespace staffnet
