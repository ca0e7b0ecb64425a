#include "engine/risk.hpp"

#include "engine/centrality.hpp"
#include "engine/cohesion.hpp"
#include "engine/correlation.hpp"
#include "engine/groups.hpp"
#include "engine/structural_holes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

namespace staffnet {

const char* rule_name(IsolateRule rule) {
    switch (rule) {
        case IsolateRule::no_ties: return "no_ties";
        case IsolateRule::never_named: return "never_named";
        case IsolateRule::cut_off: return "cut_off";
        case IsolateRule::peripheral: return "peripheral";
    }
    return "no_ties";
}

std::vector<char> isolated_people(const Network& net, IsolateRule rule) {
    std::vector<char> out(net.size(), 0);
    switch (rule) {
        case IsolateRule::no_ties:
        case IsolateRule::never_named: {
            const VertexScores ties = rule == IsolateRule::no_ties ? degree(net) : in_degree(net);
            for (Vertex v = 0; v < net.size(); ++v) out[v] = ties[v] == 0;
            break;
        }
        case IsolateRule::cut_off: {
            const VertexScores comp = component(net);
            std::vector<char> district_component(net.size() + 1, 0);
            for (Vertex v = 0; v < net.size(); ++v)
                if (net.people[v].role == "district_team") district_component[std::size_t(comp[v])] = 1;
            for (Vertex v = 0; v < net.size(); ++v) out[v] = !district_component[std::size_t(comp[v])];
            break;
        }
        case IsolateRule::peripheral: {
            const VertexScores core = core_number(net);
            for (Vertex v = 0; v < net.size(); ++v) out[v] = core[v] < 2;
            break;
        }
    }
    return out;
}

const std::string& isolate_reason(IsolateRule rule) {
    static const std::map<IsolateRule, std::string> text = {
        {IsolateRule::no_ties, "no ties at all"},
        {IsolateRule::never_named, "no one named them as a connection"},
        {IsolateRule::cut_off, "cut off: no path to anyone on the district team"},
        {IsolateRule::peripheral, "on the edge of the network: not in any 2-core"}};
    return text.at(rule);
}

std::string short_name(const std::string& full) {
    // "Marcus Bell, Jr." -> "M. Bell": drop a generational suffix first.
    std::string name = full;
    for (const char* suffix : {", Jr.", ", Sr.", " Jr.", " Sr.", " II", " III", " IV"})
        if (name.size() > std::strlen(suffix) && name.compare(name.size() - std::strlen(suffix), std::string::npos, suffix) == 0)
            name.erase(name.size() - std::strlen(suffix));
    const auto space = name.find_last_of(' ');
    if (space == std::string::npos || space == 0) return name;
    // The first character may be more than one byte in UTF-8: keep the whole code point.
    std::size_t first = 1;
    while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
    return name.substr(0, first) + ". " + name.substr(space + 1);
}

namespace {

constexpr std::size_t far = std::numeric_limits<std::size_t>::max();

// Steps from `sources` to everyone on the undirected view (far = unreachable).
std::vector<std::size_t> steps_from(const Network& net, const std::vector<std::vector<Vertex>>& adjacency,
                                    const std::vector<Vertex>& sources) {
    std::vector<std::size_t> dist(net.size(), far);
    std::vector<Vertex> queue;
    for (Vertex s : sources) {
        dist[s] = 0;
        queue.push_back(s);
    }
    for (std::size_t head = 0; head < queue.size(); ++head)
        for (Vertex w : adjacency[queue[head]])
            if (dist[w] == far) {
                dist[w] = dist[queue[head]] + 1;
                queue.push_back(w);
            }
    return dist;
}

struct District {
    std::vector<Vertex> members;
    std::vector<std::vector<Vertex>> adjacency;
    std::vector<std::vector<std::size_t>> dist;  // dist[k][v]: steps from members[k]
    std::vector<std::size_t> nearest;            // steps to the closest member
    std::vector<std::vector<std::size_t>> members_tied;     // members_tied[v]: k for each members[k] tied to v
    std::vector<std::map<std::string, std::size_t>> known;  // known[k][school]: members[k]'s contacts there
};

District district_of(const Network& net) {
    District d;
    for (Vertex v = 0; v < net.size(); ++v) {
        d.adjacency.push_back(neighbours(net, v));
        if (net.people[v].role == "district_team") d.members.push_back(v);
    }
    for (Vertex m : d.members) d.dist.push_back(steps_from(net, d.adjacency, {m}));
    d.nearest = steps_from(net, d.adjacency, d.members);
    d.members_tied.resize(net.size());
    d.known.resize(d.members.size());
    for (std::size_t k = 0; k < d.members.size(); ++k)
        for (Vertex w : d.adjacency[d.members[k]]) {
            d.members_tied[w].push_back(k);
            ++d.known[k][net.people[w].school];
        }
    return d;
}

// Ranks district members for reaching `targets` (one person, or everyone at a school).
std::vector<Contact> contacts_for(const Network& net, const District& d, const std::vector<Vertex>& targets,
                                      const std::string& school, std::size_t count) {
    struct Candidate {
        std::size_t steps;
        std::size_t mutual;
        std::size_t at_school;
        Vertex member;
    };
    std::vector<Candidate> candidates;
    for (std::size_t k = 0; k < d.members.size(); ++k) {
        Candidate c{far, 0, 0, d.members[k]};
        for (Vertex t : targets) c.steps = std::min(c.steps, d.dist[k][t]);
        if (const auto it = d.known[k].find(school); !school.empty() && it != d.known[k].end()) c.at_school = it->second;
        candidates.push_back(c);
    }
    // Mutual colleagues, counted from the targets' side: a contact w of a target is mutual for
    // every member tied to w (the same count as over each member's contacts, far fewer steps).
    for (Vertex t : targets)
        for (Vertex w : d.adjacency[t])
            for (std::size_t k : d.members_tied[w]) ++candidates[k].mutual;
    std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
        if (a.steps != b.steps) return a.steps < b.steps;
        if (a.mutual != b.mutual) return a.mutual > b.mutual;
        if (a.at_school != b.at_school) return a.at_school > b.at_school;
        return net.people[a.member].id < net.people[b.member].id;
    });
    std::vector<Contact> out;
    for (std::size_t i = 0; i < std::min(count, candidates.size()); ++i) {
        const Candidate& c = candidates[i];
        std::vector<std::string> why;
        if (c.steps == 1) why.push_back("already tied");
        else if (c.steps != far) why.push_back(fmt::format("{} steps away", c.steps));
        if (c.mutual > 0) why.push_back(fmt::format("{} mutual colleague{}", c.mutual, c.mutual > 1 ? "s" : ""));
        if (c.at_school > 0) why.push_back(fmt::format("knows {} at {}", c.at_school, school));
        if (why.empty()) why.push_back("no existing connection");
        std::string joined;
        for (const std::string& w : why) joined += (joined.empty() ? "" : ", ") + w;
        out.push_back({c.member, joined});
    }
    return out;
}

