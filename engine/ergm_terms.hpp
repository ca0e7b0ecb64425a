#pragma once
// Exponential random graph models: the dense graph the sampler toggles, the model terms with their
// statistics and change statistics, and the statnet-style formula parser.
#include "engine/network.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace staffnet {

/// A binary graph held as bit rows (out-neighbours, and in-neighbours when directed) with degree
/// counts: O(1) tie test and toggle, shared partners by popcount. n people take n²/4 bytes
/// (directed), so a few thousand people fit easily. Undirected ties are held both ways.
class DenseGraph {
public:
    DenseGraph() = default;
    DenseGraph(std::size_t n, bool directed);

    std::size_t size() const { return n_; }
    bool directed() const { return directed_; }
    /// The tie i -> j (i - j when undirected).
    bool has(Vertex i, Vertex j) const { return bit(out_, i, j); }
    /// Adds the tie when absent, removes it when present (both directions when undirected).
    void toggle(Vertex i, Vertex j);
    std::size_t out_degree(Vertex v) const { return out_deg_[v]; }
    std::size_t in_degree(Vertex v) const { return directed_ ? in_deg_[v] : out_deg_[v]; }
    /// Ties (arcs when directed, pairs when undirected).
    std::size_t tie_count() const { return ties_; }
    /// #{k : i -> k and k -> j}: the two-paths from i to j (shared partners when undirected).
    std::size_t two_paths(Vertex i, Vertex j) const { return and_count(out_row(i), in_row(j)); }
    /// #{k : i -> k and j -> k}: shared out-neighbours.
    std::size_t shared_out(Vertex i, Vertex j) const { return and_count(out_row(i), out_row(j)); }
    /// #{k : k -> i and k -> j}: shared in-neighbours.
    std::size_t shared_in(Vertex i, Vertex j) const { return and_count(in_row(i), in_row(j)); }
    /// Calls f(k) for each k with i -> k, ascending.
    template <typename F>
    void for_each_out(Vertex i, F&& f) const { each(out_row(i), f); }
    /// Calls f(k) for each k with k -> i, ascending.
    template <typename F>
    void for_each_in(Vertex i, F&& f) const { each(in_row(i), f); }
    /// Calls f(k) for each k with i -> k and j -> k (shared_out), ascending.
    template <typename F>
    void for_each_shared_out(Vertex i, Vertex j, F&& f) const { each_and(out_row(i), out_row(j), f); }
    /// Calls f(k) for each k with k -> i and k -> j (shared_in), ascending.
    template <typename F>
    void for_each_shared_in(Vertex i, Vertex j, F&& f) const { each_and(in_row(i), in_row(j), f); }
    bool operator==(const DenseGraph& other) const { return n_ == other.n_ && directed_ == other.directed_ && out_ == other.out_; }

private:
    const std::uint64_t* out_row(Vertex i) const { return out_.data() + std::size_t(i) * words_; }
    const std::uint64_t* in_row(Vertex i) const { return (directed_ ? in_ : out_).data() + std::size_t(i) * words_; }
    bool bit(const std::vector<std::uint64_t>& rows, Vertex i, Vertex j) const {
        return (rows[std::size_t(i) * words_ + j / 64] >> (j % 64)) & 1u;
    }
    static void flip(std::vector<std::uint64_t>& rows, std::size_t words, Vertex i, Vertex j) {
        rows[std::size_t(i) * words + j / 64] ^= std::uint64_t(1) << (j % 64);
    }
    std::size_t and_count(const std::uint64_t* a, const std::uint64_t* b) const { return and_popcount(a, b, words_); }
    /// Σ popcount(a[w] & b[w]): the sampler's innermost loop, compiled twice (with the POPCNT
    /// instruction and without) and chosen when the program loads (GCC target_clones).
    static std::size_t and_popcount(const std::uint64_t* a, const std::uint64_t* b, std::size_t words);
    template <typename F>
    void each(const std::uint64_t* a, F& f) const {
        for (std::size_t w = 0; w < words_; ++w)
            for (std::uint64_t x = a[w]; x; x &= x - 1) f(Vertex(w * 64 + std::size_t(__builtin_ctzll(x))));
    }
    template <typename F>
    void each_and(const std::uint64_t* a, const std::uint64_t* b, F& f) const {
        for (std::size_t w = 0; w < words_; ++w)
            for (std::uint64_t x = a[w] & b[w]; x; x &= x - 1) f(Vertex(w * 64 + std::size_t(__builtin_ctzll(x))));
    }

