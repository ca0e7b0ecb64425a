#include "io/ergm_tables.hpp"

#include "io/output.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace staffnet {
namespace {

nlohmann::ordered_json number(double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr); }

}  // namespace

std::string ergm_csv(const ErgmFit& fit) {
    std::vector<std::vector<std::string>> rows = {{"term", "estimate", "std_error", "z", "p_value", "mcmc_t_ratio"}};
    for (const ErgmCoefficient& c : fit.coefficients)
        rows.push_back({text_cell(c.name), number_cell(c.estimate), number_cell(c.std_error), number_cell(c.z), number_cell(c.p_value),
                        number_cell(c.mcmc_t_ratio)});
    return csv_lines(rows);
}

std::string ergm_json(const ErgmFit& fit) {
    nlohmann::ordered_json j;
    j["formula"] = fit.formula;
    j["method"] = fit.method;
    j["directed"] = fit.directed;
    j["converged"] = fit.converged;
    j["warnings"] = fit.warnings;
    j["coefficients"] = nlohmann::ordered_json::array();
    for (const ErgmCoefficient& c : fit.coefficients)
        j["coefficients"].push_back({{"term", c.name},
                                     {"estimate", number(c.estimate)},
                                     {"std_error", number(c.std_error)},
                                     {"z", number(c.z)},
                                     {"p_value", number(c.p_value)},
                                     {"mcmc_t_ratio", number(c.mcmc_t_ratio)},
                                     {"mcmc_share", number(c.mcmc_share)},
                                     {"observed", number(c.observed)},
                                     {"simulated_mean", number(c.simulated_mean)},
                                     {"simulated_sd", number(c.simulated_sd)}});
    j["fit"] = {{"log_likelihood", number(fit.log_likelihood)},
                {"log_likelihood_exact", fit.log_likelihood_exact},
                {"null_log_likelihood", number(fit.null_log_likelihood)},
                {"aic", number(fit.aic)},
                {"bic", number(fit.bic)},
                {"people", fit.people},
                {"dyads", fit.dyads},
                {"missing_dyads", fit.missing_dyads},
                {"ties", fit.ties},
                {"iterations", fit.iterations}};
    j["mcmc"] = {{"seed", fit.options.seed},
                 {"chains", fit.options.chains},
                 {"sample_size", fit.options.sample_size},
                 {"interval", fit.options.interval},
                 {"burn_in", fit.options.burn_in},
                 {"max_iterations", fit.options.max_iterations},
                 {"bridges", fit.options.bridges}};
    j["mple"] = nlohmann::ordered_json::array();
    for (double x : fit.mple) j["mple"].push_back(number(x));
    return j.dump(2) + "\n";
}

std::string ergm_gof_csv(const std::vector<GofRow>& rows) {
    std::vector<std::vector<std::string>> out = {{"statistic", "value", "observed", "min", "mean", "max", "p_value"}};
    for (const GofRow& r : rows)
        out.push_back({text_cell(r.statistic), text_cell(r.value), number_cell(r.observed), number_cell(r.min), number_cell(r.mean),
                       number_cell(r.max), number_cell(r.p_value)});
    return csv_lines(out);
}

std::string ergm_network_csv(const Network& people, const DenseGraph& g) {
    std::vector<std::vector<std::string>> rows = {{"source", "target"}};
    for (Vertex i = 0; i < g.size(); ++i)
        g.for_each_out(i, [&](Vertex j) {
            if (g.directed() || i < j) rows.push_back({text_cell(people.people[i].id), text_cell(people.people[j].id)});
        });
    return csv_lines(rows);
}

}  // namespace staffnet
