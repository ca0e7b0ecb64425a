#include "engine/network.hpp"

#include <algorithm>
#include <map>
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

Graph make_graph(std::size_t n, const std::map<Pair, double>& combined, bool directed) {
    std::vector<std::pair<Vertex, Vertex>> arcs;
    std::vector<ArcProps> props;
    arcs.reserve(combined.size() * (directed ? 1 : 2));
    for (const auto& [pair, weight] : combined) {
        arcs.emplace_back(pair.source, pair.target);
        props.push_back({weight});
        if (!directed) {
            arcs.emplace_back(pair.target, pair.source);
            props.push_back({weight});
        }
    }
    // The CSR build is a stable counting sort by source, so sorting by (source, target) first
    // leaves each adjacency list sorted by target, which arc_weight relies on.
    std::vector<std::size_t> order(arcs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return arcs[a] < arcs[b]; });
    std::vector<std::pair<Vertex, Vertex>> sorted_arcs(arcs.size());
    std::vector<ArcProps> sorted_props(arcs.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        sorted_arcs[i] = arcs[order[i]];
        sorted_props[i] = props[order[i]];
    }
    return Graph(boost::edges_are_unsorted_multi_pass, sorted_arcs.begin(), sorted_arcs.end(), sorted_props.begin(),
                 static_cast<Vertex>(n));
}

Network assemble(std::vector<Person> people, std::vector<std::string> attribute_names, std::vector<Tie> ties,
                 NetworkOptions options) {
    std::map<Pair, double> combined;
    std::map<Pair, std::size_t> counts;
    for (const Tie& tie : ties) {
        const double scaled = tie.weight * options.types.at(tie.type).weight;
        const Pair key{tie.source, tie.target};
        auto [it, fresh] = combined.try_emplace(key, start(options.combine, scaled));
        std::size_t& count = counts[key];
        if (!fresh) it->second = fold(options.combine, it->second, scaled, count);
        ++count;
    }
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
    // (pair, type) -> combined weight; std::map keeps the result independent of row order.
    std::map<std::pair<Pair, std::size_t>, std::pair<double, std::size_t>> typed;
    for (const TieRow& row : rows) {
        if (row.source >= n || row.target >= n) throw std::invalid_argument("tie refers to a person out of range");
        if (row.source == row.target)
            throw std::invalid_argument("self-tie of '" + people[row.source].id + "'");
        if (row.type >= options.types.size()) throw std::invalid_argument("tie type out of range");
        Pair pair{row.source, row.target};
        if (!options.directed && pair.target < pair.source) std::swap(pair.source, pair.target);
        auto [it, fresh] = typed.try_emplace({pair, row.type}, start(options.duplicates, row.weight), 1);
        if (!fresh) {
            it->second.first = fold(options.duplicates, it->second.first, row.weight, it->second.second);
            ++it->second.second;
        }
    }
    std::vector<Tie> ties;
    ties.reserve(typed.size());
    for (const auto& [key, value] : typed)
        ties.push_back({key.first.source, key.first.target, key.second, value.first});
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
