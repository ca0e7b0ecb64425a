#include "engine/graph_measures.hpp"

#include "engine/brokerage.hpp"
#include "engine/centrality.hpp"
#include "engine/communities.hpp"
#include "engine/groups.hpp"
#include "engine/paths.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>

#include <omp.h>

namespace staffnet {

double density(const Network& net) {
    const double n = double(net.size());
    if (n < 2) return 0.0;
    const double m = double(net.tie_count());
    return (net.directed() ? m : 2.0 * m) / (n * (n - 1.0));
}

double reciprocity(const Network& net) {
    if (!net.directed()) return 1.0;
    const double arcs = double(boost::num_edges(net.graph));
    if (arcs == 0) return 0.0;
    double mutual = 0.0;
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        const Vertex u = boost::source(e, net.graph), v = boost::target(e, net.graph);
        for (auto back : boost::make_iterator_range(boost::out_edges(v, net.graph)))
            if (boost::target(back, net.graph) == u) mutual += 1.0;
    }
    return mutual / arcs;
}

double transitivity(const Network& net) {
    const Network g = as_undirected(net);
    double closed = 0.0, triples = 0.0;
    std::vector<char> mark(g.size(), 0);
    for (Vertex u = 0; u < g.size(); ++u) {
        const double d = double(boost::out_degree(u, g.graph));
        triples += d * (d - 1.0);
        for (auto e : boost::make_iterator_range(boost::out_edges(u, g.graph))) mark[boost::target(e, g.graph)] = 1;
        for (auto e : boost::make_iterator_range(boost::out_edges(u, g.graph)))
            for (auto f : boost::make_iterator_range(boost::out_edges(boost::target(e, g.graph), g.graph)))
                closed += mark[boost::target(f, g.graph)];
        for (auto e : boost::make_iterator_range(boost::out_edges(u, g.graph))) mark[boost::target(e, g.graph)] = 0;
    }
    return triples > 0.0 ? closed / triples : 0.0;
}

Distances distances(const Network& net, const PathSampling& sampling) {
    Network g = as_undirected(net);
    g.options.weighted = false;
    const VertexScores comp = component(g);
    Distances out;
    std::vector<Vertex> members;
    for (Vertex v = 0; v < g.size(); ++v)
        if (comp[v] == 1.0) members.push_back(v);
    out.largest_component = members.size();
    if (members.size() < 2) return out;
    std::vector<Vertex> sources = members;
    const bool sampled = sampling.samples > 0 && sampling.samples < members.size();
    if (sampled) {
        std::mt19937_64 rng(sampling.seed);
        std::shuffle(sources.begin(), sources.end(), rng);
        sources.resize(sampling.samples);
        std::sort(sources.begin(), sources.end());
    }
    // Distances are whole numbers, so the sums are exact in any order.
    double total = 0.0;
    std::vector<double> eccentricity(sources.size());
    std::vector<Vertex> farthest(sources.size());
    std::atomic<std::size_t> done{0};
    const Arcs along = arcs(g, Direction::out);
#pragma omp parallel reduction(+ : total)
    {
        ShortestPaths paths;
#pragma omp for schedule(dynamic, 16)
        for (std::size_t i = 0; i < sources.size(); ++i) {
            shortest_paths(along, sources[i], paths, false);
            for (Vertex v : paths.order) total += paths.dist[v];
            farthest[i] = paths.order.back();  // search order: a farthest person
            eccentricity[i] = paths.dist[farthest[i]];
            const std::size_t d = ++done;
            if (sampling.progress && omp_get_thread_num() == 0) sampling.progress(d, sources.size());
        }
    }
    const std::size_t widest = std::size_t(std::max_element(eccentricity.begin(), eccentricity.end()) - eccentricity.begin());
    const double k = double(members.size());
    out.diameter = eccentricity[widest];
    out.average_path_length = total / (sampled ? double(sources.size()) * (k - 1.0) : k * (k - 1.0));
    if (sampled) {
        // Double sweep: the person farthest from the sampled sources is usually an end of a
        // longest path, so one more search from them tightens the bound.
        ShortestPaths paths;
        shortest_paths(along, farthest[widest], paths, false);
        out.diameter = std::max(out.diameter, paths.dist[paths.order.back()]);
    }
    return out;
}

namespace {
double spread(const VertexScores& scores) {
    if (scores.empty()) return 0.0;
    const double top = *std::max_element(scores.begin(), scores.end());
    double sum = 0.0;
    for (double x : scores) sum += top - x;
    return sum;
}

// Freeman centralisation maxima (igraph's): raw betweenness and undirected closeness.
double betweenness_max(const Network& net) {
    const double n = double(net.size());
    return (n - 1.0) * (n - 1.0) * (n - 2.0) / (net.directed() ? 1.0 : 2.0);
}
double closeness_max(const Network& net) {
    const double n = double(net.size());
    return (n - 1.0) * (n - 2.0) / (2.0 * n - 3.0);
}
}  // namespace

