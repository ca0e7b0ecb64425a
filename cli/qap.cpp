#include "cli/commands.hpp"
#include "config/analysis.hpp"
#include "engine/qap.hpp"
#include "io/district.hpp"
#include "io/output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <memory>
#include <optional>

namespace staffnet {


namespace {

struct QapArgs {
    std::string config;
    std::string relation = "all";
    std::vector<std::string> predictors;
    std::size_t permutations = 1000;
    std::optional<unsigned> seed;  // default: the config's seed
    std::string method = "qap";
    std::string format = "csv";
    bool valued = false;
};

std::vector<std::string> type_names(const Network& net) {
    std::vector<std::string> names = {"all"};
    for (const TieType& t : net.options.types) names.push_back(t.name);
    return names;
}

// The tie matrix of the combined network ("all") or of one tie type.
DyadMatrix ties_of(const Network& net, const std::string& type, const std::string& option, bool valued) {
    if (type == "all") return tie_matrix(net, {.valued = valued});
    for (std::size_t t = 0; t < net.options.types.size(); ++t)
        if (net.options.types[t].name == type) return tie_matrix(layer(net, t), {.valued = valued});
    const std::vector<std::string> names = type_names(net);
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InputError(Diagnostic{option, 0, 0, "unknown tie type '" + type + "'" + did_you_mean(type, names), "use one of " + list});
}

// "same:school", "diff:hire_date" or "layer:social" as a dyadic variable.
DyadicVariable predictor(const Network& net, const std::string& spec, bool valued) {
    const auto colon = spec.find(':');
    const std::string kind = spec.substr(0, colon), name = colon == std::string::npos ? "" : spec.substr(colon + 1);
    if (colon == std::string::npos || (kind != "same" && kind != "diff" && kind != "layer"))
        throw InputError(Diagnostic{"--predictors", 0, 0, "unknown predictor '" + spec + "'",
                                    "write same:ATTRIBUTE, diff:ATTRIBUTE or layer:TYPE, for example same:school"});
    if (kind == "layer") return {spec, ties_of(net, name, "--predictors", valued)};
    std::vector<std::string> attributes = {"school", "role"};
    attributes.insert(attributes.end(), net.attribute_names.begin(), net.attribute_names.end());
    if (std::find(attributes.begin(), attributes.end(), name) == attributes.end())
        throw InputError(Diagnostic{"--predictors", 0, 0, "no attribute named '" + name + "'" + did_you_mean(name, attributes),
                                    "use school, role or a column of people.csv"});
    DyadicVariable v{spec, kind == "same" ? same_matrix(net, name) : difference_matrix(net, name)};
    const std::size_t n = net.size(), missing = missing_dyads(v.values);
    if (n > 1 && missing == n * (n - 1))
        throw InputError(Diagnostic{"--predictors", 0, 0, "'" + spec + "' is missing for every pair of people",
                                    kind == "diff" ? "use a column of numbers or ISO dates (YYYY-MM-DD)" : "fill in the column"});
    if (missing > 0)
        std::cerr << fmt::format("staffnet: note: '{}' is missing for {} of {} pairs (a blank{} value); they are left out\n",
                                 spec, missing, n * (n - 1), kind == "diff" ? " or non-numeric" : "");
    return v;
}

nlohmann::ordered_json number(double x) { return std::isnan(x) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(x); }

void add_p(nlohmann::ordered_json& j, const PValues& p) {
    j["p_greater"] = number(p.greater);
    j["p_less"] = number(p.less);
    j["p_two_sided"] = number(p.two_sided);
}

void print_correlations(const QapArgs& args, unsigned seed, const DyadMatrix& y, const std::vector<DyadicVariable>& xs) {
    const QapOptions options{.permutations = args.permutations, .seed = seed};
    std::vector<std::vector<std::string>> rows = {
        {"relation", "predictor", "correlation", "expected", "p_greater", "p_less", "p_two_sided", "dyads", "permutations"}};
    nlohmann::ordered_json j = {{"method", "qap"}, {"relation", args.relation}, {"permutations", args.permutations}, {"seed", seed}};
    j["results"] = nlohmann::ordered_json::array();
    for (const DyadicVariable& x : xs) {
        const QapCorrelation c = qap_correlation(y, x.values, options);
        rows.push_back({text_cell(args.relation), text_cell(x.name), number_cell(c.correlation), number_cell(c.expected),
                        number_cell(c.p.greater), number_cell(c.p.less), number_cell(c.p.two_sided),
                        std::to_string(c.dyads), std::to_string(c.permutations)});
        nlohmann::ordered_json r = {{"predictor", x.name}, {"correlation", number(c.correlation)}, {"expected", number(c.expected)}};
        add_p(r, c.p);
        r["dyads"] = c.dyads;
        r["permutations"] = c.permutations;
        j["results"].push_back(r);
    }
    std::cout << (args.format == "json" ? j.dump(2) + "\n" : csv_lines(rows));
}

void print_regression(const QapArgs& args, unsigned seed, const DyadMatrix& y, const std::vector<DyadicVariable>& xs) {
    const Mrqap m = mrqap(y, xs, {.permutations = args.permutations, .seed = seed});
    if (args.format == "json") {
        nlohmann::ordered_json j = {{"method", "mrqap"}, {"relation", args.relation}, {"permutations", args.permutations}, {"seed", seed},
                                    {"dyads", m.dyads}, {"r_squared", number(m.r_squared)}, {"adj_r_squared", number(m.adj_r_squared)},
                                    {"f_statistic", number(m.f_statistic)}, {"residual_std_error", number(m.residual_std_error)}};
        j["coefficients"] = nlohmann::ordered_json::array();
        for (const QapTerm& t : m.terms) {
            nlohmann::ordered_json c = {{"term", t.name}, {"estimate", number(t.estimate)}, {"std_error", number(t.std_error)}, {"t", number(t.t)}};
            add_p(c, t.p);
            j["coefficients"].push_back(c);
        }
        std::cout << j.dump(2) << '\n';
        return;
    }
    std::vector<std::vector<std::string>> rows = {{"term", "estimate", "std_error", "t", "p_greater", "p_less", "p_two_sided"}};
    for (const QapTerm& t : m.terms)
        rows.push_back({text_cell(t.name), number_cell(t.estimate), number_cell(t.std_error), number_cell(t.t),
                        number_cell(t.p.greater), number_cell(t.p.less), number_cell(t.p.two_sided)});
    // A second table after one blank line, as `metrics --summary`.
    std::cout << csv_lines(rows) << '\n'
              << csv_lines({{"measure", "value"},
                            {"relation", text_cell(args.relation)},
                            {"dyads", std::to_string(m.dyads)},
                            {"r_squared", number_cell(m.r_squared)},
                            {"adj_r_squared", number_cell(m.adj_r_squared)},
                            {"f_statistic", number_cell(m.f_statistic)},
                            {"residual_std_error", number_cell(m.residual_std_error)},
                            {"permutations", std::to_string(m.permutations)},
                            {"seed", std::to_string(seed)}});
}

void run_qap(const QapArgs& args) {
    const AnalysisConfig config = load_analysis(args.config.empty() ? default_config() : args.config);
    const District d = load_district(config);
    for (const Diagnostic& w : d.warnings) std::cerr << format(w) << '\n';
    const DyadMatrix y = ties_of(d.network, args.relation, "--relation", args.valued);
    std::vector<DyadicVariable> xs;
    for (const std::string& spec : args.predictors) xs.push_back(predictor(d.network, spec, args.valued));
    const unsigned seed = args.seed.value_or(config.seed);
    try {
        if (args.method == "mrqap") return print_regression(args, seed, y, xs);
        print_correlations(args, seed, y, xs);
    } catch (const std::invalid_argument& e) {  // for example collinear predictors
        throw InputError(Diagnostic{"--predictors", 0, 0, e.what(), "drop or change one of the predictors"});
    }
}

}  // namespace

void add_qap_command(CLI::App& app) {
    auto args = std::make_shared<QapArgs>();
    auto* cmd = app.add_subcommand("qap", "dyadic tests (QAP correlation, MRQAP regression) of ties against attributes and other tie types");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("--relation", args->relation, "the ties tested: a tie type, or all for the combined network")->capture_default_str();
    cmd->add_option("--predictors", args->predictors, "same:ATTRIBUTE, diff:ATTRIBUTE (numbers or ISO dates) or layer:TYPE, comma separated")
        ->delimiter(',')
        ->required();
    cmd->add_option("--method", args->method, "qap (a correlation per predictor) or mrqap (one regression)")
        ->check(CLI::IsMember({"qap", "mrqap"}))
        ->capture_default_str();
    cmd->add_option("--permutations", args->permutations, "number of permutations")->capture_default_str();
    cmd->add_option("--seed", args->seed, "permutation seed (default: the config's seed)");
    cmd->add_option("--format", args->format, "csv or json")->check(CLI::IsMember({"csv", "json"}))->capture_default_str();
    cmd->add_flag("--valued", args->valued, "tie matrices hold tie weights instead of 1");
    cmd->callback([args] { run_qap(*args); });
}

}  // namespace staffnet
