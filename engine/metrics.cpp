#include "engine/metrics.hpp"

#include <cmath>
#include <optional>

#include "engine/brokerage.hpp"
#include "engine/centrality.hpp"
#include "engine/communities.hpp"
#include "engine/ei_index.hpp"
#include "engine/spectral.hpp"
#include "engine/structural_holes.hpp"
#include "engine/cohesion.hpp"
#include "engine/groups.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace staffnet {

bool Options::flag(const std::string& key, bool fallback) const {
    const auto it = values.find(key);
    if (it == values.end()) return fallback;
    if (const bool* b = std::get_if<bool>(&it->second)) return *b;
    throw std::invalid_argument("option '" + key + "' must be true or false");
}

double Options::number(const std::string& key, double fallback) const {
    const auto it = values.find(key);
    if (it == values.end()) return fallback;
    if (const double* x = std::get_if<double>(&it->second)) return *x;
    throw std::invalid_argument("option '" + key + "' must be a number");
}

std::string Options::text(const std::string& key, const std::string& fallback) const {
    const auto it = values.find(key);
    if (it == values.end()) return fallback;
    if (const std::string* t = std::get_if<std::string>(&it->second)) return *t;
    throw std::invalid_argument("option '" + key + "' must be text");
}

const OptionSpec* Metric::option(std::string_view name) const {
    for (const OptionSpec& o : options)
        if (o.name == name) return &o;
    return nullptr;
}

std::vector<std::string> Metric::option_names() const {
    std::vector<std::string> names;
    for (const OptionSpec& o : options) names.push_back(o.name);
    return names;
}

OptionValue parse_option(const OptionSpec& spec, const std::string& text) {
    const auto number = [&]() -> std::optional<double> {
        try {
            std::size_t used = 0;
            const double x = std::stod(text, &used);
            if (used == text.size() && std::isfinite(x)) return x;
        } catch (const std::exception&) {
        }
        return std::nullopt;
    };
    switch (spec.kind) {
    case OptionKind::flag:
        if (text == "true" || text == "false") return text == "true";
        throw std::invalid_argument("true or false");
    case OptionKind::count:
        if (const auto x = number(); x && *x >= 0 && *x == std::floor(*x) && *x <= 4294967295.0) return *x;
        throw std::invalid_argument("a whole number, 0 or more");
    case OptionKind::fraction:
        if (const auto x = number(); x && *x > 0 && *x < 1) return *x;
        throw std::invalid_argument("a number between 0 and 1, such as 0.85");
    case OptionKind::positive:
        if (const auto x = number(); x && *x > 0) return *x;
        throw std::invalid_argument("a number above 0, such as 1");
    case OptionKind::choice: {
        if (std::find(spec.choices.begin(), spec.choices.end(), text) != spec.choices.end()) return text;
        std::string list;
        for (std::size_t i = 0; i < spec.choices.size(); ++i)
            list += (i == 0 ? "" : i + 1 == spec.choices.size() ? " or " : ", ") + spec.choices[i];
        throw std::invalid_argument(list);
    }
    case OptionKind::text:
        break;
    }
    return text;  // attribute: any column name (a missing one gives every person no group)
}

