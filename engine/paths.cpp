#include "engine/paths.hpp"

#include <algorithm>
#include <functional>
#include <queue>

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

}  // namespace staffnet
