#include "engine/network.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>

namespace staffnet {
namespace {

// Folds `value` into `acc`, which has already absorbed `count` values.
double fold(Combine rule, double acc, double value, std::size_t count) {
    switch (rule) {
        case Combine::sum: return acc + value;
        case Combine::max: return std::max(acc, value);
        case Combine::min: return std::min(acc, value);
        case Combine::mean: return acc + (value - acc) / double(count + 1);
        case Combine::count: return acc + 1.0;
        case Combine::first: return acc;
    }
    return acc;
}

double start(Combine rule, double value) { return rule == Combine::count ? 1.0 : value; }

struct Pair {
    Vertex source, target;
    auto operator<=>(const Pair&) const = default;
};

// One weighted arc; sorted by (source, target) these are the graph's compressed rows.
struct Arc {
    Vertex source, target;
    double weight;
};

// `combined` holds each pair once, sorted. Sorting (source, target) leaves each adjacency list sorted
// by target, which arc_weight relies on.
Graph make_graph(std::size_t n, const std::vector<std::pair<Pair, double>>& combined, bool directed) {
    std::vector<Arc> all;
    all.reserve(combined.size() * (directed ? 1 : 2));
    for (const auto& [pair, weight] : combined) {
        all.push_back({pair.source, pair.target, weight});
        if (!directed) all.push_back({pair.target, pair.source, weight});
    }
    if (!directed)
        std::sort(all.begin(), all.end(), [](const Arc& a, const Arc& b) {
            return a.source != b.source ? a.source < b.source : a.target < b.target;
        });
    std::vector<std::pair<Vertex, Vertex>> arcs(all.size());
    std::vector<ArcProps> props(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        arcs[i] = {all[i].source, all[i].target};
        props[i] = {all[i].weight};
    }
    std::vector<Arc>().swap(all);
    // The CSR build is a stable counting sort by source, so the rows keep this order.
    return Graph(boost::edges_are_unsorted_multi_pass, arcs.begin(), arcs.end(), props.begin(), static_cast<Vertex>(n));
}

Network assemble(std::vector<Person> people, std::vector<std::string> attribute_names, std::vector<Tie> ties,
                 NetworkOptions options) {
    // Each pair's ties folded in the order they come (which mean and first depend on).
    std::vector<std::uint32_t> order(ties.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = std::uint32_t(i);
    const auto pair_of = [&](std::uint32_t i) { return Pair{ties[i].source, ties[i].target}; };
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return pair_of(a) < pair_of(b); });
    std::vector<std::pair<Pair, double>> combined;
    for (std::size_t i = 0, count = 0; i < order.size(); ++i) {
        const Tie& tie = ties[order[i]];
        const double scaled = tie.weight * options.types.at(tie.type).weight;
        if (i == 0 || pair_of(order[i - 1]) != pair_of(order[i])) {
            combined.emplace_back(pair_of(order[i]), start(options.combine, scaled));
            count = 1;
        } else {
            combined.back().second = fold(options.combine, combined.back().second, scaled, count++);
        }
    }
    std::vector<std::uint32_t>().swap(order);
    Network net;
    net.graph = make_graph(people.size(), combined, options.directed);
    net.options = std::move(options);
    net.people = std::move(people);
    net.attribute_names = std::move(attribute_names);
    net.ties = std::move(ties);
    return net;
}

}  // namespace

std::size_t Network::tie_count() const {
    const std::size_t arcs = boost::num_edges(graph);
    return directed() ? arcs : arcs / 2;
}

double Network::length(double weight) const {
    if (!weighted()) return 1.0;
    return options.weight_is_distance ? weight : 1.0 / weight;
}