std::string level_of(double score, const RiskOptions& o) {
    if (score >= o.high) return "high";
    if (score >= o.medium) return "medium";
    return score > 0 ? "low" : "none";
}

double quartile_cut(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double x) { return std::isnan(x); }), values.end());
    if (values.empty()) return -INFINITY;
    std::sort(values.begin(), values.end());
    const double h = (double(values.size()) - 1.0) * 0.25;  // R type 7
    const std::size_t lo = std::size_t(h);
    return values[lo] + (h - double(lo)) * (values[std::min(lo + 1, values.size() - 1)] - values[lo]);
}

}  // namespace

std::vector<RiskEntry> person_risk(const Network& net, const std::vector<char>& low_participation, const RiskOptions& options) {
    const District d = district_of(net);
    const VertexScores deg = degree(net), core = core_number(net), cons = constraint(net);
    const std::vector<char> isolated = isolated_people(net, options.rule);
    const RiskWeights& w = options.weights;

    std::vector<RiskEntry> out;
    for (Vertex v = 0; v < net.size(); ++v) {
        const Person& p = net.people[v];
        if (p.role == "district_team" || p.school.get().empty()) continue;
        RiskEntry e{v, 0, "", {}, {}};
        const auto reason = [&](double weight, std::string text) {
            if (weight <= 0) return;
            e.score += weight;
            e.reasons.push_back(std::move(text));
        };
        e.contacts = contacts_for(net, d, {v}, p.school, options.contacts);
        if (p.responded == false) {
            e.level = "no data";
            e.score = NAN;
            e.reasons.push_back(deg[v] == 0 ? "did not take part in the mapping, and no one named them"
                                            : fmt::format("did not take part in the mapping; named by {} colleague{}", deg[v], deg[v] > 1 ? "s" : ""));
            out.push_back(std::move(e));
            continue;
        }
        if (isolated[v]) reason(w.isolated, isolate_reason(options.rule));
        if (deg[v] == 1) reason(w.one_tie, "only one tie");
        if (deg[v] >= 2 && core[v] < 2 && options.rule != IsolateRule::peripheral) reason(w.outside_core, "not in any 2-core");
        if (p.role == "school_leader") {
            std::size_t district_ties = 0;
            Vertex only_member = 0;
            for (Vertex x : d.adjacency[v])
                if (net.people[x].role == "district_team") ++district_ties, only_member = x;
            if (district_ties == 0) reason(w.no_district_tie, "no tie to any district team member");
            if (district_ties == 1)
                reason(w.single_district_tie, "tied to only one district team member (" + short_name(net.people[only_member].display_name()) + ")");
            if (d.nearest[v] != far && d.nearest[v] >= 2) {
                std::vector<Vertex> via;
                for (Vertex x : d.adjacency[v])
                    if (d.nearest[x] + 1 == d.nearest[v]) via.push_back(x);
                if (via.size() == 1)
                    reason(w.single_path, "only connection to the district runs through one person (" + short_name(net.people[via[0]].display_name()) + ")");
            }
        }
        if (d.nearest[v] == far && deg[v] > 0 && options.rule != IsolateRule::cut_off)
            reason(w.far_from_district, "no path to anyone on the district team");
        else if (d.nearest[v] != far && d.nearest[v] >= 4)
            reason(w.far_from_district, fmt::format("{} steps from the district team", d.nearest[v]));
        bool school_tie = false;
        for (Vertex x : d.adjacency[v]) school_tie = school_tie || net.people[x].school == p.school;
        if (!school_tie && deg[v] > 0) reason(w.no_school_ties, "no ties inside own school");
        if (deg[v] >= 2 && !std::isnan(cons[v]) && cons[v] > options.constraint_threshold)
            reason(w.high_constraint, fmt::format("all contacts in one closed circle (constraint {:.2f})", cons[v]));
        if (v < low_participation.size() && low_participation[v]) reason(w.low_participation, "school participation in bottom quartile");
        e.level = level_of(e.score, options);
        out.push_back(std::move(e));
    }
    static const std::map<std::string, int> level_order = {{"high", 0}, {"medium", 1}, {"low", 2}, {"none", 3}, {"no data", 4}};
    std::stable_sort(out.begin(), out.end(), [&](const RiskEntry& a, const RiskEntry& b) {
        if (a.level != b.level) return level_order.at(a.level) < level_order.at(b.level);
        const bool la = net.people[a.person].role == "school_leader", lb = net.people[b.person].role == "school_leader";
        if (la != lb) return la;
        if (a.score != b.score && !std::isnan(a.score)) return a.score > b.score;
        return net.people[a.person].id < net.people[b.person].id;
    });
    return out;
}

