#include "engine/ergm_terms.hpp"

#include "engine/dyads.hpp"
#include "io/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <map>
#include <optional>

namespace staffnet {

DenseGraph::DenseGraph(std::size_t n, bool directed)
    : n_(n), words_((n + 63) / 64), directed_(directed), out_(n * words_, 0), out_deg_(n, 0) {
    if (directed) {
        in_.assign(n * words_, 0);
        in_deg_.assign(n, 0);
    }
}

void DenseGraph::toggle(Vertex i, Vertex j) {
    const bool adding = !has(i, j);
    const auto step = [adding](std::uint32_t& d) { d = adding ? d + 1 : d - 1; };
    flip(out_, words_, i, j);
    step(out_deg_[i]);
    if (directed_) {
        flip(in_, words_, j, i);
        step(in_deg_[j]);
    } else {
        flip(out_, words_, j, i);
        step(out_deg_[j]);
    }
    ties_ = adding ? ties_ + 1 : ties_ - 1;
}

DenseGraph dense_graph(const Network& net) {
    DenseGraph g(net.size(), net.directed());
    for (Vertex u = 0; u < net.size(); ++u)
        net.for_each_out(u, [&](Vertex v, double) {
            if (u != v && !g.has(u, v)) g.toggle(u, v);
        });
    return g;
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
std::size_t DenseGraph::and_popcount(const std::uint64_t* a, const std::uint64_t* b, std::size_t words) {
    std::size_t c = 0;
    for (std::size_t w = 0; w < words; ++w) c += std::size_t(__builtin_popcountll(a[w] & b[w]));
    return c;
}

bool ErgmModel::dyad_independent() const {
    return std::all_of(terms.begin(), terms.end(), [](const auto& t) { return t->dyad_independent; });
}

std::vector<double> ErgmModel::statistics(const DenseGraph& g) const {
    std::vector<double> out(names.size(), 0.0);
    std::size_t k = 0;
    for (const auto& t : terms) {
        t->add_statistic(g, out.data() + k);
        k += t->names.size();
    }
    return out;
}

void ErgmModel::toggle_change(DenseGraph& g, Vertex i, Vertex j, double* delta) const {
    const bool present = g.has(i, j);
    if (present) g.toggle(i, j);
    std::fill(delta, delta + names.size(), 0.0);
    std::size_t k = 0;
    for (const auto& t : terms) {
        t->add_change(g, i, j, delta + k);
        k += t->names.size();
    }
    if (present) {
        g.toggle(i, j);
        for (std::size_t s = 0; s < names.size(); ++s) delta[s] = -delta[s];
    }
}

namespace {

// Calls f(i, j) for each tie: each arc when directed, each pair once (i < j) when not.
template <typename F>
void each_tie(const DenseGraph& g, F&& f) {
    for (Vertex i = 0; i < g.size(); ++i)
        g.for_each_out(i, [&](Vertex j) {
            if (g.directed() || i < j) f(i, j);
        });
}

double choose(double n, int k) {
    if (n < k) return 0;
    double c = 1;
    for (int m = 0; m < k; ++m) c = c * (n - m) / (m + 1);
    return c;
}

/// The geometric weights of gwesp, gwdsp and gwdegree (Hunter 2007): w(s) = e^α (1 - r^s) with
/// r = 1 - e^-α, so w(s + 1) - w(s) = r^s.
/// The powers r^s and weights w(s) for every count s a network of n people can give (at most n)
/// are tabulated once, so the sampler's inner loop does no transcendental arithmetic.
struct Geometric {
    double decay = 0.5;
    std::vector<double> powers;   // r^s for s = 0 .. n
    std::vector<double> weights;  // w(s) for s = 0 .. n
    Geometric(double decay_, std::size_t n) : decay(decay_) {
        const double r = 1 - std::exp(-decay);
        for (std::size_t s = 0; s <= n; ++s) {
            powers.push_back(std::pow(r, double(s)));
            weights.push_back(std::exp(decay) * (1 - powers.back()));
        }
    }
    double w(std::size_t s) const { return weights[s]; }
    double step(std::size_t s) const { return powers[s]; }
};

/// edges: the number of ties, Σ_{i<j} y_ij (undirected) or Σ_{i≠j} y_ij (directed). Change: 1.
struct Edges : ErgmTerm {
    void add_change(const DenseGraph&, Vertex, Vertex, double* d) const override { d[0] += 1; }
    void add_statistic(const DenseGraph& g, double* out) const override { out[0] += double(g.tie_count()); }
};

/// mutual (directed only): the mutual pairs, Σ_{i<j} y_ij y_ji. Change of adding i -> j: y_ji.
struct Mutual : ErgmTerm {
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override { d[0] += g.has(j, i); }
    void add_statistic(const DenseGraph& g, double* out) const override {
        each_tie(g, [&](Vertex i, Vertex j) { out[0] += i < j && g.has(j, i); });
    }
};

/// nodematch(attr): the ties whose two ends share the value, Σ y_ij [a_i = a_j]; with diff=TRUE
/// one statistic per level l, Σ y_ij [a_i = a_j = l]. Both directions alike. Change: the tie's own term.
struct NodeMatch : ErgmTerm {
    std::vector<int> level;  // per person
    bool diff = false;
    void add_change(const DenseGraph&, Vertex i, Vertex j, double* d) const override {
        if (level[i] == level[j]) d[diff ? level[i] : 0] += 1;
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        each_tie(g, [&](Vertex i, Vertex j) { add_change(g, i, j, out); });
    }
};

enum class Ends { both, in, out };

/// nodefactor(attr): for each level l but the first, Σ y_ij ([a_i = l] + [a_j = l]), the ties' ends
/// at level l (a person with degree d counts d times). nodeofactor counts senders only, Σ y_ij
/// [a_i = l], nodeifactor receivers only, Σ y_ij [a_j = l] (both directed only).
struct NodeFactor : ErgmTerm {
    std::vector<int> level;  // per person; level 0 is dropped, so statistic l-1 counts level l
    Ends ends = Ends::both;
    void add_change(const DenseGraph&, Vertex i, Vertex j, double* d) const override {
        if (ends != Ends::in && level[i] > 0) d[level[i] - 1] += 1;
        if (ends != Ends::out && level[j] > 0) d[level[j] - 1] += 1;
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        each_tie(g, [&](Vertex i, Vertex j) { add_change(g, i, j, out); });
    }
};

/// nodecov(attr): Σ y_ij (x_i + x_j); nodeocov Σ y_ij x_i; nodeicov Σ y_ij x_j (directed only).
/// absdiff(attr): Σ y_ij |x_i - x_j|.
struct NodeCov : ErgmTerm {
    std::vector<double> x;
    Ends ends = Ends::both;
    bool absdiff = false;
    void add_change(const DenseGraph&, Vertex i, Vertex j, double* d) const override {
        if (absdiff) d[0] += std::abs(x[i] - x[j]);
        else d[0] += (ends != Ends::in ? x[i] : 0.0) + (ends != Ends::out ? x[j] : 0.0);
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        each_tie(g, [&](Vertex i, Vertex j) { add_change(g, i, j, out); });
    }
};

/// edgecov(layer:TYPE): the ties that are also ties of type TYPE, Σ y_ij x_ij with x the 0/1 tie
/// matrix of that type. Change: x_ij.
struct EdgeCov : ErgmTerm {
    DenseGraph x;
    void add_change(const DenseGraph&, Vertex i, Vertex j, double* d) const override { d[0] += x.has(i, j); }
    void add_statistic(const DenseGraph& g, double* out) const override {
        each_tie(g, [&](Vertex i, Vertex j) { out[0] += x.has(i, j); });
    }
};

/// triangle. Undirected: the triangles, Σ_{i<j<k} y_ij y_jk y_ik; change of adding i-j: the
/// shared partners of i and j. Directed (as statnet: ttriple + ctriple): the transitive triples
/// #{(i,j,k): i->j, j->k, i->k} plus the cyclic triples #{i->j->k->i}/3; change of adding i -> j:
/// #{k: i->k, j->k} + #{k: k->i, k->j} + #{k: i->k->j} + #{k: j->k->i}.
struct Triangle : ErgmTerm {
    Triangle() { dyad_independent = false; }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        if (!g.directed()) {
            d[0] += double(g.two_paths(i, j));
            return;
        }
        d[0] += double(g.shared_out(i, j) + g.shared_in(i, j) + g.two_paths(i, j) + g.two_paths(j, i));
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        if (!g.directed()) {  // each triangle seen from its three ties
            double s = 0;
            each_tie(g, [&](Vertex i, Vertex j) { s += double(g.two_paths(i, j)); });
            out[0] += s / 3;
            return;
        }
        double transitive = 0, cyclic = 0;
        each_tie(g, [&](Vertex i, Vertex k) {
            transitive += double(g.two_paths(i, k));  // i -> j -> k closed by i -> k
            cyclic += double(g.two_paths(k, i));      // k -> j -> i closed by i -> k
        });
        out[0] += transitive + cyclic / 3;
    }
};

/// kstar(k) (undirected): Σ_i C(d_i, k), the k-stars; change of adding i-j: C(d_i, k-1) + C(d_j,
/// k-1). istar(k) (directed): Σ_i C(in_i, k), change C(in_j, k-1); ostar(k): Σ_i C(out_i, k),
/// change C(out_i, k-1). Degrees are before the tie is added.
struct KStar : ErgmTerm {
    int k = 2;
    Ends ends = Ends::both;
    KStar() { dyad_independent = false; }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        if (ends == Ends::both) d[0] += choose(double(g.out_degree(i)), k - 1) + choose(double(g.out_degree(j)), k - 1);
        else if (ends == Ends::in) d[0] += choose(double(g.in_degree(j)), k - 1);
        else d[0] += choose(double(g.out_degree(i)), k - 1);
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        for (Vertex v = 0; v < g.size(); ++v) out[0] += choose(double(ends == Ends::in ? g.in_degree(v) : g.out_degree(v)), k);
    }
};

/// twopath. Undirected: the paths i-k-j (i<j), Σ_k C(d_k, 2), change d_i + d_j. Directed: the
/// two-paths i->k->j with i ≠ j, Σ_k (in_k out_k - #{i: i->k->i}); change of adding i -> j:
/// in_i + out_j - 2 y_ji.
struct TwoPath : ErgmTerm {
    TwoPath() { dyad_independent = false; }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        if (!g.directed()) d[0] += double(g.out_degree(i) + g.out_degree(j));
        else d[0] += double(g.in_degree(i) + g.out_degree(j)) - 2.0 * g.has(j, i);
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        for (Vertex k = 0; k < g.size(); ++k) {
            if (!g.directed()) {
                out[0] += choose(double(g.out_degree(k)), 2);
                continue;
            }
            double back = 0;
            g.for_each_out(k, [&](Vertex i) { back += g.has(i, k); });
            out[0] += double(g.in_degree(k) * g.out_degree(k)) - back;
        }
    }
};

