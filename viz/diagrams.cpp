#include "viz/diagrams.hpp"

#include "engine/centrality.hpp"
#include "engine/school_measures.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <set>

namespace staffnet {
namespace {

// One line per tied pair of people, whatever the number of tie types between them.
struct Pair {
    Vertex a = 0, b = 0;  // a < b
    std::vector<std::size_t> types;  // ascending, each once
    double weight = 0;               // sum of the ties' weights
    bool forward = false, backward = false;  // directed: a->b, b->a
};

std::vector<Pair> tied_pairs(const Network& net) {
    std::map<std::pair<Vertex, Vertex>, Pair> pairs;
    for (const Tie& t : net.ties) {
        const Vertex a = std::min(t.source, t.target), b = std::max(t.source, t.target);
        Pair& p = pairs[{a, b}];
        p.a = a;
        p.b = b;
        if (std::find(p.types.begin(), p.types.end(), t.type) == p.types.end()) p.types.push_back(t.type);
        p.weight += t.weight;
        (t.source == a ? p.forward : p.backward) = true;
    }
    std::vector<Pair> out;
    for (auto& [key, p] : pairs) {
        std::sort(p.types.begin(), p.types.end());
        out.push_back(std::move(p));
    }
    return out;
}

bool any_close(const Network& net, const std::vector<std::size_t>& types) {
    return std::any_of(types.begin(), types.end(), [&](std::size_t t) { return t < net.options.types.size() && net.options.types[t].close; });
}

std::string type_name(const Network& net, std::size_t type) {
    return type < net.options.types.size() ? net.options.types[type].name : fmt::format("type {}", type + 1);
}

// Black or white text, whichever reads better on `fill` (#RRGGBB; relative luminance).
std::string text_colour(const std::string& fill) {
    if (fill.size() < 7 || fill[0] != '#' || !std::all_of(fill.begin() + 1, fill.begin() + 7, [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); }))
        return "black";
    auto channel = [&](int i) {
        const double x = std::stoi(fill.substr(std::size_t(1 + 2 * i), 2), nullptr, 16) / 255.0;
        return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    const double luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    return luminance < 0.22 ? "white" : "black";
}

std::string role_label(const std::string& role) {
    if (role == "district_team") return "district team";
    if (role == "school_leader") return "school leader";
    return role.empty() ? "other" : role;
}

std::string school_name(const School& s) { return s.name.empty() ? s.id : s.name; }

// School index of each person, -1 for none (central office, or a school not in schools.csv).
std::vector<int> school_of(const Network& net, const SchoolTable& schools) {
    std::map<std::string, int> index;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) index.emplace(schools.schools[s].id, int(s));
    std::vector<int> out(net.size(), -1);
    for (std::size_t v = 0; v < net.size(); ++v) {
        const auto it = index.find(net.people[v].school);
        if (it != index.end()) out[v] = it->second;
    }
    return out;
}

std::string person_tooltip(const Network& net, const SchoolTable& schools, const std::vector<int>& school, Vertex v) {
    const Person& p = net.people[v];
    std::string where = school[v] >= 0 ? school_name(schools.schools[std::size_t(school[v])]) : p.school;
    return p.name.get() + " (" + role_label(p.role) + (where.empty() ? "" : ", " + where) + ")";
}

// The edge for a pair: one colour per tie type (Graphviz draws parallel lines), dashed when no
// type is close, arrows when directed.
Attributes pair_edge(const Network& net, const Pair& p, const DiagramConfig& config, const std::string& alpha, double width) {
    std::string colours;
    for (std::size_t t : p.types) colours += (colours.empty() ? "" : ":") + tie_colour(net, t, config) + alpha;
    Attributes a = {{"color", colours}, {"penwidth", fmt::format("{:.1f}", width)}};
    if (!any_close(net, p.types)) a["style"] = "dashed";
    std::string tip;
    for (std::size_t t : p.types) tip += (tip.empty() ? "" : ", ") + type_name(net, t);
    a["tooltip"] = net.people[p.a].name.get() + " – " + net.people[p.b].name.get() + ": " + tip;
    if (net.directed()) {
        a["dir"] = p.forward && p.backward ? "both" : p.forward ? "forward" : "back";
        a["arrowsize"] = "0.5";
    }
    return a;
}

void mark_person(Attributes& a, const DiagramMarks& marks, Vertex v, const DiagramConfig& config) {
    if (v < marks.isolated.size() && marks.isolated[v]) {
        a["color"] = config.highlight_colour;
        a["penwidth"] = "3";
    } else if (v < marks.at_risk.size() && marks.at_risk[v]) {
        a["color"] = config.highlight_colour;
        a["penwidth"] = "2.5";
        a["style"] = "filled,dashed";
    }
}

// Legend: the roles present, the tie types present, and the outlines.
std::vector<LegendEntry> people_legend(const Network& net, const std::vector<Vertex>& people, const std::vector<Pair>& pairs,
                                       const DiagramMarks& marks, const DiagramConfig& config) {
    std::vector<LegendEntry> legend;
    std::vector<std::string> roles;
    for (Vertex v : people)
        if (std::find(roles.begin(), roles.end(), net.people[v].role) == roles.end()) roles.push_back(net.people[v].role);
    static const std::vector<std::string> order = {"district_team", "school_leader", "staff", "other"};
    std::stable_sort(roles.begin(), roles.end(), [](const std::string& x, const std::string& y) {
        return std::find(order.begin(), order.end(), x) < std::find(order.begin(), order.end(), y);
    });
    for (const std::string& r : roles) legend.push_back({LegendEntry::Kind::node, role_label(r), role_colour(r, config), ""});
    std::set<std::size_t> types;
    for (const Pair& p : pairs) types.insert(p.types.begin(), p.types.end());
    for (std::size_t t : types) {
        const bool close = t < net.options.types.size() && net.options.types[t].close;
        legend.push_back({LegendEntry::Kind::edge, type_name(net, t) + (close ? " (close)" : ""), tie_colour(net, t, config),
                          close ? "solid" : "dashed"});
    }
    const auto marked = [&](const std::vector<char>& flags) {
        return std::any_of(people.begin(), people.end(), [&](Vertex v) { return v < flags.size() && flags[v]; });
    };
    if (marked(marks.isolated)) legend.push_back({LegendEntry::Kind::outline, "no ties (isolated)", config.highlight_colour, "solid"});
    std::vector<char> risk_only(marks.at_risk.size(), 0);  // isolated people show as isolated
    for (std::size_t v = 0; v < risk_only.size(); ++v) risk_only[v] = marks.at_risk[v] && !(v < marks.isolated.size() && marks.isolated[v]);
    if (marked(risk_only)) legend.push_back({LegendEntry::Kind::outline, "high isolation risk", config.highlight_colour, "dashed"});
    return legend;
}

// Each person's `k` strongest pairs, as indices into `pairs`. Among equally strong ties, those
// inside the person's own school come first, so schools stay visible as groups; then the order of
// `pairs`.
std::vector<std::size_t> backbone(std::size_t people, const std::vector<Pair>& pairs, std::size_t k, const std::vector<int>& school) {
    std::vector<std::vector<std::size_t>> incident(people);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        incident[pairs[i].a].push_back(i);
        incident[pairs[i].b].push_back(i);
    }
    std::vector<char> keep(pairs.size(), 0);
    for (auto& list : incident) {
        const auto inside = [&](std::size_t i) { return school[pairs[i].a] >= 0 && school[pairs[i].a] == school[pairs[i].b]; };
        std::stable_sort(list.begin(), list.end(), [&](std::size_t x, std::size_t y) {
            if (pairs[x].weight != pairs[y].weight) return pairs[x].weight > pairs[y].weight;
            return inside(x) && !inside(y);
        });
        for (std::size_t j = 0; j < std::min(k, list.size()); ++j) keep[list[j]] = 1;
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < pairs.size(); ++i)
        if (keep[i]) out.push_back(i);
    return out;
}