std::vector<char> bottom_quartile_schools(const SchoolTable& schools, const std::vector<ParticipationMeasure>& participation) {
    const std::size_t n = schools.schools.size();
    std::vector<double> composite(n, 0.0), counted(n, 0.0);
    for (const ParticipationMeasure& p : participation) {
        const auto it = std::find(schools.measure_names.begin(), schools.measure_names.end(), p.column);
        if (it == schools.measure_names.end()) continue;
        const std::size_t k = std::size_t(it - schools.measure_names.begin());
        std::vector<double> values;
        std::vector<std::size_t> rows;
        for (std::size_t s = 0; s < n; ++s)
            if (!std::isnan(schools.schools[s].measures[k])) {
                values.push_back(p.higher_is_better ? schools.schools[s].measures[k] : -schools.schools[s].measures[k]);
                rows.push_back(s);
            }
        if (values.size() < 2) continue;
        const std::vector<double> ranks = average_ranks(values);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            composite[rows[i]] += (ranks[i] - 1.0) / double(values.size() - 1);
            counted[rows[i]] += 1.0;
        }
    }
    for (std::size_t s = 0; s < n; ++s) composite[s] = counted[s] > 0 ? composite[s] / counted[s] : NAN;
    const double cut = quartile_cut(composite);
    std::vector<char> low(n, 0);
    for (std::size_t s = 0; s < n; ++s) low[s] = !std::isnan(composite[s]) && composite[s] <= cut;
    return low;
}

