#include "cli/commands.hpp"
#include "config/analysis.hpp"
#include "engine/ergm.hpp"
#include "io/district.hpp"
#include "io/ergm_tables.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>

namespace staffnet {
namespace {

struct ErgmArgs {
    std::string config;
    std::string model;
    std::string relation = "all";
    std::optional<unsigned> seed;  // default: the config's seed
    std::string format = "csv";
    std::size_t simulate = 0;
    std::size_t gof = 100;
    std::string out;
    bool force = false;
    ErgmOptions mcmc;
};

// The ties modelled: the combined network ("all") or one tie type.
DenseGraph response(const Network& net, const std::string& type) {
    if (type == "all") return dense_graph(net);
    std::vector<std::string> names = {"all"};
    for (std::size_t t = 0; t < net.options.types.size(); ++t) {
        if (net.options.types[t].name == type) return dense_graph(layer(net, t));
        names.push_back(net.options.types[t].name);
    }
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InputError(Diagnostic{"--relation", 0, 0, "unknown tie type '" + type + "'" + did_you_mean(type, names), "use one of " + list});
}

void run_ergm(const ErgmArgs& args) {
    const AnalysisConfig config = load_analysis(args.config.empty() ? default_config() : args.config);
    const District d = load_district(config);
    for (const Diagnostic& w : d.warnings) std::cerr << format(w) << '\n';
    const DenseGraph y = response(d.network, args.relation);
    const ErgmModel model = parse_ergm_model(args.model, d.network, "formula");
    ErgmOptions options = args.mcmc;
    options.seed = args.seed.value_or(config.seed);
    const std::vector<char> missing = missing_dyads(d.network, y);
    const ErgmFit fit = fit_ergm(model, y, missing, options);
    if (fit.missing_dyads > 0)
        std::cerr << fmt::format("staffnet: note: {} dyads of people who did not respond are missing; they are left out of the fit\n",
                                 fit.missing_dyads);
    for (const std::string& w : fit.warnings) std::cerr << "staffnet: warning: " << w << '\n';
    const std::string table = ergm_csv(fit), json = ergm_json(fit);
    std::cout << (args.format == "json" ? json : table);
    if (args.out.empty()) return;
    OutputSet outputs;
    outputs.add("ergm.csv", table);
    outputs.add("ergm.json", json);
    std::vector<double> theta;
    for (const ErgmCoefficient& c : fit.coefficients) theta.push_back(c.estimate);
    ErgmOptions sim = options;
    sim.seed = options.seed + 1;
    outputs.add("ergm_gof.csv", ergm_gof_csv(ergm_gof(y, simulate_ergm(model, theta, y, args.gof, missing, sim))));
    if (args.simulate > 0) {
        sim.seed = options.seed + 2;
        const std::vector<DenseGraph> networks = simulate_ergm(model, theta, y, args.simulate, missing, sim);
        for (std::size_t k = 0; k < networks.size(); ++k)
            outputs.add(fmt::format("simulated/network_{:04}.csv", k + 1), ergm_network_csv(d.network, networks[k]));
    }
    commit(outputs, args.out, {.force = args.force, .inputs = {config.file, config.people, config.ties, config.schools}, .fault = {}});
    std::cerr << fmt::format("staffnet: wrote {} files to {}\n", outputs.files.size(), args.out);
}

}  // namespace

void add_ergm_command(CLI::App& app) {
    auto args = std::make_shared<ErgmArgs>();
    auto* cmd = app.add_subcommand("ergm", "exponential random graph model (statnet's ergm): why ties form");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("--model", args->model, "statnet formula, e.g. \"edges + nodematch(school) + gwesp(0.5, fixed=TRUE)\"")->required();
    cmd->add_option("--relation", args->relation, "the ties modelled: a tie type, or all for the combined network")->capture_default_str();
    cmd->add_option("--seed", args->seed, "MCMC seed (default: the config's seed)");
    cmd->add_option("--format", args->format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
    auto* out = cmd->add_option("--out", args->out, "folder for ergm.csv, ergm.json, ergm_gof.csv (and simulated networks)");
    cmd->add_option("--simulate", args->simulate, "write this many networks simulated at the estimate to OUT/simulated/")->needs(out);
    cmd->add_option("--gof", args->gof, "networks simulated for ergm_gof.csv")->capture_default_str();
    cmd->add_option("--sample-size", args->mcmc.sample_size, "networks sampled per MCMC run")->capture_default_str();
    cmd->add_option("--interval", args->mcmc.interval, "proposals between sampled networks")->capture_default_str();
    cmd->add_option("--burn-in", args->mcmc.burn_in, "proposals before the first sample of each run")->capture_default_str();
    cmd->add_option("--chains", args->mcmc.chains, "MCMC chains (run in parallel; results do not depend on threads)")->capture_default_str();
    cmd->add_option("--max-iterations", args->mcmc.max_iterations, "MCMC MLE iterations")->capture_default_str();
    cmd->add_flag("--force", args->force, "write into a non-empty folder staffnet did not create");
    cmd->callback([args] { run_ergm(*args); });
}

}  // namespace staffnet