namespace {

const OptionSpec kSamples{"samples", OptionKind::count};
const OptionSpec kSeed{"seed", OptionKind::count};
const OptionSpec kDirection{"direction", OptionKind::choice, {"in", "out"}};
const OptionSpec kResolution{"resolution", OptionKind::positive};
const OptionSpec kAttribute{"attribute", OptionKind::text};

Direction direction_option(const Options& opt) {
    const std::string d = opt.text("direction", "in");
    if (d == "in") return Direction::in;
    if (d == "out") return Direction::out;
    throw std::invalid_argument("option 'direction' must be 'in' or 'out', got '" + d + "'");
}

ClosenessOptions closeness_options(const Options& opt) {
    return {.direction = direction_option(opt), .samples = std::size_t(opt.number("samples", 0)),
            .seed = unsigned(opt.number("seed", opt.seed)), .progress = opt.progress};
}

LeidenObjective leiden_objective(const Options& opt) {
    const std::string o = opt.text("objective", "modularity");
    if (o == "modularity") return LeidenObjective::modularity;
    if (o == "cpm") return LeidenObjective::cpm;
    throw std::invalid_argument("option 'objective' must be 'modularity' or 'cpm', got '" + o + "'");
}

BrokerageRole brokerage_role(const std::string& column) {
    static const std::map<std::string, BrokerageRole> roles = {
        {"brokerage_coordinator", BrokerageRole::coordinator}, {"brokerage_itinerant", BrokerageRole::itinerant},
        {"brokerage_representative", BrokerageRole::representative}, {"brokerage_gatekeeper", BrokerageRole::gatekeeper},
        {"brokerage_liaison", BrokerageRole::liaison}};
    return roles.at(column);
}

Metric brokerage_metric(const std::string& name, const std::string& summary) {
    return {name, name, summary + " (Gould-Fernandez, groups by school unless 'attribute' says otherwise)", {kAttribute},
            [name](const Network& net, const Options& opt) {
                return brokerage(net, group_labels(net, opt.text("attribute", "school")), brokerage_role(name));
            }};
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
         {{"normalized", OptionKind::flag}, kSamples, kSeed},
         [](const Network& net, const Options& opt) {
             return betweenness(net, {.normalized = opt.flag("normalized", true),
                                      .samples = std::size_t(opt.number("samples", 0)),
                                      .seed = unsigned(opt.number("seed", opt.seed)),
                                      .progress = opt.progress});
         }},
        {"closeness", "closeness", "how near this person is to everyone they can reach (Wasserman-Faust)",
         {kDirection, kSamples, kSeed},
         [](const Network& net, const Options& opt) { return closeness(net, closeness_options(opt)); }},
        {"harmonic", "harmonic", "sum of 1/distance to everyone else", {kDirection, kSamples, kSeed},
         [](const Network& net, const Options& opt) { return harmonic(net, closeness_options(opt)); }},
        {"eigenvector", "eigenvector", "tied to people who are themselves well tied", {},
         [](const Network& net, const Options&) { return eigenvector(net); }},
        {"pagerank", "pagerank", "share of time a random walk along ties spends with this person", {{"alpha", OptionKind::fraction}},
         [](const Network& net, const Options& opt) { return pagerank(net, {.alpha = opt.number("alpha", 0.85)}); }},
        {"clustering", "clustering", "share of this person's contacts who are tied to each other", {},
         [](const Network& net, const Options&) { return clustering(net); }},
        {"core", "core", "k-core number: the most tightly knit group this person belongs to", {},
         [](const Network& net, const Options&) { return core_number(net); }},
        {"constraint", "constraint", "Burt's constraint: how much this person's contacts are tied to each other", {},
         [](const Network& net, const Options&) { return constraint(net); }},
        {"effective_size", "effective_size", "Burt's effective size: number of non-redundant contacts", {},
         [](const Network& net, const Options&) { return effective_size(net); }},
        {"component", "component", "connected component (1 = the largest)", {},
         [](const Network& net, const Options&) { return component(net); }},
        {"community", "community", "Louvain community (1 = the largest), seeded", {kSeed, kResolution},
         [](const Network& net, const Options& opt) {
             return louvain(net, {.seed = unsigned(opt.number("seed", opt.seed)),
                                  .resolution = opt.number("resolution", 1.0)});
         }},
        {"leiden", "community_leiden", "Leiden community (1 = the largest), seeded; every community connected",
         {kSeed, kResolution, {"objective", OptionKind::choice, {"modularity", "cpm"}}},
         [](const Network& net, const Options& opt) {
             return leiden(net, {.seed = unsigned(opt.number("seed", opt.seed)),
                                 .resolution = opt.number("resolution", 1.0),
                                 .objective = leiden_objective(opt)});
         }},
        {"ei_index", "ei_index", "E-I index of this person's ties: -1 all inside their group (school), +1 all outside",
         {kAttribute},
         [](const Network& net, const Options& opt) { return ei_actor(net, group_labels(net, opt.text("attribute", "school"))); }},
        {"ei_index_contacts", "ei_index_contacts", "E-I index of the people this person is tied to, each counted once (directed: a mutual tie once)",
         {kAttribute},
         [](const Network& net, const Options& opt) { return ei_actor_contacts(net, group_labels(net, opt.text("attribute", "school"))); }},
        {"isolate", "isolate", "1 when the person has no ties at all", {},
         [](const Network& net, const Options&) { return isolate(net); }},
        {"articulation_point", "articulation_point", "1 when removing this person would cut others off", {},
         [](const Network& net, const Options&) { return articulation_point(net); }},
        {"bridge_ties", "bridge_ties", "ties of this person that are the only link between two parts", {},
         [](const Network& net, const Options&) { return bridge_ties(net); }},
        brokerage_metric("brokerage_coordinator", "brokers within their own group"),
        brokerage_metric("brokerage_itinerant", "outsider brokering within another group"),
        brokerage_metric("brokerage_representative", "passes their group's ties out to another group"),
        brokerage_metric("brokerage_gatekeeper", "lets another group into their own"),
        brokerage_metric("brokerage_liaison", "links two groups, belonging to neither"),
    };
    return table;
}

const Metric* find_metric(std::string_view name) {
    for (const Metric& m : metrics())
        if (m.name == name) return &m;
    return nullptr;
}

std::vector<MetricColumn> compute_metrics(const Network& net, const std::vector<MetricRequest>& requests,
                                          const std::function<void(const Metric&)>& starting, const KnownScores& known) {
    std::vector<MetricColumn> out;
    for (const Metric& m : metrics()) {
        const MetricRequest* chosen = nullptr;
        for (const MetricRequest& r : requests)
            if (r.name == m.name) chosen = &r;
        if (!chosen) continue;
        if (starting) starting(m);
        std::optional<VertexScores> scores = known ? known(m, chosen->options) : std::nullopt;
        out.push_back({&m, scores ? std::move(*scores) : m.compute(net, chosen->options)});
    }
    return out;
}

const std::vector<std::string>& default_metrics() {
    static const std::vector<std::string> names = {
        "degree",     "in_degree",  "out_degree",     "strength",  "betweenness", "closeness",
        "harmonic",   "eigenvector", "pagerank",      "clustering", "core",       "constraint",
        "effective_size", "component", "community",   "isolate",   "articulation_point", "bridge_ties"};
    return names;
}

}  // namespace staffnet
