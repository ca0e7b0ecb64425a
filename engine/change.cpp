#include "engine/change.hpp"

#include "engine/correlation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace staffnet {

Matching match_ids(const std::vector<std::string>& before, const std::vector<std::string>& after) {
    Matching m;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < before.size(); ++i) {
        index.emplace(before[i], m.ids.size());
        m.ids.push_back(before[i]);
        m.before.push_back(i);
        m.after.push_back(not_in_wave);
    }
    for (std::size_t i = 0; i < after.size(); ++i) {
        const auto [it, added] = index.emplace(after[i], m.ids.size());
        if (!added) {
            m.after[it->second] = i;
            continue;
        }
        m.ids.push_back(after[i]);
        m.before.push_back(not_in_wave);
        m.after.push_back(i);
    }
    return m;
}

namespace {

std::vector<std::string> person_ids(const Network& net) {
    std::vector<std::string> ids;
    for (const Person& p : net.people) ids.push_back(p.id);
    return ids;
}

// Position in the matching of each vertex of one wave.
std::vector<std::size_t> matched_position(const std::vector<std::size_t>& wave_index, std::size_t wave_size) {
    std::vector<std::size_t> out(wave_size, not_in_wave);
    for (std::size_t i = 0; i < wave_index.size(); ++i)
        if (wave_index[i] != not_in_wave) out[wave_index[i]] = i;
    return out;
}

// Tie type names of both waves, and each wave's type index into them.
struct TypeUnion {
    std::vector<TieType> types;
    std::vector<std::size_t> before, after;
};

TypeUnion type_union(const Network& before, const Network& after) {
    TypeUnion u;
    for (const TieType& t : before.options.types) {
        u.before.push_back(u.types.size());
        u.types.push_back(t);
    }
    for (const TieType& t : after.options.types) {
        const auto it = std::find_if(u.types.begin(), u.types.end(), [&](const TieType& x) { return x.name == t.name; });
        u.after.push_back(std::size_t(it - u.types.begin()));
        if (it == u.types.end()) u.types.push_back(t);
    }
    return u;
}

using TieKey = std::tuple<std::size_t, std::size_t, std::size_t>;  // source, target, type (matched)

TieKey key_of(std::size_t source, std::size_t target, std::size_t type, bool directed) {
    if (!directed && target < source) std::swap(source, target);
    return {source, target, type};
}

int status_rank(TieStatus s) {
    switch (s) {
        case TieStatus::added: return 0;
        case TieStatus::dissolved: return 1;
        case TieStatus::new_person: return 2;
        case TieStatus::person_left: return 3;
        case TieStatus::stable: return 4;
    }
    return 4;
}

// Gives each tie its status, sorts them and counts them.
TieCounts settle(std::map<TieKey, TieChange>& found, const Matching& people, std::vector<TieChange>& out) {
    TieCounts counts;
    for (auto& [key, t] : found) {
        const bool was = !std::isnan(t.weight_before), is = !std::isnan(t.weight_after);
        counts.before += was;
        counts.after += is;
        if (!people.in_both(t.source) || !people.in_both(t.target)) {
            t.status = was ? TieStatus::person_left : TieStatus::new_person;
            ++(was ? counts.person_left : counts.new_person);
        } else if (was && is) {
            t.status = TieStatus::stable;
            ++counts.stable;
            if (t.weight_after > t.weight_before) ++counts.strengthened;
            if (t.weight_after < t.weight_before) ++counts.weakened;
        } else {
            t.status = was ? TieStatus::dissolved : TieStatus::added;
            ++(was ? counts.dissolved : counts.added);
        }
        out.push_back(t);
    }
    std::stable_sort(out.begin(), out.end(), [](const TieChange& a, const TieChange& b) {
        return status_rank(a.status) < status_rank(b.status);  // `found` is already in source, target, type order
    });
    return counts;
}

void add(TieCounts& total, const TieCounts& c) {
    total.stable += c.stable, total.added += c.added, total.dissolved += c.dissolved;
    total.new_person += c.new_person, total.person_left += c.person_left;
    total.strengthened += c.strengthened, total.weakened += c.weakened;
    total.before += c.before, total.after += c.after;
}

// "A, B and C", at most five names, then "and N more".
std::string name_list(const std::vector<std::string>& names) {
    std::string out;
    const std::size_t shown = std::min<std::size_t>(names.size(), 5);
    for (std::size_t i = 0; i < shown; ++i)
        out += (i == 0 ? "" : (i + 1 == shown && shown == names.size()) ? " and " : ", ") + names[i];
    if (names.size() > shown) out += fmt::format(" and {} more", names.size() - shown);
    return out;
}

Correlation missing_correlation() {
    Correlation c;
    c.pearson = c.spearman = c.kendall = c.p_permutation = c.ci_low = c.ci_high = NAN;
    return c;
}

// Values of a school measure (a connectedness column, else a schools.csv measure) per school of a
// wave; empty when the wave has no such measure.
std::vector<double> school_values(const WaveSchools& wave, const std::string& name) {
    for (const SchoolColumn& c : *wave.measures)
        if (c.name == name) return c.values;
    const auto& names = wave.schools->measure_names;
    const auto it = std::find(names.begin(), names.end(), name);
    std::vector<double> out;
    if (it == names.end()) return out;
    for (const School& s : wave.schools->schools) out.push_back(s.measures[std::size_t(it - names.begin())]);
    return out;
}

}  // namespace

