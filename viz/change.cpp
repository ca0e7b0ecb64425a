#include "viz/change.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace staffnet {
namespace {

constexpr const char* green = "#009E73";  // Okabe–Ito bluish green
constexpr const char* grey = "#BBBBBB";
constexpr std::size_t small_network = 100;

struct Look {
    std::string colour, style, width, text;
};

// How each status is drawn, and its legend text.
Look look(TieStatus status, const DiagramConfig& config) {
    switch (status) {
        case TieStatus::added: return {green, "solid", "2.4", "new tie"};
        case TieStatus::dissolved: return {config.highlight_colour, "dashed", "2.4", "tie lost"};
        case TieStatus::new_person: return {green, "dotted", "1.6", "tie of someone who joined"};
        case TieStatus::person_left: return {config.highlight_colour, "dotted", "1.6", "tie of someone who left"};
        case TieStatus::stable: break;
    }
    return {grey, "solid", "0.8", "tie kept"};
}

std::string weight_text(const TieChange& t) {
    if (std::isnan(t.weight_before)) return fmt::format("strength {:g}", t.weight_after);
    if (std::isnan(t.weight_after)) return fmt::format("strength was {:g}", t.weight_before);
    if (t.weight_before == t.weight_after) return fmt::format("strength {:g}", t.weight_after);
    return fmt::format("strength {:g} to {:g}", t.weight_before, t.weight_after);
}

}  // namespace

Diagram change_diagram(const Network& merged, const SchoolTable& schools, const TieDiff& diff,
                       const std::vector<IsolationChange>& isolation, const WaveLabels& waves, const DiagramConfig& config) {
    const bool large = merged.size() > config.large_network;
    // No marks: a size or an outline would belong to one wave, and the layout is shared by both.
    // A small network names everyone, with a legend to its scale.
    const bool small = merged.size() <= small_network;
    DiagramConfig drawing = config;
    if (small && drawing.labels == "leaders") drawing.labels = "everyone";
    Diagram d = district_sociogram(merged, schools, DiagramMarks{}, drawing);
    if (small) d.graph["fontsize"] = "14";

    d.edges.clear();
    std::map<TieStatus, std::size_t> count;
    for (const TieChange& t : diff.pairs) {
        ++count[t.status];
        if (large && t.status == TieStatus::stable) continue;
        const Look l = look(t.status, config);
        Attributes a = {{"color", l.colour}, {"style", l.style}, {"penwidth", l.width},
                        {"tooltip", merged.people[t.source].name.get() + " – " + merged.people[t.target].name.get() + ": " + l.text + ", " +
                                        weight_text(t)}};
        if (merged.directed()) a["arrowsize"] = "0.5";
        d.edges.push_back({t.source, t.target, a});
    }
    // Stable pairs first, so that change is drawn on top.
    std::stable_partition(d.edges.begin(), d.edges.end(), [](const Diagram::Edge& e) { return e.attributes.at("color") == grey; });

    bool out = false, in = false, still = false;
    for (const IsolationChange& c : isolation) {
        Attributes& a = d.nodes[c.person].attributes;
        if (c.change == "out_of_isolation") {
            a["color"] = green, a["penwidth"] = "3", out = true;
        } else if (c.change == "into_isolation") {
            a["color"] = config.highlight_colour, a["penwidth"] = "3", a["style"] = "filled,dashed", in = true;
        } else if (c.change == "still_isolated") {
            a["color"] = config.highlight_colour, a["penwidth"] = "3", still = true;
        }
    }

    std::vector<LegendEntry> legend;
    for (const LegendEntry& e : d.legend)
        if (e.kind == LegendEntry::Kind::node) legend.push_back(e);
    for (TieStatus s : {TieStatus::added, TieStatus::dissolved, TieStatus::stable, TieStatus::new_person, TieStatus::person_left}) {
        if (!count[s]) continue;
        const Look l = look(s, config);
        const bool hidden = large && s == TieStatus::stable;
        legend.push_back({LegendEntry::Kind::edge, fmt::format("{} ({}{})", l.text, count[s], hidden ? ", not drawn" : ""), l.colour, l.style});
    }
    if (out) legend.push_back({LegendEntry::Kind::outline, "no longer isolated", green, "solid"});
    if (in) legend.push_back({LegendEntry::Kind::outline, "newly isolated", config.highlight_colour, "dashed"});
    if (still) legend.push_back({LegendEntry::Kind::outline, "still isolated", config.highlight_colour, "solid"});
    d.legend = std::move(legend);
    const double jaccard = diff.combined.jaccard();
    d.title = fmt::format("Change from {} to {}: {} new, {} lost, {} kept tied pairs", waves.before, waves.after,
                          count[TieStatus::added], count[TieStatus::dissolved], count[TieStatus::stable]);
    if (!std::isnan(jaccard)) d.title += fmt::format(" (Jaccard {:.2f})", jaccard);
    return d;
}

}  // namespace staffnet