// Lays out the people of `d` (node v is person v) school by school and pins them: each school
// alone with neato, then the schools as boxes together with the people outside any school, then
// a box node per school (appended after the people) drawn around its members. Graphviz's own
// cluster layout (fdp) moves between runs even with a seed; this gives the same picture each time.
void place_in_school_boxes(Diagram& d, const Network& net, const SchoolTable& schools, const std::vector<int>& school,
                           const std::vector<Pair>& pairs, const DiagramConfig& config) {
    const Attributes common = {{"start", std::to_string(config.seed)}, {"splines", "false"}, {"overlap", "false"}};
    const auto radius = [&](Vertex v) { return 36.0 * std::stod(d.nodes[v].attributes.at("width")); };  // points
    std::vector<std::vector<Vertex>> members(schools.schools.size());
    for (Vertex v = 0; v < net.size(); ++v)
        if (school[v] >= 0) members[std::size_t(school[v])].push_back(v);

    // 1. Each school on its own: positions relative to the centre of its box, and the box size.
    std::vector<Point> offset(net.size());
    std::vector<Point> box(schools.schools.size());  // width, height in points
    for (std::size_t s = 0; s < members.size(); ++s) {
        if (members[s].empty()) continue;
        Diagram sub;
        sub.engine = "neato";
        sub.graph = common;
        sub.graph["sep"] = "+8";
        std::map<Vertex, std::size_t> local;
        for (Vertex v : members[s]) {
            local[v] = sub.nodes.size();
            sub.nodes.push_back({"", {{"shape", "circle"}, {"fixedsize", "true"}, {"width", d.nodes[v].attributes.at("width")}}, -1});
        }
        for (const Pair& p : pairs)
            if (school[p.a] == int(s) && school[p.b] == int(s)) sub.edges.push_back({local[p.a], local[p.b], {}});
        const std::vector<Point> at = layout_positions(sub);
        double left = 1e300, right = -1e300, bottom = 1e300, top = -1e300;
        for (std::size_t i = 0; i < at.size(); ++i) {
            const double r = radius(members[s][i]);
            left = std::min(left, at[i].x - r), right = std::max(right, at[i].x + r);
            bottom = std::min(bottom, at[i].y - r), top = std::max(top, at[i].y + r);
        }
        const double label = 14, margin = config.labels == "none" ? 10 : 34;  // room for the name and for xlabels
        const double name_width = 6.5 * double(school_name(schools.schools[s]).size()) + 16;
        for (std::size_t i = 0; i < at.size(); ++i)
            offset[members[s][i]] = {at[i].x - (left + right) / 2, at[i].y - (bottom + top) / 2 - label / 2};
        box[s] = {std::max(right - left + 2 * margin, name_width), top - bottom + 2 * 10 + label};
    }

    // 2. Schools as boxes, and everyone outside a school, laid out together; ties between them
    //    pull harder the more there are.
    Diagram top;
    top.engine = "neato";
    top.graph = common;
    top.graph["sep"] = "+10";
    std::vector<std::size_t> unit(net.size());
    std::vector<std::size_t> school_unit(members.size(), SIZE_MAX);
    for (std::size_t s = 0; s < members.size(); ++s) {
        if (members[s].empty()) continue;
        school_unit[s] = top.nodes.size();
        top.nodes.push_back({"", {{"shape", "box"}, {"fixedsize", "true"}, {"width", fmt::format("{:.3f}", box[s].x / 72)},
                                  {"height", fmt::format("{:.3f}", box[s].y / 72)}}, -1});
    }
    for (Vertex v = 0; v < net.size(); ++v) {
        if (school[v] >= 0) {
            unit[v] = school_unit[std::size_t(school[v])];
        } else {
            unit[v] = top.nodes.size();
            top.nodes.push_back({"", {{"shape", "circle"}, {"fixedsize", "true"}, {"width", d.nodes[v].attributes.at("width")}}, -1});
        }
    }
    std::map<std::pair<std::size_t, std::size_t>, int> between;
    for (const Pair& p : pairs)
        if (unit[p.a] != unit[p.b]) ++between[{std::min(unit[p.a], unit[p.b]), std::max(unit[p.a], unit[p.b])}];
    for (const auto& [key, count] : between) top.edges.push_back({key.first, key.second, {{"weight", std::to_string(std::min(count, 5))}, {"len", "0.4"}}});
    const std::vector<Point> at = layout_positions(top);

    // 3. Everyone pinned; a box per school behind its people.
    for (Vertex v = 0; v < net.size(); ++v) {
        const Point p = {at[unit[v]].x + offset[v].x, at[unit[v]].y + offset[v].y};
        d.nodes[v].attributes["pos"] = fmt::format("{:.2f},{:.2f}!", p.x, p.y);
    }
    for (std::size_t s = 0; s < members.size(); ++s) {
        if (members[s].empty()) continue;
        const Point c = at[school_unit[s]];
        d.nodes.push_back({school_name(schools.schools[s]),
                           {{"shape", "box"}, {"style", "rounded"}, {"color", "#AAAAAA"}, {"fontsize", "12"}, {"fontname", "Helvetica"},
                            {"fontcolor", "#444444"}, {"labelloc", "t"}, {"fixedsize", "true"},
                            {"width", fmt::format("{:.3f}", box[s].x / 72)}, {"height", fmt::format("{:.3f}", box[s].y / 72)},
                            {"pos", fmt::format("{:.2f},{:.2f}!", c.x, c.y)}, {"tooltip", school_name(schools.schools[s])}},
                           -1});
    }
}

