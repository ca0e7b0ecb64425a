#include "engine/centrality.hpp"

#include <omp.h>

#include <atomic>

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

namespace staffnet {
namespace {

// Sources are split into this many blocks whatever the thread count; each block sums into its own
// vector and the blocks are added in order, so results are byte-identical on 1 or 64 threads.
constexpr std::size_t kBlocks = 32;

// Counts finished searches across threads and reports them from thread 0 only.
struct SearchCounter {
    const ProgressFn& progress;
    std::size_t total;
    std::atomic<std::size_t> done{0};
    void one_more() {
        const std::size_t d = ++done;
        if (progress && omp_get_thread_num() == 0) progress(d, total);
    }
};

// Runs `visit(i, paths, acc)` for every source i (an index into sources.vertices); acc is a
// per-block vector of width * n zeros. Returns the block sums added in block order.
template <typename Visit>
VertexScores sweep_sources(const Arcs& arcs, const PathSources& sources, std::size_t width, bool count_paths,
                           const ProgressFn& progress, Visit&& visit) {
    const std::size_t n = arcs.size(), count = sources.vertices.size();
    const std::size_t blocks = std::min(kBlocks, std::max<std::size_t>(1, count));
    std::vector<VertexScores> partial(blocks);
    SearchCounter counter{progress, count};
#pragma omp parallel
    {
        ShortestPaths paths;
#pragma omp for schedule(dynamic, 1)
        for (std::size_t b = 0; b < blocks; ++b) {
            VertexScores acc(width * n, 0.0);
            const std::size_t first = count * b / blocks, last = count * (b + 1) / blocks;
            for (std::size_t i = first; i < last; ++i) {
                shortest_paths(arcs, sources.vertices[i], paths, count_paths);
                visit(i, paths, acc);
                counter.one_more();
            }
            partial[b] = std::move(acc);
        }
    }
    VertexScores total(width * n, 0.0);
    for (const VertexScores& acc : partial)
        for (std::size_t v = 0; v < total.size(); ++v) total[v] += acc[v];
    return total;
}

// Per-source scores that only write their own entry need no blocks: each source owns one slot.
template <typename Score>
VertexScores per_source(const Network& net, Direction direction, const ProgressFn& progress, Score&& score) {
    const std::size_t n = net.size();
    const Arcs along = arcs(net, direction);
    VertexScores out(n, 0.0);
    SearchCounter counter{progress, n};
#pragma omp parallel
    {
        ShortestPaths paths;
#pragma omp for schedule(dynamic, 16)
        for (std::size_t s = 0; s < n; ++s) {
            shortest_paths(along, static_cast<Vertex>(s), paths, false);
            out[s] = score(paths);
            counter.one_more();
        }
    }
    return out;
}

Direction opposite(Direction d) { return d == Direction::in ? Direction::out : Direction::in; }

// Sampled closeness and harmonic: searching from each source s in the opposite direction gives
// d(s, v) for every v the measure is about. Returns, per v, the weighted count of sources (other
// than v) that reach it, the weighted sum of their distances and of their inverses (3n values).
VertexScores sampled_distance_sums(const Network& net, const PathSources& sources, const ClosenessOptions& options) {
    const std::size_t n = net.size();
    return sweep_sources(arcs(net, opposite(options.direction)), sources, 3, false, options.progress,
                         [&](std::size_t i, const ShortestPaths& p, VertexScores& acc) {
                             const double w = sources.weight[i];
                             for (Vertex v : p.order) {
                                 if (p.dist[v] <= 0.0) continue;
                                 acc[v] += w;
                                 acc[n + v] += w * p.dist[v];
                                 acc[2 * n + v] += w / p.dist[v];
                             }
                         });
}


// Brandes' dependency accumulation for one search from s: adds weight × δ_s(w) to acc[w] for
// every w other than s. Predecessors are found again by walking arcs backwards (`in`) rather than
// stored, which halves memory and keeps NetworkX's exact length comparison. `delta` is the
// thread's scratch, all zero between calls.
void accumulate_dependencies(const Arcs& in, const ShortestPaths& p, Vertex s, double weight, VertexScores& delta,
                             double* acc) {
    if (delta.size() != in.size()) delta.assign(in.size(), 0.0);
    const bool unweighted = in.length.empty();
    for (auto it = p.order.rbegin(); it != p.order.rend(); ++it) {
        const Vertex w = *it;
        const double share = (1.0 + delta[w]) / p.sigma[w];
        const std::size_t begin = in.first[w], end = in.first[w + 1];
        if (unweighted) {  // v precedes w when one step shorter (an unreached v is infinitely far)
            const double before = p.dist[w] - 1.0;
            for (std::size_t i = begin; i < end; ++i)
                if (p.dist[in.to[i]] == before) delta[in.to[i]] += p.sigma[in.to[i]] * share;
        } else {
            for (std::size_t i = begin; i < end; ++i) {
                const Vertex v = in.to[i];
                if (p.dist[v] != unreachable && p.dist[v] + in.length[i] == p.dist[w]) delta[v] += p.sigma[v] * share;
            }
        }
        if (w != s) acc[w] += weight * delta[w];
    }
    for (Vertex v : p.order) delta[v] = 0.0;
}

// The summed dependencies as betweenness: each unordered pair was counted from both ends on an
// undirected network; normalized divides by the pairs of other people.
VertexScores scale_betweenness(const Network& net, VertexScores score, bool normalized) {
    const std::size_t n = net.size();
    double scale = net.directed() ? 1.0 : 0.5;
    if (normalized && n > 2) scale *= net.directed() ? 1.0 / double((n - 1) * (n - 2)) : 2.0 / double((n - 1) * (n - 2));
    for (double& x : score) x *= scale;
    return score;
}

// Wasserman–Faust closeness from one search's distances (exact) ...
double closeness_of(const ShortestPaths& p, double n) {
    double total = 0.0;
    for (Vertex v : p.order) total += p.dist[v];
    const double reached = double(p.order.size());
    if (total <= 0.0 || n <= 1) return 0.0;
    return (reached - 1.0) / total * (reached - 1.0) / (n - 1.0);
}

// ... and from the sampled sources' weighted counts and distance sums.
VertexScores sampled_closeness(const VertexScores& sums, std::size_t n) {
    VertexScores out(n, 0.0);
    for (std::size_t v = 0; v < n; ++v) {
        const double others = sums[v], total = sums[n + v];
        if (total > 0.0 && n > 1) out[v] = others / total * others / (double(n) - 1.0);
    }
    return out;
}

double harmonic_of(const ShortestPaths& p) {
    double total = 0.0;
    for (Vertex v : p.order)
        if (p.dist[v] > 0.0) total += 1.0 / p.dist[v];
    return total;
}

}  // namespace

VertexScores in_degree(const Network& net) {
    VertexScores out(net.size());
    for (Vertex v = 0; v < net.size(); ++v) out[v] = double(net.in_degree(v));
    return out;
}

VertexScores out_degree(const Network& net) {
    VertexScores out(net.size());
    for (Vertex v = 0; v < net.size(); ++v) out[v] = double(boost::out_degree(v, net.graph));
    return out;
}

VertexScores degree(const Network& net) {
    VertexScores out = out_degree(net);
    if (net.directed()) {
        const VertexScores in = in_degree(net);
        for (std::size_t v = 0; v < out.size(); ++v) out[v] += in[v];
    }
    return out;
}

VertexScores strength(const Network& net) {
    VertexScores out(net.size(), 0.0);
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        out[boost::source(e, net.graph)] += net.weight(e);
        if (net.directed()) out[boost::target(e, net.graph)] += net.weight(e);
    }
    return out;
}

