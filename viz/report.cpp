#include "viz/report.hpp"

#include "viz/map.hpp"
#include "viz/outreach.hpp"
#include "viz/report_assets.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>

namespace staffnet {
namespace {

using nlohmann::json;

std::string h(const std::string& text) { return html_escape(text); }

// A number for a table cell: "–" when not defined, integers without decimals.
std::string num(double x, int digits = 2) {
    if (!std::isfinite(x)) return "–";
    if (x == std::floor(x) && std::abs(x) < 1e12) return fmt::format("{:.0f}", x);
    std::string text = fmt::format("{:.{}f}", x, digits);  // "3.50" -> "3.5": every number printed alike
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

// A sortable numeric cell: data-v holds the exact value ("" when not defined, sorted last).
std::string num_cell(double x, int digits = 2, const char* cls = "n") {
    return fmt::format("<td class=\"{}\" data-v=\"{}\">{}</td>", cls, std::isfinite(x) ? fmt::format("{}", x) : "", num(x, digits));
}

std::string pretty(const std::string& name) {
    std::string out = name;
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

std::string school_label(const School& s) { return s.name.empty() ? s.id : s.name; }

// A school measure's heading in plain words, the technical term in brackets after it.
std::string measure_label(const std::string& name) {
    static const std::map<std::string, std::string> labels = {
        {"people", "people"},
        {"internal_ties", "ties inside the school"},
        {"internal_density", "share of colleague pairs tied (density)"},
        {"internal_reciprocity", "ties named back (reciprocity)"},
        {"mean_internal_degree", "colleagues tied, on average"},
        {"median_internal_degree", "colleagues tied, middle value"},
        {"internal_clustering", "colleagues of colleagues tied (clustering)"},
        {"internal_centralization", "ties hang on one person (centralization)"},
        {"district_ties", "ties to the district team"},
        {"district_members", "district team members who know the school"},
        {"strongest_district_tie", "strongest district tie"},
        {"has_close_connection", "close district tie"},
        {"leaders_without_district_tie", "leaders with no district tie"},
        {"share_staff_isolated", "share of staff with no ties"},
        {"ei_index", "ties beyond the school (E-I index)"},
        {"mean_betweenness", "bridging others (betweenness)"},
    };
    const auto it = labels.find(name);
    return it == labels.end() ? pretty(name) : it->second;
}

// The Schools table's columns shown by default (it must fit a printed page); the rest follow a toggle.
bool compact_measure(const std::string& name) {
    return name == "people" || name == "internal_density" || name == "district_ties" || name == "district_members" ||
           name == "share_staff_isolated";
}

const SchoolColumn* find_measure(const ReportData& d, const std::string& name) {
    for (const SchoolColumn& c : d.school_measures)
        if (c.name == name) return &c;
    return nullptr;
}

// Participation values of schools.csv column `column`, in schools order (NaN when absent).
std::vector<double> participation_values(const SchoolTable& schools, const std::string& column) {
    const auto it = std::find(schools.measure_names.begin(), schools.measure_names.end(), column);
    std::vector<double> out;
    for (const School& s : schools.schools) {
        const std::size_t k = std::size_t(it - schools.measure_names.begin());
        out.push_back(it != schools.measure_names.end() && k < s.measures.size() ? s.measures[k] : NAN);
    }
    return out;
}

// JSON that is safe inside <script type="application/json">: no '<', '>' or '&' at all.

json number_json(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// Plain-language explanations of the school measures, for the methods section.
const std::map<std::string, std::string>& school_measure_help() {
    static const std::map<std::string, std::string> help = {
        {"people", "How many people from the school are on the list."},
        {"internal_ties", "How many pairs of colleagues inside the school are tied."},
        {"internal_density", "Of all the pairs of colleagues at the school, the share that are tied. 0.25 means one pair in four. "
                             "Research on schools links this most closely to staff working together and trusting each other."},
        {"internal_reciprocity", "When ties have a direction (A named B), the share that were named back. Always 1 when ties are mutual."},
        {"mean_internal_degree", "On average, how many colleagues at the school each person is tied to."},
        {"median_internal_degree", "The middle value of the same count: half the staff have more ties inside the school, half fewer."},
        {"internal_clustering", "How often two colleagues of the same person are tied to each other too. A tight-knit staff scores high."},
        {"internal_centralization", "Whether the school's ties run through one person (near 1, like a hub and spokes) or are spread out (near 0)."},
        {"district_ties", "How many ties link the school's people to members of the district team."},
        {"district_members", "How many different district team members know someone at the school."},
        {"strongest_district_tie", "The strength of the school's strongest tie to the district team (0 when there is none)."},
        {"has_close_connection", "1 when at least one tie to the district team is of a close kind (such as a shared project, exchanged "
                                 "phone numbers or social contact), otherwise 0."},
        {"leaders_without_district_tie", "How many of the school's leaders have no tie to anyone on the district team."},
        {"share_staff_isolated", "The share of staff who took part in the mapping but have no ties at all."},
        {"ei_index", "Whether the school's ties point inward (−1: all inside the school) or outward (+1: all to people elsewhere)."},
        {"mean_betweenness", "How often, on average, the school's people sit on the shortest route between two other people: a sign "
                             "that the school bridges parts of the district."},
    };
    return help;
}

// ---------------------------------------------------------------- sections

// A page a browser still opens comfortably: larger districts link their school diagrams and show
// the top of the risk list.
constexpr std::size_t kInlineSchoolDiagrams = 20'000'000;  // bytes of school SVG
// A whole-district drawing larger than this is shown as a picture (an <img>, drawn only when the
// reader asks) rather than as part of the page: 5,000 people make a 4 MB drawing of 35,000
// elements, which the browser would otherwise parse and lay out before showing anything, and
// again on every change the map makes. The map above is then the way to explore it.
constexpr std::size_t kInlineSociogram = 1'500'000;  // bytes of SVG
constexpr std::size_t kRiskRows = 2'000;

std::string summary_section(const ReportData& d) {
    const Network& net = d.network;
    std::map<std::string, double> m(d.graph_measures.begin(), d.graph_measures.end());
    std::map<std::string, std::size_t> roles;
    std::size_t isolated = 0;
    for (Vertex v = 0; v < net.size(); ++v) {
        ++roles[net.people[v].role];
        if (neighbours(net, v).empty()) ++isolated;
    }
    std::map<std::string, std::size_t> levels, school_levels;
    for (const RiskEntry& e : d.people_risk) ++levels[e.level];
    for (const RiskEntry& e : d.school_risk) ++school_levels[e.level];
    std::size_t no_close = 0;
    if (const SchoolColumn* c = find_measure(d, "has_close_connection"))
        for (double x : c->values) no_close += x == 0;

    struct Card {
        std::string value, label, help;
        bool alert = false;
    };
    std::vector<Card> cards = {
        {num(double(net.size())), "people",
         fmt::format("{} district team, {} school leaders, {} staff", roles["district_team"], roles["school_leader"], roles["staff"])},
        {num(double(d.schools.schools.size())), "schools", "in schools.csv"},
        {num(double(net.tie_count())), "tied pairs", "pairs of people with at least one tie of any type"},
        {num(double(isolated)), "people with no ties", "no tie of any type to anyone", isolated > 0},
        {num(double(levels["high"])), "people at high isolation risk", fmt::format("and {} at medium risk", levels["medium"]),
         levels["high"] > 0},
        {num(double(school_levels["high"] + school_levels["medium"])), "schools at risk",
         fmt::format("{} high, {} medium", school_levels["high"], school_levels["medium"]), school_levels["high"] > 0},
    };
    if (find_measure(d, "has_close_connection"))
        cards.push_back({num(double(no_close)), "schools without a close district tie", "no shared project, contact or social tie",
                         no_close > 0});
    const auto add = [&](const char* key, const char* label, const char* help, int digits) {
        if (const auto it = m.find(key); it != m.end()) cards.push_back({num(it->second, digits), label, help});
    };
    add("density", "pairs tied (density)", "share of all possible pairs that are tied", 3);
    add("components", "separate groups", "groups with no path between them (each person with no ties counts as one)", 0);
    add("average_path_length", "average distance", "steps between two people, in the largest group", 2);
    add("transitivity", "colleagues of colleagues tied (clustering)", "share of 'friends of friends' who are tied too", 2);
    add("modularity_schools", "ties that stay inside schools (modularity)", "how much ties stay inside schools (0 none, near 1 all)", 2);

    std::string html = "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n";
    for (const Card& c : cards)
        html += fmt::format("<div class=\"card{}\"><div class=\"value\">{}</div><div class=\"label\">{}</div><div class=\"help\">{}</div></div>\n",
                            c.alert ? " alert" : "", h(c.value), h(c.label), h(c.help));
    html += "</div>\n";
    for (const std::string& note : d.notes) html += "<p class=\"hint\">Note: " + h(note) + ".</p>\n";
    return html + "</section>\n";
}

// An inline SVG: without the XML prolog, with its element ids made unique in the page and an
// accessible name. Graphviz has already escaped every text in it.
std::string inline_svg(const std::string& svg, const std::string& prefix, const std::string& label) {
    const std::size_t start = svg.find("<svg");
    if (start == std::string::npos) return "";
    std::string out = svg.substr(start);
    std::string renamed;
    std::size_t pos = 0;
    for (std::size_t hit; (hit = out.find(" id=\"", pos)) != std::string::npos; pos = hit + 5)
        renamed += out.substr(pos, hit - pos) + " id=\"" + prefix;
    renamed += out.substr(pos);
    return "<svg role=\"img\" aria-label=\"" + h(label) + "\"" + renamed.substr(4);
}

std::string diagram_box(const DrawnDiagram& d, const std::string& id, bool hidden) {
    const auto svg = d.formats.find("svg");
    if (svg == d.formats.end()) return "";
    return fmt::format("<div class=\"diagram-box\" id=\"{}\"{}>{}</div>\n", id, hidden ? " hidden" : "",
                       inline_svg(svg->second, id + "-", d.title));
}

// The whole-district drawing's SVG when it is too large to inline (else null).
const std::string* deferred_sociogram(const DrawnDiagram& diagram) {
    if (diagram.name != "diagrams/sociogram") return nullptr;
    const auto svg = diagram.formats.find("svg");
    return svg != diagram.formats.end() && svg->second.size() > kInlineSociogram ? &svg->second : nullptr;
}

// That drawing as base64 in an inert text block that the "Show" button reads. It goes at the very
// end of the page: the parser takes about 0.3 s over 5 MB, and the map and tables are drawn
// before it gets there.
std::string sociogram_block(const ReportData& d) {
    for (const DrawnDiagram& diagram : d.diagrams)
        if (const std::string* svg = deferred_sociogram(diagram))
            return "<script type=\"text/plain\" id=\"sociogram-svg\">" + base64(*svg) + "</script>\n";
    return "";
}

std::string diagrams_section(const ReportData& d) {
    std::string html = "<section id=\"diagrams\">\n<h2>Diagrams</h2>\n"
                       "<p class=\"hint\">Scroll or pinch to zoom, drag to move, double-click to zoom in; the buttons in the corner "
                       "zoom and reset. Hover over a person or a line for names.</p>\n";
    std::vector<const DrawnDiagram*> schools;
    for (const DrawnDiagram& diagram : d.diagrams) {
        if (diagram.name == "diagrams/sociogram") {
            html += "<h3>The whole district</h3>\n<p>Every person, grouped by school. Colour shows the role, size how often the person "
                    "sits between others, and an orange-red outline marks people with no ties (solid) or at high risk (dashed). "
                    "Each line is a tie; its colour shows the kind of tie.</p>\n";
            if (const std::string* svg = deferred_sociogram(diagram))
                html += fmt::format("<div class=\"diagram-box picture\" id=\"diagram-sociogram\"><p class=\"hint\">This drawing is large "
                                    "({:.1f} MB), so it is drawn only when asked, as a picture without zoom; the map above is the quicker way "
                                    "to find people. It is also <code>diagrams/sociogram.svg</code> in the folder beside this page.</p>\n"
                                    "<p><button type=\"button\" id=\"sociogram-show\">Show the whole-district drawing</button></p>\n"
                                    "<img id=\"sociogram-picture\" alt=\"{}\" hidden></div>\n",
                                    double(svg->size()) / 1e6, h(diagram.title));  // its data: sociogram_block()
            else
                html += diagram_box(diagram, "diagram-sociogram", false);
        } else if (diagram.name == "diagrams/bridge_map") {
            html += "<h3>District team and schools</h3>\n<p>Which district team member is connected to which school. Wider lines "
                    "mean more ties; an outline marks schools with no close tie (dashed) or no tie at all (solid).</p>\n" +
                    diagram_box(diagram, "diagram-bridge", false);
        } else if (diagram.name.rfind("diagrams/schools/", 0) == 0) {
            schools.push_back(&diagram);
        }
    }
    std::size_t school_bytes = 0;
    for (const DrawnDiagram* s : schools)
        if (const auto svg = s->formats.find("svg"); svg != s->formats.end()) school_bytes += svg->second.size();
    if (school_bytes > kInlineSchoolDiagrams) {
        // Too many to inline in one page: link each school's own file in the output folder.
        html += fmt::format("<h3>One school at a time</h3>\n<p>The school's people, every one named, and the district team members "
                            "tied to them. The {} school diagrams are too many to show in this page; open them from the folder "
                            "<code>diagrams/schools</code> beside it:</p>\n<details><summary>{} school diagrams</summary>\n<ul>\n",
                            schools.size(), schools.size());
        for (const DrawnDiagram* s : schools) html += "<li><a href=\"" + h(s->name) + ".svg\">" + h(s->title) + "</a></li>\n";
        return html + "</ul>\n</details>\n</section>\n";
    }
    if (!schools.empty()) {
        html += "<h3>One school at a time</h3>\n<p>The school's people, every one named, and the district team members tied to "
                "them.</p>\n<p><label for=\"school-diagram-select\">School: </label><select id=\"school-diagram-select\">\n";
        for (std::size_t i = 0; i < schools.size(); ++i)
            html += fmt::format("<option value=\"diagram-school-{}\">{}</option>\n", i, h(schools[i]->title));
        html += "</select></p>\n";
        for (std::size_t i = 0; i < schools.size(); ++i) html += diagram_box(*schools[i], fmt::format("diagram-school-{}", i), i > 0);
    }
    if (d.diagrams.empty()) html += "<p>No diagrams were drawn (the config turned them off).</p>\n";
    return html + "</section>\n";
}

std::string contact_text(const Network& net, const Contact& c) { return net.people[c.member].name.get() + " (" + c.why + ")"; }

// The outreach plan: the fewest members who between them reach every flagged school, each
// school with how it is reached; and where each member's printable list is.
std::string plan_html(const ReportData& d) {
    const Network& net = d.network;
    if (d.flagged_schools.empty()) return "";
    std::string html = fmt::format("<h3>Outreach plan</h3>\n<p>The fewest district team members who between them reach all {} schools "
                                   "at risk, each through someone they are tied to, or one introduction away. Each member's own list "
                                   "of schools and people to contact is in <a href=\"outreach.html\">outreach.html</a>, beside this "
                                   "report, one printed page per member.</p>\n",
                                   d.flagged_schools.size());
    html += "<div class=\"scroll\">\n<table id=\"plan-table\">\n<thead><tr><th>Step</th><th>District team member</th><th>Schools "
            "they reach</th><th>How</th></tr></thead>\n<tbody>\n";
    std::vector<char> left(d.schools.schools.size(), 0);
    for (std::size_t s : d.flagged_schools) left[s] = 1;
    for (std::size_t i = 0; i < d.outreach_plan.size(); ++i) {
        const CoverageStep& step = d.outreach_plan[i];
        std::string names, how;
        for (std::size_t j = 0; j < step.schools.size(); ++j) {
            const std::string name = school_label(d.schools.schools[step.schools[j]]);
            left[step.schools[j]] = 0;
            names += (names.empty() ? "" : "; ") + name;
            const Reach& r = step.how[j];
            how += (how.empty() ? "" : "; ") + name + ": " +
                   (r.via == r.at ? "tied to " + name_and_role(net.people[r.at])
                                  : "through " + name_and_role(net.people[r.via]) + ", who is tied to " + name_and_role(net.people[r.at]));
        }
        html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", i + 1, h(net.people[step.member].display_name()),
                            h(names), h(how));
    }
    std::string rest;
    for (std::size_t s = 0; s < left.size(); ++s)
        if (left[s]) rest += (rest.empty() ? "" : "; ") + school_label(d.schools.schools[s]);
    if (!rest.empty())
        html += "<tr><td></td><td>(anyone: a first contact)</td><td>" + h(rest) +
                "</td><td>no member is tied to these schools or one introduction away</td></tr>\n";
    return html + "</tbody>\n</table>\n</div>\n";
}

std::string risk_section(const ReportData& d) {
    const Network& net = d.network;
    std::map<std::string, std::string> school_names;
    for (const School& s : d.schools.schools) school_names[s.id] = school_label(s);
    std::string html = "<section id=\"risk\">\n<h2>Who may be isolated</h2>\n";
    const std::string rule = d.isolate_rule.empty() ? "no_ties" : d.isolate_rule;
    std::string rule_text = rule;
    for (const IsolateRule r : {IsolateRule::no_ties, IsolateRule::never_named, IsolateRule::cut_off, IsolateRule::peripheral})
        if (rule == rule_name(r)) rule_text = isolate_reason(r);
    html += fmt::format("<p>People and schools the district team may not be reaching, with the reasons and who is best placed to "
                        "reach out. Counted as isolated: <b>{}</b> (rule {}); tie types used: <b>{}</b>. People who did not take part "
                        "in the mapping and whom no one named are listed as <i>no data</i>: missing answers are not the same as "
                        "isolation. Risk is about connection only; the school's participation is shown beside it.</p>\n",
                        h(rule_text), h(rule), h(d.risk_tie_types.empty() ? "all" : d.risk_tie_types));
    std::size_t schools_flagged = 0;
    for (const RiskEntry& e : d.school_risk) schools_flagged += e.level == "high" || e.level == "medium";
    if (schools_flagged > 0) {
        html += "<h3>Schools</h3>\n<div class=\"scroll\">\n<table class=\"sortable\" id=\"school-risk-table\">\n<thead><tr><th>School</th><th>Level</th>"
                "<th>Score</th><th>Why</th><th>Suggested contacts</th></tr></thead>\n<tbody>\n";
        std::vector<const RiskEntry*> rows;
        for (const RiskEntry& e : d.school_risk)
            if (e.level == "high" || e.level == "medium") rows.push_back(&e);
        std::stable_sort(rows.begin(), rows.end(), [](const RiskEntry* a, const RiskEntry* b) { return a->score > b->score; });
        for (const RiskEntry* e : rows) {
            std::string reasons, contacts;
            for (const std::string& r : e->reasons) reasons += (reasons.empty() ? "" : "; ") + r;
            for (const Contact& c : e->contacts) contacts += (contacts.empty() ? "" : "; ") + contact_text(net, c);
            const std::string name = e->person < d.schools.schools.size() ? school_label(d.schools.schools[e->person]) : "";
            html += fmt::format("<tr><td>{}</td><td class=\"level level-{}\" data-v=\"{}\">{}</td>{}<td>{}</td><td>{}</td></tr>\n", h(name),
                                e->level, e->level == "high" ? 2 : 1, h(e->level), num_cell(e->score), h(reasons), h(contacts));
        }
        html += "</tbody>\n</table>\n</div>\n";
    } else if (!d.school_risk.empty()) {
        html += "<p>No school is at high or medium risk.</p>\n";
    }
    html += plan_html(d);

    std::map<std::string, std::size_t> levels;
    for (const RiskEntry& e : d.people_risk) ++levels[e.level];
    html += "<h3>People</h3>\n";
    if (d.people_risk.empty()) return html + "<p>No isolation-risk list was computed.</p>\n</section>\n";
    html += "<p class=\"filters\" id=\"risk-filters\">Show: ";
    for (const char* level : {"high", "medium", "no data"})
        html += fmt::format("<label><input type=\"checkbox\" data-level=\"{}\" checked> {} ({})</label> ", level, level, levels[level]);
    html += fmt::format("</p>\n<p class=\"hint\">{} more people have low risk and {} none; isolation_risk.csv lists everyone.</p>\n",
                        levels["low"], levels["none"]);
    const std::size_t listed = levels["high"] + levels["medium"] + levels["no data"];
    if (listed > kRiskRows)
        html += fmt::format("<p class=\"hint\">This table shows the first {} of these {} people, in the order of isolation_risk.csv "
                            "(highest risk first).</p>\n",
                            num(double(kRiskRows)), num(double(listed)));
    html += "<div class=\"scroll\">\n<table class=\"sortable\" id=\"risk-table\">\n<thead><tr><th>Person</th><th>Role</th><th>School</th><th>Level</th>"
            "<th>Score</th><th>Why</th><th>Suggested contact</th></tr></thead>\n<tbody>\n";
    std::size_t rows = 0;
    for (const RiskEntry& e : d.people_risk) {
        if (e.level != "high" && e.level != "medium" && e.level != "no data") continue;
        if (++rows > kRiskRows) break;
        const Person& p = net.people[e.person];
        std::string reasons;
        for (const std::string& r : e.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
        const auto school = school_names.find(p.school);
        const int order = e.level == "high" ? 3 : e.level == "medium" ? 2 : 1;
        html += fmt::format("<tr data-level=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"level level-{}\" data-v=\"{}\">{}</td>{}"
                            "<td>{}</td><td>{}</td></tr>\n",
                            h(e.level), h(p.name), h(pretty(p.role)), h(school == school_names.end() ? p.school : school->second),
                            e.level == "no data" ? "none" : e.level, order, h(e.level), num_cell(e.score), h(reasons),
                            h(e.contacts.empty() ? "" : contact_text(net, e.contacts[0])));
    }
    return html + "</tbody>\n</table>\n</div>\n</section>\n";
}

std::string schools_section(const ReportData& d) {
    if (d.schools.schools.empty()) return "";
    std::string html = "<section id=\"schools\">\n<h2>Schools</h2>\n<p>Click a column heading to sort by it; click again to reverse. "
                       "The measures are explained under <a href=\"#methods\">How to read this report</a>. Participation "
                       "(percentile) places the school among all schools on its participation measures, 0 lowest to 100 highest; "
                       "it is shown beside the risk, not part of it.</p>\n"
                       "<p class=\"no-print\"><label><input type=\"checkbox\" id=\"school-table-all\"> Show every measure and "
                       "each participation measure</label></p>\n<div class=\"scroll\">\n"
                       "<table class=\"sortable compact\" id=\"school-table\">\n<thead><tr><th>School</th>";
    const bool has_risk = !d.school_risk.empty();
    const auto risk_of = [&](std::size_t s) -> const RiskEntry* {
        const auto it = std::find_if(d.school_risk.begin(), d.school_risk.end(), [s](const RiskEntry& e) { return e.person == s; });
        return it == d.school_risk.end() ? nullptr : &*it;
    };
    if (has_risk) html += "<th>Risk</th><th>Participation (percentile)</th>";
    const auto extra = [](bool shown) { return shown ? std::string() : std::string(" class=\"extra\""); };
    for (const SchoolColumn& c : d.school_measures)
        html += "<th" + extra(compact_measure(c.name)) + " title=\"" + h(c.summary) + "\">" + h(measure_label(c.name)) + "</th>";
    std::vector<std::vector<double>> participation;
    for (const ParticipationMeasure& p : d.participation) {
        html += "<th class=\"participation extra\">" + h(pretty(p.column)) + (p.higher_is_better ? "" : " (lower is better)") + "</th>";
        participation.push_back(participation_values(d.schools, p.column));
    }
    html += "</tr></thead>\n<tbody>\n";
    for (std::size_t s = 0; s < d.schools.schools.size(); ++s) {
        html += "<tr data-id=\"" + h(d.schools.schools[s].id) + "\"><td>" + h(school_label(d.schools.schools[s])) + "</td>";
        if (has_risk) {
            const RiskEntry* e = risk_of(s);
            const std::string level = e ? e->level : "no data";
            const int order = level == "high" ? 4 : level == "medium" ? 3 : level == "low" ? 2 : 1;
            html += fmt::format("<td class=\"level level-{}\" data-v=\"{}\">{}</td>", level == "no data" ? "none" : level, order, h(level));
            const double percentile = e ? e->participation_percentile : NAN;
            html += fmt::format("<td class=\"n\" data-v=\"{}\">{}</td>", std::isfinite(percentile) ? fmt::format("{}", percentile) : "",
                                std::isfinite(percentile) ? score_text(std::round(percentile)) : "–");
        }
        for (const SchoolColumn& c : d.school_measures)
            html += num_cell(s < c.values.size() ? c.values[s] : NAN, 2, compact_measure(c.name) ? "n" : "n extra");
        for (const auto& values : participation) html += num_cell(values[s], 2, "n extra");
        html += "</tr>\n";
    }
    return html + "</tbody>\n</table>\n</div>\n</section>\n";
}

// The school measures of the correlation table, in its order, leaving out a row that is blank
// everywhere (such as internal reciprocity on an undirected network, 1 at every school).
std::vector<std::string> correlated_measures(const ReportData& d) {
    std::vector<std::string> measures;
    for (const CorrelationRow& r : d.correlations)
        if (std::isfinite(r.stats.spearman) && std::find(measures.begin(), measures.end(), r.school_measure) == measures.end())
            measures.push_back(r.school_measure);
    std::vector<std::string> ordered;  // table order, not the order the first defined cell was met
    for (const CorrelationRow& r : d.correlations)
        if (std::find(measures.begin(), measures.end(), r.school_measure) != measures.end() &&
            std::find(ordered.begin(), ordered.end(), r.school_measure) == ordered.end())
            ordered.push_back(r.school_measure);
    return ordered;
}

// Blue when the measure goes with better participation, orange when with worse; stronger colour
// for a larger |rho|.
std::string correlation_style(double toward_better) {
    if (!std::isfinite(toward_better)) return "";
    const double a = std::min(1.0, std::abs(toward_better)) * 0.75;
    return toward_better >= 0 ? fmt::format(" style=\"background:rgba(0,114,178,{:.2f})\"", a)
                              : fmt::format(" style=\"background:rgba(230,159,0,{:.2f})\"", a);
}

std::string correlations_section(const ReportData& d) {
    if (d.correlations.empty()) return "";
    std::string html =
        "<section id=\"correlations\">\n<h2>Does connectedness go with participation?</h2>\n"
        "<p>Each cell compares schools on one connectedness measure (row) and one participation measure (column): Spearman's "
        "rank correlation ρ, from −1 to +1, with its 95% interval in brackets. <span class=\"swatch good\"></span> Blue: more "
        "connected schools tend to do <i>better</i> on the participation measure; <span class=\"swatch bad\"></span> orange: "
        "worse. The colour already allows for direction: for a measure where a higher value means <i>less</i> connection (such "
        "as the share of staff with no ties), a negative ρ is blue, and so it is for a participation measure where lower is "
        "better. School size is not a measure of connection and is left out. A bold value is unlikely to be chance even after allowing for the many comparisons (q &lt; 0.05). With "
        "few schools, intervals are wide: read these as leads to follow up, not proof. Click a cell to see its scatter plots.</p>\n"
        "<div class=\"scroll\">\n<table id=\"correlation-table\">\n<thead><tr><th>School measure</th>";
    const std::vector<std::string> measures = correlated_measures(d);
    for (const ParticipationMeasure& p : d.participation) html += "<th>" + h(pretty(p.column)) + "</th>";
    html += "</tr></thead>\n<tbody>\n";
    for (std::size_t m = 0; m < measures.size(); ++m) {
        const SchoolColumn* column = find_measure(d, measures[m]);
        const bool less = column && column->connection < 0;
        html += "<tr><th scope=\"row\">" + h(measure_label(measures[m])) +
                (less ? " <small class=\"hint\" title=\"a higher value means less connection\">(higher: less connected)</small>" : "") +
                "</th>";
        for (const ParticipationMeasure& p : d.participation) {
            const auto row = std::find_if(d.correlations.begin(), d.correlations.end(), [&](const CorrelationRow& r) {
                return r.school_measure == measures[m] && r.participation_measure == p.column;
            });
            if (row == d.correlations.end() || !std::isfinite(row->stats.spearman)) {
                html += "<td class=\"n\">–</td>";
                continue;
            }
            const double toward = rho_toward_better(*row);
            const bool strong = std::isfinite(row->q) && row->q < 0.05;
            html += fmt::format("<td class=\"n corr\" data-measure=\"{}\"{} title=\"n = {}, p = {}, q = {}\">{}{:+.2f}{} <small>[{:+.2f}, "
                                "{:+.2f}]</small></td>",
                                m, correlation_style(toward), row->stats.n, num(row->stats.p_permutation, 3), num(row->q, 3),
                                strong ? "<b>" : "", row->stats.spearman, strong ? "</b>" : "", row->stats.ci_low, row->stats.ci_high);
        }
        html += "</tr>\n";
    }
    html += "</tbody>\n</table>\n</div>\n<h3>Scatter plots</h3>\n<p><label for=\"chart-measure\">School measure: </label>"
            "<select id=\"chart-measure\">\n";
    for (std::size_t m = 0; m < measures.size(); ++m)
        html += fmt::format("<option value=\"{}\"{}>{}</option>\n", m, measures[m] == "district_ties" ? " selected" : "", h(measure_label(measures[m])));
    html += "</select> against every participation measure. Each dot is a school (hover for its name); the dashed line is a "
            "straight-line trend.</p>\n<div id=\"charts\" class=\"charts\"></div>\n"
            "<noscript><p>The scatter plots need JavaScript.</p></noscript>\n</section>\n";
    return html;
}

std::string patterns_section(const ReportData& d) {
    if (d.patterns.empty()) return "";
    std::string html = fmt::format(
        "<section id=\"patterns\">\n<h2>Are some groups less connected?</h2>\n<p>The same figures for groups of people by role and by "
        "each attribute in people.csv. Groups of fewer than {} people are <i>suppressed</i> (no figures shown) so that no one can be "
        "singled out. Differences between groups are a prompt for a conversation, not a judgement about anyone.</p>\n"
        "<div class=\"scroll\">\n<table class=\"sortable\" id=\"pattern-table\">\n<thead><tr><th>Attribute</th><th>Group</th>"
        "<th>People</th><th>With no ties</th><th>Ties per person</th><th>District team ties per person</th><th>E-I index</th></tr>"
        "</thead>\n<tbody>\n",
        d.min_group_size);
    for (const GroupPattern& p : d.patterns) {
        // A suppressed group's size is hidden too: with the others' sizes it would give its figures away.
        html += "<tr><td>" + h(pretty(p.attribute)) + "</td><td>" + h(p.group) + "</td>" + num_cell(p.suppressed ? NAN : double(p.people));
        if (p.suppressed) {
            html += "<td colspan=\"4\" class=\"suppressed\">suppressed: " + h(suppression_reason(p, d.min_group_size)) + "</td>";
        } else {
            html += fmt::format("<td class=\"n\" data-v=\"{}\">{}</td>", std::isfinite(p.isolation_rate) ? fmt::format("{}", p.isolation_rate) : "",
                                std::isfinite(p.isolation_rate) ? fmt::format("{:.0f}%", 100 * p.isolation_rate) : "–");
            html += num_cell(p.mean_degree, 1) + num_cell(p.mean_district_ties, 2) + num_cell(p.ei_index, 2);
        }
        html += "</tr>\n";
    }
    return html + "</tbody>\n</table>\n</div>\n</section>\n";
}

std::string methods_section(const ReportData& d) {
    std::string html = R"(<section id="methods">
<h2>How to read this report</h2>
<h3>Where the data come from</h3>
<p>Each person in people.csv is a member of the district SEL team, a school leader or a member of staff. A <b>tie</b> is a
relationship someone reported: working on a shared project, having collaborated before, having exchanged phone numbers, or
social contact (the kinds are set in the configuration). Some kinds count as <b>close</b>. Two people with any tie are a
<b>tied pair</b>. People who did not take part are never treated as isolated just because their answers are missing.</p>
<h3>The diagrams</h3>
<p>Diagrams are laid out by Graphviz from a fixed seed, so the same data always give the same picture. The position of a person
only shows who they are near in the network; distances on the page have no other meaning. Node size in the whole-district
diagram shows how often a person lies on the shortest route between two others (<i>betweenness</i>, unless the configuration
chose another measure): large nodes are bridges that many connections depend on.</p>
<h3>Summary figures</h3>
<ul>
<li><b>Density</b>: the share of all possible pairs of people who are tied. Large networks always have a low density.</li>
<li><b>Separate groups</b>: parts of the network with no chain of ties between them.</li>
<li><b>Average distance</b>: how many steps (person to person) separate two people, on average.</li>
<li><b>Clustering</b>: how often two people who share a colleague are tied to each other as well.</li>
<li><b>School modularity</b>: how much ties stay inside schools rather than crossing between them.</li>
</ul>
<h3>Isolation risk</h3>
<p>Each person gets points for reasons such as having no ties, only one tie, no tie to the district team (for school leaders),
every route to the district running through one person, or being in a school whose participation is in the bottom quarter.
The points add up to a score; the score sets the level (<i>high</i>, <i>medium</i>, <i>low</i>). The reasons are listed
so that each flag can be checked by someone who knows the school. Suggested contacts are district team members who are
already tied to the person, or who are only one introduction away.</p>
<h3>School measures</h3>
<dl class="measures">
)";
    for (const SchoolColumn& c : d.school_measures) {
        const auto help = school_measure_help().find(c.name);
        html += "<dt>" + h(measure_label(c.name)) + "</dt><dd>" + h(help != school_measure_help().end() ? help->second : c.summary) + "</dd>\n";
    }
    html += R"(</dl>
<h3>Correlations and their uncertainty</h3>
<p><b>Spearman's ρ</b> compares the <i>order</i> of schools on two measures: +1 means the schools line up in the same order on
both, −1 in opposite orders, 0 no relation. It is not thrown off by one unusual school. The <b>95% interval</b> comes from
re-drawing the schools at random many times (a bootstrap): the true value is likely to lie inside it, and a wide interval
means the data say little. The <b>p-value</b> is the chance of a correlation at least this strong if there were no relation
at all (a permutation test, shuffling the schools). Because the report makes many comparisons, some would look strong by
chance alone; the <b>q-value</b> (Benjamini–Hochberg) allows for that, and only cells with q below 0.05 are in bold. A
correlation is not a cause: schools that differ in connectedness may differ in other ways too.</p>
<h3>Group patterns</h3>
<p>For each group: the share of its people with no ties, ties per person, ties to the district team per person, and the
<b>E-I index</b> (−1: the group's ties stay inside the group; +1: they all reach people outside it). Small groups are
suppressed to protect privacy.</p>
)";
    html += fmt::format("<p class=\"hint\">Random steps (layouts, bootstrap, permutations) use seed {}.</p>\n</section>\n", d.seed);
    return html;
}

json chart_data(const ReportData& d) {
    json j;
    const std::vector<std::string> measures = correlated_measures(d);
    j["measures"] = json::array();
    for (const std::string& m : measures) j["measures"].push_back(measure_label(m));
    j["participation"] = json::array();
    for (const ParticipationMeasure& p : d.participation)
        j["participation"].push_back({{"name", pretty(p.column)}, {"higher_is_better", p.higher_is_better}});
    std::vector<std::vector<double>> pvalues;
    for (const ParticipationMeasure& p : d.participation) pvalues.push_back(participation_values(d.schools, p.column));
    j["schools"] = json::array();
    for (std::size_t s = 0; s < d.schools.schools.size(); ++s) {
        json m = json::array(), p = json::array();
        for (const std::string& name : measures) {
            const SchoolColumn* c = find_measure(d, name);
            m.push_back(number_json(c && s < c->values.size() ? c->values[s] : NAN));
        }
        for (const auto& values : pvalues) p.push_back(number_json(values[s]));
        j["schools"].push_back({{"name", school_label(d.schools.schools[s])}, {"m", m}, {"p", p}});
    }
    j["cells"] = json::array();  // [measure][participation]
    for (const std::string& name : measures) {
        json row = json::array();
        for (const ParticipationMeasure& p : d.participation) {
            const auto r = std::find_if(d.correlations.begin(), d.correlations.end(), [&](const CorrelationRow& c) {
                return c.school_measure == name && c.participation_measure == p.column;
            });
            if (r == d.correlations.end()) {
                row.push_back(nullptr);
                continue;
            }
            row.push_back({{"n", r->stats.n}, {"rho", number_json(r->stats.spearman)}, {"lo", number_json(r->stats.ci_low)},
                           {"hi", number_json(r->stats.ci_high)}, {"p", number_json(r->stats.p_permutation)}, {"q", number_json(r->q)}});
        }
        j["cells"].push_back(row);
    }
    return j;
}

const char* kStyle = R"(
:root { --blue: #0072B2; --orange: #E69F00; --vermillion: #D55E00; --ink: #1d2733; --muted: #5b6773; --line: #d8dee4; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; color: var(--ink);
       margin: 0; line-height: 1.45; background: #f6f8fa; }
header { background: var(--blue); color: white; padding: 1.2em 2em; }
header h1 { margin: 0 0 .2em; font-size: 1.7em; } header p { margin: 0; opacity: .9; }
nav { position: sticky; top: 0; z-index: 5; background: white; border-bottom: 1px solid var(--line); padding: .5em 2em; }
nav a { margin-right: 1.2em; color: var(--blue); text-decoration: none; font-weight: 600; white-space: nowrap; }
main { padding: 0 2em 3em; max-width: 1500px; margin: 0 auto; }
section { background: white; border: 1px solid var(--line); border-radius: 8px; padding: 1em 1.5em 1.5em; margin-top: 1.5em; }
h2 { font-size: 1.35em; margin: .2em 0 .6em; border-bottom: 3px solid var(--blue); display: inline-block; padding-bottom: .1em; }
h3 { font-size: 1.1em; margin: 1.3em 0 .4em; }
.hint { color: var(--muted); font-size: .92em; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: .8em; }
.card { border: 1px solid var(--line); border-left: 5px solid var(--blue); border-radius: 6px; padding: .6em .8em; }
.card.alert { border-left-color: var(--vermillion); }
.card .value { font-size: 1.9em; font-weight: 700; } .card .label { font-weight: 600; } .card .help { color: var(--muted); font-size: .85em; }
.diagram-box { height: 75vh; min-height: 420px; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; background: white; }
.diagram-box svg { width: 100%; height: 100%; display: block; }
.diagram-box.picture { height: auto; overflow: auto; } .diagram-box.picture img { width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { text-align: left; padding: .35em .55em; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: #eef3f8; }
.scroll thead th { position: sticky; top: 0; z-index: 1; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.sortable thead th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable thead th::after { content: " \2195"; color: #9aa5b1; font-size: .85em; }
table.sortable thead th[aria-sort="ascending"]::after { content: " \25B2"; color: var(--ink); }
table.sortable thead th[aria-sort="descending"]::after { content: " \25BC"; color: var(--ink); }
th.participation { background: #fdf3df; }
.scroll { overflow-x: auto; max-height: 80vh; }
.level { font-weight: 700; } .level-high { color: var(--vermillion); } .level-medium { color: #9a6700; } .level-none { color: var(--muted); }
.suppressed { color: var(--muted); font-style: italic; }
table.compact .extra { display: none; }
@media print { table .extra { display: none; } .no-print { display: none; } .scroll { max-height: none; overflow: visible; } }
td.corr { cursor: pointer; } td.corr small { color: #333; }
.swatch { display: inline-block; width: 1em; height: .8em; vertical-align: baseline; border-radius: 2px; }
.swatch.good { background: rgba(0,114,178,.6); } .swatch.bad { background: rgba(230,159,0,.6); }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
.chart { border: 1px solid var(--line); border-radius: 6px; padding: .4em; min-width: 300px; min-height: 250px; }
dl.measures dt { font-weight: 700; margin-top: .5em; } dl.measures dd { margin-left: 1.2em; }
select { font-size: 1em; padding: .2em; }
@media print {
  body { background: white; } nav, .filters, select, label[for], .hint { display: none !important; }
  header { background: white; color: black; border-bottom: 3px solid var(--blue); }
  section { border: none; page-break-inside: auto; } h2, h3 { page-break-after: avoid; }
  .diagram-box { height: auto; min-height: 0; page-break-inside: avoid; } .diagram-box[hidden] { display: none; }
  .scroll { overflow: visible; max-height: none; } tr { page-break-inside: avoid; } thead th { position: static; }
}
)";

// The page's own script: pan and zoom, the school diagram picker, sortable tables, the risk
// filter and the scatter plots. It reads the data from the JSON block and writes only text.
const char* kScript = R"(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var hasPanZoom = typeof window.svgPanZoom === 'function';

  var zoomers = {};
  function enablePanZoom(box) {
    if (!hasPanZoom || !box || zoomers[box.id]) return;
    var svg = box.querySelector('svg');
    if (!svg) return;
    // As tall as the drawing needs at the box's width, within 420px and one and a half screens.
    var view = (svg.getAttribute('viewBox') || '').split(/[\s,]+/).map(Number);
    if (view.length === 4 && view[2] > 0)
      box.style.height = Math.round(Math.max(420, Math.min(box.clientWidth * view[3] / view[2], 1.5 * window.innerHeight))) + 'px';
    svg.setAttribute('width', '100%');
    svg.setAttribute('height', '100%');
    zoomers[box.id] = window.svgPanZoom(svg, { controlIconsEnabled: true, zoomScaleSensitivity: 0.3, minZoom: 0.5,
                                               maxZoom: 60, fit: true, center: true });
    zoomers[box.id].__staffnetPan = zoomers[box.id].getPan();
  }
  document.querySelectorAll('.diagram-box:not([hidden])').forEach(enablePanZoom);
  // A large whole-district drawing waits in a text block (base64) until asked for.
  var showSociogram = document.getElementById('sociogram-show');
  if (showSociogram) showSociogram.addEventListener('click', function () {
    var picture = document.getElementById('sociogram-picture');
    picture.src = 'data:image/svg+xml;base64,' + document.getElementById('sociogram-svg').textContent;
    picture.hidden = false;
    showSociogram.parentNode.hidden = true;
  });
  window.addEventListener('resize', function () {
    // Keep the reader's zoom; refit only a drawing they have not zoomed.
    Object.keys(zoomers).forEach(function (id) {
      var z = zoomers[id];
      var untouched = Math.abs(z.getZoom() - 1) < 1e-9 && z.getPan().x === z.__staffnetPan.x && z.getPan().y === z.__staffnetPan.y;
      z.resize();
      if (untouched) { z.fit(); z.center(); z.__staffnetPan = z.getPan(); }
    });
  });

  var picker = document.getElementById('school-diagram-select');
  if (picker) picker.addEventListener('change', function () {
    document.querySelectorAll('.diagram-box[id^="diagram-school-"]').forEach(function (box) {
      box.hidden = box.id !== picker.value;
    });
    enablePanZoom(document.getElementById(picker.value));
  });

  function cellValue(row, col) {
    var cell = row.cells[col];
    if (!cell) return { blank: true };
    if (cell.hasAttribute('data-v')) {
      var v = cell.getAttribute('data-v');
      return v === '' ? { blank: true } : { number: parseFloat(v) };
    }
    return { text: cell.textContent.trim() };
  }
  function compare(a, b) {
    if (a.blank || b.blank) return a.blank && b.blank ? 0 : a.blank ? 1 : -1;
    if ('number' in a && 'number' in b) return a.number - b.number;
    return String(a.text || a.number).localeCompare(String(b.text || b.number), undefined, { numeric: true });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, col) {
      th.tabIndex = 0;
      th.setAttribute('aria-sort', 'none');
      function sort() {
        var descending = th.getAttribute('aria-sort') === 'ascending';
        Array.prototype.forEach.call(headers, function (other) { other.setAttribute('aria-sort', 'none'); });
        th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var a = cellValue(x, col), b = cellValue(y, col);
          if (a.blank || b.blank) return compare(a, b);  // blanks last either way
          return descending ? compare(b, a) : compare(a, b);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); } });
    });
  });

  var all = document.getElementById('school-table-all');
  if (all) all.addEventListener('change', function () {
    document.getElementById('school-table').classList.toggle('compact', !all.checked);
  });

  var filters = document.querySelectorAll('#risk-filters input[data-level]');
  function applyFilters() {
    var shown = {};
    filters.forEach(function (f) { shown[f.getAttribute('data-level')] = f.checked; });
    document.querySelectorAll('#risk-table tbody tr').forEach(function (row) {
      row.hidden = !shown[row.getAttribute('data-level')];
    });
  }
  filters.forEach(function (f) { f.addEventListener('change', applyFilters); });

  var charts = document.getElementById('charts');
  var measure = document.getElementById('chart-measure');
  function fmt(x, digits) { return x === null || x === undefined ? '–' : (x >= 0 ? '+' : '') + x.toFixed(digits); }
  function drawCharts() {
    if (!charts || !measure) return;
    charts.textContent = '';
    if (typeof window.vegaEmbed !== 'function') {
      charts.textContent = 'The charting library was not built into this copy of staffnet; the table above has every correlation.';
      return;
    }
    var m = parseInt(measure.value, 10);
    data.participation.forEach(function (part, p) {
      var rows = [];
      data.schools.forEach(function (s) {
        if (s.m[m] !== null && s.p[p] !== null) rows.push({ school: s.name, x: s.m[m], y: s.p[p] });
      });
      // The most extreme schools on either axis carry their name, so a printed chart still says who they are.
      var byX = rows.slice().sort(function (a, b) { return a.x - b.x; });
      var byY = rows.slice().sort(function (a, b) { return a.y - b.y; });
      [byX[0], byX[byX.length - 1], byY[0], byY[byY.length - 1]].forEach(function (r) { if (r) r.label = r.school; });
      var cell = data.cells[m] && data.cells[m][p];
      var stats = cell && cell.rho !== null
        ? 'Spearman ρ = ' + fmt(cell.rho, 2) + ', 95% CI [' + fmt(cell.lo, 2) + ', ' + fmt(cell.hi, 2) + '], n = ' + cell.n +
          ', q = ' + (cell.q === null ? '–' : cell.q.toFixed(3))
        : 'correlation not defined';
      var box = document.createElement('div');
      box.className = 'chart';
      charts.appendChild(box);
      var spec = {
        width: 260, height: 190,
        title: { text: part.name + (part.higher_is_better ? '' : ' (lower is better)'), subtitle: stats, anchor: 'start',
                 fontSize: 13, subtitleFontSize: 11 },
        data: { values: rows },
        layer: [
          { mark: { type: 'point', filled: true, size: 70, color: '#0072B2', opacity: 0.8 },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: data.measures[m], scale: { zero: false } },
              y: { field: 'y', type: 'quantitative', title: part.name, scale: { zero: false } },
              tooltip: [{ field: 'school', title: 'School' }, { field: 'x', title: data.measures[m], format: '.3~f' },
                        { field: 'y', title: part.name, format: '.3~f' }] } },
          { mark: { type: 'text', align: 'left', dx: 6, dy: -5, fontSize: 9, color: '#1d2733' },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' },
                        text: { field: 'label' } } },
          { transform: [{ regression: 'y', on: 'x' }],
            mark: { type: 'line', color: '#D55E00', strokeDash: [5, 4], strokeWidth: 2 },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } } }
        ]
      };
      window.vegaEmbed(box, spec, { mode: 'vega-lite', renderer: 'svg', actions: false, ast: true })
        .catch(function (err) { box.textContent = 'This chart could not be drawn: ' + err.message; });
    });
  }
  if (measure) measure.addEventListener('change', drawCharts);
  document.querySelectorAll('td.corr').forEach(function (td) {
    td.addEventListener('click', function () {
      measure.value = td.getAttribute('data-measure');
      drawCharts();
      charts.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });
  // The scatter plots are drawn when they come near the screen or when the browser is next idle,
  // whichever is first (and before printing): Vega's work, about 0.3 s, does not hold up the
  // first view of the page and its map.
  var chartsDrawn = false;
  function drawChartsOnce() { if (!chartsDrawn) { chartsDrawn = true; drawCharts(); } }
  if (charts && 'IntersectionObserver' in window) {
    var near = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { near.disconnect(); drawChartsOnce(); }
    }, { rootMargin: '800px' });
    near.observe(charts);
  }
  if ('requestIdleCallback' in window) window.requestIdleCallback(drawChartsOnce, { timeout: 3000 });
  else setTimeout(drawChartsOnce, 0);
  window.addEventListener('beforeprint', drawChartsOnce);
})();
)";

}  // namespace

