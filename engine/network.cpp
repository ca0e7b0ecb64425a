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

// Calls `visit(pair, weight)` once per pair of `ties` (which are sorted by pair, then type), with the
// pair's ties scaled by their type weight and folded by `options.combine` in that order.
template <typename Visit>
void for_each_pair(const TieList& ties, const NetworkOptions& options, Visit&& visit) {
    const auto scaled = [&](const Tie& t) { return t.weight * options.types.at(t.type).weight; };
    for (std::size_t i = 0; i < ties.size();) {
        const Pair pair{ties[i].source, ties[i].target};
        double weight = start(options.combine, scaled(ties[i]));
        std::size_t j = i + 1;
        for (; j < ties.size() && ties[j].source == pair.source && ties[j].target == pair.target; ++j)
            weight = fold(options.combine, weight, scaled(ties[j]), j - i);
        visit(pair, weight);
        i = j;
    }
}

// Arcs as compressed rows before they become a Graph: row u is to[start[u]] .. to[start[u+1]-1].
struct Rows {
    std::vector<Vertex> start;
    std::vector<Vertex> to;
    std::vector<double> weight;  // empty when every weight is 1
};

// The arcs of the combined graph: each pair s -> t in row s (`forward`), in row t turned round
// (`backward`), or both (undirected). Pairs come sorted by (s, t) and are placed in that order, so
// every row comes out sorted: row v first receives the pairs (x, v) with x ascending, then, when the
// walk reaches source v, the pairs (v, t) with t ascending, and x < v < t when undirected.
Rows place(std::size_t n, const TieList& ties, const NetworkOptions& options, bool forward, bool backward) {
    Rows rows;
    rows.start.assign(n + 1, 0);
    bool unit = true;
    for_each_pair(ties, options, [&](Pair p, double weight) {
        if (forward) ++rows.start[p.source + 1];
        if (backward) ++rows.start[p.target + 1];
        unit = unit && weight == 1.0;
    });
    for (std::size_t v = 0; v < n; ++v) rows.start[v + 1] += rows.start[v];
    rows.to.resize(rows.start[n]);
    if (!unit) rows.weight.resize(rows.start[n]);
    std::vector<Vertex> next(rows.start.begin(), rows.start.end() - 1);
    const auto put = [&](Vertex from, Vertex to, double weight) {
        const Vertex slot = next[from]++;
        rows.to[slot] = to;
        if (!unit) rows.weight[slot] = weight;
    };
    for_each_pair(ties, options, [&](Pair p, double weight) {
        if (forward) put(p.source, p.target, weight);
        if (backward) put(p.target, p.source, weight);
    });
    return rows;
}

// Walks Rows as (source, target) pairs in order, for Boost's constructor from sorted edges.
class RowWalk {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = std::pair<Vertex, Vertex>;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = const value_type&;

    RowWalk(const Rows& rows, std::size_t k) : rows_(&rows), k_(k) { settle(); }
    reference operator*() const { return arc_; }
    pointer operator->() const { return &arc_; }
    RowWalk& operator++() {
        ++k_;
        settle();
        return *this;
    }
    bool operator==(const RowWalk& other) const { return k_ == other.k_; }

private:
    void settle() {
        if (k_ >= rows_->to.size()) return;
        while (rows_->start[arc_.first + 1] <= k_) ++arc_.first;
        arc_.second = rows_->to[k_];
    }
    const Rows* rows_;
    std::size_t k_;
    value_type arc_{0, 0};
};

// The Graph of `rows`; their weights move to `weights`.
Graph make_graph(std::size_t n, Rows rows, std::vector<double>& weights) {
    const std::size_t arcs = rows.to.size();
    Graph graph(boost::edges_are_sorted, RowWalk(rows, 0), RowWalk(rows, arcs), Vertex(n), Vertex(arcs));
    weights = std::move(rows.weight);
    return graph;
}