/// gwesp(α, fixed=TRUE): Σ over ties of w(esp_ij) (Geometric), where esp_ij is the number of
/// shared partners #{k: y_ik y_jk} (undirected), or of outgoing two-paths #{k: i->k->j} for the
/// tie i -> j (directed, statnet's default type OTP). Change of adding i-j (undirected): w(esp_ij)
/// + Σ_{k shared} (r^esp_ik + r^esp_jk); adding i -> j (directed): w(tp_ij) + Σ_{k: i->k, j->k}
/// r^tp_ik + Σ_{k: k->i, k->j} r^tp_kj.
struct Gwesp : ErgmTerm {
    Geometric weight;
    explicit Gwesp(Geometric w) : weight(std::move(w)) { dyad_independent = false; }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        double c = weight.w(g.two_paths(i, j));
        if (!g.directed()) {
            g.for_each_shared_out(i, j, [&](Vertex k) {
                c += weight.step(g.two_paths(i, k)) + weight.step(g.two_paths(j, k));
            });
        } else {
            g.for_each_shared_out(i, j, [&](Vertex k) { c += weight.step(g.two_paths(i, k)); });
            g.for_each_shared_in(i, j, [&](Vertex k) { c += weight.step(g.two_paths(k, j)); });
        }
        d[0] += c;
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        each_tie(g, [&](Vertex i, Vertex j) { out[0] += weight.w(g.two_paths(i, j)); });
    }
};

