#include "cli/common.hpp"

#include "cli/commands.hpp"

#include <fmt/format.h>

#include <iostream>
#include <map>

namespace staffnet {

District load_and_report(const std::string& path, AnalysisConfig& config) {
    config = load_analysis(path.empty() ? default_config() : path);
    District d = load_district(config);
    for (const Diagnostic& w : d.warnings) std::cerr << format(w) << '\n';
    const Network& net = d.network;
    std::map<std::string, int> roles;
    for (const Person& p : net.people) ++roles[p.role.empty() ? "unspecified" : p.role];
    std::string role_text;
    for (const auto& [role, count] : roles) role_text += fmt::format("{}{} {}", role_text.empty() ? "" : ", ", count, role);
    std::map<std::size_t, int> per_type;
    for (const Tie& t : net.ties) ++per_type[t.type];
    std::string type_text;
    for (const auto& [type, count] : per_type)
        type_text += fmt::format("{}{} {}", type_text.empty() ? "" : ", ", count, net.options.types[type].name);
    std::cout << fmt::format("loaded {}: {} people ({}), {} ties ({}), {} schools; {} network\n", config.file,
                             net.size(), role_text, net.ties.size(), type_text.empty() ? "none" : type_text,
                             d.schools.schools.size(), net.directed() ? "directed" : "undirected");
    return d;
}

std::size_t path_samples(const Network& net, const AnalysisConfig& config) {
    return net.size() > config.sampling.above && config.sampling.sources < net.size() ? config.sampling.sources : 0;
}

void apply_sampling(std::vector<MetricRequest>& requests, const Network& net, const AnalysisConfig& config) {
    const std::size_t samples = path_samples(net, config);
    for (MetricRequest& r : requests)
        if ((r.name == "betweenness" || r.name == "closeness" || r.name == "harmonic") && samples > 0 && !r.options.values.count("samples"))
            r.options.values["samples"] = std::to_string(samples);
}

std::string sampling_note(const Network& net, const AnalysisConfig& config) {
    const std::size_t samples = path_samples(net, config);
    if (samples == 0) return "";
    return fmt::format("{} people (more than {}): betweenness, closeness and harmonic centrality, the distances and the path-based "
                       "centralisations are estimated from {} sampled sources (seed {}); set sampling: in the config to change this",
                       net.size(), config.sampling.above, samples, config.seed);
}

}  // namespace staffnet
