#pragma once
// The interactive district map in report.html: every person and tie at the sociogram's positions
// (viz/layout.hpp), drawn by d3-selection and d3-zoom (compiled in from viz/assets), with a search
// box, a side card for the person or school in focus, filters and colourings.
#include "viz/diagram_config.hpp"
#include "viz/layout.hpp"
#include "viz/report.hpp"

#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// Everything the map shows, as plain values. Names and texts are shown as text, never as markup.
struct MapInput {
    struct Contact {
        std::size_t member = 0;        // index into people
        std::string why;               // "2 steps away, 1 mutual colleague", ...
        std::vector<std::size_t> via;  // the colleagues both know (whom to ask for an introduction)
    };
    struct Person {
        std::string id, name, role, school;  // school: a schools.csv id, or "" (central office)
        std::vector<std::string> attributes;  // as attribute_names
        std::vector<double> metrics;          // as metric_names; NaN when not defined
        std::string risk;                     // isolation-risk level: high, medium, low, none, no data, "" (not scored)
        std::vector<std::string> reasons;     // why, in plain words
        std::vector<Contact> contacts;        // suggested district team contacts, best first
        Point at;                             // position, points, y up
        double radius = 3;                    // points, as in the sociogram
        bool drawn = true;                    // drawn from the start (false: on demand, above the limit)
    };
    struct Tie {
        std::size_t source = 0, target = 0;  // indices into people
        std::string type;                    // tie type name
        bool close = false;
    };
    struct School {
        std::string id, name;
        std::vector<double> participation;  // as participation_names; NaN when absent
        std::string risk;                   // school risk level, "" when not scored
        std::vector<std::string> reasons;
        std::vector<Contact> contacts;
        SchoolPlace place;                  // width 0 when the school has no one in the network
    };
    std::vector<std::string> attribute_names;      // people.csv attributes
    std::vector<std::string> metric_names;         // metric columns, e.g. degree, betweenness
    std::vector<std::string> participation_names;  // schools.csv participation measures
    std::vector<char> participation_higher_is_better;
    std::vector<Person> people;
    std::vector<Tie> ties;  // one per tie type per pair (the multiplex view)
    std::vector<School> schools;
    bool whole = true;      // false: above `diagrams: sociogram_limit`, people drawn on demand
    bool directed = false;
    std::vector<std::string> tie_types;  // in the network's order
    std::vector<char> tie_types_close;
    std::vector<std::pair<std::string, std::string>> role_colours;  // role -> #RRGGBB, as the diagrams
    std::vector<std::string> tie_colours;                           // per tie type, as the diagrams
    std::string risk_tie_types;  // the tie types the risk levels count, "a+b" ("" = all)
};

/// The map for `data`: positions from district_layout() with `config` (the report's seed); node
/// sizes as the sociogram's (betweenness, or `metrics` named by `config.size_by`); the metric
/// columns `metrics` for colouring (degree and betweenness are computed when it is empty, up to
/// `config.large_network` people; degree only above). Names come from `data.network`, so a
/// pseudonymised network gives a map with pseudonyms only.
MapInput map_input(const ReportData& data, const std::vector<std::pair<std::string, VertexScores>>& metrics = {},
                   DiagramConfig config = {});

/// The map as one report <section id="map">: its markup, its style and its data in a JSON block
/// (`<script type="application/json" id="map-data">`, with no '<', '>' or '&'). The code that
/// draws it is map_scripts(); the page must load those after this section and allow them by hash.
/// A sentence replaces the map when staffnet was built without viz/assets/node_modules.
std::string map_section(const MapInput& input);

/// The map's scripts in load order: the d3 modules in one script, then the map's own code
/// (viz/assets/map/map.js). Each is safe inside <script>...</script>. Empty when built without
/// viz/assets/node_modules.
const std::vector<std::string>& map_scripts();

/// The map's stylesheet (viz/assets/map/map.css).
const std::string& map_style();

}  // namespace staffnet