/// gwdsp(α, fixed=TRUE): Σ over pairs i<j (undirected) or ordered pairs i≠j (directed, OTP) of
/// w(dsp_ij), tied or not, with dsp as esp above. Change of adding i-j (undirected): Σ_{k: j-k, k≠i}
/// r^dsp_ik + Σ_{k: i-k, k≠j} r^dsp_jk; adding i -> j (directed): Σ_{k: j->k, k≠i} r^tp_ik +
/// Σ_{k: k->i, k≠j} r^tp_kj.
struct Gwdsp : ErgmTerm {
    Geometric weight;
    explicit Gwdsp(Geometric w) : weight(std::move(w)) { dyad_independent = false; }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        double c = 0;
        if (!g.directed()) {
            g.for_each_out(j, [&](Vertex k) { c += k == i ? 0.0 : weight.step(g.two_paths(i, k)); });
            g.for_each_out(i, [&](Vertex k) { c += k == j ? 0.0 : weight.step(g.two_paths(j, k)); });
        } else {
            g.for_each_out(j, [&](Vertex k) { c += k == i ? 0.0 : weight.step(g.two_paths(i, k)); });
            g.for_each_in(i, [&](Vertex k) { c += k == j ? 0.0 : weight.step(g.two_paths(k, j)); });
        }
        d[0] += c;
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        for (Vertex i = 0; i < g.size(); ++i)
            for (Vertex j = g.directed() ? 0 : i + 1; j < g.size(); ++j)
                if (i != j) out[0] += weight.w(g.two_paths(i, j));
    }
};