const Attributes& base_graph() {
    static const Attributes attributes = {{"bgcolor", "white"}, {"fontname", "Helvetica"}, {"pad", "0.3"},
                                          {"outputorder", "edgesfirst"}, {"size", "30,30"}};
    return attributes;
}

}  // namespace

std::string role_colour(const std::string& role, const DiagramConfig& config) {
    if (const auto it = config.role_colours.find(role); it != config.role_colours.end()) return it->second;
    if (role == "district_team") return "#0072B2";
    if (role == "school_leader") return "#E69F00";
    if (role == "staff") return "#56B4E9";
    return "#999999";
}

std::string tie_colour(const Network& net, std::size_t type, const DiagramConfig& config) {
    if (const auto it = config.tie_colours.find(type_name(net, type)); it != config.tie_colours.end()) return it->second;
    // Okabe–Ito without vermillion, which marks isolation.
    static const std::vector<std::string> colours = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442", "#000000"};
    return colours[type % colours.size()];
}

std::string file_stem(const std::string& id) {
    std::string out;
    for (char ch : id) out += (std::isalnum(static_cast<unsigned char>(ch)) && static_cast<unsigned char>(ch) < 0x80) || ch == '-' || ch == '_' ? ch : '_';
    out.resize(std::min<std::size_t>(out.size(), 100));  // file systems take 255 bytes, with room for "_2.svg"
    return out.empty() ? "_" : out;
}

