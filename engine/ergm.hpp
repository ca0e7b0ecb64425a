#pragma once
// Exponential random graph models estimated as statnet's ergm does: the MPLE by logistic
// regression, then Monte Carlo MLE (Geyer-Thompson with Hummel stepping) on a tie-no-tie
// Metropolis-Hastings sampler; goodness of fit by simulation.
#include "engine/ergm_terms.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace staffnet {

/// MCMC settings, with statnet's defaults (control.ergm: MCMC.samplesize 1024, MCMC.interval 1024,
/// MCMC.burnin 16 intervals). The chains are a fixed number, not the number of threads: chain c
/// of run r draws from its own generator seeded by (seed, r, c), the chains run in parallel
/// (OpenMP) and their samples are pooled in chain order, so results depend on the seed only.
struct ErgmOptions {
    unsigned seed = 42;
    std::size_t chains = 4;
    std::size_t sample_size = 1024;  // networks sampled per run, over all chains
    std::size_t interval = 1024;     // proposals between two sampled networks
    std::size_t burn_in = 16384;     // proposals before a chain's first sample (each run)
    std::size_t max_iterations = 60;  // MCMLE iterations (statnet MCMLE.maxit)
    std::size_t bridges = 16;        // bridge-sampling steps for the log-likelihood
    double converged_t = 0.1;        // stop when every |mean simulated - observed| / sd is below this
    int threads = 0;                 // 0: OpenMP's default
    bool force_mcmc = false;         // MCMC MLE even for a dyad-independent model (to check it)
};

/// One coefficient of a fitted model. `std_error` includes the MCMC error; `mcmc_share` is the
/// part of its variance that is MCMC error (statnet's "MCMC %" / 100), 0 for the exact MLE.
struct ErgmCoefficient {
    std::string name;  // statnet's coefficient name, "nodematch.school"
    double estimate = 0;
    double std_error = 0;
    double z = 0;
    double p_value = 1;  // two-sided, normal
    double mcmc_share = 0;
    double observed = 0;        // g(y_obs)
    double simulated_mean = 0;  // mean over the networks simulated at the estimate
    double simulated_sd = 0;
    double mcmc_t_ratio = 0;  // (simulated_mean - observed) / simulated_sd; 0 for the exact MLE
};

struct ErgmFit {
    std::string formula;
    std::string method;  // "mple" (dyad-independent: the MPLE is the MLE) or "mcmcmle"
    bool directed = false;
    std::vector<ErgmCoefficient> coefficients;
    std::vector<double> mple;  // the starting values
    std::vector<std::vector<double>> covariance;  // of the estimates, MCMC error included
    bool converged = true;
    std::size_t iterations = 0;  // MCMLE iterations run (0 for the exact MLE)
    double log_likelihood = 0;
    bool log_likelihood_exact = true;  // false: bridge-sampled
    double null_log_likelihood = 0;    // every free dyad a coin toss: -D log 2
    double aic = 0;
    double bic = 0;  // with the free dyads as the number of observations, as statnet
    std::size_t people = 0;
    std::size_t dyads = 0;          // free (observed) dyads
    std::size_t missing_dyads = 0;  // held out: outgoing dyads of non-respondents
    std::size_t ties = 0;
    ErgmOptions options;
    std::vector<std::string> warnings;  // said plainly, each with what to try
};

/// A model that cannot be estimated (degenerate, collinear, no finite MPLE): what went wrong and
/// what to try, in one message.
class ErgmError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Dyads held out as missing (statnet's missing edges): for a person with responded == false, the
/// dyads they would have reported that hold no tie. Directed: i -> j for every j; undirected: the
/// pairs i-j (a tie reported by the other person is observed, so it stays). They are left out of
/// the MPLE and never toggled by the sampler (held absent), so the fit is conditional on them.
/// Returns one flag per ordered pair (i·n + j), symmetric when undirected.
std::vector<char> missing_dyads(const Network& net, const DenseGraph& observed);

/// Fits the model to `observed`, whose people are `model`'s. `missing` is missing_dyads() or empty
/// (none). Dyad-independent models: the MPLE, which is the MLE, with glm's standard errors and the
/// exact log-likelihood. Otherwise MCMC MLE from the MPLE: each iteration samples at the current
/// estimate, moves the target part way towards the observed statistics (Hummel et al. 2012) while
/// it stays inside the sample's range, and takes the Newton step of statnet's "lognormal"
/// approximation of the Geyer-Thompson (1992) log-likelihood ratio, shortened to statnet's trust
/// region and to two MPLE standard errors per coefficient; once within a t of 1 it averages (gain
/// 1/k) and doubles the sample. It stops once every |t| < converged_t, and the estimate is the one
/// last sampled. Throws
/// ErgmError for a degenerate model (the sampler runs to an empty or complete network), a
/// collinear one, or one whose MPLE is infinite; a fit that did not converge within
/// max_iterations is returned with converged = false and a warning.
ErgmFit fit_ergm(const ErgmModel& model, const DenseGraph& observed, const std::vector<char>& missing = {},
                 const ErgmOptions& options = {});

/// `count` networks simulated from the model at `theta`, every `options.interval` proposals after
/// the burn-in, starting from `start` (missing dyads held as in `start`).
std::vector<DenseGraph> simulate_ergm(const ErgmModel& model, const std::vector<double>& theta, const DenseGraph& start,
                                      std::size_t count, const std::vector<char>& missing = {}, const ErgmOptions& options = {});

/// One row of the goodness-of-fit table: the count of people with degree k, of ties with k edgewise
/// shared partners, or of ordered pairs at geodesic distance k ("inf": unreachable), observed and
/// over the simulated networks. p_value as statnet's gof: twice the smaller share of simulated
/// counts at or beyond the observed one on either side, at most 1.
struct GofRow {
    std::string statistic;  // degree (undirected), idegree, odegree, esp, distance
    std::string value;      // k
    double observed = 0;
    double min = 0;
    double mean = 0;
    double max = 0;
    double p_value = 1;
};

/// The goodness-of-fit table over `simulated` networks (statnet gof: degree, espartners, distance).
/// Undirected: degree, esp, distance; directed: idegree, odegree, esp (OTP), distance. Rows run to
/// the largest value seen in any network.
std::vector<GofRow> ergm_gof(const DenseGraph& observed, const std::vector<DenseGraph>& simulated);

}  // namespace staffnet
