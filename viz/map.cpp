#include "viz/map.hpp"

#include "engine/centrality.hpp"
#include "viz/outreach.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

namespace staffnet {
namespace {

using nlohmann::json;

std::string school_label(const School& s) { return s.name.empty() ? s.id : s.name; }

json number_json(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// Rounded to a hundredth of a point: positions need no more, and the page stays small.
json coordinate(double x) { return std::round(x * 100) / 100; }

// JSON that is safe inside <script type="application/json">: no '<', '>' or '&' at all.

double participation_value(const SchoolTable& schools, const School& s, const std::string& column) {
    const auto it = std::find(schools.measure_names.begin(), schools.measure_names.end(), column);
    const std::size_t k = std::size_t(it - schools.measure_names.begin());
    return it != schools.measure_names.end() && k < s.measures.size() ? s.measures[k] : NAN;
}

// The suggested contacts with, for someone not yet tied to the member, the colleagues both know:
// whom to ask for an introduction.
std::vector<MapInput::Contact> contacts(const Network& net, const RiskEntry& e, bool person) {
    std::vector<MapInput::Contact> out;
    for (const Contact& c : e.contacts) {
        MapInput::Contact m{c.member, c.why, {}};
        if (person && c.why.rfind("already tied", 0) != 0) {
            const std::vector<Vertex> x = neighbours(net, e.person), y = neighbours(net, c.member);
            std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(m.via));
        }
        out.push_back(std::move(m));
    }
    return out;
}

json contacts_json(const std::vector<MapInput::Contact>& contacts) {
    json out = json::array();
    for (const MapInput::Contact& c : contacts) out.push_back({{"m", c.member}, {"why", c.why}, {"via", c.via}});
    return out;
}

json map_json(const MapInput& in) {
    json j;
    j["whole"] = in.whole;
    j["directed"] = in.directed;
    j["attributes"] = in.attribute_names;
    j["metrics"] = in.metric_names;
    j["participation"] = json::array();
    for (std::size_t i = 0; i < in.participation_names.size(); ++i)
        j["participation"].push_back({{"name", in.participation_names[i]},
                                      {"higher", i < in.participation_higher_is_better.size() && in.participation_higher_is_better[i]}});
    j["types"] = json::array();
    for (std::size_t t = 0; t < in.tie_types.size(); ++t)
        j["types"].push_back({{"name", in.tie_types[t]},
                              {"close", t < in.tie_types_close.size() && in.tie_types_close[t]},
                              {"colour", t < in.tie_colours.size() ? in.tie_colours[t] : "#777777"}});
    std::string risk_ties;
    for (char ch : in.risk_tie_types) risk_ties += ch == '+' ? std::string(" and ") : ch == '_' ? std::string(" ") : std::string(1, ch);
    j["risk_ties"] = risk_ties;
    j["roles"] = json::object();
    for (const auto& [role, colour] : in.role_colours) j["roles"][role] = colour;
    std::map<std::string, std::size_t> school_index;
    for (std::size_t s = 0; s < in.schools.size(); ++s) school_index.emplace(in.schools[s].id, s);
    std::map<std::string, std::size_t> type_index;
    for (std::size_t t = 0; t < in.tie_types.size(); ++t) type_index.emplace(in.tie_types[t], t);

    j["people"] = json::array();
    for (const MapInput::Person& p : in.people) {
        const auto school = school_index.find(p.school);
        json m = json::array();
        for (double x : p.metrics) m.push_back(number_json(x));
        j["people"].push_back({{"id", p.id}, {"name", p.name}, {"role", p.role},
                               {"school", school == school_index.end() ? json(nullptr) : json(school->second)},
                               {"school_id", p.school}, {"a", p.attributes}, {"m", m}, {"risk", p.risk}, {"why", p.reasons},
                               {"c", contacts_json(p.contacts)}, {"x", coordinate(p.at.x)}, {"y", coordinate(-p.at.y)},
                               {"r", coordinate(p.radius)}, {"drawn", p.drawn}});
    }
    j["ties"] = json::array();
    for (const MapInput::Tie& t : in.ties) {
        const auto type = type_index.find(t.type);
        j["ties"].push_back({t.source, t.target, type == type_index.end() ? 0 : type->second});
    }
    j["schools"] = json::array();
    for (const MapInput::School& s : in.schools) {
        json p = json::array();
        for (double x : s.participation) p.push_back(number_json(x));
        j["schools"].push_back({{"id", s.id}, {"name", s.name}, {"p", p}, {"risk", s.risk}, {"why", s.reasons},
                                {"c", contacts_json(s.contacts)}, {"x", coordinate(s.place.centre.x)}, {"y", coordinate(-s.place.centre.y)},
                                {"w", coordinate(s.place.width)}, {"h", coordinate(s.place.height)}, {"box", s.place.box}});
    }
    return j;
}

}  // namespace

MapInput map_input(const ReportData& data, const std::vector<std::pair<std::string, VertexScores>>& metrics, DiagramConfig config) {
    const Network& net = data.network;
    config.seed = data.seed;
    std::vector<std::pair<std::string, VertexScores>> columns = metrics;
    if (columns.empty() && net.size() <= config.sociogram_limit) {
        // Until the report's data carry the analysis's metric columns: the two the map colours by.
        columns.emplace_back("degree", degree(net));
        if (net.size() <= config.large_network) columns.emplace_back("betweenness", betweenness(net));
    }
    const MapLayout layout = district_layout(net, data.schools, diagram_marks(net, columns, data.people_risk, config), config, data.sociogram.get());

    MapInput in;
    in.whole = layout.whole;
    in.directed = net.directed();
    in.attribute_names = net.attribute_names;
    // Said on the cards only when the risk levels leave some kinds of tie out.
    const auto plus = std::count(data.risk_tie_types.begin(), data.risk_tie_types.end(), '+');
    if (!data.risk_tie_types.empty() && std::size_t(plus) + 1 < net.options.types.size()) in.risk_tie_types = data.risk_tie_types;
    for (const auto& [name, scores] : columns) in.metric_names.push_back(name);
    for (std::size_t t = 0; t < net.options.types.size(); ++t) {
        in.tie_types.push_back(net.options.types[t].name);
        in.tie_types_close.push_back(net.options.types[t].close);
        in.tie_colours.push_back(tie_colour(net, t, config));
    }
    std::map<Vertex, const RiskEntry*> risk;
    for (const RiskEntry& e : data.people_risk) risk[e.person] = &e;
    std::map<std::string, std::string> roles;
    for (Vertex v = 0; v < net.size(); ++v) {
        const Person& p = net.people[v];
        roles.emplace(p.role, role_colour(p.role, config));
        MapInput::Person m{p.id, p.display_name(), p.role, p.school, p.attributes, {}, "", {}, {}, layout.people[v], layout.radius[v],
                           layout.drawn[v] != 0};
        for (const auto& [name, scores] : columns) m.metrics.push_back(v < scores.size() ? scores[v] : NAN);
        if (const auto it = risk.find(v); it != risk.end()) {
            m.risk = it->second->level;
            m.reasons = it->second->reasons;
            m.contacts = contacts(net, *it->second, true);
        }
        in.people.push_back(std::move(m));
    }
    in.role_colours.assign(roles.begin(), roles.end());
    for (const Tie& t : net.ties)
        in.ties.push_back({t.source, t.target, t.type < in.tie_types.size() ? in.tie_types[t.type] : fmt::format("type {}", t.type + 1),
                           t.type < in.tie_types_close.size() && in.tie_types_close[t.type]});
    for (const ParticipationMeasure& p : data.participation) {
        in.participation_names.push_back(p.column);
        in.participation_higher_is_better.push_back(p.higher_is_better);
    }
    std::map<std::string, SchoolPlace> places;
    for (const SchoolPlace& place : layout.schools) places.emplace(place.id, place);
    for (std::size_t s = 0; s < data.schools.schools.size(); ++s) {
        const School& school = data.schools.schools[s];
        MapInput::School m{school.id, school_label(school), {}, "", {}, {}, {}};
        for (const ParticipationMeasure& p : data.participation) m.participation.push_back(participation_value(data.schools, school, p.column));
        if (s < data.school_risk.size()) {
            m.risk = data.school_risk[s].level;
            m.reasons = data.school_risk[s].reasons;
            m.contacts = contacts(net, data.school_risk[s], false);
        }
        if (const auto it = places.find(school.id); it != places.end()) m.place = it->second;
        in.schools.push_back(std::move(m));
    }
    return in;
}

std::string map_section(const MapInput& in) {
    std::string html = "<section id=\"map\">\n<h2>District map</h2>\n";
    if (map_scripts().empty())
        return html + "<p>The interactive map needs the JavaScript libraries, which were not built into this copy of staffnet; the "
                      "diagrams above show the same network.</p>\n</section>\n";
    html += "<p>Find a person or a school to see their ties, who may be isolated and who could reach out. Filters and colours are "
            "on the left; scroll or pinch to zoom, drag to move. The positions are those of the whole-district diagram.";
    if (!in.whole)
        html += " This district is too large to draw everyone at once: the map shows the schools and the district team; choose a "
                "school or a person to draw its people.";
    html += "</p>\n<style>" + map_style() + "</style>\n" R"(<div class="map-app">
<div class="map-controls" id="map-controls">
<div class="map-find"><label for="map-search">Find a person or school</label>
<input id="map-search" type="search" autocomplete="off" spellcheck="false" placeholder="Type part of a name" role="combobox" aria-expanded="false" aria-controls="map-suggestions" aria-autocomplete="list">
<ul id="map-suggestions" role="listbox" hidden></ul></div>
<div class="map-colour"><label for="map-colour">Colour people by</label><select id="map-colour"></select>
<label for="map-school-colour">Colour schools by</label><select id="map-school-colour"></select></div>
<div id="map-legend" class="map-legend" aria-live="polite"></div>
<details class="map-filter" open><summary>Show</summary>
<fieldset id="map-filter-role"><legend>Roles</legend></fieldset>
<fieldset id="map-filter-type"><legend>Kinds of tie</legend></fieldset>
<fieldset id="map-filter-risk"><legend>Isolation risk</legend></fieldset>
<fieldset id="map-filter-school"><legend>Schools <small>(none ticked: all)</small></legend>
<label class="map-team-plus"><input type="checkbox" id="map-team-plus"> District team + selected schools only</label>
<div class="map-school-list" id="map-school-list"></div></fieldset>
<button type="button" id="map-reset">Show everything</button>
</details>
</div>
<div class="map-stage"><svg id="map-svg" role="img" aria-label="District map"></svg>
<div class="map-zoom"><button type="button" id="map-zoom-in" aria-label="Zoom in">+</button><button type="button" id="map-zoom-out" aria-label="Zoom out">&#8722;</button><button type="button" id="map-fit">Fit</button></div>
<p class="map-status" id="map-status" aria-live="polite"></p></div>
<aside class="map-card" id="map-card" aria-live="polite"></aside>
</div>
<noscript><p>The map needs JavaScript.</p></noscript>
)";
    html += "<script type=\"application/json\" id=\"map-data\">" + script_json(map_json(in)) + "</script>\n";
    return html + "</section>\n";
}

}  // namespace staffnet