Network build_network(std::vector<Person> people, std::vector<std::string> attribute_names,
                      const std::vector<TieRow>& rows, NetworkOptions options) {
    const std::size_t n = people.size();
    // Rows sorted by (pair, type), then by position, so each (pair, type) folds its rows in file
    // order and the result does not depend on how the rows were ordered otherwise.
    struct Keyed {
        Pair pair;
        std::uint32_t type, row;
        auto operator<=>(const Keyed&) const = default;
    };
    if (rows.size() > std::numeric_limits<std::uint32_t>::max()) throw std::invalid_argument("too many ties");
    std::vector<Keyed> keyed;
    keyed.reserve(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const TieRow& row = rows[r];
        if (row.source >= n || row.target >= n) throw std::invalid_argument("tie refers to a person out of range");
        if (row.source == row.target)
            throw std::invalid_argument("self-tie of '" + people[row.source].id + "'");
        if (row.type >= options.types.size()) throw std::invalid_argument("tie type out of range");
        Pair pair{row.source, row.target};
        if (!options.directed && pair.target < pair.source) std::swap(pair.source, pair.target);
        keyed.push_back({pair, std::uint32_t(row.type), std::uint32_t(r)});
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<Tie> ties;
    for (std::size_t i = 0, count = 0; i < keyed.size(); ++i) {
        const Keyed& k = keyed[i];
        const double weight = rows[k.row].weight;
        if (i == 0 || keyed[i - 1].pair != k.pair || keyed[i - 1].type != k.type) {
            ties.push_back({k.pair.source, k.pair.target, k.type, start(options.duplicates, weight)});
            count = 1;
        } else {
            ties.back().weight = fold(options.duplicates, ties.back().weight, weight, count++);
        }
    }
    std::vector<Keyed>().swap(keyed);
    ties.shrink_to_fit();
    return assemble(std::move(people), std::move(attribute_names), std::move(ties), std::move(options));
}

Network layers(const Network& net, const std::vector<bool>& keep) {
    std::vector<Tie> ties;
    for (const Tie& tie : net.ties)
        if (tie.type < keep.size() && keep[tie.type]) ties.push_back(tie);
    return assemble(net.people, net.attribute_names, std::move(ties), net.options);
}

Network layer(const Network& net, std::size_t type) {
    std::vector<bool> keep(net.options.types.size(), false);
    keep.at(type) = true;
    return layers(net, keep);
}

Network as_undirected(const Network& net) {
    if (!net.directed()) return net;
    std::vector<TieRow> rows;
    rows.reserve(net.ties.size());
    for (const Tie& t : net.ties) rows.push_back({t.source, t.target, t.type, t.weight, ""});
    NetworkOptions options = net.options;
    options.directed = false;
    return build_network(net.people, net.attribute_names, rows, options);
}

Network induced(const Network& net, const std::vector<Vertex>& members) {
    std::vector<Vertex> position(net.size(), Vertex(members.size()));
    std::vector<Person> people;
    for (std::size_t i = 0; i < members.size(); ++i) {
        position[members[i]] = Vertex(i);
        people.push_back(net.people[members[i]]);
    }
    std::vector<TieRow> rows;
    for (const Tie& t : net.ties)
        if (position[t.source] < members.size() && position[t.target] < members.size())
            rows.push_back({position[t.source], position[t.target], t.type, t.weight, ""});
    return build_network(std::move(people), net.attribute_names, rows, net.options);
}

std::vector<Vertex> neighbours(const Network& net, Vertex v) {
    std::vector<Vertex> out;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, net.graph))) out.push_back(boost::target(e, net.graph));
    if (net.directed()) {
        for (auto e : boost::make_iterator_range(boost::in_edges(v, net.graph))) out.push_back(boost::source(e, net.graph));
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return out;
}

double arc_weight(const Network& net, Vertex u, Vertex v) {
    const auto find = [&](Vertex a, Vertex b) {
        auto [first, last] = boost::out_edges(a, net.graph);
        auto it = std::lower_bound(first, last, b,
                                   [&](const auto& e, Vertex t) { return boost::target(e, net.graph) < t; });
        return (it != last && boost::target(*it, net.graph) == b) ? net.graph[*it].weight : 0.0;
    };
    return net.directed() ? find(u, v) + find(v, u) : find(u, v);
}

}  // namespace staffnet