/// gwdegree(α, fixed=TRUE) (undirected): Σ_i w(d_i); change of adding i-j: r^d_i + r^d_j.
/// gwidegree (directed): Σ_i w(in_i), change r^in_j; gwodegree: Σ_i w(out_i), change r^out_i.
struct GwDegree : ErgmTerm {
    Geometric weight;
    Ends ends = Ends::both;
    explicit GwDegree(Geometric w) : weight(std::move(w)) { dyad_independent = false; }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        if (ends == Ends::both) d[0] += weight.step(g.out_degree(i)) + weight.step(g.out_degree(j));
        else if (ends == Ends::in) d[0] += weight.step(g.in_degree(j));
        else d[0] += weight.step(g.out_degree(i));
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        for (Vertex v = 0; v < g.size(); ++v) out[0] += weight.w(ends == Ends::in ? g.in_degree(v) : g.out_degree(v));
    }
};

/// isolates: the people with no tie either way, #{i: d_i = 0} (directed: in_i + out_i = 0).
/// Change of adding i -> j: -[i isolated] - [j isolated].
struct Isolates : ErgmTerm {
    Isolates() { dyad_independent = false; }
    static bool isolated(const DenseGraph& g, Vertex v) {
        return g.out_degree(v) == 0 && (!g.directed() || g.in_degree(v) == 0);
    }
    void add_change(const DenseGraph& g, Vertex i, Vertex j, double* d) const override {
        d[0] -= double(isolated(g, i)) + double(isolated(g, j));
    }
    void add_statistic(const DenseGraph& g, double* out) const override {
        for (Vertex v = 0; v < g.size(); ++v) out[0] += isolated(g, v);
    }
};

// ---- the formula parser ----

struct Token {
    enum Kind { identifier, number, text, open, close, comma, equals, plus, colon, tilde, end } kind;
    std::string value;
    int column = 0;  // 1-based
};

struct Argument {
    std::string name;  // "" when positional
    std::string value;
    Token::Kind kind = Token::identifier;  // identifier (also a:b), number or text
    int column = 0;       // of the value
    int name_column = 0;  // of the name, or of the value when positional
};

struct Call {
    std::string name;
    int column = 0;
    std::vector<Argument> arguments;
    std::string written;  // the term as written, spaces as given
};

class Parser {
public:
    Parser(const std::string& formula, std::string source) : formula_(formula), source_(std::move(source)) { tokenize(); }

    [[noreturn]] void fail(int column, std::string message, std::string fix) const {
        throw InputError(Diagnostic{source_, 1, column, std::move(message), std::move(fix)});
    }

    std::vector<Call> calls() {
        if (tokens_.size() > 2 && tokens_[0].kind == Token::identifier && tokens_[1].kind == Token::tilde) pos_ = 2;
        else if (!tokens_.empty() && tokens_[0].kind == Token::tilde) pos_ = 1;
        std::vector<Call> out;
        if (peek().kind == Token::end) fail(1, "empty model", "write terms joined by +, for example edges + mutual");
        while (true) {
            out.push_back(call());
            if (peek().kind == Token::end) break;
            if (peek().kind != Token::plus)
                fail(peek().column, "expected '+' or the end, found " + describe(peek()), "join terms with +");
            ++pos_;
        }
        return out;
    }

private:
    const Token& peek() const { return tokens_[pos_]; }
    static std::string describe(const Token& t) { return t.kind == Token::end ? "the end" : "'" + t.value + "'"; }

