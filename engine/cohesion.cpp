#include "engine/cohesion.hpp"

#include <algorithm>
#include <cmath>

namespace staffnet {
namespace {

// Every person's neighbours ignoring direction, in vertex order, with the symmetric tie value
// s(u,v) = a_uv + a_vu, each arc counting 1 or, weighted, the cube root of weight / largest weight.
struct Neighbours {
    std::vector<std::size_t> first;  // n + 1 offsets
    std::vector<Vertex> who;
    std::vector<double> value;
};

Neighbours symmetric_neighbours(const Network& net) {
    const std::size_t n = net.size();
    double max_weight = 0.0;
    if (net.weighted())
        for (auto e : boost::make_iterator_range(boost::edges(net.graph))) max_weight = std::max(max_weight, net.weight(e));
    Neighbours out;
    out.first.reserve(n + 1);
    out.first.push_back(0);
    out.who.reserve(boost::num_edges(net.graph) * (net.directed() ? 2 : 1));
    out.value.reserve(out.who.capacity());
    std::vector<double> s(n, 0.0);
    std::vector<Vertex> touched;
    for (Vertex u = 0; u < n; ++u) {
        const auto add = [&](Vertex v, double weight) {
            if (v == u) return;
            if (s[v] == 0.0) touched.push_back(v);
            s[v] += net.weighted() ? std::cbrt(weight / max_weight) : 1.0;
        };
        net.for_each_out(u, add);
        if (net.directed()) net.for_each_in(u, add);
        std::sort(touched.begin(), touched.end());  // a fixed summation order
        for (Vertex v : touched) {
            out.who.push_back(v);
            out.value.push_back(s[v]);
            s[v] = 0.0;
        }
        touched.clear();
        out.first.push_back(out.who.size());
    }
    return out;
}

// Triangles through each person of an undirected, unweighted network, each triangle found once
// from its lowest-ranked corner (rank = degree, then vertex; the "forward" algorithm, Latapy
// 2008): O(E^1.5) instead of O(sum of squared degrees).
std::vector<double> triangles(const Neighbours& nb) {
    const std::size_t n = nb.first.size() - 1;
    const auto degree = [&](Vertex v) { return nb.first[v + 1] - nb.first[v]; };
    // Each person's higher-ranked neighbours.
    std::vector<std::size_t> first(n + 1, 0);
    std::vector<Vertex> up;
    up.reserve(nb.who.size() / 2);
    for (Vertex u = 0; u < n; ++u) {
        for (std::size_t a = nb.first[u]; a < nb.first[u + 1]; ++a) {
            const Vertex v = nb.who[a];
            if (degree(u) < degree(v) || (degree(u) == degree(v) && u < v)) up.push_back(v);
        }
        first[u + 1] = up.size();
    }
    std::vector<double> count(n, 0.0);
    std::vector<char> marked(n, 0);
    for (Vertex u = 0; u < n; ++u) {
        for (std::size_t a = first[u]; a < first[u + 1]; ++a) marked[up[a]] = 1;
        for (std::size_t a = first[u]; a < first[u + 1]; ++a) {
            const Vertex v = up[a];
            for (std::size_t b = first[v]; b < first[v + 1]; ++b)
                if (marked[up[b]]) {
                    ++count[u];
                    ++count[v];
                    ++count[up[b]];
                }
        }
        for (std::size_t a = first[u]; a < first[u + 1]; ++a) marked[up[a]] = 0;
    }
    return count;
}

}  // namespace

VertexScores clustering(const Network& net) {
    const std::size_t n = net.size();
    const Neighbours nb = symmetric_neighbours(net);
    VertexScores out(n, 0.0);
    if (!net.directed() && !net.weighted()) {
        const std::vector<double> t = triangles(nb);
        for (std::size_t i = 0; i < n; ++i) {
            const double d = double(nb.first[i + 1] - nb.first[i]);
            out[i] = t[i] == 0.0 ? 0.0 : 2.0 * t[i] / (d * (d - 1.0));  // the general formula below, exactly
        }
        return out;
    }
#pragma omp parallel
    {
        std::vector<double> si(n, 0.0);  // s(i, k) for the current i
#pragma omp for schedule(dynamic, 64)
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t begin = nb.first[i], end = nb.first[i + 1];
            for (std::size_t a = begin; a < end; ++a) si[nb.who[a]] = nb.value[a];
            double closed = 0.0;
            for (std::size_t a = begin; a < end; ++a) {
                const Vertex j = nb.who[a];
                for (std::size_t b = nb.first[j]; b < nb.first[j + 1]; ++b)
                    if (const double sik = si[nb.who[b]]; sik != 0.0) closed += nb.value[a] * nb.value[b] * sik;
            }
            for (std::size_t a = begin; a < end; ++a) si[nb.who[a]] = 0.0;
            const double d = double(end - begin);
            double possible = d * (d - 1.0);
            if (net.directed()) {
                const double total = double(net.out_degree(Vertex(i)) + net.in_degree(Vertex(i)));
                const double mutual = total - d;  // neighbours tied both ways
                possible = 2.0 * (total * (total - 1.0) - 2.0 * mutual);
            }
            out[i] = (closed == 0.0 || possible <= 0.0) ? 0.0 : closed / possible;
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
        deg[v] = net.out_degree(v) + (net.directed() ? net.in_degree(v) : 0);
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
        net.for_each_out(v, [&](Vertex u, double) { lower(v, u); });
        if (net.directed()) net.for_each_in(v, [&](Vertex u, double) { lower(v, u); });
    }
    return VertexScores(deg.begin(), deg.end());
}

}  // namespace staffnet
