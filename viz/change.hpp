#pragma once
// The change diagram of `staffnet compare`: both waves' ties on one layout.
#include "engine/change.hpp"
#include "viz/diagrams.hpp"

#include <map>
#include <string>
#include <vector>

namespace staffnet {

/// Names of the two waves compared, for the title.
struct WaveLabels {
    std::string before, after;
};

/// Every tied pair of either wave on the district sociogram's layout of `merged` (see
/// merged_network), drawn by what happened to it; colour is never the only cue: new pairs are
/// bluish green, solid and thick; dissolved pairs vermillion and dashed; stable pairs thin light
/// grey; pairs of someone who joined or left dotted (green or vermillion). People are filled by
/// role; who left isolation is outlined green, who entered it vermillion dashed, who stayed
/// isolated vermillion. Up to 100 people everyone is named (unless `config.labels` is "none");
/// above `config.large_network` people stable pairs are left out.
Diagram change_diagram(const Network& merged, const SchoolTable& schools, const TieDiff& diff,
                       const std::vector<IsolationChange>& isolation, const WaveLabels& waves, const DiagramConfig& config = {});

/// What change.html shows, all computed by `compare` already.
struct ChangeReport {
    WaveLabels waves;
    const Network* merged = nullptr;                  // merged_network(): names, roles, schools
    const SchoolTable* schools = nullptr;             // names of the schools (the later wave's, else the earlier's)
    const Matching* school_matching = nullptr;        // schools matched by id across the waves
    const ScoreChange* district_ties = nullptr;       // the district_ties school measure in both waves (may be null)
    std::vector<IsolationChange> isolation;           // isolation_changes()
    std::vector<CorrelationChange> correlations;      // correlation_changes()
    std::map<std::string, int> connection;            // school measure -> SchoolColumn::connection
    std::string diagram_svg;                          // diagrams/change.svg
    TieCounts ties;                                   // TieDiff::combined
};

/// change.html: a self-contained page in the report's style, in plain words: which schools gained
/// or lost their link to the district team, who left or entered isolation, how connection and
/// participation changed together (Spearman's rho in each wave, coloured so that blue means more
/// connection went with better participation), and the change diagram inline. No scripts at all;
/// a Content-Security-Policy allows no network access. Every name is escaped.
std::string change_html(const ChangeReport& report);

}  // namespace staffnet
