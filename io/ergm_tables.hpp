#pragma once
// The ERGM outputs: ergm.csv, ergm.json and ergm_gof.csv, as pure functions of a fit, so that
// `staffnet ergm` and `analyze` (a config's models:) write the same bytes.
#include "engine/ergm.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// ergm.csv: one row per coefficient, columns exactly term, estimate, std_error, z, p_value,
/// mcmc_t_ratio. The term is statnet's coefficient name ("nodematch.school", "gwesp.fixed.0.5").
/// Numbers are shortest round-trip text; mcmc_t_ratio is 0 for an exact MLE (no sampling).
std::string ergm_csv(const ErgmFit& fit);

/// ergm.json: the formula, method, convergence, warnings, the MCMC settings and seed, the fit
/// statistics (log_likelihood and whether it is exact or bridge-sampled, null_log_likelihood, aic,
/// bic, people, dyads, missing_dyads, ties, iterations) and the coefficients with the CSV's
/// columns plus mcmc_share, observed, simulated_mean and simulated_sd. Indented by 2.
std::string ergm_json(const ErgmFit& fit);

/// ergm_gof.csv: statistic, value, observed, min, mean, max, p_value (engine/ergm.hpp GofRow).
std::string ergm_gof_csv(const std::vector<GofRow>& rows);

/// A simulated network as an edge list: source,target with people's ids (each pair once when
/// undirected, lower vertex first).
std::string ergm_network_csv(const Network& people, const DenseGraph& g);

}  // namespace staffnet