double degree_centralization(const Network& net) {
    const double n = double(net.size());
    if (n < 3) return 0.0;
    return spread(degree(net)) / ((net.directed() ? 2.0 : 1.0) * (n - 1.0) * (n - 2.0));
}

double betweenness_centralization(const Network& net, const PathSampling& sampling) {
    const double n = double(net.size());
    if (n < 3) return 0.0;
    Network unweighted = net;
    unweighted.options.weighted = false;
    return spread(betweenness(unweighted, {.normalized = false, .samples = sampling.samples, .seed = sampling.seed,
                                           .progress = sampling.progress})) / betweenness_max(net);
}

double closeness_centralization(const Network& net, const PathSampling& sampling) {
    const double n = double(net.size());
    if (n < 3) return 0.0;
    Network g = as_undirected(net);
    g.options.weighted = false;
    return spread(closeness(g, {.samples = sampling.samples, .seed = sampling.seed, .progress = sampling.progress})) /
           closeness_max(net);
}

double assortativity(const Network& net, const std::vector<std::string>& labels) {
    std::map<std::string, std::size_t> index;
    for (const std::string& l : labels)
        if (!l.empty()) index.try_emplace(l, index.size());
    const std::size_t k = index.size();
    if (k < 2) return std::nan("");
    std::vector<std::size_t> label(labels.size(), k);  // k: blank
    for (std::size_t v = 0; v < labels.size(); ++v)
        if (!labels[v].empty()) label[v] = index.at(labels[v]);
    // Only the diagonal and the margins of the mixing matrix are needed (O(k), not O(k²), memory:
    // an attribute such as hire_date may have thousands of values). Counts are whole numbers, so
    // the sums are exact.
    std::vector<double> same(k, 0.0), row(k, 0.0), col(k, 0.0);
    double total = 0.0;
    for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
        const std::size_t a = label[boost::source(e, net.graph)], b = label[boost::target(e, net.graph)];
        if (a == k || b == k) continue;
        if (a == b) same[a] += 1.0;
        row[a] += 1.0;
        col[b] += 1.0;
        total += 1.0;
    }
    if (total == 0.0) return std::nan("");
    double trace = 0.0, expected = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
        trace += same[i] / total;
        expected += (row[i] / total) * (col[i] / total);
    }
    return expected == 1.0 ? std::nan("") : (trace - expected) / (1.0 - expected);
}

double numeric_assortativity(const Network& net, const std::vector<std::optional<double>>& values) {
    // Two passes (means, then centred sums) so that values such as dates (about 20,000 days) lose
    // no precision; arcs are visited in a fixed order, so the sums are the same on every run.
    double count = 0.0, mean_x = 0.0, mean_y = 0.0;
    const auto each_arc = [&](auto&& visit) {
        for (auto e : boost::make_iterator_range(boost::edges(net.graph))) {
            const auto& x = values[boost::source(e, net.graph)];
            const auto& y = values[boost::target(e, net.graph)];
            if (x && y) visit(*x, *y);
        }
    };
    each_arc([&](double x, double y) {
        count += 1.0;
        mean_x += x;
        mean_y += y;
    });
    if (count == 0.0) return std::nan("");
    mean_x /= count;
    mean_y /= count;
    double sxy = 0.0, sxx = 0.0, syy = 0.0;
    each_arc([&](double x, double y) {
        sxy += (x - mean_x) * (y - mean_y);
        sxx += (x - mean_x) * (x - mean_x);
        syy += (y - mean_y) * (y - mean_y);
    });
    return sxx > 0.0 && syy > 0.0 ? sxy / std::sqrt(sxx * syy) : std::nan("");
}

namespace {

// A value as a number: a decimal number, or an ISO date YYYY-MM-DD as days since 1970-01-01.
std::optional<double> numeric_value(const std::string& text) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) == 3) {
        const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
        if (date.ok()) return double(std::chrono::sys_days(date).time_since_epoch().count());
    }
    double x = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), x);
    if (error == std::errc() && end == text.data() + text.size() && std::isfinite(x)) return x;
    return std::nullopt;
}

}  // namespace

