#include "engine/metrics.hpp"

#include "engine/centrality.hpp"
#include "engine/cohesion.hpp"
#include "engine/groups.hpp"

#include <stdexcept>

namespace staffnet {

bool Options::flag(const std::string& key, bool fallback) const {
    const auto it = values.find(key);
    if (it == values.end()) return fallback;
    if (it->second == "true") return true;
    if (it->second == "false") return false;
    throw std::invalid_argument("option '" + key + "' must be true or false, got '" + it->second + "'");
}

double Options::number(const std::string& key, double fallback) const {
    const auto it = values.find(key);
    if (it == values.end()) return fallback;
    try {
        std::size_t used = 0;
        const double x = std::stod(it->second, &used);
        if (used == it->second.size()) return x;
    } catch (const std::exception&) {
    }
    throw std::invalid_argument("option '" + key + "' must be a number, got '" + it->second + "'");
}

std::string Options::text(const std::string& key, const std::string& fallback) const {
    const auto it = values.find(key);
    return it == values.end() ? fallback : it->second;
}

namespace {

Direction direction_option(const Options& opt) {
    const std::string d = opt.text("direction", "in");
    if (d == "in") return Direction::in;
    if (d == "out") return Direction::out;
    throw std::invalid_argument("option 'direction' must be 'in' or 'out', got '" + d + "'");
}

}  // namespace

const std::vector<Metric>& metrics() {
    static const std::vector<Metric> table = {
        {"degree", "degree", "number of people tied to this person (in + out when directed)", {},
         [](const Network& net, const Options&) { return degree(net); }},
        {"in_degree", "in_degree", "ties received (directed); equals degree when undirected", {},
         [](const Network& net, const Options&) { return in_degree(net); }},
        {"out_degree", "out_degree", "ties sent (directed); equals degree when undirected", {},
         [](const Network& net, const Options&) { return out_degree(net); }},
        {"strength", "strength", "sum of tie weights", {},
         [](const Network& net, const Options&) { return strength(net); }},
        {"betweenness", "betweenness", "shortest paths between colleagues that pass through this person",
         {"normalized", "samples", "seed"},
         [](const Network& net, const Options& opt) {
             return betweenness(net, {.normalized = opt.flag("normalized", true),
                                      .samples = std::size_t(opt.number("samples", 0)),
                                      .seed = unsigned(opt.number("seed", 42))});
         }},
        {"closeness", "closeness", "how near this person is to everyone they can reach (Wasserman-Faust)",
         {"direction"},
         [](const Network& net, const Options& opt) { return closeness(net, {.direction = direction_option(opt)}); }},
        {"harmonic", "harmonic", "sum of 1/distance to everyone else", {"direction"},
         [](const Network& net, const Options& opt) { return harmonic(net, {.direction = direction_option(opt)}); }},
        {"clustering", "clustering", "share of this person's contacts who are tied to each other", {},
         [](const Network& net, const Options&) { return clustering(net); }},
        {"core", "core", "k-core number: the most tightly knit group this person belongs to", {},
         [](const Network& net, const Options&) { return core_number(net); }},
        {"component", "component", "connected component (1 = the largest)", {},
         [](const Network& net, const Options&) { return component(net); }},
        {"isolate", "isolate", "1 when the person has no ties at all", {},
         [](const Network& net, const Options&) { return isolate(net); }},
    };
    return table;
}

const Metric* find_metric(std::string_view name) {
    for (const Metric& m : metrics())
        if (m.name == name) return &m;
    return nullptr;
}

std::vector<MetricColumn> compute_metrics(const Network& net, const std::vector<MetricRequest>& requests) {
    std::vector<MetricColumn> out;
    for (const Metric& m : metrics()) {
        const MetricRequest* chosen = nullptr;
        for (const MetricRequest& r : requests)
            if (r.name == m.name) chosen = &r;
        if (chosen) out.push_back({&m, m.compute(net, chosen->options)});
    }
    return out;
}

const std::vector<std::string>& default_metrics() {
    static const std::vector<std::string> names = {"degree",  "in_degree",  "out_degree", "strength",
                                                   "betweenness", "closeness", "harmonic", "clustering",
                                                   "core",    "component", "isolate"};
    return names;
}

}  // namespace staffnet