// `ties` are sorted by pair, then type (build_network sorts them; a filtered list stays sorted).
Network assemble(std::vector<Person> people, std::vector<std::string> attribute_names, TieList ties,
                 NetworkOptions options) {
    const std::size_t n = people.size();
    Network net;
    net.graph = make_graph(n, place(n, ties, options, true, !options.directed), net.weights);
    if (options.directed) net.reverse = make_graph(n, place(n, ties, options, false, true), net.reverse_weights);
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

Network build_network(std::vector<Person> people, std::vector<std::string> attribute_names, std::vector<TieRow> rows,
                      NetworkOptions options) {
    const std::size_t n = people.size();
    if (rows.size() > std::numeric_limits<std::uint32_t>::max()) throw std::invalid_argument("too many ties");
    for (const TieRow& row : rows) {
        if (row.source >= n || row.target >= n) throw std::invalid_argument("tie refers to a person out of range");
        if (row.source == row.target) throw std::invalid_argument("self-tie of '" + people[row.source].id + "'");
        if (row.type >= options.types.size()) throw std::invalid_argument("tie type out of range");
    }
    // Row numbers sorted by (pair, type, row), so each (pair, type) folds its rows in file order and
    // the result does not depend on how the rows were ordered otherwise. 4 bytes a row.
    const auto pair_of = [&](std::uint32_t r) {
        const TieRow& row = rows[r];
        return options.directed || row.source < row.target ? Pair{row.source, row.target} : Pair{row.target, row.source};
    };
    const auto same = [&](std::uint32_t a, std::uint32_t b) { return pair_of(a) == pair_of(b) && rows[a].type == rows[b].type; };
    std::vector<std::uint32_t> order(rows.size());
    for (std::size_t r = 0; r < order.size(); ++r) order[r] = std::uint32_t(r);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Pair pa = pair_of(a), pb = pair_of(b);
        if (pa != pb) return pa < pb;
        return rows[a].type != rows[b].type ? rows[a].type < rows[b].type : a < b;
    });
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < order.size(); ++i) distinct += i == 0 || !same(order[i - 1], order[i]);
    TieList ties;
    ties.reserve(distinct);
    for (std::size_t i = 0; i < order.size();) {  // each run of one (pair, type) is one tie
        const Pair pair = pair_of(order[i]);
        double weight = start(options.duplicates, rows[order[i]].weight);
        std::size_t j = i + 1;
        for (; j < order.size() && same(order[i], order[j]); ++j)
            weight = fold(options.duplicates, weight, rows[order[j]].weight, j - i);
        ties.push_back({pair.source, pair.target, rows[order[i]].type, weight});
        i = j;
    }
    std::vector<std::uint32_t>().swap(order);
    std::vector<TieRow>().swap(rows);
    return assemble(std::move(people), std::move(attribute_names), std::move(ties), std::move(options));
}

Network layers(const Network& net, const std::vector<bool>& keep) {
    TieList ties;
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
    for (const Tie& t : net.ties) rows.push_back({t.source, t.target, std::uint32_t(t.type), 0, t.weight});
    NetworkOptions options = net.options;
    options.directed = false;
    return build_network(net.people, net.attribute_names, std::move(rows), options);
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
            rows.push_back({position[t.source], position[t.target], std::uint32_t(t.type), 0, t.weight});
    return build_network(std::move(people), net.attribute_names, std::move(rows), net.options);
}

std::vector<Vertex> neighbours(const Network& net, Vertex v) {
    std::vector<Vertex> out;
    net.for_each_out(v, [&](Vertex u, double) { out.push_back(u); });
    if (net.directed()) {
        net.for_each_in(v, [&](Vertex u, double) { out.push_back(u); });
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
        return (it != last && boost::target(*it, net.graph) == b) ? net.weight(*it) : 0.0;
    };
    return net.directed() ? find(u, v) + find(v, u) : find(u, v);
}

}  // namespace staffnet
