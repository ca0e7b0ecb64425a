#include "engine/school_measures.hpp"

#include "engine/centrality.hpp"
#include "engine/cohesion.hpp"
#include "engine/graph_measures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace staffnet {

std::vector<std::vector<Vertex>> school_members(const Network& net, const SchoolTable& schools) {
    std::map<std::string, std::size_t> index;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) index[schools.schools[s].id] = s;
    std::vector<std::vector<Vertex>> members(schools.schools.size());
    for (Vertex v = 0; v < net.size(); ++v)
        if (const auto it = index.find(net.people[v].school); it != index.end()) members[it->second].push_back(v);
    return members;
}

namespace {

double mean(const std::vector<double>& xs) {
    return xs.empty() ? std::nan("") : std::accumulate(xs.begin(), xs.end(), 0.0) / double(xs.size());
}

double median(std::vector<double> xs) {
    if (xs.empty()) return std::nan("");
    std::sort(xs.begin(), xs.end());
    const std::size_t h = xs.size() / 2;
    return xs.size() % 2 ? xs[h] : (xs[h - 1] + xs[h]) / 2.0;
}

}  // namespace

std::vector<SchoolColumn> school_measures(const Network& net, const SchoolTable& schools, const VertexScores& betweenness) {
    const auto members = school_members(net, schools);
    const std::size_t count = members.size();
    std::vector<SchoolColumn> cols = {
        {"people", "people listed at the school", {}, 0},
        {"internal_ties", "ties between two people of the school", {}, 1},
        {"internal_density", "internal ties over possible ones: the school-network property most linked to collective efficacy", {}, 1},
        {"internal_reciprocity", "share of internal ties returned (directed networks; 1 when undirected)", {}, 1},
        {"mean_internal_degree", "average number of colleagues tied inside the school", {}, 1},
        {"median_internal_degree", "median number of colleagues tied inside the school", {}, 1},
        {"internal_clustering", "average clustering inside the school network", {}, 1},
        {"internal_centralization", "Freeman degree centralisation of the school network (1 = a star around one person)", {}, -1},
        {"district_ties", "ties between the school's people and district team members", {}, 1},
        {"district_members", "distinct district team members tied to the school", {}, 1},
        {"strongest_district_tie", "strength of the school's strongest tie to the district team (0 if none)", {}, 1},
        {"has_close_connection", "1 when at least one tie to the district team is of a close type", {}, 1},
        {"leaders_without_district_tie", "school leaders with no tie to the district team", {}, -1},
        {"share_staff_isolated", "share of responding staff with no ties at all", {}, -1},
        {"ei_index", "E-I index of the school's ties: -1 all internal, +1 all external", {}, 1},
        {"mean_betweenness", "mean betweenness of the school's people", {}, 1},
    };
    for (SchoolColumn& c : cols) c.values.assign(count, std::nan(""));
    const auto set = [&](std::size_t col, std::size_t s, double x) { cols[col].values[s] = x; };

    std::vector<char> district(net.size(), 0);
    for (Vertex v = 0; v < net.size(); ++v) district[v] = net.people[v].role == "district_team";
    const VertexScores total_degree = degree(net);

    for (std::size_t s = 0; s < count; ++s) {
        const std::vector<Vertex>& people = members[s];
        const Network inside = induced(net, people);
        const double k = double(people.size());
        set(0, s, k);
        set(1, s, double(inside.tie_count()));
        set(2, s, density(inside));
        set(3, s, reciprocity(inside));
        const VertexScores d = degree(inside);
        set(4, s, mean(d));
        set(5, s, median(d));
        const VertexScores c = clustering(inside);
        set(6, s, mean(c));
        set(7, s, k >= 3 ? degree_centralization(inside) : std::nan(""));

        std::vector<char> in_school(net.size(), 0);
        for (Vertex v : people) in_school[v] = 1;
        double district_ties = 0, strongest = 0, close = 0, external = 0;
        std::vector<char> reached(net.size(), 0);
        std::vector<char> leader_tied(net.size(), 0);
        for (const Tie& t : net.ties) {
            const bool a = in_school[t.source], b = in_school[t.target];
            if (a == b) continue;  // inside, or not the school's
            const Vertex mine = a ? t.source : t.target, other = a ? t.target : t.source;
            if (!district[other]) continue;
            reached[other] = 1;
            leader_tied[mine] = 1;
            if (net.options.types[t.type].close) close = 1;
        }
        // Ties in the combined network: several types between a pair are one tie.
        for (Vertex v : people)
            for (Vertex w : neighbours(net, v)) {
                if (in_school[w]) continue;
                external += 1;
                if (district[w]) {
                    district_ties += 1;
                    strongest = std::max(strongest, arc_weight(net, v, w));
                }
            }
        set(8, s, district_ties);
        set(9, s, double(std::count(reached.begin(), reached.end(), 1)));
        set(10, s, strongest);
        set(11, s, close);
        double leaders_alone = 0, staff = 0, staff_isolated = 0, betweenness_sum = 0;
        for (Vertex v : people) {
            const Person& p = net.people[v];
            if (p.role == "school_leader" && !leader_tied[v]) leaders_alone += 1;
            if (p.role == "staff" && p.responded != false) {
                staff += 1;
                staff_isolated += total_degree[v] == 0;
            }
            if (v < betweenness.size()) betweenness_sum += betweenness[v];
        }
        set(12, s, leaders_alone);
        set(13, s, staff > 0 ? staff_isolated / staff : std::nan(""));
        const double internal = double(as_undirected(inside).tie_count());  // pairs, like external
        set(14, s, external + internal > 0 ? (external - internal) / (external + internal) : std::nan(""));
        set(15, s, k > 0 && !betweenness.empty() ? betweenness_sum / k : std::nan(""));
    }
    return cols;
}

}  // namespace staffnet