    Call call() {
        const Token& name = peek();
        if (name.kind != Token::identifier) fail(name.column, "expected a term, found " + describe(name), "write a term name such as edges");
        Call c{name.value, name.column, {}, ""};
        ++pos_;
        std::size_t last = std::size_t(name.column - 1) + name.value.size();
        if (peek().kind == Token::open) {
            ++pos_;
            if (peek().kind != Token::close) {
                while (true) {
                    c.arguments.push_back(argument());
                    if (peek().kind == Token::comma) {
                        ++pos_;
                        continue;
                    }
                    if (peek().kind != Token::close)
                        fail(peek().column, "expected ',' or ')' in " + c.name + "(...), found " + describe(peek()), "close the arguments with )");
                    break;
                }
            }
            last = std::size_t(peek().column);  // the ')'
            ++pos_;
        }
        c.written = formula_.substr(std::size_t(c.column - 1), last - std::size_t(c.column - 1));
        return c;
    }

    Argument argument() {
        Argument a;
        a.name_column = peek().column;
        if (peek().kind == Token::identifier && tokens_[pos_ + 1].kind == Token::equals) {
            a.name = peek().value;
            pos_ += 2;
        }
        const Token& v = peek();
        a.column = v.column;
        if (v.kind != Token::identifier && v.kind != Token::number && v.kind != Token::text)
            fail(v.column, "expected an argument, found " + describe(v), "write a number, a name or TRUE/FALSE");
        a.kind = v.kind;
        a.value = v.value;
        ++pos_;
        if (v.kind == Token::identifier && peek().kind == Token::colon) {  // layer:social
            ++pos_;
            if (peek().kind != Token::identifier) fail(peek().column, "expected a name after ':', found " + describe(peek()), "write layer:TYPE");
            a.value += ":" + peek().value;
            ++pos_;
        }
        return a;
    }

    void tokenize() {
        const std::string& s = formula_;
        std::size_t i = 0;
        const auto word = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.'; };
        while (i < s.size()) {
            const char ch = s[i];
            const int column = int(i) + 1;
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
                ++i;
                continue;
            }
            const bool digit_next = i + 1 < s.size() && (std::isdigit(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '.');
            if (std::isdigit(static_cast<unsigned char>(ch)) || ((ch == '-' || ch == '.') && digit_next)) {
                std::size_t j = i + 1;
                while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
                                        ((s[j] == 'e' || s[j] == 'E') && j + 1 < s.size()) ||
                                        ((s[j] == '-' || s[j] == '+') && (s[j - 1] == 'e' || s[j - 1] == 'E'))))
                    ++j;
                tokens_.push_back({Token::number, s.substr(i, j - i), column});
                i = j;
            } else if (word(ch)) {
                std::size_t j = i;
                while (j < s.size() && word(s[j])) ++j;
                tokens_.push_back({Token::identifier, s.substr(i, j - i), column});
                i = j;
            } else if (ch == '"' || ch == '\'') {
                const std::size_t j = s.find(ch, i + 1);
                if (j == std::string::npos) fail(column, "unterminated string", std::string("close it with ") + ch);
                tokens_.push_back({Token::text, s.substr(i + 1, j - i - 1), column});
                i = j + 1;
            } else {
                static const std::string symbols = "(),=+:~";
                const auto k = symbols.find(ch);
                if (k == std::string::npos)
                    fail(column, "unexpected character '" + printable(std::string(1, ch)) + "'",
                         "a model is terms joined by +, for example edges + nodematch(school)");
                static const Token::Kind kinds[] = {Token::open, Token::close, Token::comma, Token::equals,
                                                    Token::plus, Token::colon, Token::tilde};
                tokens_.push_back({kinds[k], std::string(1, ch), column});
                ++i;
            }
        }
        tokens_.push_back({Token::end, "", int(s.size()) + 1});
    }

    const std::string& formula_;
    std::string source_;
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
};

// How a number prints in a coefficient name, as R prints it: 0.5, 0.25, 1, 2.
std::string r_number(double x) { return fmt::format("{:g}", x); }

struct Builder {
    const Network& net;
    const Parser& parser;
    const Call& call;

    // The arguments bound to the parameter names in order (R's matching: named first, then positional).
    std::map<std::string, Argument> bind(const std::vector<std::string>& params) const {
        std::map<std::string, Argument> bound;
        std::size_t next = 0;
        for (Argument a : call.arguments) {
            if (a.name.empty() && a.kind == Token::identifier && a.value == "fixed" &&
                std::find(params.begin(), params.end(), "fixed") != params.end())
                a = {"fixed", "TRUE", Token::identifier, a.column, a.column};  // gwesp(0.5, fixed)
            if (a.name.empty()) {
                while (next < params.size() && bound.count(params[next])) ++next;
                if (next == params.size())
                    parser.fail(a.column, fmt::format("{} takes {} argument{}", call.name, params.empty() ? "no" : std::to_string(params.size()),
                                                      params.size() == 1 ? "" : "s"),
                                usage());
                bound[params[next++]] = a;
                continue;
            }
            if (std::find(params.begin(), params.end(), a.name) == params.end())
                parser.fail(a.name_column, "unknown argument '" + a.name + "' to " + call.name + did_you_mean(a.name, params), usage());
            if (bound.count(a.name)) parser.fail(a.name_column, "argument '" + a.name + "' given twice", usage());
            bound[a.name] = a;
        }
        return bound;
    }

