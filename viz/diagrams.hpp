#pragma once
// The district's diagrams: the whole-district sociogram, the district <-> school bridge map and one
// diagram per school, drawn by Graphviz (see viz/render.hpp).
#include "engine/network.hpp"
#include "engine/progress.hpp"
#include "engine/risk.hpp"
#include "engine/schools.hpp"
#include "viz/diagram_config.hpp"
#include "viz/render.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// What the diagrams mark on each person, indexed by vertex.
struct DiagramMarks {
    VertexScores size;           // node size (the config's size_by metric); empty = uniform
    std::string size_name;       // its name, for the legend
    std::vector<char> isolated;  // no ties at all
    std::vector<char> at_risk;   // isolation risk level high
};

/// Marks from already-computed results: `size` is the column of `columns` named
/// `config.size_by` (degree when it is absent), `isolated` people with no ties, `at_risk` the
/// people whose risk level is high.
DiagramMarks diagram_marks(const Network& net, const std::vector<std::pair<std::string, VertexScores>>& columns,
                           const std::vector<RiskEntry>& people_risk, const DiagramConfig& config);

/// The whole district. Up to `config.large_network` people: fdp, each school a cluster, fill by
/// role, size by `marks.size`, isolated people outlined, at-risk people outlined dashed, one line
/// per tied pair coloured by its tie types (parallel lines when several) and dashed when none is
/// close, a legend. Above: sfdp without clusters, and only each person's `ties_per_person`
/// strongest ties (so no one who has ties looks isolated); the title says how many were drawn.
Diagram district_sociogram(const Network& net, const SchoolTable& schools, const DiagramMarks& marks,
                           const DiagramConfig& config = {});

/// The whole-district sociogram laid out once, in-process: the district map takes its positions
/// (viz/layout.hpp) and draw_diagrams() draws it from them, so Graphviz lays it out once a run.
struct LaidOutSociogram {
    Diagram diagram;        // district_sociogram()
    std::vector<Point> at;  // layout_positions(diagram): each node's centre
};
LaidOutSociogram lay_out_sociogram(const Network& net, const SchoolTable& schools, const DiagramMarks& marks,
                                   const DiagramConfig& config = {});

/// The sociogram to draw with every node pinned where `sociogram.at` puts it (Graphviz's nop
/// engine, which only draws). A diagram that is already pinned (fdp's school boxes) is returned
/// as it is.
Diagram pinned(const LaidOutSociogram& sociogram);

/// District team members on the left, schools on the right (dot, left to right), sized by their
/// number of people. A line joins a member and a school when the member is tied to someone there;
/// its width grows with the number of ties, solid when one is of a close type and dashed otherwise.
/// Schools with no close tie to the district team are outlined dashed; with no tie at all, solid.
Diagram bridge_map(const Network& net, const SchoolTable& schools, const DiagramConfig& config = {});

/// One school (index into `schools.schools`): its people, every one named, the district team
/// members tied to them, and the ties among them.
Diagram school_diagram(const Network& net, const SchoolTable& schools, std::size_t school, const DiagramMarks& marks,
                       const DiagramConfig& config = {});

/// Why the sociogram is not drawn for this network (more than `config.sociogram_limit` people),
/// as a sentence for the user; empty when it is drawn or not asked for.
std::string sociogram_note(const Network& net, const DiagramConfig& config = {});

/// A laid-out diagram in several formats.
struct DrawnDiagram {
    std::string name;   // path stem inside the output folder: diagrams/sociogram, diagrams/schools/S01
    std::string title;  // for people: "Whole district", "Bluebird Elementary"
    std::map<std::string, std::string> formats;  // format -> bytes; always holds svg
};

/// Draws every diagram the config asks for (each laid out once), in `config.formats` plus svg;
/// the sociogram only up to `config.sociogram_limit` people (see sociogram_note), from
/// `sociogram` when it is given (already laid out: see pinned()).
/// School file names are the school ids with characters other than letters, digits, '-' and '_'
/// replaced by '_' (and a suffix when two ids collide). `progress` is told of each diagram drawn.
std::vector<DrawnDiagram> draw_diagrams(const Network& net, const SchoolTable& schools, const DiagramMarks& marks,
                                        const DiagramConfig& config = {}, const ProgressFn& progress = {},
                                        const LaidOutSociogram* sociogram = nullptr);

/// (file name, content) pairs for the output folder: every diagram in every configured format,
/// e.g. diagrams/sociogram.svg, diagrams/bridge_map.png, diagrams/schools/S01.pdf.
std::vector<std::pair<std::string, std::string>> diagram_files(const std::vector<DrawnDiagram>& diagrams,
                                                               const DiagramConfig& config = {});

/// The fill colour of a role under `config` (the Okabe–Ito default unless overridden).
std::string role_colour(const std::string& role, const DiagramConfig& config = {});

/// The line colour of tie type `type` of `net` under `config`.
std::string tie_colour(const Network& net, std::size_t type, const DiagramConfig& config = {});

/// `id` made safe as a file name: letters, digits, '-' and '_' kept, anything else '_', cut to 100 bytes.
std::string file_stem(const std::string& id);

}  // namespace staffnet
