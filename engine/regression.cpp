#include "engine/regression.hpp"

#include <Eigen/Dense>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>

namespace staffnet {
namespace {

struct Design {
    Eigen::MatrixXd x;  // intercept first
    Eigen::VectorXd y;
};

Design complete_cases(const std::vector<double>& y, const std::vector<std::vector<double>>& x) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < y.size(); ++i) {
        bool ok = !std::isnan(y[i]);
        for (const auto& column : x) ok = ok && !std::isnan(column.at(i));
        if (ok) rows.push_back(i);
    }
    Design d{Eigen::MatrixXd(Eigen::Index(rows.size()), Eigen::Index(x.size() + 1)), Eigen::VectorXd(Eigen::Index(rows.size()))};
    for (std::size_t r = 0; r < rows.size(); ++r) {
        d.y(Eigen::Index(r)) = y[rows[r]];
        d.x(Eigen::Index(r), 0) = 1.0;
        for (std::size_t c = 0; c < x.size(); ++c) d.x(Eigen::Index(r), Eigen::Index(c + 1)) = x[c][rows[r]];
    }
    return d;
}

std::vector<RegressionTerm> blank_terms(const std::vector<std::string>& names) {
    std::vector<RegressionTerm> terms = {{"(intercept)", NAN, NAN, NAN, NAN}};
    for (const std::string& n : names) terms.push_back({n, NAN, NAN, NAN, NAN});
    return terms;
}

void warn_small(Regression& r, std::size_t predictors) {
    if (r.n < 10 * std::max<std::size_t>(predictors, 1) || r.n < predictors + 6)
        r.warnings.push_back("small n: " + std::to_string(r.n) + " complete cases for " + std::to_string(predictors) +
                             " predictors (aim for at least 10 per predictor); treat estimates as exploratory");
}

// Variance inflation factor of each predictor: 1 / (1 - R²) of it on the others.
void warn_collinear(Regression& r, const Eigen::MatrixXd& x, const std::vector<std::string>& names) {
    for (Eigen::Index j = 1; j < x.cols(); ++j) {
        Eigen::MatrixXd others(x.rows(), x.cols() - 1);
        for (Eigen::Index c = 0, k = 0; c < x.cols(); ++c)
            if (c != j) others.col(k++) = x.col(c);
        const Eigen::VectorXd target = x.col(j);
        const Eigen::VectorXd fitted = others * others.colPivHouseholderQr().solve(target);
        const double total = (target.array() - target.mean()).square().sum();
        const double residual = (target - fitted).squaredNorm();
        if (total <= 0) continue;
        const double vif = total / std::max(residual, 1e-300);
        if (vif > 10)
            r.warnings.push_back("collinearity: " + names[std::size_t(j - 1)] + " has variance inflation factor " +
                                 std::to_string(int(std::round(vif))) + " (> 10); its estimate is unstable");
    }
}

}  // namespace

Regression ols(const std::vector<double>& y, const std::vector<std::vector<double>>& x, const std::vector<std::string>& names) {
    Regression r;
    r.model = "ols";
    const Design d = complete_cases(y, x);
    r.n = std::size_t(d.x.rows());
    r.terms = blank_terms(names);
    r.r_squared = r.adjusted_r_squared = NAN;
    warn_small(r, names.size());
    const Eigen::Index p = d.x.cols();
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(d.x);
    if (Eigen::Index(r.n) <= p || qr.rank() < p) {
        r.warnings.push_back("rank-deficient design: a predictor is constant or a combination of others, or n <= predictors; no estimates");
        return r;
    }
    warn_collinear(r, d.x, names);
    const Eigen::VectorXd beta = qr.solve(d.y);
    const Eigen::VectorXd residual = d.y - d.x * beta;
    const double dof = double(r.n) - double(p);
    const double sigma2 = residual.squaredNorm() / dof;
    const Eigen::MatrixXd covariance = sigma2 * (d.x.transpose() * d.x).inverse();
    const boost::math::students_t t_dist(dof);
    for (Eigen::Index j = 0; j < p; ++j) {
        RegressionTerm& term = r.terms[std::size_t(j)];
        term.estimate = beta(j);
        term.std_error = std::sqrt(covariance(j, j));
        term.statistic = term.estimate / term.std_error;
        term.p_value = 2.0 * boost::math::cdf(boost::math::complement(t_dist, std::abs(term.statistic)));
    }
    const double total = (d.y.array() - d.y.mean()).square().sum();
    r.r_squared = total > 0 ? 1.0 - residual.squaredNorm() / total : NAN;
    r.adjusted_r_squared = 1.0 - (1.0 - r.r_squared) * (double(r.n) - 1.0) / dof;
    return r;
}

