#pragma once
// How connected each school is: inside itself, and to the district team.
#include "engine/network.hpp"
#include "engine/schools.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// One per-school measure: its schools.csv column, a plain-language summary, one value per school
/// (NaN = not defined, written blank), and which way it points: +1 when a higher value means more
/// connection, -1 when it means less (a measure of disconnection, such as share_staff_isolated),
/// 0 when it is not a connectedness measure at all (school size: a control).
struct SchoolColumn {
    std::string name;
    std::string summary;
    std::vector<double> values;
    int connection = 1;
};

/// The per-school measures, for the schools in `schools` order. A person belongs to the school in
/// their `school` column; the district team are the people with role district_team. `betweenness`
/// is the per-person betweenness already computed for people.csv. Columns: people, internal_ties,
/// internal_density, internal_reciprocity, mean_internal_degree, median_internal_degree,
/// internal_clustering, internal_centralization, district_ties, district_members,
/// strongest_district_tie, has_close_connection, leaders_without_district_tie,
/// share_staff_isolated, ei_index, mean_betweenness. Less connection: internal_centralization (ties
/// hang on one person), leaders_without_district_tie, share_staff_isolated; people is a control.
std::vector<SchoolColumn> school_measures(const Network& net, const SchoolTable& schools, const VertexScores& betweenness);

/// The people of each school, in `schools` order.
std::vector<std::vector<Vertex>> school_members(const Network& net, const SchoolTable& schools);

}  // namespace staffnet