VertexScores betweenness(const Network& net, const BetweennessOptions& options) {
    const PathSources sources = path_sources(net, options.samples, options.seed);
    const Arcs out = arcs(net, Direction::out);
    const Arcs back = net.directed() ? arcs(net, Direction::in) : Arcs{};
    const Arcs& in = net.directed() ? back : out;
    std::vector<VertexScores> deltas(static_cast<std::size_t>(omp_get_max_threads()));
    VertexScores score = sweep_sources(out, sources, 1, true, options.progress,
                                       [&](std::size_t source, const ShortestPaths& p, VertexScores& acc) {
        accumulate_dependencies(in, p, sources.vertices[source], sources.weight[source],
                                deltas[static_cast<std::size_t>(omp_get_thread_num())], acc.data());
    });
    return scale_betweenness(net, std::move(score), options.normalized);
}

VertexScores closeness(const Network& net, const ClosenessOptions& options) {
    if (const PathSources sources = path_sources(net, options.samples, options.seed); sources.sampled)
        return sampled_closeness(sampled_distance_sums(net, sources, options), net.size());
    // Distance *to* v (Direction::in) is a search from v along arcs taken backwards.
    const double n = double(net.size());
    return per_source(net, options.direction, options.progress, [&](const ShortestPaths& p) { return closeness_of(p, n); });
}