DiagramMarks diagram_marks(const Network& net, const std::vector<std::pair<std::string, VertexScores>>& columns,
                           const std::vector<RiskEntry>& people_risk, const DiagramConfig& config) {
    DiagramMarks marks;
    if (!config.size_by.empty()) {
        for (const auto& [name, scores] : columns)
            if (name == config.size_by) {
                marks.size = scores;
                marks.size_name = name;
            }
        if (marks.size.empty()) {
            marks.size = degree(net);
            marks.size_name = "degree";
        }
    }
    marks.isolated.assign(net.size(), 0);
    for (Vertex v = 0; v < net.size(); ++v) marks.isolated[v] = neighbours(net, v).empty();
    marks.at_risk.assign(net.size(), 0);
    for (const RiskEntry& e : people_risk)
        if (e.level == "high" && e.person < net.size()) marks.at_risk[e.person] = 1;
    return marks;
}

Diagram district_sociogram(const Network& net, const SchoolTable& schools, const DiagramMarks& marks, const DiagramConfig& config) {
    const bool large = net.size() > config.large_network;
    const std::vector<int> school = school_of(net, schools);
    const std::vector<Pair> pairs = tied_pairs(net);
    std::vector<std::size_t> drawn;
    if (large) {
        // Every tie to the district team stays: the picture is about how schools reach it.
        std::vector<char> keep(pairs.size(), 0);
        for (std::size_t i : backbone(net.size(), pairs, config.ties_per_person, school)) keep[i] = 1;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            if (net.people[pairs[i].a].role == "district_team" || net.people[pairs[i].b].role == "district_team") keep[i] = 1;
            if (keep[i]) drawn.push_back(i);
        }
    } else {
        for (std::size_t i = 0; i < pairs.size(); ++i) drawn.push_back(i);
    }

    Diagram d;
    d.directed = net.directed();
    d.engine = large ? "sfdp" : "nop";
    d.graph = base_graph();
    // sfdp's overlap removal (prism) gave a 20,000-person sociogram different bytes on every run,
    // and the same bytes with address-space randomisation off: it visits its triangulation in an
    // order that depends on where things sit in memory. "prism0" keeps only its first step, which
    // scales the layout to the dots' sizes (arithmetic): to 25 times the mean dot size between
    // tied people, close to prism's spread and a quarter of its time. Pinned positions (nop) need none.
    d.graph.insert({{"start", std::to_string(config.seed)}, {"splines", "false"}, {"overlap", large ? "prism0" : "true"},
                    {"fontsize", large ? "40" : "22"}});
    if (large) d.graph["overlap_scaling"] = "-25";

    double max_size = 0;
    for (double x : marks.size)
        if (std::isfinite(x)) max_size = std::max(max_size, x);
    const double small = large ? 0.06 : 0.14, big = large ? 0.24 : 0.5;
    for (Vertex v = 0; v < net.size(); ++v) {
        const Person& p = net.people[v];
        const double x = v < marks.size.size() && std::isfinite(marks.size[v]) ? marks.size[v] : 0.0;
        const double scale = max_size > 0 ? std::sqrt(std::max(0.0, x) / max_size) : 0.3;  // area grows with the score
        Attributes a = {{"shape", "circle"}, {"style", "filled"}, {"fillcolor", role_colour(p.role, config)},
                        {"color", "#333333"}, {"penwidth", "0.6"}, {"fixedsize", "true"},
                        {"width", fmt::format("{:.2f}", small + (big - small) * scale)},
                        {"tooltip", person_tooltip(net, schools, school, v)}};
        mark_person(a, marks, v, config);
        const bool leader = p.role == "district_team" || p.role == "school_leader";
        if (config.labels == "everyone" || (config.labels == "leaders" && leader && !(large && p.role != "district_team"))) {
            a["xlabel"] = p.name;
            a["fontsize"] = "9";
            a["fontname"] = "Helvetica";
        }
        d.nodes.push_back({"", a, -1});
    }
    for (std::size_t i : drawn) {
        const Pair& p = pairs[i];
        d.edges.push_back({p.a, p.b, pair_edge(net, p, config, large ? "80" : "B0", large ? 0.5 : 0.9)});
    }
    if (!large) place_in_school_boxes(d, net, schools, school, pairs, config);

    std::vector<Vertex> everyone(net.size());
    for (Vertex v = 0; v < net.size(); ++v) everyone[v] = v;
    d.legend = people_legend(net, everyone, pairs, marks, config);
    d.title = fmt::format("Whole district: {} people, {} tied pairs", net.size(), pairs.size());
    if (large)
        d.title += fmt::format(" ({} drawn: each person's {} strongest and every tie to the district team)", drawn.size(),
                               config.ties_per_person);
    if (!marks.size_name.empty()) d.title += "; size: " + marks.size_name;
    return d;
}

