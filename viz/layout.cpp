#include "viz/layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numbers>
#include <set>

namespace staffnet {
namespace {

// School index of each person (-1 for none), the first school of an id as the diagrams take it.
std::vector<int> school_index(const Network& net, const SchoolTable& schools) {
    std::map<std::string, int> index;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) index.emplace(schools.schools[s].id, int(s));
    std::vector<int> out(net.size(), -1);
    for (Vertex v = 0; v < net.size(); ++v)
        if (const auto it = index.find(net.people[v].school); it != index.end()) out[v] = it->second;
    return out;
}

double inches(const Attributes& a, const char* key) {
    const auto it = a.find(key);
    return it == a.end() ? 0.0 : 72.0 * std::atof(it->second.c_str());
}

// The sociogram's own layout: people first, then (when it has them) one box per school with people.
MapLayout whole_layout(const Network& net, const SchoolTable& schools, const std::vector<int>& school, const LaidOutSociogram& sociogram) {
    const Diagram& d = sociogram.diagram;
    const std::vector<Point>& at = sociogram.at;
    MapLayout out;
    out.people.assign(at.begin(), at.begin() + std::ptrdiff_t(net.size()));
    out.drawn.assign(net.size(), 1);
    for (Vertex v = 0; v < net.size(); ++v) out.radius.push_back(inches(d.nodes[v].attributes, "width") / 2);
    std::vector<std::vector<Vertex>> members(schools.schools.size());
    for (Vertex v = 0; v < net.size(); ++v)
        if (school[v] >= 0) members[std::size_t(school[v])].push_back(v);
    std::size_t node = net.size();
    for (std::size_t s = 0; s < schools.schools.size(); ++s) {
        if (members[s].empty()) continue;
        SchoolPlace place{schools.schools[s].id, {}, 0, 0, false};
        if (node < d.nodes.size()) {  // the box district_sociogram() appended for this school
            place.centre = at[node];
            place.width = inches(d.nodes[node].attributes, "width");
            place.height = inches(d.nodes[node].attributes, "height");
            place.box = true;
            ++node;
        } else {  // large mode: a disc centred on the school's people
            double x = 0, y = 0;
            for (Vertex v : members[s]) x += at[v].x, y += at[v].y;
            place.centre = {x / double(members[s].size()), y / double(members[s].size())};
            // sfdp scatters a few people far from their colleagues; a disc of the mean distance
            // marks where most of the school is without covering the map.
            double r = 0;
            for (Vertex v : members[s]) r += std::hypot(at[v].x - place.centre.x, at[v].y - place.centre.y);
            place.width = place.height = 2 * r / double(members[s].size()) + 12;
        }
        out.schools.push_back(place);
    }
    return out;
}

// Above the sociogram limit: schools as discs and the district team, then each school's people on
// a sunflower spiral (Vogel 1979) inside its disc.
MapLayout overview_layout(const Network& net, const SchoolTable& schools, const std::vector<int>& school, const DiagramConfig& config) {
    std::vector<std::vector<Vertex>> members(schools.schools.size());
    std::vector<Vertex> team;
    for (Vertex v = 0; v < net.size(); ++v) {
        if (school[v] >= 0) members[std::size_t(school[v])].push_back(v);
        else if (net.people[v].role == "district_team") team.push_back(v);
    }
    Diagram d;
    d.engine = "sfdp";
    d.graph = {{"start", std::to_string(config.seed)}, {"overlap", "prism"}, {"splines", "false"}};
    std::vector<std::size_t> node_of_school(schools.schools.size(), SIZE_MAX);
    std::map<Vertex, std::size_t> node_of_member;
    constexpr double point = 3;  // points a person takes across, for the disc's size
    for (std::size_t s = 0; s < members.size(); ++s) {
        if (members[s].empty()) continue;
        node_of_school[s] = d.nodes.size();
        const double across = 2 * point * std::sqrt(double(members[s].size())) + 12;
        d.nodes.push_back({"", {{"shape", "circle"}, {"fixedsize", "true"}, {"width", fmt::format("{:.3f}", across / 72)}}, -1});
    }
    for (Vertex m : team) {
        node_of_member[m] = d.nodes.size();
        d.nodes.push_back({"", {{"shape", "circle"}, {"fixedsize", "true"}, {"width", "0.3"}}, -1});
    }
    std::set<std::pair<std::size_t, std::size_t>> links;
    for (const Tie& t : net.ties)
        for (const auto& [a, b] : {std::pair{t.source, t.target}, std::pair{t.target, t.source}})
            if (node_of_member.count(a) && school[b] >= 0) links.insert({node_of_member[a], node_of_school[std::size_t(school[b])]});
    for (const auto& [a, b] : links) d.edges.push_back({a, b, {}});
    const std::vector<Point> at = layout_positions(d);

    MapLayout out;
    out.whole = false;
    out.people.assign(net.size(), Point{});
    out.drawn.assign(net.size(), 0);
    out.radius.assign(net.size(), 2.5);
    for (Vertex m : team) {
        out.people[m] = at[node_of_member[m]];
        out.drawn[m] = 1;
    }
    const double golden = std::numbers::pi * (3 - std::sqrt(5.0));
    for (std::size_t s = 0; s < members.size(); ++s) {
        if (members[s].empty()) continue;
        const Point c = at[node_of_school[s]];
        const double across = 2 * point * std::sqrt(double(members[s].size())) + 12;
        out.schools.push_back({schools.schools[s].id, c, across, across, false});
        const double n = double(members[s].size());
        for (std::size_t i = 0; i < members[s].size(); ++i) {
            const double r = (across / 2 - 4) * std::sqrt((double(i) + 0.5) / n), angle = double(i) * golden;
            out.people[members[s][i]] = {c.x + r * std::cos(angle), c.y + r * std::sin(angle)};
        }
    }
    // Everyone outside a school and the team (no school in schools.csv) sits in a ring at the edge.
    double left = 1e300, right = -1e300, bottom = 1e300, top = -1e300;
    for (const Point& p : at) left = std::min(left, p.x), right = std::max(right, p.x), bottom = std::min(bottom, p.y), top = std::max(top, p.y);
    std::vector<Vertex> elsewhere;
    for (Vertex v = 0; v < net.size(); ++v)
        if (school[v] < 0 && !node_of_member.count(v)) elsewhere.push_back(v);
    for (std::size_t i = 0; i < elsewhere.size(); ++i) {
        const double angle = 2 * std::numbers::pi * double(i) / double(elsewhere.size());
        const double rx = (right - left) / 2 + 40, ry = (top - bottom) / 2 + 40;
        out.people[elsewhere[i]] = {(left + right) / 2 + rx * std::cos(angle), (bottom + top) / 2 + ry * std::sin(angle)};
    }
    return out;
}

}  // namespace

MapLayout district_layout(const Network& net, const SchoolTable& schools, const DiagramMarks& marks, const DiagramConfig& config,
                          const LaidOutSociogram* sociogram) {
    const std::vector<int> school = school_index(net, schools);
    if (net.size() <= config.sociogram_limit) {
        if (sociogram) return whole_layout(net, schools, school, *sociogram);
        return whole_layout(net, schools, school, lay_out_sociogram(net, schools, marks, config));
    }
    return overview_layout(net, schools, school, config);
}

}  // namespace staffnet
