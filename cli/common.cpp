#include "cli/common.hpp"

#include "app/store.hpp"
#include "cli/commands.hpp"
#include "io/privacy.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <map>

namespace staffnet {

District load_and_report(const std::string& path, AnalysisConfig& config, const OutputFlags& privacy) {
    config = load_analysis(path.empty() ? default_config() : path);
    District d = load_input(config);
    // stderr follows the files: no real id or name in a warning of a pseudonymised run.
    if (privacy.pseudonymize || privacy.research) pseudonymize_messages(d.warnings, d.network, pseudonym_key(config));
    report_loaded(d, config.file);
    return d;
}

District load_and_report(const std::string& path, AnalysisConfig& config) { return load_and_report(path, config, OutputFlags{}); }

void report_loaded(const District& d, const std::string& what) {
    for (const Diagnostic& w : d.warnings) std::cerr << format(w) << '\n';
    const Network& net = d.network;
    std::map<std::string, int> roles;
    for (const Person& p : net.people) ++roles[p.role.get().empty() ? "unspecified" : p.role.get()];
    std::string role_text;
    for (const auto& [role, count] : roles) role_text += fmt::format("{}{} {}", role_text.empty() ? "" : ", ", count, role);
    std::map<std::size_t, int> per_type;
    for (const Tie& t : net.ties) ++per_type[t.type];
    std::string type_text;
    for (const auto& [type, count] : per_type)
        type_text += fmt::format("{}{} {}", type_text.empty() ? "" : ", ", count, net.options.types[type].name);
    std::cout << fmt::format("loaded {}: {} people ({}), {} ties ({}), {} schools; {} network\n", what, net.size(), role_text,
                             net.ties.size(), type_text.empty() ? "none" : type_text, d.schools.schools.size(),
                             net.directed() ? "directed" : "undirected");
}

std::string pseudonym_key(const AnalysisConfig& config) {
    const char* env = std::getenv("STAFFNET_KEY");
    const std::string key = (env && *env) ? env : config.privacy_key;
    if (key.empty())
        throw InputError(Diagnostic{"STAFFNET_KEY", 0, 0, "--pseudonymize needs a secret key and none is set",
                                    "set the environment variable STAFFNET_KEY (or privacy: key: in the config) to a long random secret"});
    return key;
}

void add_output_flags(CLI::App& cmd, OutputFlags& flags) {
    cmd.add_option("-o,--out", flags.out_dir, "output folder")->capture_default_str();
    cmd.add_flag("--force", flags.force, "write into a non-empty folder that staffnet did not create");
    cmd.add_flag("--pseudonymize", flags.pseudonymize,
                 "replace people's names and ids with stable keyed pseudonyms in every output (key: $STAFFNET_KEY)");
    cmd.add_flag("--research", flags.research, "research export: pseudonymised ids and no names at all");
}

void apply_privacy(const OutputFlags& flags, const AnalysisConfig& config, const std::vector<Network*>& networks) {
    if (!flags.pseudonymize && !flags.research) return;
    const std::string key = pseudonym_key(config);
    for (Network* net : networks) pseudonymize(*net, key, flags.research, config.safe_attributes);
}

void write_outputs(const OutputSet& outputs, const std::string& folder, bool force, const std::vector<std::string>& inputs) {
    commit(outputs, folder, {.force = force, .inputs = inputs, .fault = {}});
    for (const auto& [name, content] : outputs.files) std::cout << "wrote " << folder << "/" << name << '\n';
}

}  // namespace staffnet