Diagram bridge_map(const Network& net, const SchoolTable& schools, const DiagramConfig& config) {
    const std::vector<int> school = school_of(net, schools);
    const std::vector<std::vector<Vertex>> members = school_members(net, schools);
    std::vector<Vertex> team;
    for (Vertex v = 0; v < net.size(); ++v)
        if (net.people[v].role == "district_team") team.push_back(v);

    struct Link {
        std::size_t ties = 0, close = 0;
    };
    std::map<std::pair<Vertex, std::size_t>, Link> links;  // (member, school)
    for (const Pair& p : tied_pairs(net)) {
        for (const auto& [m, other] : {std::pair{p.a, p.b}, std::pair{p.b, p.a}}) {
            if (net.people[m].role != "district_team" || school[other] < 0) continue;
            Link& l = links[{m, std::size_t(school[other])}];
            ++l.ties;
            if (any_close(net, p.types)) ++l.close;
        }
    }
    std::vector<Link> per_school(schools.schools.size());
    std::size_t most_ties = 1, largest = 1;
    for (const auto& [key, l] : links) {
        per_school[key.second].ties += l.ties;
        per_school[key.second].close += l.close;
        most_ties = std::max(most_ties, l.ties);
    }
    for (const auto& m : members) largest = std::max(largest, m.size());

    Diagram d;
    d.engine = "dot";
    d.graph = base_graph();
    d.graph.insert({{"rankdir", "LR"}, {"ranksep", "4"}, {"nodesep", "0.06"}, {"splines", "true"}});
    // Node 0 is an invisible anchor on the left, so schools without ties still sit on the right.
    d.nodes.push_back({"", {{"style", "invis"}, {"shape", "point"}, {"width", "0"}}, -1});
    for (Vertex m : team) {
        const std::string fill = role_colour("district_team", config);
        d.nodes.push_back({net.people[m].name, {{"shape", "box"}, {"style", "filled,rounded"}, {"fillcolor", fill},
                                                {"fontcolor", text_colour(fill)}, {"fontname", "Helvetica"}, {"fontsize", "14"},
                                                {"color", "#333333"}, {"tooltip", net.people[m].name.get() + " (district team)"}}, -1});
        d.edges.push_back({0, d.nodes.size() - 1, {{"style", "invis"}}});
    }
    const std::size_t first_school = d.nodes.size();
    bool no_close = false, no_tie = false;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) {
        const double scale = std::sqrt(double(members[s].size()) / double(largest));
        Attributes a = {{"shape", "ellipse"}, {"style", "filled"}, {"fillcolor", role_colour("school_leader", config) + "66"},
                        {"color", "#555555"}, {"fontname", "Helvetica"}, {"fontsize", fmt::format("{:.0f}", 11 + 5 * scale)},
                        {"margin", "0.05,0.02"}, {"height", fmt::format("{:.2f}", 0.25 + 0.35 * scale)},
                        {"width", fmt::format("{:.2f}", 1.0 + 1.4 * scale)},
                        {"tooltip", fmt::format("{}: {} people, {} ties to the district team ({} close)", school_name(schools.schools[s]),
                                                members[s].size(), per_school[s].ties, per_school[s].close)}};
        if (per_school[s].ties == 0) {
            a["color"] = config.highlight_colour;
            a["penwidth"] = "4";
            no_tie = true;
        } else if (per_school[s].close == 0) {
            a["color"] = config.highlight_colour;
            a["penwidth"] = "3";
            a["style"] = "filled,dashed";
            no_close = true;
        }
        d.nodes.push_back({fmt::format("{} ({})", school_name(schools.schools[s]), members[s].size()), a, -1});
        d.edges.push_back({0, d.nodes.size() - 1, {{"style", "invis"}, {"minlen", "2"}, {"weight", "0"}}});
    }
    for (const auto& [key, l] : links) {
        const std::size_t member = std::size_t(std::find(team.begin(), team.end(), key.first) - team.begin()) + 1;
        const std::string colour = l.close ? role_colour("district_team", config) : "#777777";
        d.edges.push_back({member, first_school + key.second,
                           {{"color", colour + "B0"}, {"penwidth", fmt::format("{:.1f}", 1 + 6.0 * double(l.ties) / double(most_ties))},
                            {"style", l.close ? "solid" : "dashed"}, {"arrowhead", "none"},
                            {"tooltip", fmt::format("{} – {}: {} ties ({} close)", net.people[key.first].name.get(),
                                                    school_name(schools.schools[key.second]), l.ties, l.close)}}});
    }
    d.title = "District team and schools: who is connected to whom";
    d.legend = {{LegendEntry::Kind::node, "district team member", role_colour("district_team", config), ""},
                {LegendEntry::Kind::node, "school (people in brackets; size grows with staff)", role_colour("school_leader", config), ""},
                {LegendEntry::Kind::edge, "ties including a close one (wider: more ties)", role_colour("district_team", config), "solid"},
                {LegendEntry::Kind::edge, "only ties that are not close", "#777777", "dashed"}};
    if (no_close) d.legend.push_back({LegendEntry::Kind::outline, "no close tie to the district team", config.highlight_colour, "dashed"});
    if (no_tie) d.legend.push_back({LegendEntry::Kind::outline, "no tie to the district team", config.highlight_colour, "solid"});
    return d;
}