Matching match_people(const Network& before, const Network& after) { return match_ids(person_ids(before), person_ids(after)); }

const char* status_name(TieStatus status) {
    switch (status) {
        case TieStatus::added: return "new";
        case TieStatus::dissolved: return "dissolved";
        case TieStatus::stable: return "stable";
        case TieStatus::new_person: return "new_person";
        case TieStatus::person_left: return "person_left";
    }
    return "stable";
}

double TieCounts::jaccard() const {
    const std::size_t either = stable + added + dissolved;
    return either == 0 ? NAN : double(stable) / double(either);
}

TieDiff diff_ties(const Network& before, const Network& after, const Matching& people) {
    if (before.directed() != after.directed())
        throw std::invalid_argument("one wave is directed and the other is not; compare waves with the same network.directed");
    const bool directed = before.directed();
    const TypeUnion u = type_union(before, after);
    TieDiff diff;
    for (const TieType& t : u.types) diff.types.push_back(t.name);

    const auto collect = [&](const Network& net, const std::vector<std::size_t>& wave_index, const std::vector<std::size_t>& types,
                             bool is_before, std::map<TieKey, TieChange>& ties, std::map<TieKey, TieChange>& pairs) {
        const std::vector<std::size_t> at = matched_position(wave_index, net.size());
        for (const Tie& t : net.ties) {
            const TieKey k = key_of(at[t.source], at[t.target], types[t.type], directed);
            TieChange& c = ties.try_emplace(k, TieChange{std::get<0>(k), std::get<1>(k), std::get<2>(k)}).first->second;
            (is_before ? c.weight_before : c.weight_after) = t.weight;
        }
        for (const auto e : boost::make_iterator_range(boost::edges(net.graph))) {
            const TieKey k = key_of(at[boost::source(e, net.graph)], at[boost::target(e, net.graph)], not_in_wave, directed);
            TieChange& c = pairs.try_emplace(k, TieChange{std::get<0>(k), std::get<1>(k), not_in_wave}).first->second;
            (is_before ? c.weight_before : c.weight_after) = net.weight(e);
        }
    };
    std::map<TieKey, TieChange> ties, pairs;
    collect(before, people.before, u.before, true, ties, pairs);
    collect(after, people.after, u.after, false, ties, pairs);

    diff.combined = settle(pairs, people, diff.pairs);
    for (std::size_t type = 0; type < u.types.size(); ++type) {
        std::map<TieKey, TieChange> of_type;
        for (const auto& [k, t] : ties)
            if (std::get<2>(k) == type) of_type.emplace(k, t);
        std::vector<TieChange> rows;
        diff.per_type.push_back(settle(of_type, people, rows));
        add(diff.all_types, diff.per_type.back());
        diff.ties.insert(diff.ties.end(), rows.begin(), rows.end());
    }
    std::stable_sort(diff.ties.begin(), diff.ties.end(), [](const TieChange& a, const TieChange& b) {
        return std::tuple(status_rank(a.status), a.source, a.target, a.type) < std::tuple(status_rank(b.status), b.source, b.target, b.type);
    });
    return diff;
}

