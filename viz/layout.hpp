#pragma once
// Where the interactive district map (viz/map.hpp) puts each person and school: the positions of
// the whole-district sociogram as laid out once by lay_out_sociogram() (viz/diagrams.hpp), from
// which diagrams/sociogram.svg is drawn too, so the two show the same picture.
#include "engine/network.hpp"
#include "engine/schools.hpp"
#include "viz/diagram_config.hpp"
#include "viz/diagrams.hpp"
#include "viz/render.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// A school on the map: the box around its people (the sociogram's cluster box), or, when the
/// sociogram has no boxes (large mode) or people are not drawn, a disc of `width` across.
struct SchoolPlace {
    std::string id;      // schools.csv id
    Point centre;        // points (1/72 inch), y up, as Graphviz gives them
    double width = 0;    // points
    double height = 0;   // points
    bool box = false;    // true: the sociogram's rounded box; false: a disc (width = height)
};

/// The map's layout. `people[v]` is vertex v's centre; `drawn[v]` says whether the map draws v
/// from the start (everyone up to `sociogram_limit` people; above it only the district team).
struct MapLayout {
    std::vector<Point> people;
    std::vector<double> radius;  // points: the sociogram's node size
    std::vector<char> drawn;
    std::vector<SchoolPlace> schools;  // schools with at least one person, in schools.csv order
    bool whole = true;                 // false above `config.sociogram_limit` people
};

/// Up to `config.sociogram_limit` people: district_sociogram() laid out by layout_positions()
/// (fdp school boxes pinned with nop, or sfdp above `config.large_network`), so positions match
/// the SVG sociogram drawn with the same marks and config. Above the limit: one disc per school
/// (area by its number of people) and the district team, laid out together with sfdp from
/// `config.seed`, edges joining each member to the schools they have ties at; each school's
/// people are then placed on a sunflower spiral inside its disc, to be shown on demand.
/// Deterministic for the same input. Cost: that of the sociogram's layout.
/// `sociogram`, when given, is the sociogram already laid out with the same marks and config
/// (lay_out_sociogram()); its positions are taken instead of laying it out again.
MapLayout district_layout(const Network& net, const SchoolTable& schools, const DiagramMarks& marks,
                          const DiagramConfig& config = {}, const LaidOutSociogram* sociogram = nullptr);

}  // namespace staffnet