namespace {

// What every school diagram needs, computed once for all of them.
struct SchoolParts {
    std::vector<int> school;                           // school_of()
    std::vector<Pair> pairs;                           // tied_pairs()
    std::vector<std::vector<Vertex>> people;           // per school, ascending
    std::vector<std::vector<std::size_t>> drawn;       // per school: its pairs, ascending
};

SchoolParts school_parts(const Network& net, const SchoolTable& schools) {
    SchoolParts parts{school_of(net, schools), tied_pairs(net), {}, {}};
    parts.people.resize(schools.schools.size());
    parts.drawn.resize(schools.schools.size());
    for (Vertex v = 0; v < net.size(); ++v)
        if (parts.school[v] >= 0) parts.people[std::size_t(parts.school[v])].push_back(v);
    for (std::size_t i = 0; i < parts.pairs.size(); ++i) {
        const Pair& p = parts.pairs[i];
        const int sa = parts.school[p.a], sb = parts.school[p.b];
        const bool team_a = net.people[p.a].role == "district_team", team_b = net.people[p.b].role == "district_team";
        // Both ends at the school, or one there and the other on the district team.
        if (sa >= 0 && (sa == sb || team_b)) parts.drawn[std::size_t(sa)].push_back(i);
        if (sb >= 0 && sb != sa && team_a) parts.drawn[std::size_t(sb)].push_back(i);
    }
    return parts;
}

// A school diagram's people split into groups that no drawn tie joins, as indices into its nodes:
// the largest group first, then by the first member; each group in breadth-first order from its
// most tied member (the lowest index among equals), neighbours in index order.
std::vector<std::vector<std::size_t>> tied_groups(std::size_t nodes, const std::vector<Diagram::Edge>& edges) {
    std::vector<std::vector<std::size_t>> next(nodes);
    for (const Diagram::Edge& e : edges) {
        next[e.tail].push_back(e.head);
        next[e.head].push_back(e.tail);
    }
    for (auto& list : next) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    std::vector<char> seen(nodes, 0);
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t first = 0; first < nodes; ++first) {
        if (seen[first]) continue;
        std::vector<std::size_t> members = {first};  // the group, found from its first member
        seen[first] = 1;
        for (std::size_t i = 0; i < members.size(); ++i)
            for (std::size_t u : next[members[i]])
                if (!seen[u]) seen[u] = 1, members.push_back(u);
        const std::size_t root = *std::min_element(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return next[a].size() != next[b].size() ? next[a].size() > next[b].size() : a < b;
        });
        for (std::size_t u : members) seen[u] = 2;  // 2: in this group, not yet in its order
        std::vector<std::size_t> order = {root};
        seen[root] = 1;
        for (std::size_t i = 0; i < order.size(); ++i)
            for (std::size_t u : next[order[i]])
                if (seen[u] == 2) seen[u] = 1, order.push_back(u);
        groups.push_back(std::move(order));
    }
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return groups;
}

// Graphviz's size for a school diagram's node (12-point label, default margins), in points,
// from an estimate of the label's width: 0.62 em per character fits Helvetica and its usual
// stand-ins (DejaVu Sans, Liberation Sans) with room to spare. Only the grid below uses it.
Point node_size(const Diagram::Node& node) {
    double characters = 0;
    for (unsigned char ch : node.label) characters += (ch & 0xC0) != 0x80;  // UTF-8 lead bytes
    const double text = 0.62 * 12 * characters + 16, line = 12 * 1.2 + 8;
    if (node.attributes.count("shape") && node.attributes.at("shape") == "box") return {std::max(text, 54.0), std::max(line, 36.0)};
    return {std::max(text * std::sqrt(2.0), 54.0), std::max(line * std::sqrt(2.0), 36.0)};  // the ellipse around the text
}

// Schools with more groups than this are laid out in two parts (see arrange_in_parts): Graphviz
// packs each group of a disconnected graph in turn, which takes a minute for thousands.
constexpr std::size_t pack_limit = 20;
// Groups of at most this many people go to the grid.
constexpr std::size_t small_group = 3;

