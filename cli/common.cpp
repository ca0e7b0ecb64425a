#include "cli/common.hpp"

#include "cli/commands.hpp"
#include "engine/risk.hpp"
#include "engine/school_measures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
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

std::string pseudonym_key(const AnalysisConfig& config) {
    const char* env = std::getenv("STAFFNET_KEY");
    const std::string key = (env && *env) ? env : config.privacy_key;
    if (key.empty())
        throw InputError(Diagnostic{"STAFFNET_KEY", 0, 0, "--pseudonymize needs a secret key and none is set",
                                    "set the environment variable STAFFNET_KEY (or privacy: key: in the config) to a long random secret"});
    return key;
}

std::vector<ParticipationMeasure> participation_of(const District& d, const AnalysisConfig& config) {
    std::vector<ParticipationMeasure> participation;
    for (const Participation& p : config.participation) participation.push_back({p.column, p.higher_is_better});
    if (participation.empty())
        for (const std::string& m : d.schools.measure_names) participation.push_back({m, true});
    return participation;
}

RiskBasis risk_basis(const District& d, const AnalysisConfig& config) {
    const Network& net = d.network;
    RiskBasis basis;
    std::vector<bool> keep(net.options.types.size(), config.risk_tie_types.empty());
    for (std::size_t t = 0; t < net.options.types.size(); ++t) {
        const std::string& name = net.options.types[t].name;
        if (std::find(config.risk_tie_types.begin(), config.risk_tie_types.end(), name) != config.risk_tie_types.end()) keep[t] = true;
        if (keep[t]) basis.tie_types += (basis.tie_types.empty() ? "" : "+") + name;
    }
    basis.net = layers(net, keep);
    basis.low_schools = bottom_quartile_schools(d.schools, participation_of(d, config));
    basis.low_people.assign(net.size(), 0);
    const auto members = school_members(net, d.schools);
    for (std::size_t s = 0; s < members.size(); ++s)
        for (Vertex v : members[s]) basis.low_people[v] = basis.low_schools[s];
    return basis;
}

}  // namespace staffnet
