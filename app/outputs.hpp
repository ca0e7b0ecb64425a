#pragma once
// The writer stage: every file `analyze` writes, as a pure function of one Analysis (plus the
// diagrams, which are drawn from it). Nothing here recomputes a result.
#include "app/analysis.hpp"
#include "io/output.hpp"
#include "viz/diagrams.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace staffnet {

/// A number for JSON: null when NaN (undefined), an integer when whole.
nlohmann::ordered_json json_number(double value);

/// Graph-level measures as a JSON object.
nlohmann::ordered_json measures_json(const GraphMeasures& measures);

/// summary.json: the whole-network measures, the E-I test by school, what the network is, the
/// path sampling, `notes`, and the measures of each tie type alone.
nlohmann::ordered_json summary_json(const Analysis& analysis, const std::vector<std::string>& notes);

/// The diagrams `analyze` draws from an analysis, and what their size changed.
struct DrawnSet {
    std::vector<DrawnDiagram> diagrams;  // those the config asks for (for the report and diagrams/)
    std::string network_svg;             // network.svg: the sociogram, or the bridge map above the limit
    std::vector<std::string> notes;      // "too many people for a sociogram; ..."
    std::shared_ptr<const LaidOutSociogram> sociogram;  // laid out once: the map takes its positions
};

/// What the district's size changes, as plain sentences, before anything runs: the path measures
/// estimated (sampling_note), and the sociogram left out above diagrams.sociogram_limit.
std::vector<std::string> district_notes(const District& district, const AnalysisConfig& config);

/// Draws the config's diagrams of `analysis` (marks from its columns and risk list). network.svg is
/// the district sociogram, drawn even when the config leaves it out of diagrams/ (but not above
/// diagrams.sociogram_limit people, where it is the bridge map instead).
DrawnSet draw_analysis_diagrams(const Analysis& analysis, const DiagramConfig& config, const ProgressFn& progress = {});

/// Every file `analyze` writes, in the order it lists them: the risk files and outreach sheet,
/// people.csv, the school files, patterns.csv, summary.json, network.svg, the diagrams and
/// report.html.
OutputSet analysis_outputs(const Analysis& analysis, const DrawnSet& drawn, const DiagramConfig& config);

}  // namespace staffnet
