#pragma once
// The graph model: people, typed ties, and the combined simple graph the metrics run on.
#include <boost/flyweight.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/iterator/iterator_facade.hpp>
#include <boost/range/iterator_range.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace staffnet {

using Vertex = std::uint32_t;
using VertexScores = std::vector<double>;  // one score per person, indexed by vertex

/// Text held once per process however many people share it (a role, a school), behind an 8-byte
/// handle (Boost.Flyweight): reads as a const std::string& and compares with strings; `.get()` for
/// the string's own members.
using Label = boost::flyweight<std::string>;

/// A person as read from people.csv. `attributes[k]` is the value of `Network::attribute_names[k]`.
/// 88 bytes, because a state holds a million of them.
struct Person {
    std::string id;
    Label name;
    Label role;    // district_team, school_leader, staff or other
    Label school;  // a school id; empty for the central office
    std::optional<bool> responded;  // took part in the mapping; unknown when the column is absent
    std::vector<std::string> attributes;

    /// The name, or the id when the name is blank.
    const std::string& display_name() const { return name.get().empty() ? id : name.get(); }
};

/// One tie as read: `type` indexes `NetworkOptions::types`, `wave` the reader's wave labels
/// (TieTable::waves, where 0 is blank). Positions are vertex indices. 24 bytes, because a state's
/// ties are millions of rows.
struct TieRow {
    Vertex source = 0;
    Vertex target = 0;
    std::uint32_t type = 0;
    std::uint32_t wave = 0;
    double weight = 1.0;
};

/// A tie type: its name, the factor its weights are multiplied by, and whether it counts as close.
struct TieType {
    std::string name;
    double weight = 1.0;
    bool close = false;
    std::string code;  // the letter used on meeting worksheets
};

enum class Combine { sum, max, min, mean, count, first };

/// How rows become one graph. Defaults: undirected, unweighted paths, duplicates of one type take the
/// largest weight, several types between a pair add up (each times its type weight).
struct NetworkOptions {
    bool directed = false;
    bool weighted = false;            // metrics use weights; strength always does
    bool weight_is_distance = false;  // weight is a length, not a tie strength
    Combine duplicates = Combine::max;
    Combine combine = Combine::sum;
    std::vector<TieType> types;
};

/// A tie of one type between one pair after duplicates are combined. In an undirected network
/// source < target.
struct Tie {
    Vertex source = 0;
    Vertex target = 0;
    std::size_t type = 0;
    double weight = 1.0;
};

/// The ties of a network, read like a vector of Tie but stored in 12 bytes a tie: the ends and type,
/// and the weights only once some tie's weight is not 1 (a state's network has millions of ties).
class TieList {
public:
    class iterator : public boost::iterator_facade<iterator, Tie, std::random_access_iterator_tag, Tie> {
    public:
        iterator() = default;
        iterator(const TieList* list, std::size_t i) : list_(list), i_(i) {}

    private:
        friend class boost::iterator_core_access;
        Tie dereference() const { return (*list_)[i_]; }
        bool equal(const iterator& other) const { return i_ == other.i_; }
        void increment() { ++i_; }
        void decrement() { --i_; }
        void advance(std::ptrdiff_t n) { i_ = std::size_t(std::ptrdiff_t(i_) + n); }
        std::ptrdiff_t distance_to(const iterator& other) const { return std::ptrdiff_t(other.i_) - std::ptrdiff_t(i_); }
        const TieList* list_ = nullptr;
        std::size_t i_ = 0;
    };

    std::size_t size() const { return ends_.size(); }
    bool empty() const { return ends_.empty(); }
    Tie operator[](std::size_t i) const {
        const Ends& e = ends_[i];
        return {e.source, e.target, e.type, weights_.empty() ? 1.0 : weights_[i]};
    }
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }
    void reserve(std::size_t n) { ends_.reserve(n); }
    void push_back(const Tie& tie) {
        if (tie.type > UINT32_MAX) throw std::length_error("too many tie types");
        const bool keep_weight = !weights_.empty() || tie.weight != 1.0;
        if (weights_.empty() && keep_weight) {
            weights_.reserve(ends_.capacity());
            weights_.assign(ends_.size(), 1.0);
        }
        ends_.push_back({tie.source, tie.target, std::uint32_t(tie.type)});
        if (keep_weight) weights_.push_back(tie.weight);
    }