std::vector<RiskEntry> school_risk(const Network& net, const SchoolTable& schools, const std::vector<SchoolColumn>& measures,
                                   const std::vector<char>& bottom_quartile, const RiskOptions& options) {
    const auto value = [&](const std::string& name, std::size_t s) {
        for (const SchoolColumn& c : measures)
            if (c.name == name) return c.values[s];
        return std::nan("");
    };
    std::vector<double> densities;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) densities.push_back(value("internal_density", s));
    const double low_density = quartile_cut(densities);
    const District d = district_of(net);
    const auto members = school_members(net, schools);
    const RiskWeights& w = options.weights;
    std::vector<RiskEntry> out;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) {
        RiskEntry e{Vertex(s), 0, "", {}, {}};
        const auto reason = [&](double weight, std::string text) {
            if (weight <= 0) return;
            e.score += weight;
            e.reasons.push_back(std::move(text));
        };
        const double ties = value("district_ties", s), reached = value("district_members", s);
        if (ties == 0) reason(w.school_no_district_tie, "no tie to any district team member");
        if (reached == 1) {
            std::string who;
            for (Vertex m : d.members)
                for (Vertex x : members[s])
                    if (std::binary_search(d.adjacency[m].begin(), d.adjacency[m].end(), x)) who = short_name(net.people[m].display_name());
            reason(w.school_one_member, "only connection to the district runs through one person (" + who + ")");
        }
        if (ties > 0 && value("has_close_connection", s) == 0) reason(w.school_no_close_tie, "no close connection to the district team");
        if (const double unlinked = value("leaders_without_district_tie", s); unlinked > 0 && ties > 0)
            reason(w.school_leaders_unlinked, fmt::format("{} school leader{} with no district tie", unlinked, unlinked > 1 ? "s" : ""));
        if (value("share_staff_isolated", s) >= 0.25) reason(w.school_staff_isolated, "a quarter or more of staff have no ties");
        if (const double density = value("internal_density", s); !std::isnan(density) && density <= low_density)
            reason(w.school_low_density, fmt::format("few ties inside the school (density {:.2f}, bottom quartile)", density));
        if (s < bottom_quartile.size() && bottom_quartile[s]) reason(w.low_participation, "participation in bottom quartile");
        e.level = level_of(e.score, options);
        e.contacts = contacts_for(net, d, members[s], schools.schools[s].id, options.contacts);
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [&](const RiskEntry& a, const RiskEntry& b) {
        if (a.score != b.score) return a.score > b.score;
        return schools.schools[a.person].id < schools.schools[b.person].id;
    });
    return out;
}

std::vector<CoverageStep> outreach_cover(const Network& net, const SchoolTable& schools, const std::vector<std::size_t>& flagged) {
    const District d = district_of(net);
    const auto members = school_members(net, schools);
    // reach[k][i]: steps from member k to the nearest person at flagged school i.
    std::vector<std::vector<std::size_t>> reach(d.members.size(), std::vector<std::size_t>(flagged.size(), far));
    for (std::size_t k = 0; k < d.members.size(); ++k)
        for (std::size_t i = 0; i < flagged.size(); ++i)
            for (Vertex x : members[flagged[i]]) reach[k][i] = std::min(reach[k][i], d.dist[k][x]);
    std::vector<char> covered(flagged.size(), 0), used(d.members.size(), 0);
    std::vector<CoverageStep> steps;
    std::size_t total = 0;
    while (true) {
        std::size_t best = d.members.size(), best_gain = 0, best_distance = 0;
        for (std::size_t k = 0; k < d.members.size(); ++k) {
            if (used[k]) continue;
            std::size_t gain = 0, distance = 0;
            for (std::size_t i = 0; i < flagged.size(); ++i)
                if (!covered[i] && reach[k][i] <= 2) ++gain, distance += reach[k][i];
            const bool better = gain > best_gain || (gain == best_gain && gain > 0 && distance < best_distance);
            if (better) best = k, best_gain = gain, best_distance = distance;  // equal: the earlier in people.csv
        }
        if (best == d.members.size()) break;
        used[best] = 1;
        CoverageStep step{d.members[best], {}, 0};
        for (std::size_t i = 0; i < flagged.size(); ++i)
            if (!covered[i] && reach[best][i] <= 2) {
                covered[i] = 1;
                step.schools.push_back(flagged[i]);
            }
        total += step.schools.size();
        step.covered = total;
        steps.push_back(std::move(step));
    }
    return steps;
}

}  // namespace staffnet