std::vector<AttributeAssortativity> attribute_assortativity(const Network& net) {
    std::vector<std::string> attributes = {"role", "school"};
    attributes.insert(attributes.end(), net.attribute_names.begin(), net.attribute_names.end());
    std::vector<AttributeAssortativity> out;
    for (const std::string& a : attributes) {
        const std::vector<std::string> labels = group_labels(net, a);
        std::vector<std::optional<double>> numbers(labels.size());
        std::size_t labelled = 0;
        bool numeric = true;
        for (std::size_t v = 0; v < labels.size(); ++v) {
            if (labels[v].empty()) continue;
            ++labelled;
            numbers[v] = numeric_value(labels[v]);
            numeric = numeric && numbers[v].has_value();
        }
        if (labelled == 0) continue;
        AttributeAssortativity r{a, numeric, false, 0.0, ""};
        if (numeric) {
            r.value = numeric_assortativity(net, numbers);
        } else {
            std::map<std::string, std::size_t> count;
            for (const std::string& l : labels)
                if (!l.empty()) ++count[l];
            const auto own = std::size_t(std::count_if(count.begin(), count.end(), [](const auto& c) { return c.second == 1; }));
            if (labelled >= 10 && double(own) >= 0.9 * double(labelled)) {
                r.skipped = true;
                r.value = std::nan("");
                r.note = fmt::format("assortativity_{} left out: {} of the {} people with a value have one no one else has, so "
                                     "'same {}' would only measure chance; group the values first (for example into bands)",
                                     a, own, labelled, a);
            } else {
                r.value = assortativity(net, labels);
            }
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> graph_measure_notes(const Network& net) {
    std::vector<std::string> notes;
    if (net.directed())
        notes.push_back("modularity_communities and modularity_leiden are directed modularity (Leicht and Newman 2008); Louvain and "
                        "Leiden group people on the undirected view, whose modularity is modularity_communities_undirected and "
                        "modularity_leiden_undirected");
    for (const AttributeAssortativity& a : attribute_assortativity(net))
        if (a.skipped) notes.push_back(a.note);
    return notes;
}

std::vector<std::pair<std::string, double>> graph_measures(const Network& net, unsigned seed, const PathSampling& sampling) {
    return graph_measures(net, seed, sampling, {});
}

Distances distances_from(const Network& net, const PathPass& pass) {
    if (pass.sampled || pass.distance_sum.size() != net.size())
        throw std::invalid_argument("distances needs an exact path pass of the same network");
    const VertexScores comp = component(net);
    Distances out;
    double total = 0.0, k = 0.0;
    for (Vertex v = 0; v < net.size(); ++v)
        if (comp[v] == 1.0) {
            k += 1.0;
            total += pass.distance_sum[v];  // whole numbers: exact in any order
            out.diameter = std::max(out.diameter, pass.eccentricity[v]);
        }
    out.largest_component = std::size_t(k);
    if (k < 2) return Distances{out.largest_component, 0, 0};
    out.average_path_length = total / (k * (k - 1.0));
    return out;
}

std::vector<std::pair<std::string, double>> graph_measures(const Network& net, unsigned seed, const PathSampling& sampling,
                                                           const KnownResults& known) {
    const PathPass* pass = known.paths;
    if (pass && (!one_pass_applies(net) || pass->samples != sampling.samples || pass->seed != sampling.seed ||
                 pass->closeness.size() != net.size()))
        pass = nullptr;  // not this network's or not this sampling's: compute afresh
    const double n = double(net.size());
    const Distances d = pass && !pass->sampled ? distances_from(net, *pass) : distances(net, sampling);
    std::vector<std::string> schools = group_labels(net, "school");
    std::vector<std::pair<std::string, double>> out = {
        {"nodes", double(net.size())},
        {"ties", double(net.tie_count())},
        {"density", density(net)},
        {"reciprocity", reciprocity(net)},
        {"transitivity", transitivity(net)},
        {"components", double(count_components(net))},
        {"isolates", double(count_isolates(net))},
        {"largest_component", double(d.largest_component)},
        {"diameter", d.diameter},
        {"average_path_length", d.average_path_length},
        {"degree_centralization", degree_centralization(net)},
        {"betweenness_centralization",
         !pass ? betweenness_centralization(net, sampling) : n < 3 ? 0.0 : spread(betweenness_from(net, *pass, false)) / betweenness_max(net)},
        {"closeness_centralization",
         !pass ? closeness_centralization(net, sampling) : n < 3 ? 0.0 : spread(pass->closeness) / closeness_max(net)},
    };
    const auto add_partition = [&](const std::string& count_key, const std::string& modularity_key,
                                   const VertexScores& c) {
        std::vector<std::string> labels;
        for (double x : c) labels.push_back(std::to_string(int(x)));
        out.emplace_back(count_key, c.empty() ? 0.0 : *std::max_element(c.begin(), c.end()));
        out.emplace_back(modularity_key, modularity(net, labels));
        // Directed: modularity_key is Leicht-Newman; the undirected view is what was optimised.
        if (net.directed()) out.emplace_back(modularity_key + "_undirected", undirected_modularity(net, labels));
    };
    add_partition("communities", "modularity_communities", known.louvain ? *known.louvain : louvain(net, {.seed = seed}));
    add_partition("communities_leiden", "modularity_leiden", known.leiden ? *known.leiden : leiden(net, {.seed = seed}));
    if (std::any_of(schools.begin(), schools.end(), [](const std::string& s) { return !s.empty(); }))
        out.emplace_back("modularity_schools", modularity(net, schools));
    for (const AttributeAssortativity& a : attribute_assortativity(net))
        if (!a.skipped) out.emplace_back("assortativity_" + a.attribute, a.value);
    return out;
}

}  // namespace staffnet
