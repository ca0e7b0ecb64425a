#include "viz/change.hpp"

#include "viz/outreach.hpp"
#include "viz/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

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

namespace {

const char* kChangeStyle = R"(
:root { --blue: #0072B2; --orange: #E69F00; --vermillion: #D55E00; --green: #009E73; --ink: #1d2733; --muted: #5b6773; --line: #d8dee4; }
body { font-family: "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: var(--ink); margin: 0; line-height: 1.45; background: #f6f8fa; }
header { background: var(--blue); color: white; padding: 1.2em 2em; } header h1 { margin: 0 0 .2em; font-size: 1.7em; }
main { padding: 0 2em 3em; max-width: 1500px; margin: 0 auto; }
section { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 1em 1.5em 1.5em; margin-top: 1.5em; }
h2 { font-size: 1.35em; margin: .2em 0 .6em; border-bottom: 3px solid var(--blue); display: inline-block; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; padding: .35em .55em; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #eef3f8; } td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gained { color: var(--green); font-weight: 700; } .lost { color: var(--vermillion); font-weight: 700; }
.hint { color: var(--muted); font-size: .92em; } .diagram svg { width: 100%; height: auto; }
@media print { body { background: white; } section { border: none; break-inside: avoid; } }
)";

std::string h(const std::string& text) { return html_escape(text); }

std::string rho_text(double rho) { return std::isfinite(rho) ? fmt::format("{:+.2f}", rho) : "–"; }

// Blue when more connection went with better participation, orange when with worse.
std::string toward_style(double toward) {
    if (!std::isfinite(toward)) return "";
    const double a = std::min(1.0, std::abs(toward)) * 0.75;
    return toward >= 0 ? fmt::format(" style=\"background:rgba(0,114,178,{:.2f})\"", a) : fmt::format(" style=\"background:rgba(230,159,0,{:.2f})\"", a);
}

std::string person_line(const Network& net, const IsolationChange& c, const std::map<std::string, std::string>& school_names) {
    const Person& p = net.people[c.person];
    std::string reasons;
    for (const std::string& r : c.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    std::string role = p.role;
    std::replace(role.begin(), role.end(), '_', ' ');
    const auto school = school_names.find(p.school);
    return "<tr><td>" + h(p.display_name()) + "</td><td>" + h(role) + "</td><td>" + h(school == school_names.end() ? p.school.get() : school->second) +
           "</td><td>" + h(reasons) + "</td></tr>\n";
}

}  // namespace

std::string change_html(const ChangeReport& r) {
    const Network& net = *r.merged;
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                       "img-src data:; base-uri 'none'; form-action 'none'\">\n<title>What changed</title>\n<style>";
    html += kChangeStyle;
    html += "</style>\n</head>\n<body>\n<header><h1>What changed between " + h(r.waves.before) + " and " + h(r.waves.after) + "</h1>\n";
    html += fmt::format("<p>{} tied pairs kept, {} new, {} lost.</p></header>\n<main>\n", r.ties.stable, r.ties.added, r.ties.dissolved);

    std::map<std::string, std::string> names;
    if (r.schools)
        for (const School& s : r.schools->schools) names[s.id] = s.name.empty() ? s.id : s.name;
    // Schools and their link to the district team.
    html += "<section id=\"schools\">\n<h2>Schools and their link to the district team</h2>\n";
    if (!r.district_ties || !r.schools || !r.school_matching) {
        html += "<p>There is no schools file, so schools are not compared.</p>\n";
    } else {
        std::string gained, lost, never;
        for (std::size_t i = 0; i < r.school_matching->size(); ++i) {
            const double before = r.district_ties->before[i], after = r.district_ties->after[i];
            if (!std::isfinite(before) || !std::isfinite(after)) continue;
            const std::string& id = r.school_matching->ids[i];
            const std::string name = names.count(id) ? names[id] : id;
            const std::string row = fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n", h(name), before, after);
            if (before == 0 && after > 0) gained += row;
            else if (before > 0 && after == 0) lost += row;
            else if (before == 0 && after == 0) never += row;
        }
        const auto table = [&](const std::string& rows, const char* title, const char* cls, const char* none) {
            if (rows.empty()) return fmt::format("<h3>{}</h3>\n<p>{}</p>\n", title, none);
            return fmt::format("<h3 class=\"{}\">{}</h3>\n<table>\n<thead><tr><th>School</th><th>Ties to the district team before</th>"
                               "<th>after</th></tr></thead>\n<tbody>\n{}</tbody>\n</table>\n",
                               cls, title, rows);
        };
        html += table(gained, "Gained a link to the district team", "gained", "No school went from no tie to the district team to some.");
        html += table(lost, "Lost their link to the district team", "lost", "No school lost every tie to the district team.");
        html += table(never, "Still no link to the district team", "lost", "Every school has at least one tie to the district team.");
    }
    html += "</section>\n";

    // People who left or entered isolation.
    html += "<section id=\"isolation\">\n<h2>Who left or entered isolation</h2>\n";
    for (const auto& [change, title, none] : {std::tuple{"out_of_isolation", "No longer isolated", "No one left isolation."},
                                              std::tuple{"into_isolation", "Newly isolated", "No one became isolated."},
                                              std::tuple{"still_isolated", "Still isolated", "No one was isolated in both waves."}}) {
        std::string rows;
        for (const IsolationChange& c : r.isolation)
            if (c.change == change) rows += person_line(net, c, names);
        html += fmt::format("<h3>{}</h3>\n", title);
        html += rows.empty() ? fmt::format("<p>{}</p>\n", none)
                             : "<table>\n<thead><tr><th>Person</th><th>Role</th><th>School</th><th>What changed</th></tr></thead>\n<tbody>\n" +
                                   rows + "</tbody>\n</table>\n";
    }
    html += "</section>\n";

    // Connection and participation together.
    html += "<section id=\"together\">\n<h2>How connection and participation changed together</h2>\n<p>For each measure of "
            "connection and each participation measure: Spearman's rank correlation (ρ) across schools in each wave, and its "
            "change with a 95% interval. Blue: more connection went with <i>better</i> participation; orange: with worse. The "
            "colour allows for measures where a higher value means less connection, and for participation measures where lower "
            "is better. Rows with no correlation in either wave are left out.</p>\n";
    std::string rows;
    for (const CorrelationChange& c : r.correlations) {
        if (!std::isfinite(c.before.spearman) && !std::isfinite(c.after.spearman)) continue;
        const auto it = r.connection.find(c.school_measure);
        const double sign = (c.higher_is_better ? 1.0 : -1.0) * (it != r.connection.end() && it->second < 0 ? -1.0 : 1.0);
        rows += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\"{}>{}</td><td class=\"n\"{}>{}</td><td class=\"n\">{} <small>[{}, {}]"
                            "</small></td></tr>\n",
                            h(school_measure_label(c.school_measure)), h(c.participation_measure), toward_style(sign * c.before.spearman),
                            rho_text(c.before.spearman), toward_style(sign * c.after.spearman), rho_text(c.after.spearman),
                            rho_text(c.change), rho_text(c.ci_low), rho_text(c.ci_high));
    }
    html += rows.empty() ? "<p>There are no correlations to compare (no schools file, or too few schools).</p>\n"
                         : "<table>\n<thead><tr><th>Connection</th><th>Participation</th><th>ρ " + h(r.waves.before) + "</th><th>ρ " +
                               h(r.waves.after) + "</th><th>Change [95% interval]</th></tr></thead>\n<tbody>\n" + rows +
                               "</tbody>\n</table>\n";
    html += "</section>\n";

    // The change diagram, inline (Graphviz has escaped every text in it).
    html += "<section id=\"diagram\">\n<h2>The change diagram</h2>\n<p>Green solid lines are new ties, vermillion dashed lines "
            "ties lost, thin grey lines ties kept. A green outline: no longer isolated; vermillion dashed: newly isolated. The "
            "same drawing is in diagrams/change.svg.</p>\n<div class=\"diagram\">";
    if (const std::size_t start = r.diagram_svg.find("<svg"); start != std::string::npos) html += r.diagram_svg.substr(start);
    html += "</div>\n</section>\n</main>\n</body>\n</html>\n";
    return html;
}

}  // namespace staffnet
