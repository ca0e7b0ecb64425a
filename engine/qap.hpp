#pragma once
// QAP (quadratic assignment procedure) tests between dyadic variables, as R's sna: qaptest with
// gcor, and netlm with Dekker's double semi-partialling (nullhyp = "qapspp").
#include "engine/dyads.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace staffnet {

/// Dyads used (as sna's defaults mode = "digraph", diag = FALSE): every ordered pair i != j, so
/// an undirected tie counts in both triangles. That leaves correlations, coefficients and
/// permutation p-values as they are on one triangle; standard errors and t are those of
/// n(n-1) observations. A dyad missing (NaN) in any variable is left out (listwise).
///
/// Permutation r relabels people by `qap_permutation(n, seed, r)`; permutations run in parallel
/// (OpenMP) and the result depends on the seed only, never on the number of threads.
struct QapOptions {
    std::size_t permutations = 1000;
    unsigned seed = 42;
    int threads = 0;  // 0: OpenMP's default (OMP_NUM_THREADS, else every core)
};

/// The permutation p-values of an observed statistic, as sna: the share of permutations whose
/// statistic is >= the observed one (sna's pgreq), <= it (pleeq), and >= in absolute value
/// (netlm's pgreqabs). Values within 1e-9 (relative, floor 1) of the observed one count as
/// equal. A permutation whose statistic is undefined is left out of all three.
struct PValues {
    double greater = 1;
    double less = 1;
    double two_sided = 1;
};

/// A correlation with its QAP test.
struct QapCorrelation {
    double correlation = 0;  // Pearson, observed; NaN when either variable is constant
    double expected = 0;     // mean over the permutations
    PValues p;
    std::size_t dyads = 0;  // ordered pairs with both values
    std::size_t permutations = 0;
    std::vector<double> distribution;  // the correlation under permutation r, for each r
};

/// QAP correlation (Krackhardt 1987), as sna `qaptest(list(y, x), gcor, g1 = 1, g2 = 2)`: the
/// Pearson correlation of y and x over the dyads, against the same with x's rows and columns
/// permuted together. With missing dyads the dyads used change with each permutation. Throws
/// std::invalid_argument for matrices that are not n×n alike. O(permutations · n²) time, O(n²)
/// memory.
QapCorrelation qap_correlation(const DyadMatrix& y, const DyadMatrix& x, const QapOptions& options = {});

/// A named predictor, for example "same:school".
struct DyadicVariable {
    std::string name;
    DyadMatrix values;
};

/// One term of an MRQAP regression.
struct QapTerm {
    std::string name;  // "(intercept)" or the predictor's name
    double estimate = 0;
    double std_error = 0;
    double t = 0;
    PValues p;  // of t under double semi-partialling
    std::vector<double> distribution;  // t under permutation r, for each r
};

/// An OLS regression of dyads with its MRQAP tests.
struct Mrqap {
    std::vector<QapTerm> terms;  // the intercept, then the predictors in the order given
    double r_squared = 0;
    double adj_r_squared = 0;
    double f_statistic = 0;
    double residual_std_error = 0;
    std::size_t dyads = 0;  // ordered pairs with every value present
    std::size_t permutations = 0;
};

/// MRQAP (Dekker, Krackhardt & Snijders 2007), as sna `netlm(y, list(x1, x2, ...), nullhyp =
/// "qapspp")`: OLS of y on an intercept and the predictors; then for each term (the intercept
/// too), its column is regressed on the other columns and the residual matrix is permuted; the
/// statistic is the t of that permuted residual when y is regressed on the other columns and it.
/// Estimates by Householder QR. A missing dyad is left out of the fit; the residual matrix is
/// missing there too, so under permutation the dyads used change (sna fails with missing data
/// here: netlm recycles the residuals into the wrong cells). Throws std::invalid_argument for no
/// predictors, matrices that are not n×n alike, or predictors that are constant or collinear.
/// O(terms · permutations · terms · n²) time, O(n²) memory per variable.
Mrqap mrqap(const DyadMatrix& y, const std::vector<DyadicVariable>& predictors, const QapOptions& options = {});

/// Permutation r for a seed: people relabelled so that dyad (i, j) takes the value of dyad
/// (p[i], p[j]), as R `m[p, p]`. Fisher–Yates with its own std::mt19937_64 seeded by
/// std::seed_seq{seed, r}, so every r can be drawn on any thread.
std::vector<std::uint32_t> qap_permutation(std::size_t n, unsigned seed, std::size_t r);

}  // namespace staffnet