    std::string usage() const {
        static const std::map<std::string, std::string> forms = {
            {"nodematch", "nodematch(school) or nodematch(school, diff=TRUE)"},
            {"nodefactor", "nodefactor(role)"},
            {"nodeifactor", "nodeifactor(role)"},
            {"nodeofactor", "nodeofactor(role)"},
            {"nodecov", "nodecov(age)"},
            {"nodeicov", "nodeicov(age)"},
            {"nodeocov", "nodeocov(age)"},
            {"absdiff", "absdiff(age)"},
            {"edgecov", "edgecov(layer:social)"},
            {"kstar", "kstar(2)"},
            {"istar", "istar(2)"},
            {"ostar", "ostar(2)"},
            {"gwesp", "gwesp(0.5, fixed=TRUE)"},
            {"gwdsp", "gwdsp(0.5, fixed=TRUE)"},
            {"gwdegree", "gwdegree(0.5, fixed=TRUE)"},
            {"gwidegree", "gwidegree(0.5, fixed=TRUE)"},
            {"gwodegree", "gwodegree(0.5, fixed=TRUE)"},
        };
        const auto f = forms.find(call.name);
        return f == forms.end() ? "write " + call.name + " without arguments" : "write it as " + f->second;
    }

    const Argument& required(const std::map<std::string, Argument>& bound, const std::string& param, const std::string& what) const {
        const auto a = bound.find(param);
        if (a == bound.end()) parser.fail(call.column, call.name + " needs " + what, usage());
        return a->second;
    }

    bool logical(const Argument& a) const {
        if (a.value == "TRUE" || a.value == "T") return true;
        if (a.value == "FALSE" || a.value == "F") return false;
        parser.fail(a.column, "'" + a.name + "' must be TRUE or FALSE, not '" + a.value + "'", usage());
    }

    double number(const Argument& a, const std::string& what) const {
        const auto x = a.kind == Token::number ? numeric_value(a.value) : std::nullopt;
        if (!x) parser.fail(a.column, what + " must be a number, not '" + a.value + "'", usage());
        return *x;
    }

    void need_direction(bool directed) const {
        if (net.directed() == directed) return;
        static const std::map<std::string, std::string> cures = {
            {"mutual", "an undirected network has no one-way ties; drop mutual"},
            {"gwdegree", "use gwidegree or gwodegree"},
            {"kstar", "use istar or ostar"},
            {"gwidegree", "use gwdegree"},
            {"gwodegree", "use gwdegree"},
            {"istar", "use kstar"},
            {"ostar", "use kstar"},
            {"nodeifactor", "use nodefactor"},
            {"nodeofactor", "use nodefactor"},
            {"nodeicov", "use nodecov"},
            {"nodeocov", "use nodecov"},
        };
        const auto c = cures.find(call.name);
        parser.fail(call.column, call.name + " needs " + (directed ? "a directed" : "an undirected") + " network",
                    c == cures.end() ? "" : c->second);
    }

    // The values of an attribute, one per person, or an error at the argument.
    std::vector<std::string> attribute(const Argument& a) const {
        std::vector<std::string> values(net.size());
        if (a.value == "school" || a.value == "role") {
            for (std::size_t v = 0; v < net.size(); ++v) values[v] = a.value == "school" ? net.people[v].school.get() : net.people[v].role.get();
            return values;
        }
        const auto k = std::find(net.attribute_names.begin(), net.attribute_names.end(), a.value);
        if (k == net.attribute_names.end()) {
            std::vector<std::string> all = {"school", "role"};
            all.insert(all.end(), net.attribute_names.begin(), net.attribute_names.end());
            std::string list;
            for (const std::string& s : all) list += (list.empty() ? "" : ", ") + s;
            parser.fail(a.column, "no attribute named '" + a.value + "'" + did_you_mean(a.value, all), "use one of " + list);
        }
        const std::size_t col = std::size_t(k - net.attribute_names.begin());
        for (std::size_t v = 0; v < net.size(); ++v) values[v] = col < net.people[v].attributes.size() ? net.people[v].attributes[col] : "";
        return values;
    }

