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
#include <optional>

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
        {IsolateRule::peripheral, "on the edge of the network (not in any 2-core)"}};
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

std::string score_text(double x) {
    if (std::isnan(x)) return "";
    std::string text = fmt::format("{:.2f}", x);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

std::string name_and_role(const Person& p) {
    std::string role = p.role;
    std::replace(role.begin(), role.end(), '_', ' ');
    return role.empty() ? p.display_name() : p.display_name() + " (" + role + ")";
}

bool flagged(const RiskEntry& e) { return e.level == "high" || e.level == "medium" || e.level == "no data"; }

namespace {

constexpr std::size_t far = std::numeric_limits<std::size_t>::max();
constexpr Vertex nobody = std::numeric_limits<Vertex>::max();

struct District {
    std::vector<Vertex> members;
    std::vector<char> is_member;
    std::vector<std::vector<Vertex>> adjacency;
    std::vector<std::vector<std::size_t>> dist;  // dist[k][v]: steps from members[k], never through another member
    std::vector<std::size_t> nearest;            // steps to the closest member
    std::vector<std::vector<std::size_t>> members_tied;     // members_tied[v]: k for each members[k] tied to v
    std::vector<std::map<std::string, std::size_t>> known;  // known[k][school]: members[k]'s contacts there
};

// Steps from `sources` to everyone on the undirected view (far = unreachable). Another district
// member is reached but not passed through: an introduction goes through a colleague at a school.
std::vector<std::size_t> steps_from(const District& d, const std::vector<Vertex>& sources) {
    std::vector<std::size_t> dist(d.adjacency.size(), far);
    std::vector<Vertex> queue;
    for (Vertex s : sources) {
        dist[s] = 0;
        queue.push_back(s);
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const Vertex u = queue[head];
        if (d.is_member[u] && dist[u] > 0) continue;
        for (Vertex w : d.adjacency[u])
            if (dist[w] == far) {
                dist[w] = dist[u] + 1;
                queue.push_back(w);
            }
    }
    return dist;
}

District district_of(const Network& net) {
    District d;
    d.is_member.assign(net.size(), 0);
    for (Vertex v = 0; v < net.size(); ++v) {
        d.adjacency.push_back(neighbours(net, v));
        if (net.people[v].role == "district_team") d.members.push_back(v), d.is_member[v] = 1;
    }
    for (Vertex m : d.members) d.dist.push_back(steps_from(d, {m}));
    d.nearest = steps_from(d, d.members);
    d.members_tied.resize(net.size());
    d.known.resize(d.members.size());
    for (std::size_t k = 0; k < d.members.size(); ++k)
        for (Vertex w : d.adjacency[d.members[k]]) {
            d.members_tied[w].push_back(k);
            ++d.known[k][net.people[w].school];
        }
    return d;
}

// How well one district member is placed to reach a person or a school.
struct Placement {
    std::size_t k = 0;           // members[k]
    std::size_t steps = far;     // to the target (a school: its nearest person)
    std::size_t mutual = 0;      // distinct colleagues, not on the district team, tied to both
    std::size_t known = 0;       // people the member is tied to at the school
    Vertex via = nobody;         // the first mutual colleague in people.csv order
    Vertex tied = nobody;        // (schools) the first person at the school the member is tied to
    bool placed() const { return steps != far || known > 0; }
};

std::vector<Placement> placements(const District& d, const std::vector<Vertex>& targets, const std::string& school, bool is_school) {
    std::vector<Placement> out(d.members.size());
    for (std::size_t k = 0; k < d.members.size(); ++k) {
        out[k].k = k;
        for (Vertex t : targets) out[k].steps = std::min(out[k].steps, d.dist[k][t]);
        if (!is_school)
            if (const auto it = d.known[k].find(school); !school.empty() && it != d.known[k].end()) out[k].known = it->second;
    }
    // Targets by binary search, not a flag per person: this runs once per person at a school.
    std::vector<Vertex> sorted = targets;
    std::sort(sorted.begin(), sorted.end());
    const auto in_target = [&](Vertex v) { return std::binary_search(sorted.begin(), sorted.end(), v); };
    if (is_school)
        for (Vertex t : targets)
            for (std::size_t k : d.members_tied[t]) {
                ++out[k].known;
                out[k].tied = std::min(out[k].tied, t);
            }
    std::vector<Vertex> colleagues;  // distinct, outside the targets and the district team
    for (Vertex t : targets)
        for (Vertex w : d.adjacency[t])
            if (!d.is_member[w] && !in_target(w)) colleagues.push_back(w);
    std::sort(colleagues.begin(), colleagues.end());
    colleagues.erase(std::unique(colleagues.begin(), colleagues.end()), colleagues.end());
    for (Vertex w : colleagues)
        for (std::size_t k : d.members_tied[w]) {
            ++out[k].mutual;
            out[k].via = std::min(out[k].via, w);
        }
    return out;
}

// Better placed first: closer; then, for a school, more people known there before more mutual
// colleagues; for a person, more mutual colleagues before more people known at their school.
int compare_placement(const Placement& a, const Placement& b, bool is_school) {
    if (a.steps != b.steps) return a.steps < b.steps ? -1 : 1;
    const std::pair<std::size_t, std::size_t> ka = is_school ? std::pair(a.known, a.mutual) : std::pair(a.mutual, a.known);
    const std::pair<std::size_t, std::size_t> kb = is_school ? std::pair(b.known, b.mutual) : std::pair(b.mutual, b.known);
    if (ka != kb) return ka > kb ? -1 : 1;
    return 0;
}

std::string plural(std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); }

std::string why_text(const Network& net, const Placement& c, bool is_school) {
    std::vector<std::string> parts;
    if (c.steps == 1 && is_school && c.tied != nobody)
        parts.push_back(c.known > 1 ? fmt::format("already tied to {} and {} at the school", net.people[c.tied].display_name(),
                                                  plural(c.known - 1, "other", "others"))
                                    : "already tied to " + net.people[c.tied].display_name());
    else if (c.steps == 1) parts.push_back("already tied");
    else if (c.steps == 2 && c.via != nobody)
        parts.push_back("2 steps away, through " + net.people[c.via].display_name() +
                        (c.mutual > 1 ? " and " + plural(c.mutual - 1, "other mutual colleague", "other mutual colleagues") : ""));
    else if (c.steps != far) parts.push_back(fmt::format("{} steps away", c.steps));
    if (!is_school && c.known > 0) parts.push_back(fmt::format("knows {} at their school", plural(c.known, "person", "people")));
    std::string joined;
    for (const std::string& p : parts) joined += (joined.empty() ? "" : ", ") + p;
    return joined;
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

std::vector<RiskEntry> person_risk(const Network& net, const RiskOptions& options) {
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
        if (deg[v] >= 2 && core[v] < 2 && options.rule != IsolateRule::peripheral)
            reason(w.outside_core, "not part of any closely knit group (not in any 2-core)");
        if (p.role == "school_leader") {
            std::size_t district_ties = 0;
            Vertex only_member = 0;
            for (Vertex x : d.adjacency[v])
                if (d.is_member[x]) ++district_ties, only_member = x;
            if (district_ties == 0) reason(w.no_district_tie, "no tie to any district team member");
            if (district_ties == 1)
                reason(w.single_district_tie, "tied to only one district team member (" + net.people[only_member].display_name() + ")");
            if (d.nearest[v] != far && d.nearest[v] >= 2) {
                std::vector<Vertex> via;
                for (Vertex x : d.adjacency[v])
                    if (d.nearest[x] + 1 == d.nearest[v]) via.push_back(x);
                if (via.size() == 1) {
                    // The district end: the member closest to that one person (people.csv order on ties).
                    std::size_t best = 0;
                    for (std::size_t k = 1; k < d.members.size(); ++k)
                        if (d.dist[k][via[0]] < d.dist[best][via[0]]) best = k;
                    reason(w.single_path, "only link to the district: " + name_and_role(net.people[v]) + " – " + name_and_role(net.people[via[0]]) +
                                              (d.nearest[v] == 2 ? " – " : " – … – ") + name_and_role(net.people[d.members[best]]));
                }
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
            reason(w.high_constraint, fmt::format("all contacts know each other: one closed circle (constraint {})", score_text(cons[v])));
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

std::vector<double> participation_percentiles(const SchoolTable& schools, const std::vector<ParticipationMeasure>& participation) {
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
    for (std::size_t s = 0; s < n; ++s) composite[s] = counted[s] > 0 ? 100.0 * composite[s] / counted[s] : NAN;
    return composite;
}

std::vector<RiskEntry> school_risk(const Network& net, const SchoolTable& schools, const std::vector<SchoolColumn>& measures,
                                   const RiskOptions& options) {
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
            // Both ends of the school's only link: who at the school holds it, and the member.
            Vertex member = 0;
            std::vector<Vertex> holders;
            for (Vertex x : members[s])
                for (Vertex m : d.adjacency[x])
                    if (d.is_member[m]) member = m, holders.push_back(x);
            std::string held;
            for (std::size_t i = 0; i < holders.size(); ++i)
                held += (i == 0 ? "" : i + 1 == holders.size() ? " and " : ", ") + name_and_role(net.people[holders[i]]);
            reason(w.school_one_member, holders.size() == 1 ? "only link to the district: " + held + " – " + name_and_role(net.people[member])
                                                            : "only one district team member linked: " + name_and_role(net.people[member]) +
                                                                  ", through " + held);
        }
        if (ties > 0 && value("has_close_connection", s) == 0) reason(w.school_no_close_tie, "no close connection to the district team");
        if (const double unlinked = value("leaders_without_district_tie", s); unlinked > 0 && ties > 0)
            reason(w.school_leaders_unlinked, fmt::format("{} school leader{} with no district tie", unlinked, unlinked > 1 ? "s" : ""));
        if (value("share_staff_isolated", s) >= 0.25) reason(w.school_staff_isolated, "a quarter or more of staff have no ties");
        if (const double density = value("internal_density", s); !std::isnan(density) && density <= low_density)
            reason(w.school_low_density, fmt::format("few ties inside the school, among the lowest quarter of schools (density {})", score_text(density)));
        e.level = level_of(e.score, options);
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [&](const RiskEntry& a, const RiskEntry& b) {
        if (a.score != b.score) return a.score > b.score;
        return schools.schools[a.person].id < schools.schools[b.person].id;
    });
    return out;
}

RiskLists isolation_risk(const Network& net, const SchoolTable& schools, const std::vector<SchoolColumn>& measures,
                         const std::vector<double>& participation_percentile, const RiskOptions& options) {
    RiskLists lists{person_risk(net, options), schools.schools.empty() ? std::vector<RiskEntry>{} : school_risk(net, schools, measures, options)};
    const District d = district_of(net);
    const auto members = school_members(net, schools);
    std::map<std::string, std::size_t> school_index;
    for (std::size_t s = 0; s < schools.schools.size(); ++s) school_index[schools.schools[s].id] = s;
    const auto percentile = [&](std::size_t s) { return s < participation_percentile.size() ? participation_percentile[s] : NAN; };

    std::vector<std::size_t> load(d.members.size(), 0);       // flagged entries first-listed under each member
    std::vector<std::size_t> unreached(d.members.size(), 0);  // ... of them, those no member is connected to
    const auto suggest = [&](RiskEntry& e, std::vector<Placement> candidates, bool is_school) {
        if (candidates.empty() || options.contacts == 0) return;
        const bool anyone = std::any_of(candidates.begin(), candidates.end(), [](const Placement& c) { return c.placed(); });
        std::sort(candidates.begin(), candidates.end(), [&](const Placement& a, const Placement& b) {
            if (const int c = compare_placement(a, b, is_school); c != 0) return c < 0;
            // Equally placed: spread the work. When no one is connected, spread those first contacts
            // evenly in their own right, so each member makes about as many as the next.
            if (!anyone && unreached[a.k] != unreached[b.k]) return unreached[a.k] < unreached[b.k];
            if (load[a.k] != load[b.k]) return load[a.k] < load[b.k];
            return a.k < b.k;
        });
        auto first = candidates.begin();
        if (options.max_per_member > 0) {
            const auto room = std::find_if(candidates.begin(), candidates.end(), [&](const Placement& c) { return load[c.k] < options.max_per_member; });
            if (room != candidates.end()) first = room;
        }
        std::rotate(candidates.begin(), first, first + 1);
        const Placement& chosen = candidates.front();
        if (!chosen.placed()) {
            e.contacts.push_back({d.members[chosen.k], anyone ? fmt::format("not connected yet; the connected members already have {} each "
                                                                            "(risk.max_per_member); assigned to spread the outreach",
                                                                            options.max_per_member)
                                                              : "no one is connected yet; assigned to spread the outreach"});
        } else {
            for (const Placement& c : candidates)
                if (c.placed() && e.contacts.size() < options.contacts) e.contacts.push_back({d.members[c.k], why_text(net, c, is_school)});
        }
        if (flagged(e)) ++load[chosen.k], unreached[chosen.k] += !anyone;
    };
    for (RiskEntry& e : lists.schools) {
        const School& school = schools.schools[e.person];
        e.participation_percentile = percentile(e.person);
        suggest(e, placements(d, members[e.person], school.id, true), true);
    }
    for (RiskEntry& e : lists.people) {
        const Person& p = net.people[e.person];
        if (const auto it = school_index.find(p.school); it != school_index.end()) e.participation_percentile = percentile(it->second);
        suggest(e, placements(d, {e.person}, p.school, false), false);
    }
    return lists;
}

std::vector<CoverageStep> outreach_cover(const Network& net, const SchoolTable& schools, const std::vector<std::size_t>& flagged) {
    const District d = district_of(net);
    const auto members = school_members(net, schools);
    // reach[k][i]: how member k reaches flagged school i, if within one introduction: a direct tie
    // first, then a colleague outside the district team, each the first in people.csv order.
    std::vector<std::vector<std::optional<Reach>>> reach(d.members.size(), std::vector<std::optional<Reach>>(flagged.size()));
    for (std::size_t k = 0; k < d.members.size(); ++k) {
        const Vertex m = d.members[k];
        for (std::size_t i = 0; i < flagged.size(); ++i) {
            std::optional<Reach> direct, introduced;
            for (Vertex x : members[flagged[i]]) {
                if (std::binary_search(d.adjacency[m].begin(), d.adjacency[m].end(), x)) {
                    direct = Reach{x, x};
                    break;
                }
                for (Vertex w : d.adjacency[x])
                    if (!d.is_member[w] && std::binary_search(d.adjacency[m].begin(), d.adjacency[m].end(), w) &&
                        (!introduced || w < introduced->via))
                        introduced = Reach{w, x};
            }
            reach[k][i] = direct ? direct : introduced;
        }
    }
    std::vector<char> covered(flagged.size(), 0), used(d.members.size(), 0);
    std::vector<CoverageStep> steps;
    std::size_t total = 0;
    while (true) {
        std::size_t best = d.members.size(), best_gain = 0, best_direct = 0;
        for (std::size_t k = 0; k < d.members.size(); ++k) {
            if (used[k]) continue;
            std::size_t gain = 0, direct = 0;
            for (std::size_t i = 0; i < flagged.size(); ++i)
                if (!covered[i] && reach[k][i]) ++gain, direct += reach[k][i]->via == reach[k][i]->at;
            if (gain > best_gain || (gain == best_gain && gain > 0 && direct > best_direct))  // equal: the earlier in people.csv
                best = k, best_gain = gain, best_direct = direct;
        }
        if (best == d.members.size()) break;
        used[best] = 1;
        CoverageStep step{d.members[best], {}, {}, 0};
        for (std::size_t i = 0; i < flagged.size(); ++i)
            if (!covered[i] && reach[best][i]) {
                covered[i] = 1;
                step.schools.push_back(flagged[i]);
                step.how.push_back(*reach[best][i]);
            }
        total += step.schools.size();
        step.covered = total;
        steps.push_back(std::move(step));
    }
    return steps;
}

}  // namespace staffnet
