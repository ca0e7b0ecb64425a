#include "engine/ergm.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <random>

namespace staffnet {
namespace {

using Matrix = Eigen::MatrixXd;
using Vector = Eigen::VectorXd;

// The dyads the sampler may toggle: their ends, and each ordered pair's index (-1: held).
struct Dyads {
    std::vector<std::pair<Vertex, Vertex>> ends;
    std::vector<std::int32_t> index;  // n·n
    std::size_t held = 0;
};

Dyads free_dyads(const DenseGraph& g, const std::vector<char>& missing) {
    const std::size_t n = g.size();
    Dyads d;
    d.index.assign(n * n, -1);
    for (Vertex i = 0; i < n; ++i)
        for (Vertex j = g.directed() ? 0 : i + 1; j < n; ++j) {
            if (i == j) continue;
            if (!missing.empty() && missing[std::size_t(i) * n + j]) {
                ++d.held;
                continue;
            }
            d.index[std::size_t(i) * n + j] = std::int32_t(d.ends.size());
            if (!g.directed()) d.index[std::size_t(j) * n + i] = std::int32_t(d.ends.size());
            d.ends.emplace_back(i, j);
        }
    return d;
}

double uniform(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

// A uniform integer below n by Lemire's multiply-shift (a 128-bit product, no division); the bias
// is below n / 2^64.
__extension__ typedef unsigned __int128 Wide;
std::size_t below(std::mt19937_64& rng, std::size_t n) { return std::size_t(Wide(rng()) * n >> 64); }

// One Metropolis-Hastings chain with statnet's tie-no-tie proposal: half the time a random tie
// (to remove), else a random dyad (toggled).
struct alignas(64) Chain {  // a cache line of its own: chains run on different threads
    DenseGraph g;
    std::vector<std::int32_t> position;  // free dyad -> place in `ties`, or -1
    std::vector<std::uint32_t> ties;     // free dyads that hold a tie
    std::vector<double> stats;           // g(y) - g(y_obs)
    std::mt19937_64 rng;

    Chain(const DenseGraph& start, const Dyads& dyads, std::vector<double> stats_) : g(start), stats(std::move(stats_)) {
        position.assign(dyads.ends.size(), -1);
        for (std::size_t d = 0; d < dyads.ends.size(); ++d)
            if (g.has(dyads.ends[d].first, dyads.ends[d].second)) {
                position[d] = std::int32_t(ties.size());
                ties.push_back(std::uint32_t(d));
            }
    }

    // Runs `proposals` steps; `stats` is this->stats as the running thread holds it, and `delta`
    // its scratch, each theta.size() long.
    void run(const ErgmModel& model, const Dyads& dyads, const std::vector<double>& theta, std::size_t proposals, double* delta, double* stats) {
        const double D = double(dyads.ends.size());
        if (dyads.ends.empty()) return;
        // The proposal's log q(y|y')/q(y'|y) depends only on the tie count m, which changes only
        // when a toggle is accepted: both logs are recomputed then, not at every proposal.
        std::size_t counted = std::size_t(-1);
        double log_remove = 0, log_add = 0;
        for (std::size_t step = 0; step < proposals; ++step) {
            if (ties.size() != counted) {
                counted = ties.size();
                const double m = double(counted);
                log_remove = std::log(m == 1 ? 1.0 / (0.5 * D + 0.5) : m / (D + m));
                log_add = std::log(m == 0 ? 0.5 * D + 0.5 : 1.0 + D / (m + 1));
            }
            std::uint32_t d;
            if (!ties.empty() && uniform(rng) < 0.5) d = ties[below(rng, ties.size())];
            else d = std::uint32_t(below(rng, dyads.ends.size()));
            const auto [i, j] = dyads.ends[d];
            const bool present = position[d] >= 0;
            model.toggle_change(g, i, j, delta);
            double log_ratio = present ? log_remove : log_add;
            for (std::size_t k = 0; k < theta.size(); ++k) log_ratio += theta[k] * delta[k];
            if (log_ratio < 0 && uniform(rng) >= std::exp(log_ratio)) continue;
            g.toggle(i, j);
            for (std::size_t k = 0; k < theta.size(); ++k) stats[k] += delta[k];
            if (present) {
                const std::int32_t p = position[d];
                ties[std::size_t(p)] = ties.back();
                position[ties[std::size_t(p)]] = p;
                ties.pop_back();
                position[d] = -1;
            } else {
                position[d] = std::int32_t(ties.size());
                ties.push_back(d);
            }
        }
    }
};

// The samplers of a fit: one chain each, kept from run to run (as statnet restarts from the last
// network).
class Sampler {
public:
    Sampler(const ErgmModel& model, const DenseGraph& observed, const Dyads& dyads, const ErgmOptions& options)
        : model_(model), dyads_(dyads), options_(options) {
        const std::size_t chains = std::max<std::size_t>(1, options.chains);
        chains_.reserve(chains);
        for (std::size_t c = 0; c < chains; ++c) chains_.emplace_back(observed, dyads, std::vector<double>(model.size(), 0.0));
    }

    // Runs every chain at theta and returns the sampled g(y) - g(y_obs), one row per network,
    // chain by chain. `run` numbers the seed. Keeps the sampled networks when asked.
    // Each run starts from where the chain ended at the previous θ: a quarter of the run (at least
    // the burn-in option) lets it settle at the new θ before the first sample counts, or a
    // sixteenth when θ barely moved (`near`: the small steps once the estimate has settled).
    Matrix sample(const std::vector<double>& theta, std::size_t size, std::uint64_t run, std::vector<DenseGraph>* networks = nullptr, bool near = false) {
        const std::size_t every = std::max<std::size_t>(1, options_.interval);
        const std::size_t per = std::max<std::size_t>(1, (size + chains_.size() - 1) / chains_.size());
        const std::size_t burn_in = std::max(options_.burn_in, per * every / (near ? 16 : 4));
        const std::size_t chains = chains_.size(), p = model_.size();
        Matrix out(Eigen::Index(per * chains), Eigen::Index(p));
        std::vector<std::vector<DenseGraph>> kept(chains);
        const int threads = options_.threads > 0 ? options_.threads : omp_get_max_threads();
#pragma omp parallel for schedule(static, 1) num_threads(threads)
        for (std::size_t c = 0; c < chains; ++c) {
            Chain& chain = chains_[c];
            std::seed_seq seq{std::uint32_t(options_.seed), std::uint32_t(run), std::uint32_t(run >> 32), std::uint32_t(c), 0x5eedu};
            chain.rng.seed(seq);
            // The chain's running statistics and its scratch are written at every step: they live
            // on cache lines of their own (a small heap block could share a line with the model's
            // terms, which the other threads read all the time).
            const std::unique_ptr<double[], decltype(&std::free)> lines(
                static_cast<double*>(std::aligned_alloc(64, (2 * p + 7) / 8 * 64)), &std::free);
            double* const stats = lines.get();
            double* const delta = lines.get() + p;
            std::copy(chain.stats.begin(), chain.stats.end(), stats);
            chain.run(model_, dyads_, theta, burn_in, delta, stats);
            for (std::size_t s = 0; s < per; ++s) {
                chain.run(model_, dyads_, theta, every, delta, stats);
                for (std::size_t k = 0; k < p; ++k) out(Eigen::Index(c * per + s), Eigen::Index(k)) = stats[k];
                if (networks) kept[c].push_back(chain.g);
            }
            std::copy(stats, stats + p, chain.stats.begin());
        }
        if (networks)
            for (auto& k : kept)
                for (auto& g : k) networks->push_back(std::move(g));
        return out;
    }

    std::size_t chains() const { return chains_.size(); }

private:
    const ErgmModel& model_;
    const Dyads& dyads_;
    const ErgmOptions& options_;
    std::vector<Chain> chains_;
};

double normal_p(double z) { return std::isfinite(z) ? std::erfc(std::abs(z) / std::sqrt(2.0)) : std::nan(""); }

// The MPLE: logistic regression of each free dyad's tie on its change statistics, no intercept,
// by IRLS as R's glm (binomial), iterated to a relative deviance change below 1e-12.
struct Mple {
    Vector beta;
    Matrix covariance;
    double log_likelihood = 0;
    bool separated = false;
};

Mple mple(const ErgmModel& model, const DenseGraph& observed, const Dyads& dyads) {
    const std::size_t p = model.size(), rows = dyads.ends.size();
    Matrix x(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(p));
    Vector y(static_cast<Eigen::Index>(rows));
    DenseGraph g = observed;
    std::vector<double> delta(p);
    for (std::size_t r = 0; r < rows; ++r) {
        const auto [i, j] = dyads.ends[r];
        const bool present = g.has(i, j);
        if (present) g.toggle(i, j);
        model.toggle_change(g, i, j, delta.data());  // the change of adding it
        if (present) g.toggle(i, j);
        for (std::size_t k = 0; k < p; ++k) x(Eigen::Index(r), Eigen::Index(k)) = delta[k];
        y[Eigen::Index(r)] = present;
    }
    const Eigen::ColPivHouseholderQR<Matrix> qr(x);
    if (rows == 0 || qr.rank() < Eigen::Index(p)) {
        std::string which;
        if (rows > 0) {  // the first column that the ones before it explain
            for (std::size_t k = 1; k <= p && which.empty(); ++k)
                if (Eigen::ColPivHouseholderQR<Matrix>(x.leftCols(Eigen::Index(k))).rank() < Eigen::Index(k)) which = model.names[k - 1];
        }
        throw ErgmError(rows == 0 ? "no dyad is observed, so there is nothing to fit"
                                  : "the model's statistics are collinear: '" + which +
                                        "' is fixed by the terms before it (for example nodematch on an attribute every tied pair shares, or a level no one has); drop or change that term");
    }
    Mple m;
    m.beta = Vector::Zero(Eigen::Index(p));
    double deviance = std::numeric_limits<double>::infinity();
    Vector mu(static_cast<Eigen::Index>(rows)), w(static_cast<Eigen::Index>(rows));
    for (int iteration = 0; iteration < 100; ++iteration) {
        const Vector eta = x * m.beta;
        double dev = 0;
        for (Eigen::Index r = 0; r < Eigen::Index(rows); ++r) {
            mu[r] = 1 / (1 + std::exp(-eta[r]));
            w[r] = std::max(mu[r] * (1 - mu[r]), 1e-300);
            dev -= 2 * (y[r] > 0 ? std::log(mu[r]) : std::log1p(-mu[r]));
        }
        if (std::abs(deviance - dev) / (std::abs(dev) + 0.1) < 1e-12) break;
        deviance = dev;
        const Vector z = eta.array() + (y - mu).array() / w.array();
        const Matrix xtw = x.transpose() * w.asDiagonal();
        m.beta = (xtw * x).ldlt().solve(xtw * z);
    }
    double ll = 0;
    for (Eigen::Index r = 0; r < Eigen::Index(rows); ++r) {
        const double eta = x.row(r).dot(m.beta);
        mu[r] = 1 / (1 + std::exp(-eta));
        w[r] = mu[r] * (1 - mu[r]);
        ll += y[r] > 0 ? -std::log1p(std::exp(-eta)) : -std::log1p(std::exp(eta));
        m.separated = m.separated || mu[r] > 1 - 1e-10 || mu[r] < 1e-10;
    }
    m.log_likelihood = ll;
    m.covariance = (x.transpose() * w.asDiagonal() * x).inverse();
    return m;
}

// The cure to suggest when a model degenerates, from the terms it holds.
std::string degeneracy_cure(const ErgmModel& model) {
    static const std::map<std::string, std::string> cures = {
        {"triangle", "`triangle` often degenerates; try gwesp(0.5, fixed=TRUE)"},
        {"kstar", "`kstar` often degenerates; try gwdegree(0.5, fixed=TRUE)"},
        {"istar", "`istar` often degenerates; try gwidegree(0.5, fixed=TRUE)"},
        {"ostar", "`ostar` often degenerates; try gwodegree(0.5, fixed=TRUE)"},
        {"twopath", "`twopath` often degenerates; try gwdsp(0.5, fixed=TRUE)"},
    };
    std::string cure;
    for (const std::string& name : model.names)
        for (const auto& [term, text] : cures)
            if (name.rfind(term, 0) == 0 && cure.find(text) == std::string::npos) cure += (cure.empty() ? "" : "; ") + text;
    return cure.empty() ? "try fewer dyad-dependent terms, or a smaller gwesp/gwdegree decay" : cure;
}

// Mean and standard deviation of each column.
std::pair<Vector, Vector> moments(const Matrix& z) {
    const Vector mean = z.colwise().mean();
    Vector sd(z.cols());
    for (Eigen::Index k = 0; k < z.cols(); ++k)
        sd[k] = z.rows() > 1 ? std::sqrt((z.col(k).array() - mean[k]).square().sum() / double(z.rows() - 1)) : 0.0;
    return {mean, sd};
}

// The MCMC covariance of the sample's column means, by batch means: 8 batches per chain (the
// rows hold `chains` chains one after another), each batch's mean taken as one draw.
Matrix batch_mean_covariance(const Matrix& z, const Vector& mean, std::size_t chains) {
    const Eigen::Index p = z.cols();
    const std::size_t per = std::size_t(z.rows()) / chains, batches = std::min<std::size_t>(8, per), size = per / std::max<std::size_t>(1, batches);
    Matrix between = Matrix::Zero(p, p);
    std::size_t count = 0;
    for (std::size_t c = 0; c < chains && size > 0; ++c)
        for (std::size_t b = 0; b < batches; ++b, ++count) {
            const Vector bm = z.middleRows(Eigen::Index(c * per + b * size), Eigen::Index(size)).colwise().mean().transpose() - mean;
            between += bm * bm.transpose();
        }
    return count > 1 ? Matrix(between / double(count * (count - 1))) : Matrix::Zero(p, p);
}

// Whether `point` lies inside the sample's cloud: within the range of the projections of the
// sample on each coordinate and on each principal axis (a bounding polytope of the convex hull).
bool inside(const Matrix& z, const Vector& point, const Matrix& axes) {
    for (Eigen::Index a = 0; a < axes.cols(); ++a) {
        const Vector proj = z * axes.col(a);
        const double at = point.dot(axes.col(a));
        if (at <= proj.minCoeff() || at >= proj.maxCoeff()) return false;
    }
    return true;
}

// The step that maximises the log-likelihood ratio under statnet's default "lognormal" metric
// (control.ergm MCMLE.metric): with δ = θ - θ_now, the sampled z = g - g_obs taken as normal,
//   l(δ) = δ·ξ - log E exp(δ·z) ≈ δ·ξ - (δ·μ + ½ δᵀΣδ),  maximised at  δ = Σ⁻¹(ξ - μ),
// where ξ is the target, μ the sample mean and Σ its covariance. Unlike the exact Geyer-Thompson
// sum it is bounded whatever the target. Σ is inverted on the correlation scale, and directions in
// which the sample barely varies (a chain that did not move, or two statistics moving as one) get
// no step: the sample says nothing there.
Vector lognormal_step(const Matrix& covariance, const Vector& mean, const Vector& sd, const Vector& xi) {
    const Vector scale = sd.cwiseInverse();
    const Matrix correlation = scale.asDiagonal() * covariance * scale.asDiagonal();
    const Eigen::SelfAdjointEigenSolver<Matrix> eig(correlation);
    const Vector values = eig.eigenvalues();
    Vector inverse = Vector::Zero(values.size());
    for (Eigen::Index k = 0; k < values.size(); ++k)
        if (values[k] > 1e-8 * values.maxCoeff()) inverse[k] = 1 / values[k];
    const Vector gap = scale.asDiagonal() * (xi - mean);
    const Vector rotated = eig.eigenvectors().transpose() * gap;
    // statnet's trust region (MCMLE.trustregion = 20): the approximated log-likelihood may rise by
    // at most 20 in one step; here it rises by ½ gapᵀ Σ⁻¹ gap, so a longer step is shortened.
    const double rise = 0.5 * rotated.dot(inverse.asDiagonal() * rotated);
    const double shorten = rise > 20 ? std::sqrt(20 / rise) : 1.0;
    return scale.asDiagonal() * (eig.eigenvectors() * (inverse.asDiagonal() * rotated)) * shorten;
}

}  // namespace

std::vector<char> missing_dyads(const Network& net, const DenseGraph& observed) {
    const std::size_t n = net.size();
    std::vector<char> missing(n * n, 0);
    for (Vertex i = 0; i < n; ++i) {
        if (net.people[i].responded.value_or(true)) continue;
        for (Vertex j = 0; j < n; ++j) {
            if (i == j || observed.has(i, j)) continue;
            missing[std::size_t(i) * n + j] = 1;
            if (!observed.directed()) missing[std::size_t(j) * n + i] = 1;
        }
    }
    return missing;
}

ErgmFit fit_ergm(const ErgmModel& model, const DenseGraph& observed, const std::vector<char>& missing, const ErgmOptions& options) {
    const std::size_t p = model.size();
    const Dyads dyads = free_dyads(observed, missing);
    ErgmFit fit;
    fit.formula = model.formula;
    fit.directed = observed.directed();
    fit.people = observed.size();
    fit.dyads = dyads.ends.size();
    fit.missing_dyads = dyads.held;
    fit.ties = observed.tie_count();
    fit.options = options;
    fit.null_log_likelihood = -double(fit.dyads) * std::log(2.0);
    const std::vector<double> obs = model.statistics(observed);

    const Mple start = mple(model, observed, dyads);
    fit.mple.assign(start.beta.data(), start.beta.data() + p);
    if (!start.beta.allFinite() || start.beta.cwiseAbs().maxCoeff() > 30 || start.separated) {
        std::string which;
        for (std::size_t k = 0; k < p; ++k)
            if (!std::isfinite(start.beta[Eigen::Index(k)]) || std::abs(start.beta[Eigen::Index(k)]) > 30) which = model.names[k];
        const std::string text = "the MPLE is infinite (separation: " + (which.empty() ? std::string("some dyads are certain") : "'" + which + "' predicts the ties perfectly") +
                                 "); drop that term, or merge the levels no tie (or every tie) falls in";
        if (model.dyad_independent()) throw ErgmError(text);
        fit.warnings.push_back(text);
    }
    const auto fill = [&](const Vector& theta, const Matrix& covariance, const Matrix& mcmc) {
        fit.coefficients.clear();
        fit.covariance.assign(p, std::vector<double>(p));
        for (std::size_t k = 0; k < p; ++k) {
            ErgmCoefficient c;
            c.name = model.names[k];
            c.estimate = theta[Eigen::Index(k)];
            const double total = covariance(Eigen::Index(k), Eigen::Index(k)) + mcmc(Eigen::Index(k), Eigen::Index(k));
            c.std_error = std::sqrt(total);
            c.mcmc_share = total > 0 ? mcmc(Eigen::Index(k), Eigen::Index(k)) / total : 0.0;
            c.z = c.estimate / c.std_error;
            c.p_value = normal_p(c.z);
            c.observed = obs[k];
            fit.coefficients.push_back(c);
            for (std::size_t l = 0; l < p; ++l)
                fit.covariance[k][l] = covariance(Eigen::Index(k), Eigen::Index(l)) + mcmc(Eigen::Index(k), Eigen::Index(l));
        }
        const double dp = double(p);
        fit.aic = -2 * fit.log_likelihood + 2 * dp;
        fit.bic = -2 * fit.log_likelihood + dp * std::log(double(fit.dyads));
    };

    if (model.dyad_independent() && !options.force_mcmc) {
        fit.method = "mple";
        fit.log_likelihood = start.log_likelihood;
        fill(start.beta, start.covariance, Matrix::Zero(Eigen::Index(p), Eigen::Index(p)));
        for (ErgmCoefficient& c : fit.coefficients) c.simulated_mean = c.observed;
        return fit;
    }

    // MCMC MLE.
    fit.method = "mcmcmle";
    Sampler sampler(model, observed, dyads, options);
    Vector theta = start.beta;
    const Vector mple_se = start.covariance.diagonal().cwiseMax(0.0).cwiseSqrt().cwiseMax(1e-3);
    Matrix z;
    Vector mean, sd;
    bool converged = false;
    const double D = double(dyads.ends.size());
    std::size_t sample_size = std::max<std::size_t>(options.sample_size, 2 * sampler.chains());
    std::size_t settled = 0;  // iterations since the estimate settled (within noise of the target)
    double gain = 1;
    Vector previous_t;
    for (std::size_t iteration = 1; iteration <= options.max_iterations; ++iteration) {
        fit.iterations = iteration;
        z = sampler.sample(std::vector<double>(theta.data(), theta.data() + p), sample_size, iteration, nullptr, settled > 1);
        std::tie(mean, sd) = moments(z);
        // Degenerate: most sampled networks are (nearly) complete, or (nearly) empty though the
        // observed one is not.
        const double ties = double(observed.tie_count());
        std::size_t extreme = 0;
        for (std::size_t k = 0; k < p; ++k)
            if (model.names[k] == "edges")
                for (Eigen::Index s = 0; s < z.rows(); ++s) {
                    const double e = z(s, Eigen::Index(k)) + ties;
                    extreme += e >= 0.9 * D || (ties >= 5 && e <= 0.1 * ties);
                }
        bool flat = false;
        for (std::size_t k = 0; k < p; ++k) flat = flat || !(sd[Eigen::Index(k)] > 0);
        if (extreme * 2 > std::size_t(z.rows()) || flat || !theta.allFinite())
            throw ErgmError(fmt::format("the model is degenerate: at iteration {} the simulated networks {}, far from the observed one with {} ties; {}",
                                        iteration, flat ? "no longer vary in some statistic" : "are nearly empty or complete", observed.tie_count(),
                                        degeneracy_cure(model)));
        const Vector t = mean.cwiseQuotient(sd);
        const double worst = t.cwiseAbs().maxCoeff();
        if (worst < options.converged_t) {
            converged = true;
            break;
        }
        if (iteration == options.max_iterations) break;
        // A step that overshot (the new t points back past the observed values) shows the sample
        // understated the covariance, as correlated chains do: later steps shrink by the overshoot,
        // and grow back while they fall short.
        if (previous_t.size() == t.size()) {
            const double back = -t.dot(previous_t) / previous_t.squaredNorm();
            if (back > 0.5) gain = std::max(0.1, gain / (1 + back));
            else if (back < 0) gain = std::min(1.0, gain * 1.5);
        }
        previous_t = t;
        // Once no t differs from 0 by more than three of its MCMC standard errors (batch means),
        // the step is mostly the sample's noise: from there each step is taken with gain 1/k on
        // the k-th such iteration (Robbins-Monro; the estimate is the running average of the
        // Newton targets, Polyak-Ruppert), so the noise averages out instead of being followed,
        // and the sample doubles (up to 16 times) to see closer. A significant t restarts it.
        const Vector t_se = batch_mean_covariance(z, mean, sampler.chains()).diagonal().cwiseMax(0.0).cwiseSqrt().cwiseQuotient(sd);
        bool significant = false;
        for (Eigen::Index k = 0; k < t.size(); ++k) significant = significant || std::abs(t[k]) > 3 * t_se[k];
        if (!significant) {
            ++settled;
            if (sample_size < 16 * options.sample_size) sample_size *= 2;
        } else {
            settled = 0;
        }
        // Hummel stepping: the largest γ ≤ 1 whose target (1 - γ)·mean (observed at 0) stays
        // inside the sample (shrunk by 5% towards its mean, as statnet's steplength margin).
        const Matrix centred = z.rowwise() - mean.transpose();
        const Matrix covariance = (centred.transpose() * centred) / double(z.rows() - 1);
        const Eigen::SelfAdjointEigenSolver<Matrix> eig(covariance);
        Matrix axes(Eigen::Index(p), Eigen::Index(2 * p));
        axes << Matrix::Identity(Eigen::Index(p), Eigen::Index(p)), eig.eigenvectors();
        const Matrix shrunk = (centred * 0.95).rowwise() + mean.transpose();
        double gamma = 1;
        while (gamma > 0.01 && !inside(shrunk, (1 - gamma) * mean, axes)) gamma *= 0.9;
        if (gamma <= 0.01)
            throw ErgmError(fmt::format("the model is degenerate: at iteration {} the observed statistics lie outside everything the sampler produces; {}",
                                        iteration, degeneracy_cure(model)));
        Vector step = lognormal_step(covariance, mean, sd, (1 - gamma) * mean);
        // No step moves a coefficient by more than twice its MPLE standard error: a statistic the
        // chains barely moved has a small sampled variance, and the step along it would be wild.
        double reach = 1;
        for (Eigen::Index k = 0; k < step.size(); ++k)
            if (std::abs(step[k]) * reach > 2 * mple_se[k]) reach = 2 * mple_se[k] / std::abs(step[k]);
        step *= reach;
        theta += step * (gain / double(std::max<std::size_t>(1, settled)));
        if (!theta.allFinite() || theta.cwiseAbs().maxCoeff() > 1e3)
            throw ErgmError("the model is degenerate: the estimates run off to infinity; " + degeneracy_cure(model));
    }
    fit.converged = converged;
    if (!converged)
        fit.warnings.push_back(fmt::format(
            "the MCMC MLE did not converge in {} iterations (largest |t| {:.3f}, needs < {}); the estimates are not reliable: "
            "raise the sample size and interval, or simplify the model ({})",
            fit.iterations, (mean.array() / sd.array()).abs().maxCoeff(), options.converged_t, degeneracy_cure(model)));

    // Fisher information: the covariance of the sampled statistics at the estimate. MCMC error of
    // the mean by batch means (8 batches per chain).
    const Matrix centred = z.rowwise() - mean.transpose();
    const Matrix information = centred.transpose() * centred / double(z.rows() - 1);
    const Matrix inverse = information.inverse();
    const Matrix mcmc = inverse * batch_mean_covariance(z, mean, sampler.chains()) * inverse;

    // Log-likelihood by bridge sampling from a dyad-independent model whose normalising constant is
    // known: edges at the observed density when the model has edges (else every coefficient 0).
    Vector reference = Vector::Zero(Eigen::Index(p));
    double log_kappa = D * std::log(2.0);
    for (std::size_t k = 0; k < p; ++k)
        if (model.names[k] == "edges" && fit.ties > 0 && double(fit.ties) < D) {
            const double density = double(fit.ties) / D;
            reference[Eigen::Index(k)] = std::log(density / (1 - density));
            log_kappa = D * std::log1p(std::exp(reference[Eigen::Index(k)]));
        }
    // Each bridge run starts where the one before ended, at a nearby θ: short runs suffice.
    ErgmOptions bridge_options = options;
    bridge_options.interval = std::max<std::size_t>(1, options.interval / 4);
    bridge_options.burn_in = options.interval;
    Sampler bridge(model, observed, dyads, bridge_options);
    const std::size_t steps = std::max<std::size_t>(1, options.bridges);
    const std::size_t bridge_size = std::max<std::size_t>(64, options.sample_size / 4);
    std::vector<Matrix> samples;  // at θ_0 .. θ_steps
    for (std::size_t s = 0; s <= steps; ++s) {
        const Vector at = reference + (theta - reference) * (double(s) / double(steps));
        samples.push_back(bridge.sample(std::vector<double>(at.data(), at.data() + p), bridge_size, 1000 + s));
    }
    const auto log_mean_exp = [](const Vector& a) {
        const double top = a.maxCoeff();
        return top + std::log((a.array() - top).exp().mean());
    };
    const Vector step = (theta - reference) / double(steps);
    for (std::size_t s = 0; s < steps; ++s)  // log κ(θ_{s+1}) / κ(θ_s) by the geometric bridge; g - g_obs cancels out
        log_kappa += log_mean_exp(samples[s] * step / 2) - log_mean_exp(-(samples[s + 1] * step) / 2);
    // The samples hold g - g_obs, so log κ computed from them is of exp(θ·(g - g_obs)) beyond θ_0:
    // ℓ(θ) = θ·g_obs - log κ(θ) = -(log κ_rel(θ)) where κ_rel uses g - g_obs; κ(θ_0) known for g.
    Vector g_obs(static_cast<Eigen::Index>(p));
    for (std::size_t k = 0; k < p; ++k) g_obs[Eigen::Index(k)] = obs[k];
    // log κ(θ) = log κ(θ_0) + Σ log ratios, where each ratio with g - g_obs differs from the ratio
    // with g by -Δ·g_obs; adding them up gives -(θ - θ_0)·g_obs.
    const double log_kappa_theta = log_kappa + (theta - reference).dot(g_obs);
    fit.log_likelihood = theta.dot(g_obs) - log_kappa_theta;
    fit.log_likelihood_exact = false;

    fill(theta, inverse, mcmc);
    for (std::size_t k = 0; k < p; ++k) {
        ErgmCoefficient& c = fit.coefficients[k];
        c.simulated_mean = obs[k] + mean[Eigen::Index(k)];
        c.simulated_sd = sd[Eigen::Index(k)];
        c.mcmc_t_ratio = mean[Eigen::Index(k)] / sd[Eigen::Index(k)];
    }
    return fit;
}

std::vector<DenseGraph> simulate_ergm(const ErgmModel& model, const std::vector<double>& theta, const DenseGraph& start, std::size_t count,
                                      const std::vector<char>& missing, const ErgmOptions& options) {
    std::vector<DenseGraph> networks;
    if (count == 0) return networks;
    const Dyads dyads = free_dyads(start, missing);
    ErgmOptions o = options;
    o.chains = std::min<std::size_t>(std::max<std::size_t>(1, options.chains), count);
    Sampler sampler(model, start, dyads, o);
    sampler.sample(theta, count, 99999, &networks);
    networks.resize(count);
    return networks;
}

namespace {

// Counts of each value; index = value.
using Histogram = std::vector<double>;

std::vector<std::pair<std::string, Histogram>> distributions(const DenseGraph& g) {
    const std::size_t n = g.size();
    std::vector<std::pair<std::string, Histogram>> out;
    if (!g.directed()) {
        Histogram deg(n, 0.0);
        for (Vertex v = 0; v < n; ++v) deg[g.out_degree(v)] += 1;
        out.emplace_back("degree", deg);
    } else {
        Histogram in(n, 0.0), outd(n, 0.0);
        for (Vertex v = 0; v < n; ++v) in[g.in_degree(v)] += 1, outd[g.out_degree(v)] += 1;
        out.emplace_back("idegree", in);
        out.emplace_back("odegree", outd);
    }
    Histogram esp(n > 1 ? n - 1 : 1, 0.0);
    for (Vertex i = 0; i < n; ++i)
        g.for_each_out(i, [&](Vertex j) {
            if (g.directed() || i < j) esp[g.two_paths(i, j)] += 1;
        });
    out.emplace_back("esp", esp);
    Histogram dist(n + 1, 0.0);  // index n: unreachable
    std::vector<int> level(n);
    std::vector<Vertex> queue(n);
    for (Vertex s = 0; s < n; ++s) {
        std::fill(level.begin(), level.end(), -1);
        level[s] = 0;
        std::size_t head = 0, tail = 0;
        queue[tail++] = s;
        while (head < tail) {
            const Vertex u = queue[head++];
            g.for_each_out(u, [&](Vertex v) {
                if (level[v] < 0) level[v] = level[u] + 1, queue[tail++] = v;
            });
        }
        for (Vertex t = 0; t < n; ++t)
            if (t != s && (g.directed() || s < t)) dist[level[t] < 0 ? n : std::size_t(level[t])] += 1;
    }
    out.emplace_back("distance", dist);
    return out;
}

}  // namespace

std::vector<GofRow> ergm_gof(const DenseGraph& observed, const std::vector<DenseGraph>& simulated) {
    const auto obs = distributions(observed);
    std::vector<std::vector<std::pair<std::string, Histogram>>> sims;
    for (const DenseGraph& g : simulated) sims.push_back(distributions(g));
    std::vector<GofRow> rows;
    const std::size_t n = observed.size();
    for (std::size_t d = 0; d < obs.size(); ++d) {
        const std::string& name = obs[d].first;
        const bool distance = name == "distance";
        // Rows up to the largest value seen anywhere (distance: then "inf").
        std::size_t top = 0;
        const auto last = [&](const Histogram& h) {
            std::size_t k = 0;
            for (std::size_t i = 0; i < (distance ? n : h.size()); ++i)
                if (h[i] > 0) k = i;
            return k;
        };
        top = last(obs[d].second);
        for (const auto& s : sims) top = std::max(top, last(s[d].second));
        std::vector<std::size_t> values;
        for (std::size_t k = distance ? 1 : 0; k <= top; ++k) values.push_back(k);
        if (distance) values.push_back(n);
        for (std::size_t k : values) {
            GofRow r;
            r.statistic = name;
            r.value = distance && k == n ? "inf" : std::to_string(k);
            r.observed = obs[d].second[k];
            std::vector<double> x;
            for (const auto& s : sims) x.push_back(k < s[d].second.size() ? s[d].second[k] : 0.0);
            if (!x.empty()) {
                r.min = *std::min_element(x.begin(), x.end());
                r.max = *std::max_element(x.begin(), x.end());
                r.mean = std::accumulate(x.begin(), x.end(), 0.0) / double(x.size());
                const double ge = double(std::count_if(x.begin(), x.end(), [&](double v) { return v >= r.observed; })) / double(x.size());
                const double le = double(std::count_if(x.begin(), x.end(), [&](double v) { return v <= r.observed; })) / double(x.size());
                r.p_value = std::min(1.0, 2 * std::min(ge, le));
            }
            rows.push_back(r);
        }
    }
    return rows;
}

}  // namespace staffnet
