#pragma once
// Correlation of school connectedness with SEL participation, with permutation and bootstrap.
#include <cstddef>
#include <vector>

namespace staffnet {

struct CorrelationOptions {
    std::size_t permutations = 10'000;
    std::size_t bootstrap = 2'000;
    unsigned seed = 42;
};

struct Correlation {
    std::size_t n = 0;       // pairs with both values present
    double pearson = 0;      // Pearson r
    double spearman = 0;     // Spearman rho (average ranks for ties)
    double kendall = 0;      // Kendall tau-b
    double p_permutation = 1;  // two-sided, for Spearman rho: (#|rho*| >= |rho| + 1) / (permutations + 1)
    double ci_low = 0;       // percentile bootstrap 95% interval for Spearman rho
    double ci_high = 0;
};

/// Correlates x and y over the entries where both are present (not NaN). Undefined values (fewer
/// than 3 pairs, or a constant variable) are NaN. Deterministic for a seed.
/// O((permutations + bootstrap) · n + n²).
Correlation correlate(const std::vector<double>& x, const std::vector<double>& y, const CorrelationOptions& options = {});

/// Benjamini–Hochberg q-values (false discovery rate) for a family of p-values, in input order;
/// NaN p-values stay NaN and are not counted.
std::vector<double> benjamini_hochberg(const std::vector<double>& p);

/// Ranks from 1, ties sharing their average rank.
std::vector<double> average_ranks(const std::vector<double>& x);

/// Spearman's rho: Pearson on average ranks; NaN when either variable is constant or n < 2.
double spearman(const std::vector<double>& x, const std::vector<double>& y);

/// The q-quantile by linear interpolation (R type 7, NumPy's default); NaN when `xs` is empty.
double quantile(std::vector<double> xs, double q);

/// Pearson correlation; NaN when either variable is constant or n < 2.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace staffnet