    // Each person's level index, and the level names in statnet's order (sorted; numbers as numbers; NA last).
    std::pair<std::vector<int>, std::vector<std::string>> levels(const Argument& a) const {
        std::vector<std::string> values = attribute(a);
        for (std::string& s : values)
            if (s.empty()) s = "NA";
        std::vector<std::string> names = values;
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        const bool numeric = std::all_of(names.begin(), names.end(), [](const std::string& s) { return s == "NA" || numeric_value(s); });
        std::stable_sort(names.begin(), names.end(), [&](const std::string& x, const std::string& y) {
            if ((x == "NA") != (y == "NA")) return y == "NA";
            if (numeric && x != "NA" && y != "NA") return *numeric_value(x) < *numeric_value(y);
            return false;
        });
        std::vector<int> level(values.size());
        for (std::size_t v = 0; v < values.size(); ++v) level[v] = int(std::find(names.begin(), names.end(), values[v]) - names.begin());
        return {level, names};
    }

    std::vector<double> numbers(const Argument& a) const {
        const std::vector<std::string> values = attribute(a);
        std::vector<double> x(values.size());
        std::size_t bad = 0;
        std::string first;
        for (std::size_t v = 0; v < values.size(); ++v) {
            const auto value = numeric_value(values[v]);
            if (!value && bad++ == 0) first = net.people[v].id;
            x[v] = value.value_or(0.0);
        }
        if (bad > 0)
            parser.fail(a.column, fmt::format("attribute '{}' is blank or not a number for {} of {} people (first: '{}')", a.value, bad, values.size(), first),
                        "use a column of numbers or ISO dates, or nodefactor/nodematch for categories");
        return x;
    }

    Geometric decay(const std::map<std::string, Argument>& bound) const {
        const Argument& d = required(bound, "decay", "a decay, the first argument");
        const double alpha = number(d, "the decay");
        if (alpha < 0) parser.fail(d.column, "the decay must be 0 or more, not '" + d.value + "'", usage());
        const auto f = bound.find("fixed");
        if (f == bound.end() || !logical(f->second))
            parser.fail(f == bound.end() ? call.column : f->second.column,
                        call.name + " with a decay to estimate (curved ERGM) is not supported",
                        "fix the decay: " + call.name + "(" + d.value + ", fixed=TRUE)");
        return Geometric(alpha, net.size());
    }

    int star(const std::map<std::string, Argument>& bound) const {
        const Argument& k = required(bound, "k", "the number of ties in the star");
        const double x = number(k, "k");
        if (x < 1 || x != std::floor(x) || x > 1000) parser.fail(k.column, "k must be a whole number from 1, not '" + k.value + "'", usage());
        return int(x);
    }

