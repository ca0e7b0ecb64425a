#pragma once
// Regression of a school participation measure on connectedness measures and controls (Eigen).
#include <string>
#include <vector>

namespace staffnet {

struct RegressionTerm {
    std::string name;  // "(intercept)" first
    double estimate = 0;
    double std_error = 0;
    double statistic = 0;  // t (OLS) or z (logistic)
    double p_value = 1;    // two-sided, Student t with n-p degrees of freedom (OLS) or normal (logistic)
};

struct Regression {
    std::string model;  // "ols" or "logistic"
    std::size_t n = 0;  // rows used (complete cases)
    std::vector<RegressionTerm> terms;
    double r_squared = 0;           // OLS R²; logistic: McFadden's pseudo R²
    double adjusted_r_squared = 0;  // OLS only (NaN for logistic)
    std::vector<std::string> warnings;  // small n, collinearity, separation, non-convergence
};

/// Ordinary least squares of y on the columns of x (one vector per predictor, all the same
/// length) plus an intercept, over complete cases, via column-pivoting QR. Standard errors are the
/// classical ones, as R `lm`. Warns when n < 10 per predictor (or n - p < 5), and when a predictor's
/// variance inflation factor exceeds 10 or the design is rank-deficient (then estimates are NaN).
Regression ols(const std::vector<double>& y, const std::vector<std::vector<double>>& x,
               const std::vector<std::string>& names);

/// Logistic regression of a 0/1 outcome by iteratively reweighted least squares (as R `glm`,
/// binomial, logit link): Wald z statistics. Warns on a non-0/1 outcome, small n, non-convergence
/// within 50 iterations, or (quasi-)separation (fitted probabilities of 0 or 1).
Regression logistic(const std::vector<double>& y, const std::vector<std::vector<double>>& x,
                    const std::vector<std::string>& names);

}  // namespace staffnet