std::string script_json(const nlohmann::json& j) {
    std::string out;
    for (char ch : j.dump(-1, ' ', false, json::error_handler_t::replace)) {
        if (ch == '<') out += "\\u003c";
        else if (ch == '>') out += "\\u003e";
        else if (ch == '&') out += "\\u0026";
        else out += ch;
    }
    return out;
}

std::string school_measure_label(const std::string& name) { return measure_label(name); }

std::string base64(const std::string& bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                                  int(bytes.size()));
    out.resize(std::size_t(n));
    return out;
}

std::string sha256_base64(const std::string& bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) throw std::runtime_error("OpenSSL: SHA-256 failed");
    return base64(std::string(reinterpret_cast<const char*>(digest), size));
}

std::string report_html(const ReportData& d) {
    std::vector<std::string> scripts;
    std::string libraries;
    for (const ReportAsset& a : report_assets()) {
        scripts.push_back(a.script);
        libraries += (libraries.empty() ? "" : ", ") + a.name + " " + a.version;
    }
    scripts.push_back(kScript);
    std::string hashes;
    for (const std::string& s : scripts) hashes += " 'sha256-" + sha256_base64(s) + "'";
    // The district map's scripts (viz/map.hpp) follow its section, so it is drawn as soon as it is
    // read, before the tables below it are.
    std::string map_scripts_html;
    for (const std::string& s : map_scripts()) {
        hashes += " 'sha256-" + sha256_base64(s) + "'";
        map_scripts_html += "<script>" + s + "</script>\n";
    }

    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    // No network access at all, and only the scripts below (by hash) may run: even a name that
    // slipped past escaping could not execute or load anything.
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src" + hashes +
            "; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; base-uri 'none'; "
            "form-action 'none'\">\n";
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"icon\" href=\"data:,\">\n";
    html += "<title>" + h(d.title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
    html += "<header>\n<h1>" + h(d.title) + "</h1>\n<p>" +
            h(fmt::format("{} people, {} schools{}. Made by staffnet {}.", d.network.size(), d.schools.schools.size(),
                          // the config's file name only: a folder path can name the person who ran it
                          d.source.empty() ? "" : " (" + std::filesystem::path(d.source).filename().string() + ")", STAFFNET_VERSION)) +
            "</p>\n</header>\n";
    html += "<nav><a href=\"#summary\">Summary</a><a href=\"#diagrams\">Diagrams</a><a href=\"#map\">Map</a><a href=\"#risk\">Who may be isolated</a>";
    if (!d.schools.schools.empty()) html += "<a href=\"#schools\">Schools</a>";
    if (!d.correlations.empty()) html += "<a href=\"#correlations\">Connectedness and participation</a>";
    if (!d.patterns.empty()) html += "<a href=\"#patterns\">Groups</a>";
    html += "<a href=\"#methods\">How to read this report</a></nav>\n<main>\n";
    html += summary_section(d) + diagrams_section(d) + map_section(map_input(d, d.people_columns, d.diagram_config)) + map_scripts_html +
            risk_section(d) + schools_section(d) + correlations_section(d) + patterns_section(d) + methods_section(d);
    html += fmt::format("<p class=\"hint\">Charts: {}.</p>\n", h(libraries.empty() ? "not built in" : libraries));
    html += "</main>\n<script type=\"application/json\" id=\"report-data\">" + script_json(chart_data(d)) + "</script>\n";
    for (const std::string& s : scripts) html += "<script>" + s + "</script>\n";
    return html + sociogram_block(d) + "</body>\n</html>\n";
}

}  // namespace staffnet
