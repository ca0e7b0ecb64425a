#include "engine/groups.hpp"

#include <algorithm>
#include <numeric>

namespace staffnet {

VertexScores component(const Network& net) {
    const std::size_t n = net.size();
    std::vector<std::size_t> label(n, n);  // n = not yet labelled
    std::vector<std::size_t> sizes;
    std::vector<Vertex> stack;
    for (Vertex s = 0; s < n; ++s) {
        if (label[s] != n) continue;
        const std::size_t id = sizes.size();
        sizes.push_back(0);
        label[s] = id;
        stack.push_back(s);
        while (!stack.empty()) {
            const Vertex u = stack.back();
            stack.pop_back();
            ++sizes[id];
            const auto visit = [&](Vertex v) {
                if (label[v] == n) {
                    label[v] = id;
                    stack.push_back(v);
                }
            };
            net.for_each_out(u, [&](Vertex v, double) { visit(v); });
            if (net.directed()) net.for_each_in(u, [&](Vertex v, double) { visit(v); });
        }
    }
    // Components were found in order of their first person; a stable sort by size keeps that
    // order among equals.
    std::vector<std::size_t> order(sizes.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return sizes[a] > sizes[b]; });
    std::vector<std::size_t> rank(sizes.size());
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r]] = r + 1;
    VertexScores out(n);
    for (std::size_t v = 0; v < n; ++v) out[v] = double(rank[label[v]]);
    return out;
}

VertexScores isolate(const Network& net) {
    VertexScores out(net.size());
    for (Vertex v = 0; v < net.size(); ++v)
        out[v] = (net.out_degree(v) + net.in_degree(v)) == 0 ? 1.0 : 0.0;
    return out;
}

namespace {

struct CutStructure {
    std::vector<char> cut_vertex;
    std::vector<std::pair<Vertex, Vertex>> bridges;
};

// Tarjan's low-link depth-first search on the undirected view, with an explicit stack so that a
// long chain of people cannot overflow the call stack.
CutStructure cut_structure(const Network& net) {
    const std::size_t n = net.size();
    std::vector<std::vector<Vertex>> adjacency(n);
    for (Vertex v = 0; v < n; ++v) adjacency[v] = neighbours(net, v);
    CutStructure out{std::vector<char>(n, 0), {}};
    std::vector<std::size_t> order(n, 0), low(n, 0), next_child(n, 0);
    std::vector<Vertex> parent(n, Vertex(n));
    std::size_t clock = 0;
    for (Vertex root = 0; root < n; ++root) {
        if (order[root]) continue;
        std::size_t root_children = 0;
        std::vector<Vertex> stack = {root};
        order[root] = low[root] = ++clock;
        while (!stack.empty()) {
            const Vertex u = stack.back();
            if (next_child[u] < adjacency[u].size()) {
                const Vertex w = adjacency[u][next_child[u]++];
                if (!order[w]) {
                    parent[w] = u;
                    order[w] = low[w] = ++clock;
                    if (u == root) ++root_children;
                    stack.push_back(w);
                } else if (w != parent[u]) {
                    low[u] = std::min(low[u], order[w]);
                }
                continue;
            }
            stack.pop_back();
            if (u == root) continue;
            const Vertex p = parent[u];
            low[p] = std::min(low[p], low[u]);
            if (low[u] > order[p]) out.bridges.emplace_back(std::min(p, u), std::max(p, u));
            if (p != root && low[u] >= order[p]) out.cut_vertex[p] = 1;
        }
        if (root_children > 1) out.cut_vertex[root] = 1;
    }
    std::sort(out.bridges.begin(), out.bridges.end());
    return out;
}

}  // namespace

VertexScores articulation_point(const Network& net) {
    const CutStructure cuts = cut_structure(net);
    return VertexScores(cuts.cut_vertex.begin(), cuts.cut_vertex.end());
}

std::vector<std::pair<Vertex, Vertex>> bridges(const Network& net) { return cut_structure(net).bridges; }

VertexScores bridge_ties(const Network& net) {
    VertexScores out(net.size(), 0.0);
    for (const auto& [u, v] : bridges(net)) out[u] += 1, out[v] += 1;
    return out;
}

std::size_t count_components(const Network& net) {
    const VertexScores c = component(net);
    return c.empty() ? 0 : std::size_t(*std::max_element(c.begin(), c.end()));
}

std::size_t count_isolates(const Network& net) {
    const VertexScores iso = isolate(net);
    return std::size_t(std::accumulate(iso.begin(), iso.end(), 0.0));
}

}  // namespace staffnet
