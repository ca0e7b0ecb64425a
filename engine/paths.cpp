#include "engine/paths.hpp"

#include <algorithm>
#include <functional>
#include <queue>

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
        // Plain variables, not a structured binding: clang before 16 cannot capture one in a lambda.
        const double d = heap.top().first;
        const Vertex u = heap.top().second;
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

}  // namespace staffnet