    std::size_t n_ = 0, words_ = 0, ties_ = 0;
    bool directed_ = false;
    std::vector<std::uint64_t> out_, in_;  // in_ empty when undirected
    std::vector<std::uint32_t> out_deg_, in_deg_;
};

/// The combined ties of `net` (any tie type, weight ignored) as a DenseGraph.
DenseGraph dense_graph(const Network& net);

/// One term of a model: a statistic g(y) of one or more numbers (nodefactor gives one per level).
class ErgmTerm {
public:
    virtual ~ErgmTerm() = default;
    /// The coefficient names, as statnet spells them ("nodematch.school").
    std::vector<std::string> names;
    /// True when the change of adding a tie does not depend on the other ties, so the MPLE is the MLE.
    bool dyad_independent = true;
    /// Adds to delta[0..names.size()) the change g(y + ij) - g(y) of adding the tie i -> j, which
    /// must be absent from g.
    virtual void add_change(const DenseGraph& g, Vertex i, Vertex j, double* delta) const = 0;
    /// Adds to out[0..names.size()) the statistic g(y), computed from its definition.
    virtual void add_statistic(const DenseGraph& g, double* out) const = 0;
};

/// A parsed model: its terms in formula order and the coefficient names of all of them.
struct ErgmModel {
    std::string formula;
    bool directed = false;
    std::size_t people = 0;
    std::vector<std::shared_ptr<const ErgmTerm>> terms;
    std::vector<std::string> names;  // every term's names, in order
    std::vector<std::string> labels;  // for each coefficient, the term as written ("gwesp(0.5, fixed=TRUE)")

    std::size_t size() const { return names.size(); }
    bool dyad_independent() const;
    /// g(y): every statistic, in the order of `names`.
    std::vector<double> statistics(const DenseGraph& g) const;
    /// The change of toggling i -> j: g(y with the tie) - g(y without it), negated when the tie is
    /// present (so it is the change the toggle makes). `g` is toggled and restored.
    void toggle_change(DenseGraph& g, Vertex i, Vertex j, double* delta) const;
};

/// Parses a statnet formula, for example "edges + mutual + nodematch(school) + gwesp(0.5,
/// fixed=TRUE) + edgecov(layer:social)", against `net` (its people's school, role and
/// attributes, its tie types and direction). A leading "y ~" is allowed and ignored. Arguments may
/// be quoted ("school") or not; TRUE/T/FALSE/F are logical; `fixed` alone means fixed=TRUE.
/// Throws InputError at `source`:1:column (1-based, the term's or argument's first character)
/// for an unknown term, a wrong argument, a missing or unsuitable attribute, or a term that needs
/// the other direction (mutual on an undirected network, gwdegree on a directed one).
///
/// Attributes: "school" and "role" (the Person fields) and every people.csv column. A categorical
/// value that is blank (the central office's school) is a level of its own named "NA"; levels
/// sort as numbers when every other value is a number, else as text (bytes), NA last. Numeric
/// terms (nodecov, absdiff, nodeicov, nodeocov) read numbers or ISO dates (as days) and reject
/// blanks. `edgecov(layer:TYPE)` is the 0/1 tie matrix of one tie type, named "edgecov.TYPE",
/// as statnet names edgecov("TYPE") of a network attribute.
ErgmModel parse_ergm_model(const std::string& formula, const Network& net, const std::string& source = "formula");

/// The terms the parser knows, for messages and `--help`.
const std::vector<std::string>& ergm_term_names();

}  // namespace staffnet