ScoreChange score_change(std::string name, const std::vector<double>& before, const std::vector<double>& after,
                         const Matching& matching, bool label) {
    ScoreChange c{std::move(name), {}, {}, {}};
    for (std::size_t i = 0; i < matching.size(); ++i) {
        const double b = matching.before[i] != not_in_wave && matching.before[i] < before.size() ? before[matching.before[i]] : NAN;
        const double a = matching.after[i] != not_in_wave && matching.after[i] < after.size() ? after[matching.after[i]] : NAN;
        c.before.push_back(b);
        c.after.push_back(a);
        c.change.push_back(label ? NAN : a - b);  // NaN when either is
    }
    return c;
}

const char* isolation_name(Isolation state) {
    switch (state) {
        case Isolation::isolated: return "isolated";
        case Isolation::connected: return "connected";
        case Isolation::no_data: return "no data";
        case Isolation::absent: return "not in this wave";
    }
    return "";
}

std::vector<IsolationChange> isolation_changes(const Network& before, const Network& after, const Matching& people,
                                               IsolateRule rule) {
    const std::vector<char> iso_before = isolated_people(before, rule), iso_after = isolated_people(after, rule);
    const auto state = [](const Network& net, const std::vector<char>& isolated, std::size_t v) {
        if (v == not_in_wave) return Isolation::absent;
        if (net.people[v].responded == false) return Isolation::no_data;
        return isolated[v] ? Isolation::isolated : Isolation::connected;
    };
    // Colleagues by matched position, so the two waves' neighbours can be compared.
    const auto colleagues = [&](const Network& net, const std::vector<std::size_t>& wave_index, std::size_t v) {
        std::vector<std::size_t> out;
        if (v == not_in_wave) return out;
        const std::vector<std::size_t> at = matched_position(wave_index, net.size());
        for (Vertex w : neighbours(net, Vertex(v))) out.push_back(at[w]);
        std::sort(out.begin(), out.end());
        return out;
    };
    const auto name_of = [&](std::size_t i) {
        const Person& p = people.after[i] != not_in_wave ? after.people[people.after[i]] : before.people[people.before[i]];
        return p.display_name() + (p.role == "district_team" ? " (district team)" : "");
    };
    const std::string& why = isolate_reason(rule);

    std::vector<IsolationChange> out;
    for (std::size_t i = 0; i < people.size(); ++i) {
        IsolationChange c{i, state(before, iso_before, people.before[i]), state(after, iso_after, people.after[i]), "", {}};
        const bool was = c.before == Isolation::isolated, is = c.after == Isolation::isolated;
        if (!was && !is) continue;
        if (was && is) {
            c.change = "still_isolated";
            c.reasons.push_back("isolated in both waves (" + why + ")");
        } else if (was && c.after == Isolation::connected) {
            c.change = "out_of_isolation";
            c.reasons.push_back("was isolated (" + why + ")");
        } else if (is && c.before == Isolation::connected) {
            c.change = "into_isolation";
            c.reasons.push_back("now isolated (" + why + ")");
        } else {
            c.change = "not_comparable";
            const Isolation other = was ? c.after : c.before;
            c.reasons.push_back(std::string(was ? "isolated in the earlier wave (" : "isolated in the later wave (") + why + ")");
            c.reasons.push_back(other == Isolation::absent ? std::string(was ? "not in the later wave" : "not in the earlier wave")
                                                           : std::string(was ? "did not take part in the later mapping"
                                                                             : "did not take part in the earlier mapping"));
        }
        const std::vector<std::size_t> old_ties = colleagues(before, people.before, people.before[i]);
        const std::vector<std::size_t> new_ties = colleagues(after, people.after, people.after[i]);
        std::vector<std::string> gained, lost;
        for (std::size_t w : new_ties)
            if (people.before[i] != not_in_wave && !std::binary_search(old_ties.begin(), old_ties.end(), w)) gained.push_back(name_of(w));
        for (std::size_t w : old_ties)
            if (people.after[i] != not_in_wave && !std::binary_search(new_ties.begin(), new_ties.end(), w)) lost.push_back(name_of(w));
        if (!gained.empty()) c.reasons.push_back("new ties to " + name_list(gained));
        if (!lost.empty()) c.reasons.push_back("lost ties to " + name_list(lost));
        out.push_back(std::move(c));
    }
    static const std::map<std::string, int> order = {
        {"into_isolation", 0}, {"still_isolated", 1}, {"out_of_isolation", 2}, {"not_comparable", 3}};
    std::stable_sort(out.begin(), out.end(),
                     [](const IsolationChange& a, const IsolationChange& b) { return order.at(a.change) < order.at(b.change); });
    return out;
}

