#include "engine/ei_index.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <cstdint>
#include <random>

namespace staffnet {
namespace {

// Ties counted once each: arcs when directed, u < v when undirected.
template <typename Visit>
void for_each_tie(const Network& net, Visit&& visit) {
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        const Vertex u = boost::source(e, net.graph), v = boost::target(e, net.graph);
        if (net.directed() || u < v) visit(u, v);
    }
}

double ratio(double external, double internal) {
    return external + internal > 0 ? (external - internal) / (external + internal) : std::nan("");
}

double network_index(const Network& net, const std::vector<std::size_t>& label) {
    double external = 0, internal = 0;
    for_each_tie(net, [&](Vertex u, Vertex v) { (label[u] == label[v] ? internal : external) += 1; });
    return ratio(external, internal);
}

}  // namespace

EIIndex ei_index(const Network& net, const std::vector<std::string>& groups, std::size_t permutations, unsigned seed) {
    std::map<std::string, std::size_t> index;
    for (const std::string& g : groups) index.try_emplace(g, 0);
    std::size_t next = 0;
    for (auto& [name, id] : index) id = next++;
    std::vector<std::size_t> label(net.size());
    for (std::size_t v = 0; v < net.size(); ++v) label[v] = index[groups[v]];

    EIIndex out;
    out.network = network_index(net, label);
    std::vector<double> external(index.size(), 0), internal(index.size(), 0);
    for_each_tie(net, [&](Vertex u, Vertex v) {
        if (label[u] == label[v]) {
            internal[label[u]] += 1;
        } else {
            external[label[u]] += 1;
            external[label[v]] += 1;
        }
    });
    for (const auto& [name, id] : index) out.groups.emplace_back(name, ratio(external[id], internal[id]));

    if (std::isnan(out.network) || permutations == 0) return out;
    // Permutation r shuffles the observed labels with its own generator, seeded by (seed, r), so
    // the permutations run in parallel and the result does not depend on the thread count; the
    // values are summed in permutation order.
    std::vector<double> values(permutations);
    // The ties' ends as two flat arrays, and labels as 32-bit numbers: each permutation is then
    // one pass over contiguous memory.
    std::vector<std::uint32_t> from, to;
    for_each_tie(net, [&](Vertex u, Vertex v) { from.push_back(std::uint32_t(u)), to.push_back(std::uint32_t(v)); });
    const std::vector<std::uint32_t> observed(label.begin(), label.end());
#pragma omp parallel
    {
        std::vector<std::uint32_t> shuffled;
#pragma omp for schedule(static)
        for (std::size_t p = 0; p < permutations; ++p) {
            std::seed_seq sequence{std::uint32_t(seed), std::uint32_t(p), std::uint32_t(std::uint64_t(p) >> 32)};
            std::mt19937_64 rng(sequence);
            shuffled = observed;
            for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng() % i]);
            std::size_t internal = 0;
            for (std::size_t t = 0; t < from.size(); ++t) internal += shuffled[from[t]] == shuffled[to[t]];
            values[p] = ratio(double(from.size() - internal), double(internal));
        }
    }
    std::size_t greater = 0, less = 0;
    double total = 0;
    for (const double x : values) {
        total += x;
        // Equal within rounding counts as equal, so a tie with the observed value is not lost.
        greater += x >= out.network - 1e-12;
        less += x <= out.network + 1e-12;
    }
    out.permutations = permutations;
    out.expected = total / double(permutations);
    out.p_greater = double(greater) / double(permutations);
    out.p_less = double(less) / double(permutations);
    return out;
}

VertexScores ei_actor(const Network& net, const std::vector<std::string>& groups) {
    std::vector<double> external(net.size(), 0), internal(net.size(), 0);
    for_each_tie(net, [&](Vertex u, Vertex v) {
        auto& counter = groups[u] == groups[v] ? internal : external;
        counter[u] += 1;
        counter[v] += 1;
    });
    VertexScores out(net.size());
    for (std::size_t v = 0; v < net.size(); ++v) out[v] = ratio(external[v], internal[v]);
    return out;
}

VertexScores ei_actor_contacts(const Network& net, const std::vector<std::string>& groups) {
    std::vector<std::vector<Vertex>> contacts(net.size());
    for_each_tie(net, [&](Vertex u, Vertex v) {
        if (u == v) return;
        contacts[u].push_back(v);
        contacts[v].push_back(u);
    });
    VertexScores out(net.size());
    for (std::size_t u = 0; u < net.size(); ++u) {
        std::sort(contacts[u].begin(), contacts[u].end());
        contacts[u].erase(std::unique(contacts[u].begin(), contacts[u].end()), contacts[u].end());
        double external = 0, internal = 0;
        for (Vertex v : contacts[u]) (groups[u] == groups[v] ? internal : external) += 1;
        out[u] = ratio(external, internal);
    }
    return out;
}

}  // namespace staffnet
