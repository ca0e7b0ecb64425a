#include "engine/communities.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

namespace staffnet {
namespace {

// A weighted undirected graph as adjacency lists: the level Louvain works on.
struct Level {
    std::vector<std::vector<std::pair<std::size_t, double>>> adjacency;  // no self-loops
    std::vector<double> degree;                                          // weighted, self-loops twice
    double total = 0.0;                                                  // 2m
};

Level undirected_view(const Network& net) {
    const std::size_t n = net.size();
    Level level;
    level.adjacency.resize(n);
    level.degree.assign(n, 0.0);
    std::vector<std::map<std::size_t, double>> merged(n);
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        const std::size_t u = boost::source(e, net.graph), v = boost::target(e, net.graph);
        const double w = net.weighted() ? net.graph[e].weight : 1.0;
        merged[u][v] += w;
        if (net.directed()) merged[v][u] += w;  // undirected CSR already holds both arcs
    }
    for (std::size_t u = 0; u < n; ++u)
        for (const auto& [v, w] : merged[u]) {
            level.adjacency[u].emplace_back(v, w);
            level.degree[u] += w;
            level.total += w;
        }
    return level;
}

// One Louvain phase: local moves until no move improves modularity. Returns the community of each
// node (labels 0..k-1 in order of first appearance) and whether anything moved.
std::pair<std::vector<std::size_t>, bool> local_moves(const Level& g, double resolution, std::mt19937_64& rng) {
    const std::size_t n = g.adjacency.size();
    std::vector<std::size_t> community(n), order(n);
    std::iota(community.begin(), community.end(), std::size_t{0});
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng() % i]);  // Fisher-Yates, portable
    std::vector<double> tot = g.degree, links(n, 0.0);
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
    std::vector<std::size_t> relabel(n, n);
    std::size_t next = 0;
    for (std::size_t& c : community) {
        if (relabel[c] == n) relabel[c] = next++;
        c = relabel[c];
    }
    return {community, moved_any};
}

Level aggregate(const Level& g, const std::vector<std::size_t>& community) {
    const std::size_t k = *std::max_element(community.begin(), community.end()) + 1;
    std::vector<std::map<std::size_t, double>> merged(k);
    Level next;
    next.degree.assign(k, 0.0);
    next.total = g.total;
    for (std::size_t u = 0; u < g.adjacency.size(); ++u) {
        next.degree[community[u]] += g.degree[u];
        for (const auto& [v, w] : g.adjacency[u])
            if (community[u] != community[v]) merged[community[u]][community[v]] += w;
    }
    next.adjacency.resize(k);
    for (std::size_t c = 0; c < k; ++c) next.adjacency[c].assign(merged[c].begin(), merged[c].end());
    return next;
}

}  // namespace

VertexScores louvain(const Network& net, const LouvainOptions& options) {
    const std::size_t n = net.size();
    std::vector<std::size_t> membership(n);
    std::iota(membership.begin(), membership.end(), std::size_t{0});
    Level level = undirected_view(net);
    std::mt19937_64 rng(options.seed);
    if (level.total > 0.0) {
        while (true) {
            auto [community, moved] = local_moves(level, options.resolution, rng);
            if (!moved) break;
            for (std::size_t& m : membership) m = community[m];
            level = aggregate(level, community);
        }
    }
    // Number by size, largest first; equal sizes by their first person.
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

double modularity(const Network& net, const std::vector<std::string>& groups, double resolution) {
    std::map<std::string, std::size_t> index;
    std::vector<std::size_t> group(net.size());
    for (std::size_t v = 0; v < net.size(); ++v) group[v] = index.try_emplace(groups.at(v), index.size()).first->second;
    std::vector<double> inside(index.size(), 0.0), out_degree(index.size(), 0.0), in_degree(index.size(), 0.0);
    double m = 0.0;
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        const std::size_t u = boost::source(e, net.graph), v = boost::target(e, net.graph);
        const double w = net.weighted() ? net.graph[e].weight : 1.0;
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

}  // namespace staffnet