VertexScores harmonic(const Network& net, const ClosenessOptions& options) {
    if (const PathSources sources = path_sources(net, options.samples, options.seed); sources.sampled) {
        const VertexScores sums = sampled_distance_sums(net, sources, options);
        return VertexScores(sums.begin() + 2 * std::ptrdiff_t(net.size()), sums.end());
    }
    return per_source(net, options.direction, options.progress, [&](const ShortestPaths& p) { return harmonic_of(p); });
}

bool one_pass_applies(const Network& net) { return !net.directed() && !net.weighted(); }

PathPass path_pass(const Network& net, std::size_t samples, unsigned seed, const ProgressFn& progress) {
    if (!one_pass_applies(net)) throw std::invalid_argument("path_pass needs an undirected, unweighted network");
    const std::size_t n = net.size();
    PathPass out;
    out.samples = samples;
    out.seed = seed;
    const PathSources sources = path_sources(net, samples, seed);
    out.sampled = sources.sampled;
    const Arcs along = arcs(net, Direction::out);  // undirected: out, in and opposite are the same arcs
    std::vector<VertexScores> deltas(static_cast<std::size_t>(omp_get_max_threads()));
    if (sources.sampled) {
        // Slots: dependencies, then the weighted reach count, distance sum and inverse-distance sum
        // of sampled_distance_sums; each slot adds up in the same order as the separate sweeps.
        VertexScores sums = sweep_sources(along, sources, 4, true, progress,
                                          [&](std::size_t i, const ShortestPaths& p, VertexScores& acc) {
            const double w = sources.weight[i];
            accumulate_dependencies(along, p, sources.vertices[i], w, deltas[static_cast<std::size_t>(omp_get_thread_num())],
                                    acc.data());
            for (Vertex v : p.order) {
                if (p.dist[v] <= 0.0) continue;
                acc[n + v] += w;
                acc[2 * n + v] += w * p.dist[v];
                acc[3 * n + v] += w / p.dist[v];
            }
        });
        out.dependencies.assign(sums.begin(), sums.begin() + std::ptrdiff_t(n));
        out.closeness = sampled_closeness(VertexScores(sums.begin() + std::ptrdiff_t(n), sums.begin() + 3 * std::ptrdiff_t(n)), n);
        out.harmonic.assign(sums.begin() + 3 * std::ptrdiff_t(n), sums.end());
        return out;
    }
    out.closeness.assign(n, 0.0);
    out.harmonic.assign(n, 0.0);
    out.distance_sum.assign(n, 0.0);
    out.eccentricity.assign(n, 0.0);
    out.dependencies = sweep_sources(along, sources, 1, true, progress, [&](std::size_t i, const ShortestPaths& p, VertexScores& acc) {
        const Vertex s = sources.vertices[i];
        accumulate_dependencies(along, p, s, sources.weight[i], deltas[static_cast<std::size_t>(omp_get_thread_num())], acc.data());
        out.closeness[s] = closeness_of(p, double(n));
        out.harmonic[s] = harmonic_of(p);
        double total = 0.0;
        for (Vertex v : p.order) total += p.dist[v];
        out.distance_sum[s] = total;
        out.eccentricity[s] = p.dist[p.order.back()];
    });
    return out;
}

VertexScores betweenness_from(const Network& net, const PathPass& pass, bool normalized) {
    return scale_betweenness(net, pass.dependencies, normalized);
}

}  // namespace staffnet
