#pragma once
// The change diagram of `staffnet compare`: both waves' ties on one layout.
#include "engine/change.hpp"
#include "viz/diagrams.hpp"

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

}  // namespace staffnet
