#include "engine/communities.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>

namespace staffnet {
namespace {

// A weighted undirected graph as adjacency lists: the level Louvain and Leiden work on.
struct Level {
    std::vector<std::vector<std::pair<std::size_t, double>>> adjacency;  // no self-loops
    std::vector<double> degree;                                          // weighted, self-loops twice
    std::vector<double> people;                                          // people merged into the node
    double total = 0.0;                                                  // 2m
};

constexpr std::size_t kNone = std::size_t(-1);

// Adds weight to the entry for neighbour v in one node's list (slot[v]: its index there, or kNone).
void add_tie(std::vector<std::pair<std::size_t, double>>& list, std::vector<std::size_t>& slot, std::size_t v, double w) {
    if (slot[v] == kNone) slot[v] = list.size(), list.emplace_back(v, 0.0);
    list[slot[v]].second += w;
}

// Clears the slots a list used and sorts it by neighbour.
void close_list(std::vector<std::pair<std::size_t, double>>& list, std::vector<std::size_t>& slot) {
    for (const auto& [v, w] : list) slot[v] = kNone;
    std::sort(list.begin(), list.end());
}

Level undirected_view(const Network& net) {
    const std::size_t n = net.size();
    Level level;
    level.adjacency.resize(n);
    level.degree.assign(n, 0.0);
    level.people.assign(n, 1.0);
    std::vector<std::size_t> slot(n, kNone);
    for (Vertex u = 0; u < n; ++u) {
        auto& list = level.adjacency[u];
        const auto add = [&](Vertex v, double weight) { add_tie(list, slot, v, net.weighted() ? weight : 1.0); };
        net.for_each_out(u, add);
        if (net.directed()) net.for_each_in(u, add);  // an undirected graph already holds both arcs
        close_list(list, slot);
        for (const auto& [v, w] : list) {
            level.degree[u] += w;
            level.total += w;
        }
    }
    return level;
}

// 0..n-1 in a random order (Fisher-Yates with plain draws, the same on every standard library).
std::vector<std::size_t> shuffled(std::size_t n, std::mt19937_64& rng) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    return order;
}

// Relabels communities 0..k-1 in order of first appearance; returns k.
std::size_t compact(std::vector<std::size_t>& community) {
    const std::size_t n = community.size();
    std::vector<std::size_t> relabel(n, n);
    std::size_t next = 0;
    for (std::size_t& c : community) {
        if (relabel[c] == n) relabel[c] = next++;
        c = relabel[c];
    }
    return next;
}

// One Louvain phase: local moves from `community` (labels < n; singletons to start a level) until
// no move improves modularity. Returns whether anything moved; `community` is compacted to labels
// 0..k-1 in order of first appearance.
bool local_moves(const Level& g, double resolution, std::vector<std::size_t>& community, std::mt19937_64& rng) {
    const std::size_t n = g.adjacency.size();
    const std::vector<std::size_t> order = shuffled(n, rng);
    std::vector<double> tot(n, 0.0), links(n, 0.0);
    for (std::size_t u = 0; u < n; ++u) tot[community[u]] += g.degree[u];
    std::vector<std::size_t> touched;
    bool moved_any = false;
    for (bool moved = true; moved;) {
        moved = false;
        for (std::size_t u : order) {
            const std::size_t home = community[u];
            touched.clear();
            for (const auto& [v, w] : g.adjacency[u]) {
                if (links[community[v]] == 0.0) touched.push_back(community[v]);
                links[community[v]] += w;
            }
            tot[home] -= g.degree[u];
            std::size_t best = home;
            double best_gain = links[home] - resolution * tot[home] * g.degree[u] / g.total;
            for (std::size_t c : touched) {
                const double gain = links[c] - resolution * tot[c] * g.degree[u] / g.total;
                if (gain > best_gain + 1e-12) {  // ties keep the earlier choice
                    best_gain = gain;
                    best = c;
                }
            }
            tot[best] += g.degree[u];
            if (best != home) {
                community[u] = best;
                moved = moved_any = true;
            }
            for (std::size_t c : touched) links[c] = 0.0;
        }
    }
    compact(community);
    return moved_any;
}

// The graph of communities (labels 0..k-1): ties between communities summed, ties inside dropped.
Level aggregate(const Level& g, const std::vector<std::size_t>& community) {
    const std::size_t k = *std::max_element(community.begin(), community.end()) + 1;
    std::vector<std::vector<std::size_t>> members(k);
    for (std::size_t u = 0; u < g.adjacency.size(); ++u) members[community[u]].push_back(u);
    Level next;
    next.adjacency.resize(k);
    next.degree.assign(k, 0.0);
    next.people.assign(k, 0.0);
    next.total = g.total;
    std::vector<std::size_t> slot(k, kNone);
    for (std::size_t c = 0; c < k; ++c) {
        for (std::size_t u : members[c]) {
            next.degree[c] += g.degree[u];
            next.people[c] += g.people[u];
            for (const auto& [v, w] : g.adjacency[u])
                if (community[v] != c) add_tie(next.adjacency[c], slot, community[v], w);
        }
        close_list(next.adjacency[c], slot);
    }
    return next;
}

// Modularity of a partition (labels < n) of a level: Σ_c in_c/2m - γ (tot_c/2m)².
double level_modularity(const Level& g, const std::vector<std::size_t>& community, double resolution) {
    const std::size_t n = g.adjacency.size();
    std::vector<double> inside(n, 0.0), tot(n, 0.0);
    for (std::size_t u = 0; u < n; ++u) {
        tot[community[u]] += g.degree[u];
        for (const auto& [v, w] : g.adjacency[u])
            if (community[v] == community[u]) inside[community[u]] += w;
    }
    double q = 0.0;
    for (std::size_t c = 0; c < n; ++c) q += inside[c] / g.total - resolution * (tot[c] / g.total) * (tot[c] / g.total);
    return q;
}

// One Louvain run (Blondel et al. 2008): local moves of people from singletons, then of the
// communities of each level as nodes of the next, until no merge gains. With `refine` the run is
// repeated from its own result (Rotta & Noack 2011, multilevel refinement): people are moved one by
// one again, starting from the communities found, then the communities aggregated and merged as
// before, until a repetition moves no one. Modularity never decreases. Returns each person's
// community (labels 0..k-1).
std::vector<std::size_t> louvain_run(const Level& base, double resolution, std::mt19937_64& rng, bool refine) {
    const std::size_t n = base.adjacency.size();
    std::vector<std::size_t> membership(n);
    std::iota(membership.begin(), membership.end(), std::size_t{0});
    constexpr std::size_t max_passes = 50;  // each pass gains modularity; this only bounds the cost
    for (std::size_t pass = 0; pass < (refine ? max_passes : 1); ++pass) {
        const Level* level = &base;
        Level aggregated;
        std::vector<std::size_t> community = membership, node_of(n);  // node_of: person -> node of the level
        std::iota(node_of.begin(), node_of.end(), std::size_t{0});
        bool moved_any = false;
        while (true) {
            moved_any |= local_moves(*level, resolution, community, rng);
            const std::size_t k = *std::max_element(community.begin(), community.end()) + 1;
            if (k == level->adjacency.size()) break;  // every community a single node: nothing to merge
            for (std::size_t& node : node_of) node = community[node];
            aggregated = aggregate(*level, community);
            level = &aggregated;
            community.resize(k);
            std::iota(community.begin(), community.end(), std::size_t{0});
        }
        for (std::size_t p = 0; p < n; ++p) membership[p] = community[node_of[p]];
        compact(membership);
        if (!moved_any) break;
    }
    return membership;
}

// Community numbers from 1 by size, largest first; equal sizes by their first person.
VertexScores numbered_by_size(const std::vector<std::size_t>& membership) {
    const std::size_t n = membership.size();
    std::vector<std::size_t> size(n, 0), first(n, n);
    for (std::size_t v = 0; v < n; ++v) {
        ++size[membership[v]];
        first[membership[v]] = std::min(first[membership[v]], v);
    }
    std::vector<std::size_t> labels;
    for (std::size_t c = 0; c < n; ++c)
        if (size[c] > 0) labels.push_back(c);
    std::sort(labels.begin(), labels.end(), [&](std::size_t a, std::size_t b) {
        return size[a] != size[b] ? size[a] > size[b] : first[a] < first[b];
    });
    std::vector<std::size_t> rank(n);
    for (std::size_t r = 0; r < labels.size(); ++r) rank[labels[r]] = r + 1;
    VertexScores out(n);
    for (std::size_t v = 0; v < n; ++v) out[v] = double(rank[membership[v]]);
    return out;
}

// Leiden works with the quality Σ_c (ties inside c − γ W_c² / 2), as igraph: W_c sums the node
// weights w in c, which are degrees with γ = resolution / 2m for modularity and people with
// γ = resolution for CPM. Node v joining c (v not in it) gains links(v, c) − γ w_v W_c.

// Fast local moving: every node in random order, then only neighbours of moved nodes that are
// outside their new community, goes to the neighbouring or an empty community with the largest
// gain when that beats staying. `community` holds labels < n and is updated; returns whether any
// node moved.
bool move_nodes_fast(const Level& g, const std::vector<double>& w, double gamma, std::vector<std::size_t>& community,
                     std::mt19937_64& rng) {
    const std::size_t n = g.adjacency.size();
    const double tolerance = 1e-12 * g.total;  // below rounding noise, above any real gain
    std::vector<double> total(n, 0.0), links(n, 0.0);
    std::vector<std::size_t> members(n, 0), empty, touched;
    for (std::size_t v = 0; v < n; ++v) {
        total[community[v]] += w[v];
        ++members[community[v]];
    }
    for (std::size_t c = n; c-- > 0;)
        if (members[c] == 0) empty.push_back(c);
    const std::vector<std::size_t> order = shuffled(n, rng);
    std::deque<std::size_t> queue(order.begin(), order.end());
    std::vector<char> queued(n, 1);
    bool moved = false;
    while (!queue.empty()) {
        const std::size_t v = queue.front(), home = community[v];
        queue.pop_front();
        queued[v] = 0;
        total[home] -= w[v];
        if (--members[home] == 0) empty.push_back(home);
        touched.clear();
        for (const auto& [u, weight] : g.adjacency[v]) {
            if (links[community[u]] == 0.0) touched.push_back(community[u]);
            links[community[u]] += weight;
        }
        std::size_t best = home;
        double best_gain = links[home] - gamma * w[v] * total[home];
        if (best_gain < -tolerance) best = empty.back(), best_gain = 0.0;  // alone is better than home
        for (std::size_t c : touched) {
            const double gain = links[c] - gamma * w[v] * total[c];
            if (gain > best_gain + tolerance) best = c, best_gain = gain;  // ties keep the earlier choice
        }
        for (std::size_t c : touched) links[c] = 0.0;
        total[best] += w[v];
        if (members[best]++ == 0) empty.pop_back();  // an empty community chosen is the top of the stack
        if (best == home) continue;
        community[v] = best;
        moved = true;
        for (const auto& [u, weight] : g.adjacency[v])
            if (!queued[u] && community[u] != best) queue.push_back(u), queued[u] = 1;
    }
    return moved;
}

// A uniform draw in [0, 1) from 53 random bits, the same on every standard library.
double uniform(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

// Refinement: inside each community start from singletons and visit the nodes once, in random
// order. A node still alone and well connected to the rest of its community (links ≥ γ w_v (W_C −
// w_v)) joins a well-connected subcommunity it is tied to, or stays alone, with probability
// ∝ exp(gain / randomness) among the choices that lose nothing. Merges follow ties, so every
// subcommunity is connected. Returns each node's subcommunity (labels < n, not compact).
std::vector<std::size_t> refine(const Level& g, const std::vector<double>& w, double gamma, double randomness,
                                const std::vector<std::size_t>& community, std::mt19937_64& rng) {
    const std::size_t n = g.adjacency.size();
    std::vector<std::size_t> refined(n), choices;  // a subcommunity is labelled by its first node
    std::iota(refined.begin(), refined.end(), std::size_t{0});
    std::vector<double> size = w, outside(n, 0.0), community_total(n, 0.0), links(n, 0.0), gain, cumulative;
    std::vector<char> grown(n, 0);  // another node has joined this node's subcommunity
    for (std::size_t v = 0; v < n; ++v) {
        community_total[community[v]] += w[v];
        for (const auto& [u, weight] : g.adjacency[v])
            if (community[u] == community[v]) outside[v] += weight;  // ties to the rest of the community
    }
    const auto well_connected = [&](std::size_t s, std::size_t c) {
        return outside[s] >= gamma * size[s] * (community_total[c] - size[s]);
    };
    for (std::size_t v : shuffled(n, rng)) {
        const std::size_t c = community[v];
        if (grown[v] || !well_connected(v, c)) continue;
        size[v] = outside[v] = 0.0;  // v leaves its singleton, which stays one of the choices
        choices.assign(1, v);
        for (const auto& [u, weight] : g.adjacency[v]) {
            if (community[u] != c) continue;
            if (links[refined[u]] == 0.0) choices.push_back(refined[u]);
            links[refined[u]] += weight;
        }
        gain.assign(choices.size(), 0.0);
        double top = 0.0;
        for (std::size_t i = 1; i < choices.size(); ++i) {
            const std::size_t s = choices[i];
            gain[i] = well_connected(s, c) ? links[s] - gamma * w[v] * size[s] : -1.0;
            top = std::max(top, gain[i]);
            links[s] = 0.0;
        }
        cumulative.clear();
        for (double x : gain) cumulative.push_back((cumulative.empty() ? 0.0 : cumulative.back()) +
                                                   (x >= 0.0 ? std::exp((x - top) / randomness) : 0.0));
        const double draw = uniform(rng) * cumulative.back();
        const auto chosen = std::upper_bound(cumulative.begin(), cumulative.end(), draw);
        const std::size_t s = choices[std::size_t(chosen - cumulative.begin())];
        size[s] += w[v];
        for (const auto& [u, weight] : g.adjacency[v])
            if (community[u] == c) outside[s] += refined[u] == s ? -weight : weight;
        if (s != v) refined[v] = s, grown[s] = 1;
    }
    return refined;
}

// The connected parts of each community (labels 0..k-1): what the next level is built on when
// refinement merged nothing, so that every node of every level stays connected.
std::vector<std::size_t> connected_parts(const Level& g, const std::vector<std::size_t>& community) {
    const std::size_t n = g.adjacency.size();
    std::vector<std::size_t> part(n, n), stack;
    std::size_t next = 0;
    for (std::size_t start = 0; start < n; ++start) {
        if (part[start] != n) continue;
        part[start] = next;
        for (stack.assign(1, start); !stack.empty();) {
            const std::size_t v = stack.back();
            stack.pop_back();
            for (const auto& [u, weight] : g.adjacency[v])
                if (part[u] == n && community[u] == community[start]) part[u] = next, stack.push_back(u);
        }
        ++next;
    }
    return part;
}

// One Leiden iteration from `membership` (one label < n per person, updated): local moving,
// refinement and aggregation on the refined communities, with the moved communities as the start
// on the aggregate, until every community is a single node. Returns whether the partition changed.
bool leiden_iteration(const Level& base, const LeidenOptions& options, double gamma,
                      std::vector<std::size_t>& membership, std::mt19937_64& rng) {
    const Level* level = &base;
    Level aggregated;
    std::vector<std::size_t> community = membership, node_of(membership.size());  // node_of: person -> node
    std::iota(node_of.begin(), node_of.end(), std::size_t{0});
    bool changed = false;
    while (true) {
        const std::vector<double>& w = options.objective == LeidenObjective::cpm ? level->people : level->degree;
        changed |= move_nodes_fast(*level, w, gamma, community, rng);
        const std::size_t n = level->adjacency.size();
        // Done when each community is one node: a refined community, connected by construction.
        if (compact(community) == n) break;
        std::vector<std::size_t> refined = refine(*level, w, gamma, options.randomness, community, rng);
        if (compact(refined) == n) refined = connected_parts(*level, community);
        if (compact(refined) == n) {  // some community's members share no tie: splitting it loses nothing
            community = refined;
            changed = true;
            break;
        }
        std::vector<std::size_t> next(n);
        for (std::size_t v = 0; v < n; ++v) next[refined[v]] = community[v];
        next.resize(*std::max_element(refined.begin(), refined.end()) + 1);
        for (std::size_t& node : node_of) node = refined[node];
        aggregated = aggregate(*level, refined);
        level = &aggregated;
        community = std::move(next);
    }
    for (std::size_t p = 0; p < membership.size(); ++p) membership[p] = community[node_of[p]];
    return changed;
}

}  // namespace

VertexScores louvain(const Network& net, const LouvainOptions& options) {
    std::vector<std::size_t> best(net.size());
    std::iota(best.begin(), best.end(), std::size_t{0});
    const Level base = undirected_view(net);
    if (base.total > 0.0) {
        // The runs draw from one generator seeded once, so run r is the same whatever the number
        // of runs; the first run with the highest modularity wins.
        std::mt19937_64 rng(options.seed);
        double best_q = -std::numeric_limits<double>::infinity();
        for (std::size_t run = 0; run < std::max<std::size_t>(options.runs, 1); ++run) {
            std::vector<std::size_t> membership = louvain_run(base, options.resolution, rng, options.refine);
            const double q = level_modularity(base, membership, options.resolution);
            if (q > best_q + 1e-12 * base.total) best_q = q, best = std::move(membership);
        }
    }
    return numbered_by_size(best);
}

VertexScores leiden(const Network& net, const LeidenOptions& options) {
    if (!(options.randomness > 0.0))
        throw std::invalid_argument(fmt::format("leiden: randomness must be above 0, got {}", options.randomness));
    std::vector<std::size_t> membership(net.size());
    std::iota(membership.begin(), membership.end(), std::size_t{0});
    const Level base = undirected_view(net);
    if (base.total > 0.0) {
        const bool cpm = options.objective == LeidenObjective::cpm;
        const double gamma = cpm ? options.resolution : options.resolution / base.total;
        std::mt19937_64 rng(options.seed);
        for (std::size_t i = 0; options.iterations == 0 || i < options.iterations; ++i)
            if (!leiden_iteration(base, options, gamma, membership, rng)) break;
    }
    return numbered_by_size(membership);
}

double modularity(const Network& net, const std::vector<std::string>& groups, double resolution) {
    std::map<std::string, std::size_t> index;
    std::vector<std::size_t> group(net.size());
    for (std::size_t v = 0; v < net.size(); ++v) group[v] = index.try_emplace(groups.at(v), index.size()).first->second;
    std::vector<double> inside(index.size(), 0.0), out_degree(index.size(), 0.0), in_degree(index.size(), 0.0);
    double m = 0.0;
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        const std::size_t u = boost::source(e, net.graph), v = boost::target(e, net.graph);
        const double w = net.weighted() ? net.weight(e) : 1.0;
        m += w;
        out_degree[group[u]] += w;
        in_degree[group[v]] += w;
        if (group[u] == group[v]) inside[group[u]] += w;
    }
    if (m == 0.0) return 0.0;
    double q = 0.0;
    if (net.directed()) {
        for (std::size_t c = 0; c < inside.size(); ++c) q += inside[c] / m - resolution * out_degree[c] * in_degree[c] / (m * m);
    } else {
        // Each undirected tie is two arcs: m counted it twice, as did inside and the degrees.
        for (std::size_t c = 0; c < inside.size(); ++c)
            q += inside[c] / m - resolution * (out_degree[c] / m) * (out_degree[c] / m);
    }
    return q;
}

double undirected_modularity(const Network& net, const std::vector<std::string>& groups, double resolution) {
    const Level level = undirected_view(net);
    if (level.total == 0.0) return 0.0;
    std::map<std::string, std::size_t> index;
    std::vector<std::size_t> group(net.size());
    for (std::size_t v = 0; v < net.size(); ++v) group[v] = index.try_emplace(groups.at(v), index.size()).first->second;
    std::vector<double> inside(index.size(), 0.0), degree(index.size(), 0.0);
    for (std::size_t u = 0; u < net.size(); ++u) {
        degree[group[u]] += level.degree[u];
        for (const auto& [v, w] : level.adjacency[u])
            if (group[v] == group[u]) inside[group[u]] += w;  // each pair twice, as the total
    }
    double q = 0.0;
    for (std::size_t c = 0; c < inside.size(); ++c)
        q += inside[c] / level.total - resolution * (degree[c] / level.total) * (degree[c] / level.total);
    return q;
}

}  // namespace staffnet
