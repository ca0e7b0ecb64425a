#include "engine/paths.hpp"

#include "engine/groups.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <random>

namespace staffnet {

void shortest_paths(const Network& net, Vertex source, Direction direction, ShortestPaths& paths) {
    const std::size_t n = net.size();
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

    if (!net.weighted()) {
        paths.order.push_back(source);
        for (std::size_t head = 0; head < paths.order.size(); ++head) {
            const Vertex u = paths.order[head];
            const double next = paths.dist[u] + 1.0;
            for_each_arc(net, u, direction, [&](Vertex v, double) {
                if (paths.dist[v] == unreachable) {
                    paths.dist[v] = next;
                    paths.order.push_back(v);
                }
                if (paths.dist[v] == next) paths.sigma[v] += paths.sigma[u];
            });
        }
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
        const auto [d, u] = heap.top();
        heap.pop();
        if (settled[u] || d > paths.dist[u]) continue;
        settled[u] = 1;
        paths.order.push_back(u);
        for_each_arc(net, u, direction, [&](Vertex v, double weight) {
            const double candidate = d + net.length(weight);
            if (candidate < paths.dist[v]) {
                paths.dist[v] = candidate;
                paths.sigma[v] = paths.sigma[u];
                heap.emplace(candidate, v);
            } else if (candidate == paths.dist[v] && !settled[v]) {
                paths.sigma[v] += paths.sigma[u];
            }
        });
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