// Lays out `d` in two parts and pins every node (engine nop): the groups of more than
// `small_group` people with neato (its own attributes), and the smaller groups row by row in a
// grid below them, under a heading. Returns the number of people in the grid.
std::size_t arrange_in_parts(Diagram& d, const std::vector<std::vector<std::size_t>>& groups) {
    std::vector<Point> at(d.nodes.size());
    double left = 0, right = 0, bottom = 0;  // the neato part's extent
    Diagram big = d;
    big.nodes.clear();
    big.edges.clear();
    big.legend.clear();
    big.title.clear();
    big.graph["splines"] = "false";  // only the positions are used; nop routes the lines once below
    std::vector<std::size_t> local(d.nodes.size(), SIZE_MAX);
    for (const auto& group : groups)
        if (group.size() > small_group)
            for (std::size_t i : group) local[i] = big.nodes.size(), big.nodes.push_back(d.nodes[i]);
    for (const Diagram::Edge& e : d.edges)
        if (local[e.tail] != SIZE_MAX) big.edges.push_back({local[e.tail], local[e.head], e.attributes});
    if (!big.nodes.empty()) {
        const std::vector<Point> placed = layout_positions(big);
        left = bottom = 1e300, right = -1e300;
        for (std::size_t i = 0; i < d.nodes.size(); ++i) {
            if (local[i] == SIZE_MAX) continue;
            at[i] = placed[local[i]];
            const Point size = node_size(d.nodes[i]);
            left = std::min(left, at[i].x - size.x / 2), right = std::max(right, at[i].x + size.x / 2);
            bottom = std::min(bottom, at[i].y - size.y / 2);
        }
    }

    // The grid: each small group as a row of its members (breadth-first, so a path keeps its
    // middle in the middle), groups left to right in rows about as wide as they are tall overall.
    const double gap = 12;
    double area = 0;
    std::size_t in_grid = 0;
    for (const auto& group : groups) {
        if (group.size() > small_group) continue;
        double w = 0, h = 0;
        for (std::size_t i : group) w += node_size(d.nodes[i]).x + gap, h = std::max(h, node_size(d.nodes[i]).y);
        area += (w + 2 * gap) * (h + gap);
        in_grid += group.size();
    }
    const double width = std::max(right - left, std::sqrt(area) * 1.5);
    if (big.nodes.empty()) left = 0, right = width, bottom = 0;
    const double heading = 20;
    double x = left, y = bottom - gap - heading - gap, row = 0;  // y: top of the current row
    for (const auto& group : groups) {
        if (group.size() > small_group) continue;
        double w = -gap;
        for (std::size_t i : group) w += node_size(d.nodes[i]).x + gap;
        if (x > left && x + w > left + width) x = left, y -= row + gap, row = 0;
        for (std::size_t i : group) {
            const Point size = node_size(d.nodes[i]);
            at[i] = {x + size.x / 2, y - size.y / 2};
            x += size.x + gap;
            row = std::max(row, size.y);
        }
        x += 2 * gap;  // groups further apart than the people in one
    }
    for (std::size_t i = 0; i < d.nodes.size(); ++i) d.nodes[i].attributes["pos"] = fmt::format("{:.2f},{:.2f}!", at[i].x, at[i].y);
    const std::string text = fmt::format("{} people alone or in twos and threes{}", in_grid, big.nodes.empty() ? "" : ", not tied to the groups above");
    d.nodes.push_back({text,
                       {{"shape", "plaintext"}, {"fontname", "Helvetica"}, {"fontsize", "14"}, {"fontcolor", "#444444"},
                        {"pos", fmt::format("{:.2f},{:.2f}!", left + 0.31 * 14 * double(text.size()), bottom - gap - heading / 2)}},
                       -1});
    d.engine = "nop";
    d.graph["overlap"] = "true";  // every position is set, with room between
    if (d.nodes.size() > 200) d.graph["splines"] = "false";  // lines routed around a thousand names take minutes
    return in_grid;
}

Diagram school_diagram(const Network& net, const SchoolTable& schools, std::size_t s, const SchoolParts& parts,
                       const DiagramMarks& marks, const DiagramConfig& config) {
    std::vector<Vertex> people = parts.people[s];
    std::vector<Pair> pairs;
    std::set<Vertex> team;
    for (std::size_t i : parts.drawn[s]) {
        const Pair& p = parts.pairs[i];
        pairs.push_back(p);
        if (parts.school[p.a] != int(s)) team.insert(p.a);
        if (parts.school[p.b] != int(s)) team.insert(p.b);
    }
    people.insert(people.end(), team.begin(), team.end());
    std::map<Vertex, std::size_t> index;
    for (std::size_t i = 0; i < people.size(); ++i) index[people[i]] = i;

    // At most `school_limit` people: whole groups, the largest first, and the part of the group
    // that no longer fits nearest its most tied member.
    std::vector<Diagram::Edge> all;
    for (const Pair& p : pairs) all.push_back({index.at(p.a), index.at(p.b), {}});
    std::vector<std::vector<std::size_t>> groups = tied_groups(people.size(), all);
    const std::size_t everyone = people.size();
    if (people.size() > config.school_limit) {
        std::vector<char> keep(people.size(), 0);
        std::size_t kept = 0;
        for (auto& group : groups) {
            if (group.size() > config.school_limit - kept) group.resize(config.school_limit - kept);
            for (std::size_t i : group) keep[i] = 1;
            kept += group.size();
        }
        std::vector<Vertex> chosen;
        for (std::size_t i = 0; i < people.size(); ++i)
            if (keep[i]) chosen.push_back(people[i]);
        people = std::move(chosen);
        index.clear();
        for (std::size_t i = 0; i < people.size(); ++i) index[people[i]] = i;
        std::erase_if(pairs, [&](const Pair& p) { return !index.count(p.a) || !index.count(p.b); });
    }

    Diagram d;
    d.directed = net.directed();
    d.engine = "neato";
    d.graph = base_graph();
    // Lines routed around the names cost seconds per school with hundreds of ties; a large
    // network's many schools get straight lines.
    const bool large = net.size() > config.large_network;
    d.graph.insert({{"start", std::to_string(config.seed)}, {"overlap", "false"}, {"sep", "+12"}, {"splines", large ? "false" : "true"},
                    {"mode", "major"}});
    for (Vertex v : people) {
        const std::string fill = role_colour(net.people[v].role, config);
        Attributes a = {{"shape", net.people[v].role == "district_team" ? "box" : "ellipse"}, {"style", "filled"},
                        {"fillcolor", fill}, {"fontcolor", text_colour(fill)}, {"fontname", "Helvetica"}, {"fontsize", "12"},
                        {"color", "#333333"}, {"tooltip", person_tooltip(net, schools, parts.school, v)}};
        mark_person(a, marks, v, config);
        if (a["style"] == "filled" && net.people[v].role == "district_team") a["style"] = "filled,rounded";
        d.nodes.push_back({net.people[v].name, a, -1});
    }
    for (const Pair& p : pairs) d.edges.push_back({index.at(p.a), index.at(p.b), pair_edge(net, p, config, "C0", 1.6)});
    d.legend = people_legend(net, people, pairs, marks, config);
    d.title = fmt::format("{}: {} people, {} district team members tied to them", school_name(schools.schools[s]),
                          parts.people[s].size(), team.size());
    if (people.size() < everyone)
        d.title += fmt::format("; {} of these {} drawn (at most {}: whole groups, the most tied first)", people.size(), everyone,
                               config.school_limit);
    if (groups.size() > pack_limit || people.size() < everyone) {
        groups = tied_groups(d.nodes.size(), d.edges);
        if (groups.size() > pack_limit) arrange_in_parts(d, groups);
    }
    return d;
}

}  // namespace