private:
    struct Ends {
        Vertex source, target;
        std::uint32_t type;
    };
    std::vector<Ends> ends_;
    std::vector<double> weights_;  // empty while every weight is 1
};

/// Arcs in compressed sparse rows (out-arcs only): an undirected tie is stored as two arcs, one each
/// way, and every row is sorted by target. Weights are kept beside the graph (Network::weight).
using Graph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                 boost::no_property, Vertex, Vertex>;
using Arc = boost::graph_traits<Graph>::edge_descriptor;

/// The network: vertex i is people[i]. `ties` keeps each type apart (the multiplex view); `graph`
/// holds the combined simple graph, one arc per ordered pair. A directed network also keeps every
/// arc turned round in `reverse`, so arcs into a person are a row too; an undirected one needs no
/// second copy and leaves `reverse` empty.
struct Network {
    NetworkOptions options;
    std::vector<Person> people;
    std::vector<std::string> attribute_names;
    TieList ties;
    Graph graph;
    Graph reverse;
    std::vector<double> weights;          // combined strength of each arc of `graph` by edge index,
    std::vector<double> reverse_weights;  // and of `reverse`; both empty when every weight is 1

    std::size_t size() const { return people.size(); }
    bool directed() const { return options.directed; }
    bool weighted() const { return options.weighted; }
    /// Number of ties in the combined simple graph (arcs when directed, pairs when undirected).
    std::size_t tie_count() const;
    /// Length of an arc for path metrics: 1 unweighted, 1/strength weighted, or the weight itself.
    double length(double weight) const;
    /// Combined weight (strength, or length when weight_is_distance) of an arc of `graph`.
    double weight(Arc e) const { return weight_of(graph, weights, e); }
    std::size_t out_degree(Vertex v) const { return boost::out_degree(v, graph); }
    /// Arcs into v; equal to out_degree when undirected.
    std::size_t in_degree(Vertex v) const { return boost::out_degree(v, directed() ? reverse : graph); }
    /// Calls `visit(v, weight)` for each arc u -> v.
    template <typename Visit>
    void for_each_out(Vertex u, Visit&& visit) const {
        for (auto e : boost::make_iterator_range(boost::out_edges(u, graph))) visit(boost::target(e, graph), weight(e));
    }
    /// Calls `visit(v, weight)` for each arc v -> u (the arcs leaving u when undirected).
    template <typename Visit>
    void for_each_in(Vertex u, Visit&& visit) const {
        if (!directed()) return for_each_out(u, visit);
        for (auto e : boost::make_iterator_range(boost::out_edges(u, reverse)))
            visit(boost::target(e, reverse), weight_of(reverse, reverse_weights, e));
    }

private:
    static double weight_of(const Graph& g, const std::vector<double>& w, Arc e) {
        return w.empty() ? 1.0 : w[boost::get(boost::edge_index, g, e)];
    }
};

/// Builds the network. Rows of the same type between the same pair (either order when undirected)
/// combine by `options.duplicates`; types combine by `options.combine` after scaling by their weight.
/// Throws std::invalid_argument on a self-tie or a vertex out of range (io checks these first).
Network build_network(std::vector<Person> people, std::vector<std::string> attribute_names,
                      std::vector<TieRow> rows, NetworkOptions options);

/// The same people with only the ties of one type (a layer of a multiplex network).
Network layer(const Network& net, std::size_t type);

/// The same people with only the ties of the types where `keep[type]` is true.
Network layers(const Network& net, const std::vector<bool>& keep);

/// The same ties with direction dropped (a->b and b->a of one type become one tie, combined by
/// `options.duplicates`). Returns a copy of `net` when it is undirected already.
Network as_undirected(const Network& net);

/// The network among `members` only (ties with both ends inside), people renumbered in the order
/// given.
Network induced(const Network& net, const std::vector<Vertex>& members);

/// Neighbours of v ignoring direction, each once, ascending.
std::vector<Vertex> neighbours(const Network& net, Vertex v);

/// Combined weight between u and v ignoring direction (sum of both arcs when directed), 0 if none.
/// O(log degree).
double arc_weight(const Network& net, Vertex u, Vertex v);

}  // namespace staffnet