std::vector<CorrelationChange> correlation_changes(const WaveSchools& before, const WaveSchools& after, const Matching& schools,
                                                   const CorrelationOptions& options) {
    std::vector<CorrelationChange> out;
    std::map<std::pair<std::string, std::string>, std::size_t> row_of;
    for (const auto& [wave, rows] : {std::pair{0, before.correlations}, std::pair{1, after.correlations}})
        for (const CorrelationRow& r : *rows) {
            const auto [it, added] = row_of.emplace(std::pair{r.school_measure, r.participation_measure}, out.size());
            if (added)
                out.push_back({r.school_measure, r.participation_measure, r.higher_is_better, missing_correlation(),
                               missing_correlation()});
            CorrelationChange& c = out[it->second];
            (wave == 0 ? c.before : c.after) = r.stats;
            (wave == 0 ? c.q_before : c.q_after) = r.q;
        }

    for (std::size_t row = 0; row < out.size(); ++row) {
        CorrelationChange& c = out[row];
        c.change = c.after.spearman - c.before.spearman;
        const std::vector<double> xb = school_values(before, c.school_measure), yb = school_values(before, c.participation_measure);
        const std::vector<double> xa = school_values(after, c.school_measure), ya = school_values(after, c.participation_measure);
        if (xb.empty() || yb.empty() || xa.empty() || ya.empty()) continue;
        std::vector<std::array<double, 4>> paired;
        for (std::size_t s = 0; s < schools.size(); ++s) {
            if (!schools.in_both(s)) continue;
            const std::array<double, 4> v = {xb[schools.before[s]], yb[schools.before[s]], xa[schools.after[s]], ya[schools.after[s]]};
            if (std::none_of(v.begin(), v.end(), [](double x) { return std::isnan(x); })) paired.push_back(v);
        }
        c.paired = paired.size();
        if (c.paired < 3 || std::isnan(c.change)) continue;
        std::mt19937_64 rng(options.seed + row);
        std::vector<double> draws, b0(c.paired), b1(c.paired), a0(c.paired), a1(c.paired);
        for (std::size_t draw = 0; draw < options.bootstrap; ++draw) {
            for (std::size_t i = 0; i < c.paired; ++i) {
                const std::array<double, 4>& v = paired[rng() % c.paired];
                b0[i] = v[0], b1[i] = v[1], a0[i] = v[2], a1[i] = v[3];
            }
            const double d = spearman(a0, a1) - spearman(b0, b1);
            if (!std::isnan(d)) draws.push_back(d);  // a resample with a constant variable has no rho
        }
        c.ci_low = quantile(draws, 0.025);
        c.ci_high = quantile(draws, 0.975);
    }
    return out;
}

Network merged_network(const Network& before, const Network& after, const Matching& people) {
    const TypeUnion u = type_union(before, after);
    std::vector<Person> merged;
    for (std::size_t i = 0; i < people.size(); ++i) {
        Person p = people.after[i] != not_in_wave ? after.people[people.after[i]] : before.people[people.before[i]];
        p.attributes.clear();
        merged.push_back(std::move(p));
    }
    std::vector<TieRow> rows;
    for (const auto& [net, wave_index, types] : {std::tuple{&before, &people.before, &u.before}, std::tuple{&after, &people.after, &u.after}}) {
        const std::vector<std::size_t> at = matched_position(*wave_index, net->size());
        for (const Tie& t : net->ties) rows.push_back({Vertex(at[t.source]), Vertex(at[t.target]), std::uint32_t((*types)[t.type]), 0, t.weight});
    }
    NetworkOptions options = before.options;
    options.types = u.types;
    return build_network(std::move(merged), {}, rows, options);
}

}  // namespace staffnet