Diagram school_diagram(const Network& net, const SchoolTable& schools, std::size_t s, const DiagramMarks& marks,
                       const DiagramConfig& config) {
    return school_diagram(net, schools, s, school_parts(net, schools), marks, config);
}

std::string sociogram_note(const Network& net, const DiagramConfig& config) {
    if (!config.sociogram || net.size() <= config.sociogram_limit) return "";
    return fmt::format("the whole-district sociogram is not drawn for {} people (more than {}): it would take long to lay out "
                       "and be too large to open; the bridge map and the school diagrams show the same ties school by school",
                       net.size(), config.sociogram_limit);
}

LaidOutSociogram lay_out_sociogram(const Network& net, const SchoolTable& schools, const DiagramMarks& marks,
                                   const DiagramConfig& config) {
    LaidOutSociogram out{district_sociogram(net, schools, marks, config), {}};
    out.at = layout_positions(out.diagram);
    return out;
}

Diagram pinned(const LaidOutSociogram& sociogram) {
    Diagram d = sociogram.diagram;
    if (d.engine == "nop") return d;
    for (std::size_t i = 0; i < d.nodes.size() && i < sociogram.at.size(); ++i)
        d.nodes[i].attributes["pos"] = fmt::format("{:.2f},{:.2f}!", sociogram.at[i].x, sociogram.at[i].y);
    d.engine = "nop";
    d.graph["overlap"] = "true";  // nop would otherwise remove overlaps (scale) again
    d.graph.erase("overlap_scaling");
    return d;
}

std::vector<DrawnDiagram> draw_diagrams(const Network& net, const SchoolTable& schools, const DiagramMarks& marks,
                                        const DiagramConfig& config, const ProgressFn& progress, const LaidOutSociogram* sociogram) {
    std::vector<std::string> formats = {"svg"};
    for (const std::string& f : config.formats)
        if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
    // Every diagram described first, then laid out side by side in worker processes.
    std::vector<Diagram> described;
    std::vector<DrawnDiagram> out;
    const auto add = [&](Diagram d, std::string name, std::string title) {
        described.push_back(std::move(d));
        out.push_back({std::move(name), std::move(title), {}});
    };
    if (config.sociogram && sociogram_note(net, config).empty())
        add(sociogram ? pinned(*sociogram) : district_sociogram(net, schools, marks, config), "diagrams/sociogram", "Whole district");
    if (config.bridge_map && !schools.schools.empty())
        add(bridge_map(net, schools, config), "diagrams/bridge_map", "District team and schools");
    if (config.school_diagrams) {
        const SchoolParts parts = school_parts(net, schools);
        std::set<std::string> used;
        for (std::size_t s = 0; s < schools.schools.size(); ++s) {
            std::string stem = file_stem(schools.schools[s].id);
            for (int k = 2; used.count(stem); ++k) stem = file_stem(schools.schools[s].id) + "_" + std::to_string(k);
            used.insert(stem);
            add(school_diagram(net, schools, s, parts, marks, config), "diagrams/schools/" + stem, school_name(schools.schools[s]));
        }
    }
    const unsigned workers = unsigned(std::max(1, omp_get_max_threads()));
    std::vector<std::vector<std::string>> bytes = render_all(described, formats, workers, progress);
    for (std::size_t d = 0; d < out.size(); ++d)
        for (std::size_t i = 0; i < formats.size(); ++i) out[d].formats[formats[i]] = std::move(bytes[d][i]);
    return out;
}

std::vector<std::pair<std::string, std::string>> diagram_files(const std::vector<DrawnDiagram>& diagrams, const DiagramConfig& config) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const DrawnDiagram& d : diagrams)
        for (const std::string& f : config.formats)
            if (const auto it = d.formats.find(f); it != d.formats.end()) files.emplace_back(d.name + "." + f, it->second);
    return files;
}

}  // namespace staffnet
