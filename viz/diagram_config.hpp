#pragma once
// What the diagrams draw and in which colours (`diagrams:` in the YAML). A plain struct with the
// defaults, so config/ can hold one without pulling in Graphviz.
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace staffnet {

struct DiagramConfig {
    bool sociogram = true;        // diagrams/sociogram.*: the whole district, schools as clusters
    bool bridge_map = true;       // diagrams/bridge_map.*: district team <-> schools
    bool school_diagrams = true;  // diagrams/schools/<id>.*: one per school
    std::vector<std::string> formats = {"svg"};  // any of svg, png, pdf, dot
    std::string size_by = "betweenness";  // a people.csv column (a metric) for node size; "" = uniform
    std::string labels = "leaders";       // sociogram names: none, leaders (district team and school leaders), everyone
    /// Fill colour per role; roles not named keep the default (Okabe–Ito, colour-blind safe):
    /// district_team #0072B2, school_leader #E69F00, staff #56B4E9, other #999999.
    std::map<std::string, std::string> role_colours;
    /// Line colour per tie type name; types not named take the Okabe–Ito colours in type order.
    std::map<std::string, std::string> tie_colours;
    std::string highlight_colour = "#D55E00";  // outline of isolated and at-risk people, unreached schools
    std::size_t large_network = 1500;  // above this many people: sfdp, no clusters, ties thinned
    std::size_t ties_per_person = 2;   // large mode draws each person's strongest ties, at most this many
    std::size_t sociogram_limit = 20'000;  // above this many people no sociogram is drawn: too large to lay out or open
    std::size_t school_limit = 1000;  // a school diagram draws at most this many people, whole groups first, and says so
    unsigned seed = 42;                // layout seed (the analysis seed)
};

}  // namespace staffnet
