#include "engine/paths.hpp"

#include "engine/groups.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <random>

namespace staffnet {

Arcs arcs(const Network& net, Direction direction) {
    Arcs a;
    a.first.reserve(net.size() + 1);
    a.first.push_back(0);
    for (Vertex u = 0; u < net.size(); ++u) {
        for_each_arc(net, u, direction, [&](Vertex v, double weight) {
            a.to.push_back(v);
            if (net.weighted()) a.length.push_back(net.length(weight));
        });
        a.first.push_back(a.to.size());
    }
    return a;
}

namespace {

// The unweighted search, with or without counting shortest paths (a branch out of the inner loop).
template <bool CountPaths>
void breadth_first(const Arcs& arcs, ShortestPaths& paths) {
    double* dist = paths.dist.data();
    double* sigma = paths.sigma.data();
    const std::size_t* first = arcs.first.data();
    const Vertex* to = arcs.to.data();
    for (std::size_t head = 0; head < paths.order.size(); ++head) {
        const Vertex u = paths.order[head];
        const double next = dist[u] + 1.0;
        for (std::size_t i = first[u], end = first[u + 1]; i < end; ++i) {
            const Vertex v = to[i];
            if (dist[v] == unreachable) {
                dist[v] = next;
                paths.order.push_back(v);
            }
            if constexpr (CountPaths)
                if (dist[v] == next) sigma[v] += sigma[u];
        }
    }
}

}  // namespace

void shortest_paths(const Arcs& arcs, Vertex source, ShortestPaths& paths, bool count_paths) {
    const std::size_t n = arcs.size();
    if (paths.dist.size() != n) {
        paths.dist.assign(n, unreachable);
        paths.sigma.assign(n, 0.0);
    } else {
        // Only the vertices reached last time need resetting.
        for (Vertex v : paths.order) {
            paths.dist[v] = unreachable;
            paths.sigma[v] = 0.0;
        }
    }
    paths.order.clear();
    paths.dist[source] = 0.0;
    paths.sigma[source] = 1.0;
    double* dist = paths.dist.data();
    double* sigma = paths.sigma.data();

    if (arcs.length.empty()) {
        paths.order.reserve(n);
        paths.order.push_back(source);
        count_paths ? breadth_first<true>(arcs, paths) : breadth_first<false>(arcs, paths);
        return;
    }

    // Dijkstra. The heap is keyed by (distance, vertex) so that the settling order, and with it the
    // floating-point sums, do not depend on anything but the graph.
    using Item = std::pair<double, Vertex>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    std::vector<char>& settled = paths.settled;
    if (settled.size() != n) settled.assign(n, 0);
    heap.emplace(0.0, source);
    while (!heap.empty()) {
        // Plain variables, not a structured binding: clang before 16 cannot capture one in a lambda.
        const double d = heap.top().first;
        const Vertex u = heap.top().second;
        heap.pop();
        if (settled[u] || d > dist[u]) continue;
        settled[u] = 1;
        paths.order.push_back(u);
        for (std::size_t i = arcs.first[u], end = arcs.first[u + 1]; i < end; ++i) {
            const Vertex v = arcs.to[i];
            const double candidate = d + arcs.length[i];
            if (candidate < dist[v]) {
                dist[v] = candidate;
                sigma[v] = sigma[u];
                heap.emplace(candidate, v);
            } else if (candidate == dist[v] && !settled[v]) {
                sigma[v] += sigma[u];
            }
        }
    }
    for (Vertex v : paths.order) settled[v] = 0;
}

PathSources path_sources(const Network& net, std::size_t samples, unsigned seed) {
    const std::size_t n = net.size();
    PathSources out;
    if (samples == 0 || samples >= n) {
        out.vertices.resize(n);
        for (std::size_t v = 0; v < n; ++v) out.vertices[v] = Vertex(v);
        out.weight.assign(n, 1.0);
        return out;
    }
    // Components that would get fewer than 50 sources at the sampling rate are searched in full:
    // they cost little, and sampling would estimate them badly.
    const VertexScores comp = component(net);
    std::vector<std::size_t> size(n + 1, 0);
    for (double c : comp) ++size[std::size_t(c)];
    const double small = 50.0 * double(n) / double(samples);
    std::vector<Vertex> full, rest;
    for (Vertex v = 0; v < n; ++v) (double(size[std::size_t(comp[v])]) <= small ? full : rest).push_back(v);
    if (samples >= rest.size()) return path_sources(net, 0, seed);
    std::mt19937_64 rng(seed);
    std::shuffle(rest.begin(), rest.end(), rng);
    const double weight = double(rest.size()) / double(samples);
    rest.resize(samples);
    for (Vertex v : full) out.vertices.push_back(v);
    out.vertices.insert(out.vertices.end(), rest.begin(), rest.end());
    std::sort(out.vertices.begin(), out.vertices.end());
    std::vector<char> is_full(n, 0);
    for (Vertex v : full) is_full[v] = 1;
    for (Vertex v : out.vertices) out.weight.push_back(is_full[v] ? 1.0 : weight);
    out.sampled = true;
    return out;
}

}  // namespace staffnet
