#include "engine/cohesion.hpp"

#include <algorithm>
#include <cmath>

namespace staffnet {
namespace {

// Symmetric tie value s(u,v) for every neighbour of u ignoring direction: a_uv + a_vu, each arc
// counting 1 or, weighted, the cube root of weight / largest weight.
void fill_symmetric(const Network& net, Vertex u, double max_weight, std::vector<double>& s,
                    std::vector<Vertex>& touched) {
    const auto add = [&](Vertex v, double weight) {
        if (v == u) return;
        if (s[v] == 0.0) touched.push_back(v);
        s[v] += net.weighted() ? std::cbrt(weight / max_weight) : 1.0;
    };
    for (auto e : boost::make_iterator_range(boost::out_edges(u, net.graph))) add(boost::target(e, net.graph), net.graph[e].weight);
    if (net.directed())
        for (auto e : boost::make_iterator_range(boost::in_edges(u, net.graph))) add(boost::source(e, net.graph), net.graph[e].weight);
}

}  // namespace

VertexScores clustering(const Network& net) {
    const std::size_t n = net.size();
    double max_weight = 0.0;
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) max_weight = std::max(max_weight, net.graph[e].weight);
    VertexScores out(n, 0.0);
#pragma omp parallel
    {
        std::vector<double> si(n, 0.0), sj(n, 0.0);
        std::vector<Vertex> ni, nj;
#pragma omp for schedule(dynamic, 64)
        for (std::size_t i = 0; i < n; ++i) {
            ni.clear();
            fill_symmetric(net, Vertex(i), max_weight, si, ni);
            std::sort(ni.begin(), ni.end());  // a fixed summation order
            double closed = 0.0;
            for (Vertex j : ni) {
                nj.clear();
                fill_symmetric(net, j, max_weight, sj, nj);
                std::sort(nj.begin(), nj.end());
                for (Vertex k : nj)
                    if (si[k] != 0.0) closed += si[j] * sj[k] * si[k];
                for (Vertex k : nj) sj[k] = 0.0;
            }
            const double d = double(ni.size());
            double possible = d * (d - 1.0);
            if (net.directed()) {
                const double total = double(boost::out_degree(Vertex(i), net.graph) + boost::in_degree(Vertex(i), net.graph));
                const double mutual = total - d;  // neighbours tied both ways
                possible = 2.0 * (total * (total - 1.0) - 2.0 * mutual);
            }
            out[i] = (closed == 0.0 || possible <= 0.0) ? 0.0 : closed / possible;
            for (Vertex k : ni) si[k] = 0.0;
        }
    }
    return out;
}

VertexScores core_number(const Network& net) {
    // Batagelj–Zaversnik bucket peeling over the multiset of arcs at each vertex.
    const std::size_t n = net.size();
    std::vector<std::size_t> deg(n);
    std::size_t max_deg = 0;
    for (Vertex v = 0; v < n; ++v) {
        deg[v] = boost::out_degree(v, net.graph) + (net.directed() ? boost::in_degree(v, net.graph) : 0);
        max_deg = std::max(max_deg, deg[v]);
    }
    std::vector<std::size_t> bin(max_deg + 2, 0), pos(n), vert(n);
    for (std::size_t v = 0; v < n; ++v) ++bin[deg[v]];
    for (std::size_t d = 0, start = 0; d <= max_deg; ++d) {
        const std::size_t count = bin[d];
        bin[d] = start;
        start += count;
    }
    for (std::size_t v = 0; v < n; ++v) {
        pos[v] = bin[deg[v]]++;
        vert[pos[v]] = v;
    }
    for (std::size_t d = max_deg + 1; d > 0; --d) bin[d] = bin[d - 1];
    bin[0] = 0;
    const auto lower = [&](std::size_t v, std::size_t u) {  // u loses a neighbour v of lower core
        if (deg[u] <= deg[v]) return;
        const std::size_t du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw];
        if (u != w) {
            std::swap(vert[pu], vert[pw]);
            pos[u] = pw;
            pos[w] = pu;
        }
        ++bin[du];
        --deg[u];
    };
    for (std::size_t i = 0; i < n; ++i) {
        const Vertex v = Vertex(vert[i]);
        for (auto e : boost::make_iterator_range(boost::out_edges(v, net.graph))) lower(v, boost::target(e, net.graph));
        if (net.directed())
            for (auto e : boost::make_iterator_range(boost::in_edges(v, net.graph))) lower(v, boost::source(e, net.graph));
    }
    return VertexScores(deg.begin(), deg.end());
}

}  // namespace staffnet