    std::shared_ptr<ErgmTerm> build() const {
        const std::string& t = call.name;
        if (t == "edges" || t == "mutual" || t == "triangle" || t == "twopath" || t == "isolates") {
            bind({});
            if (t == "edges") return std::make_shared<Edges>();
            if (t == "mutual") {
                need_direction(true);
                return std::make_shared<Mutual>();
            }
            if (t == "triangle") return std::make_shared<Triangle>();
            if (t == "twopath") return std::make_shared<TwoPath>();
            return std::make_shared<Isolates>();
        }
        if (t == "nodematch") {
            const auto b = bind({"attr", "diff"});
            const Argument& a = required(b, "attr", "an attribute");
            auto term = std::make_shared<NodeMatch>();
            std::vector<std::string> names;
            std::tie(term->level, names) = levels(a);
            term->diff = b.count("diff") && logical(b.at("diff"));
            if (!term->diff) term->names = {"nodematch." + a.value};
            else
                for (const std::string& l : names) term->names.push_back("nodematch." + a.value + "." + l);
            return term;
        }
        if (t == "nodefactor" || t == "nodeifactor" || t == "nodeofactor") {
            if (t != "nodefactor") need_direction(true);
            const auto b = bind({"attr"});
            const Argument& a = required(b, "attr", "an attribute");
            auto term = std::make_shared<NodeFactor>();
            std::vector<std::string> names;
            std::tie(term->level, names) = levels(a);
            if (names.size() < 2) parser.fail(a.column, "attribute '" + a.value + "' has only one value", "drop the term or use another attribute");
            term->ends = t == "nodefactor" ? Ends::both : t == "nodeifactor" ? Ends::in : Ends::out;
            for (std::size_t l = 1; l < names.size(); ++l) term->names.push_back(t + "." + a.value + "." + names[l]);
            return term;
        }
        if (t == "nodecov" || t == "nodeicov" || t == "nodeocov" || t == "absdiff") {
            if (t == "nodeicov" || t == "nodeocov") need_direction(true);
            const auto b = bind({"attr"});
            const Argument& a = required(b, "attr", "an attribute");
            auto term = std::make_shared<NodeCov>();
            term->x = numbers(a);
            term->ends = t == "nodeicov" ? Ends::in : t == "nodeocov" ? Ends::out : Ends::both;
            term->absdiff = t == "absdiff";
            term->names = {t + "." + a.value};
            return term;
        }
        if (t == "edgecov") {
            const auto b = bind({"x"});
            const Argument& a = required(b, "x", "a tie type, as layer:TYPE");
            const std::string type = a.value.rfind("layer:", 0) == 0 ? a.value.substr(6) : a.value;
            std::vector<std::string> types;
            for (std::size_t k = 0; k < net.options.types.size(); ++k) {
                types.push_back(net.options.types[k].name);
                if (types.back() != type) continue;
                auto term = std::make_shared<EdgeCov>();
                term->x = dense_graph(layer(net, k));
                term->names = {"edgecov." + type};
                return term;
            }
            std::string list;
            for (const std::string& s : types) list += (list.empty() ? "layer:" : ", layer:") + s;
            parser.fail(a.column, "no tie type named '" + type + "'" + did_you_mean(type, types), "use one of " + list);
        }
        if (t == "kstar" || t == "istar" || t == "ostar") {
            need_direction(t != "kstar");
            auto term = std::make_shared<KStar>();
            term->k = star(bind({"k"}));
            term->ends = t == "kstar" ? Ends::both : t == "istar" ? Ends::in : Ends::out;
            term->names = {t + std::to_string(term->k)};
            return term;
        }
        if (t == "gwesp" || t == "gwdsp" || t == "gwdegree" || t == "gwidegree" || t == "gwodegree") {
            if (t == "gwdegree") need_direction(false);
            if (t == "gwidegree" || t == "gwodegree") need_direction(true);
            const Geometric w = decay(bind({"decay", "fixed"}));
            const std::string suffix = ".fixed." + r_number(w.decay);
            if (t == "gwesp" || t == "gwdsp") {
                std::shared_ptr<ErgmTerm> term;
                if (t == "gwesp") term = std::make_shared<Gwesp>(w);
                else term = std::make_shared<Gwdsp>(w);
                term->names = {t + suffix};
                return term;
            }
            auto term = std::make_shared<GwDegree>(w);
            term->ends = t == "gwdegree" ? Ends::both : t == "gwidegree" ? Ends::in : Ends::out;
            term->names = {(t == "gwdegree" ? "gwdeg" : t == "gwidegree" ? "gwideg" : "gwodeg") + suffix};
            return term;
        }
        std::string list;
        for (const std::string& s : ergm_term_names()) list += (list.empty() ? "" : ", ") + s;
        parser.fail(call.column, "unknown term '" + t + "'" + did_you_mean(t, ergm_term_names()), "use one of " + list);
    }
};

}  // namespace

const std::vector<std::string>& ergm_term_names() {
    static const std::vector<std::string> names = {
        "edges",   "mutual",  "nodematch", "nodefactor", "nodecov", "absdiff", "nodeifactor", "nodeofactor",
        "nodeicov", "nodeocov", "edgecov", "triangle",  "kstar",   "istar",   "ostar",       "twopath",
        "gwesp",   "gwdsp",   "gwdegree",  "gwidegree",  "gwodegree", "isolates"};
    return names;
}

ErgmModel parse_ergm_model(const std::string& formula, const Network& net, const std::string& source) {
    Parser parser(formula, source);
    ErgmModel model;
    model.formula = formula;
    model.directed = net.directed();
    model.people = net.size();
    for (const Call& call : parser.calls()) {
        std::shared_ptr<ErgmTerm> term = Builder{net, parser, call}.build();
        if (term->names.empty()) term->names = {call.name};
        for (const std::string& name : term->names) {
            if (std::find(model.names.begin(), model.names.end(), name) != model.names.end())
                parser.fail(call.column, "term '" + name + "' appears twice", "drop one of them");
            model.names.push_back(name);
            model.labels.push_back(call.written);
        }
        model.terms.push_back(std::move(term));
    }
    return model;
}

}  // namespace staffnet