Regression logistic(const std::vector<double>& y, const std::vector<std::vector<double>>& x, const std::vector<std::string>& names) {
    Regression r;
    r.model = "logistic";
    const Design d = complete_cases(y, x);
    r.n = std::size_t(d.x.rows());
    r.terms = blank_terms(names);
    r.r_squared = r.adjusted_r_squared = NAN;
    for (Eigen::Index i = 0; i < d.y.size(); ++i)
        if (d.y(i) != 0.0 && d.y(i) != 1.0) {
            r.warnings.push_back("the outcome must be 0 or 1 for logistic regression; found " + std::to_string(d.y(i)));
            return r;
        }
    warn_small(r, names.size());
    const Eigen::Index p = d.x.cols();
    if (Eigen::Index(r.n) <= p || Eigen::ColPivHouseholderQR<Eigen::MatrixXd>(d.x).rank() < p) {
        r.warnings.push_back("rank-deficient design: a predictor is constant or a combination of others, or n <= predictors; no estimates");
        return r;
    }
    warn_collinear(r, d.x, names);
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(p), mu(d.y.size());
    Eigen::MatrixXd information;
    bool converged = false;
    double deviance = INFINITY;
    for (int iteration = 0; iteration < 50 && !converged; ++iteration) {
        const Eigen::VectorXd eta = d.x * beta;
        mu = (1.0 / (1.0 + (-eta.array()).exp())).matrix();
        const Eigen::VectorXd w = (mu.array() * (1.0 - mu.array())).max(1e-12).matrix();
        const Eigen::VectorXd z = eta + ((d.y - mu).array() / w.array()).matrix();
        information = d.x.transpose() * w.asDiagonal() * d.x;
        beta = information.ldlt().solve(d.x.transpose() * w.asDiagonal() * z);
        double next = 0;
        const Eigen::VectorXd m = (1.0 / (1.0 + (-(d.x * beta).array()).exp())).matrix();
        for (Eigen::Index i = 0; i < d.y.size(); ++i)
            next -= 2.0 * (d.y(i) * std::log(std::max(m(i), 1e-300)) + (1 - d.y(i)) * std::log(std::max(1 - m(i), 1e-300)));
        // R glm's test: |dev - dev_old| / (|dev| + 0.1) < 1e-8.
        converged = std::abs(next - deviance) / (std::abs(next) + 0.1) < 1e-8;
        deviance = next;
    }
    if (!converged) r.warnings.push_back("logistic regression did not converge in 50 iterations");
    mu = (1.0 / (1.0 + (-(d.x * beta).array()).exp())).matrix();
    if ((mu.array() < 1e-8).any() || (mu.array() > 1 - 1e-8).any())
        r.warnings.push_back("separation: some fitted probabilities are 0 or 1; estimates and standard errors are unreliable");
    const Eigen::VectorXd w = (mu.array() * (1.0 - mu.array())).max(1e-12).matrix();
    const Eigen::MatrixXd covariance = (d.x.transpose() * w.asDiagonal() * d.x).inverse();
    const boost::math::normal normal;
    for (Eigen::Index j = 0; j < p; ++j) {
        RegressionTerm& term = r.terms[std::size_t(j)];
        term.estimate = beta(j);
        term.std_error = std::sqrt(covariance(j, j));
        term.statistic = term.estimate / term.std_error;
        term.p_value = 2.0 * boost::math::cdf(boost::math::complement(normal, std::abs(term.statistic)));
    }
    const double ybar = d.y.mean();
    double null_deviance = 0;
    for (Eigen::Index i = 0; i < d.y.size(); ++i)
        null_deviance -= 2.0 * (d.y(i) * std::log(std::max(ybar, 1e-300)) + (1 - d.y(i)) * std::log(std::max(1 - ybar, 1e-300)));
    r.r_squared = null_deviance > 0 ? 1.0 - deviance / null_deviance : NAN;
    return r;
}

}  // namespace staffnet
