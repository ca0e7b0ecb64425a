#include "engine/spectral.hpp"

#include <cmath>
#include <stdexcept>

namespace staffnet {
namespace {

// Visits every arc u->v with the weight a walk along it carries (1 when unweighted).
template <typename Visit>
void for_each_arc_weight(const Network& net, Visit&& visit) {
    for (auto e : boost::make_iterator_range(boost::edges(net.graph)))
        visit(boost::source(e, net.graph), boost::target(e, net.graph), net.weighted() ? net.weight(e) : 1.0);
}

// True when a directed network has no cycle (Kahn's algorithm): then A is nilpotent and eigenvector
// centrality is undefined.
bool acyclic(const Network& net) {
    if (!net.directed()) return boost::num_edges(net.graph) == 0;
    std::vector<std::size_t> in(net.size());
    std::vector<Vertex> ready;
    for (Vertex v = 0; v < net.size(); ++v)
        if ((in[v] = net.in_degree(v)) == 0) ready.push_back(v);
    std::size_t done = 0;
    while (!ready.empty()) {
        const Vertex u = ready.back();
        ready.pop_back();
        ++done;
        for (auto e : boost::make_iterator_range(boost::out_edges(u, net.graph)))
            if (--in[boost::target(e, net.graph)] == 0) ready.push_back(boost::target(e, net.graph));
    }
    return done == net.size();
}

}  // namespace

VertexScores eigenvector(const Network& net, const EigenvectorOptions& options) {
    const std::size_t n = net.size();
    if (n == 0) return {};
    const VertexScores undefined(n, std::nan(""));
    if (acyclic(net)) return undefined;
    VertexScores x(n, 1.0 / double(n)), last(n);
    for (std::size_t iteration = 0; iteration < options.max_iterations; ++iteration) {
        last = x;  // x starts as last: the iteration is on A + I, which converges on bipartite graphs too
        for_each_arc_weight(net, [&](Vertex u, Vertex v, double w) { x[v] += last[u] * w; });
        double norm = 0.0;
        for (double xi : x) norm += xi * xi;
        norm = norm > 0.0 ? std::sqrt(norm) : 1.0;
        double change = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            x[v] /= norm;
            change += std::abs(x[v] - last[v]);
        }
        if (change < double(n) * options.tolerance) return x;
    }
    return undefined;
}

VertexScores pagerank(const Network& net, const PageRankOptions& options) {
    const std::size_t n = net.size();
    if (n == 0) return {};
    VertexScores out_weight(n, 0.0);
    for_each_arc_weight(net, [&](Vertex u, Vertex, double w) { out_weight[u] += w; });
    const double uniform = 1.0 / double(n);
    VertexScores x(n, uniform), next(n);
    for (std::size_t iteration = 0; iteration < options.max_iterations; ++iteration) {
        double dangling = 0.0;
        for (std::size_t v = 0; v < n; ++v)
            if (out_weight[v] == 0.0) dangling += x[v];
        const double base = options.alpha * dangling * uniform + (1.0 - options.alpha) * uniform;
        std::fill(next.begin(), next.end(), 0.0);
        for_each_arc_weight(net, [&](Vertex u, Vertex v, double w) { next[v] += x[u] * w / out_weight[u]; });
        double change = 0.0;
        for (std::size_t v = 0; v < n; ++v) {
            next[v] = options.alpha * next[v] + base;
            change += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        if (change < double(n) * options.tolerance) return x;
    }
    throw std::runtime_error("pagerank did not converge in " + std::to_string(options.max_iterations) + " iterations");
}

}  // namespace staffnet
