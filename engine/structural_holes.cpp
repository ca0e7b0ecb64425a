#include "engine/structural_holes.hpp"

#include <algorithm>
#include <cmath>

namespace staffnet {
namespace {

// Mutual tie strength a_uv + a_vu (a_uv when undirected), 1 per arc when unweighted.
double mutual(const Network& net, Vertex u, Vertex v) {
    if (net.weighted()) return arc_weight(net, u, v);
    double m = 0.0;
    const auto has = [&](Vertex a, Vertex b) {
        auto [first, last] = boost::out_edges(a, net.graph);
        auto it = std::lower_bound(first, last, b, [&](const auto& e, Vertex t) { return boost::target(e, net.graph) < t; });
        return it != last && boost::target(*it, net.graph) == b;
    };
    m += has(u, v) ? 1.0 : 0.0;
    if (net.directed()) m += has(v, u) ? 1.0 : 0.0;
    return m;
}

// p_uw for every neighbour w of u: mutual strength over u's total (or, with `by_max`, u's largest).
std::vector<double> shares(const Network& net, Vertex u, const std::vector<Vertex>& contacts, bool by_max) {
    std::vector<double> p(contacts.size());
    double scale = 0.0;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        p[i] = mutual(net, u, contacts[i]);
        scale = by_max ? std::max(scale, p[i]) : scale + p[i];
    }
    for (double& x : p) x = scale > 0.0 ? x / scale : 0.0;
    return p;
}

// The share of `shares_of` (a sorted contact list with its shares) held by `v`, 0 if not a contact.
double share_of(const std::vector<Vertex>& contacts, const std::vector<double>& p, Vertex v) {
    const auto it = std::lower_bound(contacts.begin(), contacts.end(), v);
    return (it != contacts.end() && *it == v) ? p[std::size_t(it - contacts.begin())] : 0.0;
}

}  // namespace

VertexScores constraint(const Network& net) {
    const std::size_t n = net.size();
    std::vector<std::vector<Vertex>> contacts(n);
    std::vector<std::vector<double>> p(n);
    for (Vertex v = 0; v < n; ++v) {
        contacts[v] = neighbours(net, v);
        p[v] = shares(net, v, contacts[v], false);
    }
    VertexScores out(n, std::nan(""));
#pragma omp parallel for schedule(dynamic, 64)
    for (std::size_t i = 0; i < n; ++i) {
        if (contacts[i].empty()) continue;
        double total = 0.0;
        for (std::size_t a = 0; a < contacts[i].size(); ++a) {
            const Vertex j = contacts[i][a];
            double indirect = 0.0;
            for (std::size_t b = 0; b < contacts[i].size(); ++b) {
                const Vertex q = contacts[i][b];
                if (q != j) indirect += p[i][b] * share_of(contacts[q], p[q], j);
            }
            total += (p[i][a] + indirect) * (p[i][a] + indirect);
        }
        out[i] = total;
    }
    return out;
}

VertexScores effective_size(const Network& net) {
    const std::size_t n = net.size();
    std::vector<std::vector<Vertex>> contacts(n);
    std::vector<std::vector<double>> p(n), m(n);
    for (Vertex v = 0; v < n; ++v) {
        contacts[v] = neighbours(net, v);
        p[v] = shares(net, v, contacts[v], false);
        m[v] = shares(net, v, contacts[v], true);
    }
    VertexScores out(n, std::nan(""));
#pragma omp parallel for schedule(dynamic, 64)
    for (std::size_t i = 0; i < n; ++i) {
        if (contacts[i].empty()) continue;
        double total = 0.0;
        for (const Vertex j : contacts[i]) {
            double redundancy = 0.0;
            for (std::size_t b = 0; b < contacts[i].size(); ++b) {
                const Vertex q = contacts[i][b];
                if (q != j) redundancy += p[i][b] * share_of(contacts[j], m[j], q);
            }
            total += 1.0 - redundancy;
        }
        out[i] = total;
    }
    return out;
}

}  // namespace staffnet
