#include "engine/patterns.hpp"

#include "engine/brokerage.hpp"
#include "engine/centrality.hpp"
#include "engine/ei_index.hpp"

#include <cctype>
#include <cmath>
#include <map>

namespace staffnet {
namespace {

bool iso_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
}

// Dates become five-year bands when every filled value is a date; blanks become "(blank)".
std::vector<std::string> banded(std::vector<std::string> labels) {
    bool dates = false, all_dates = true;
    for (const std::string& l : labels) {
        if (l.empty()) continue;
        dates = true;
        all_dates = all_dates && iso_date(l);
    }
    for (std::string& l : labels) {
        if (l.empty()) {
            l = "(blank)";
        } else if (dates && all_dates) {
            const int start = std::stoi(l.substr(0, 4)) / 5 * 5;
            l = std::to_string(start) + "-" + std::to_string(start + 4);
        }
    }
    return labels;
}

}  // namespace

std::vector<GroupPattern> pattern_probes(const Network& net, const PatternOptions& options) {
    std::vector<std::string> attributes = {"role"};
    attributes.insert(attributes.end(), net.attribute_names.begin(), net.attribute_names.end());
    const VertexScores deg = degree(net);
    std::vector<double> district_ties(net.size(), 0.0);
    for (Vertex v = 0; v < net.size(); ++v)
        for (Vertex w : neighbours(net, v)) district_ties[v] += net.people[w].role == "district_team";

    std::vector<GroupPattern> out;
    for (const std::string& attribute : attributes) {
        const std::vector<std::string> labels = banded(group_labels(net, attribute));
        std::map<std::string, std::vector<Vertex>> groups;
        // School staff are compared with school staff: the district team is its own row under role only.
        for (Vertex v = 0; v < net.size(); ++v)
            if (attribute == "role" || net.people[v].role != "district_team") groups[labels[v]].push_back(v);
        if (groups.size() > options.max_groups || groups.size() < 2) continue;
        const EIIndex ei = ei_index(net, labels, 0);
        // Complementary suppression: the groups of an attribute add up to everyone, so one hidden
        // group could be worked out by subtracting the others from the role rows (or any total).
        // When exactly one group is too small, the next-smallest is hidden with it.
        std::size_t small = 0;
        const std::string* complement = nullptr;
        for (const auto& [group, members] : groups) {
            if (members.size() < options.min_group_size) {
                ++small;
            } else if (!complement || members.size() < groups.at(*complement).size()) {
                complement = &group;  // the map is ordered: equal sizes fall to the first name
            }
        }
        for (const auto& [group, members] : groups) {
            const bool hidden = members.size() < options.min_group_size || (small == 1 && complement && group == *complement);
            GroupPattern row{attribute, group, members.size(), hidden, NAN, NAN, NAN, NAN};
            if (!row.suppressed) {
                double isolated = 0, counted = 0, degrees = 0, district = 0;
                for (Vertex v : members) {
                    degrees += deg[v];
                    district += district_ties[v];
                    if (net.people[v].responded == false) continue;  // missing data, not isolation
                    counted += 1;
                    isolated += deg[v] == 0;
                }
                row.isolation_rate = counted > 0 ? isolated / counted : NAN;
                row.mean_degree = degrees / double(members.size());
                row.mean_district_ties = district / double(members.size());
                for (const auto& [name, value] : ei.groups)
                    if (name == group) row.ei_index = value;
            }
            out.push_back(row);
        }
    }
    return out;
}

std::string suppression_reason(const GroupPattern& g, std::size_t min_group_size) {
    if (!g.suppressed) return "";
    if (g.people < min_group_size) return "fewer than " + std::to_string(min_group_size) + " people";
    return "hidden with a smaller group, which the others would reveal by subtraction";
}

}  // namespace staffnet
