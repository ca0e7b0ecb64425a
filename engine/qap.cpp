#include "engine/qap.hpp"

#include <Eigen/Dense>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

namespace staffnet {
namespace {

using Permutation = std::vector<std::uint32_t>;
constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

void check_shape(const DyadMatrix& m, Eigen::Index n, const std::string& what) {
    if (m.rows() != n || m.cols() != n)
        throw std::invalid_argument(what + " is " + std::to_string(m.rows()) + "x" + std::to_string(m.cols()) +
                                    ", not " + std::to_string(n) + "x" + std::to_string(n) + " like the first matrix");
}

// Calls visit(i, j) for every dyad off the diagonal, column by column.
template <typename Visit>
void for_each_dyad(Eigen::Index n, Visit&& visit) {
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i)
            if (i != j) visit(i, j);
}

bool complete(const DyadMatrix& m) {
    bool all = true;
    for_each_dyad(m.rows(), [&](Eigen::Index i, Eigen::Index j) { all = all && !std::isnan(m(i, j)); });
    return all;
}

// Statistic r for every permutation r, in parallel. Each value depends only on (seed, r), so the
// result is the same on any number of threads.
template <typename Statistic>
std::vector<double> distribution(std::size_t n, const QapOptions& options, const Statistic& statistic) {
    std::vector<double> out(options.permutations);
    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads)
    for (std::int64_t r = 0; r < std::int64_t(out.size()); ++r)
        out[std::size_t(r)] = statistic(qap_permutation(n, options.seed, std::size_t(r)));
    return out;
}

PValues p_values(double observed, const std::vector<double>& draws) {
    std::size_t defined = 0, greater = 0, less = 0, larger = 0;
    // Permutations that reach the observed value by another summation order still count as equal.
    const double tolerance = 1e-9 * std::max(1.0, std::abs(observed));
    for (double x : draws) {
        if (std::isnan(x)) continue;
        ++defined;
        greater += x >= observed - tolerance;
        less += x <= observed + tolerance;
        larger += std::abs(x) >= std::abs(observed) - tolerance;
    }
    if (std::isnan(observed) || defined == 0) return {undefined, undefined, undefined};
    const double d = double(defined);
    return {double(greater) / d, double(less) / d, double(larger) / d};
}

double mean_of_defined(const std::vector<double>& draws) {
    double total = 0;
    std::size_t defined = 0;
    for (double x : draws)
        if (!std::isnan(x)) total += x, ++defined;
    return defined ? total / double(defined) : undefined;
}

// For complete matrices: the sums over dyads i != j of x(p[i], p[j]) * with[m](i, j), one per m.
// Each permuted column is gathered once into a contiguous buffer and serves every product, which
// Eigen then vectorises. (The plain sum of x(p[i], p[j]) needs no pass: it is the same for every p.)
Eigen::VectorXd permuted_dots(const DyadMatrix& x, const std::vector<const DyadMatrix*>& with, const Permutation& p) {
    const Eigen::Index n = x.rows();
    Eigen::VectorXd column(n), dots = Eigen::VectorXd::Zero(Eigen::Index(with.size()));
    for (Eigen::Index j = 0; j < n; ++j) {
        const double* source = x.col(p[std::size_t(j)]).data();
        for (Eigen::Index i = 0; i < n; ++i) column[i] = source[p[std::size_t(i)]];
        const Eigen::Index after = n - j - 1;  // the diagonal cell j is skipped
        for (std::size_t m = 0; m < with.size(); ++m) {
            const auto other = with[m]->col(j);
            dots[Eigen::Index(m)] += column.head(j).dot(other.head(j)) + column.tail(after).dot(other.tail(after));
        }
    }
    return dots;
}

// Pearson correlation of x permuted by p with y over the dyads where both are present. The
// variables are already centred, so the sums of squares carry no large offsets.
double correlation_with_missing(const DyadMatrix& y, const DyadMatrix& x, const Permutation& p) {
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    for_each_dyad(y.rows(), [&](Eigen::Index i, Eigen::Index j) {
        const double a = x(p[std::size_t(i)], p[std::size_t(j)]), b = y(i, j);
        if (std::isnan(a) || std::isnan(b)) return;
        n += 1, sx += a, sy += b, sxx += a * a, syy += b * b, sxy += a * b;
        xmin = std::min(xmin, a), xmax = std::max(xmax, a), ymin = std::min(ymin, b), ymax = std::max(ymax, b);
    });
    if (!(xmin < xmax) || !(ymin < ymax)) return undefined;  // constant on the dyads used
    return (sxy - sx * sy / n) / std::sqrt((sxx - sx * sx / n) * (syy - sy * sy / n));
}

Permutation identity(Eigen::Index n) {
    Permutation p(static_cast<std::size_t>(n));
    std::iota(p.begin(), p.end(), 0u);
    return p;
}

double off_diagonal_sum(const DyadMatrix& m) {
    double total = 0;
    for_each_dyad(m.rows(), [&](Eigen::Index i, Eigen::Index j) { total += m(i, j); });
    return total;
}

double off_diagonal_mean(const DyadMatrix& m) {
    double total = 0, count = 0;
    for_each_dyad(m.rows(), [&](Eigen::Index i, Eigen::Index j) {
        if (!std::isnan(m(i, j))) total += m(i, j), count += 1;
    });
    return count > 0 ? total / count : undefined;
}

bool constant_off_diagonal(const DyadMatrix& m) {
    double low = INFINITY, high = -INFINITY;
    for_each_dyad(m.rows(), [&](Eigen::Index i, Eigen::Index j) {
        if (!std::isnan(m(i, j))) low = std::min(low, m(i, j)), high = std::max(high, m(i, j));
    });
    return !(low < high);
}

// The regression data of mrqap: the dyads with every value present, column by column.
struct Design {
    Eigen::MatrixXd x;  // column 0 is the intercept, then one column per predictor
    Eigen::VectorXd y;
    Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> present;  // 1 where the dyad is used
};

Design design(const DyadMatrix& y, const std::vector<DyadicVariable>& predictors) {
    const Eigen::Index n = y.rows(), k = Eigen::Index(predictors.size());
    Design d;
    d.present.setZero(n, n);
    Eigen::Index rows = 0;
    for_each_dyad(n, [&](Eigen::Index i, Eigen::Index j) {
        bool all = !std::isnan(y(i, j));
        for (const DyadicVariable& v : predictors) all = all && !std::isnan(v.values(i, j));
        d.present(i, j) = all;
        rows += all;
    });
    d.x.resize(rows, k + 1);
    d.y.resize(rows);
    Eigen::Index row = 0;
    for_each_dyad(n, [&](Eigen::Index i, Eigen::Index j) {
        if (d.present(i, j) == 0) return;
        d.x(row, 0) = 1;
        for (Eigen::Index c = 0; c < k; ++c) d.x(row, c + 1) = predictors[std::size_t(c)].values(i, j);
        d.y[row++] = y(i, j);
    });
    return d;
}

void check_rank(const Design& d, const std::vector<DyadicVariable>& predictors) {
    Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(d.x);
    qr.setThreshold(1e-7);  // sna's default tol
    if (qr.rank() == d.x.cols()) return;
    std::string names;
    for (std::size_t c = 0; c < predictors.size(); ++c) {
        if ((d.x.col(Eigen::Index(c) + 1).array() == d.x(0, Eigen::Index(c) + 1)).all())
            throw std::invalid_argument("'" + predictors[c].name +
                                        "' has the same value for every dyad used, so its effect cannot be estimated");
        names += (names.empty() ? "" : ", ") + predictors[c].name;
    }
    throw std::invalid_argument("the predictors are collinear (one is a combination of the others and the intercept): " + names);
}

// Double semi-partialling for one term: its column's residual on the other columns, permuted.
class TermTest {
public:
    TermTest(const Design& d, const DyadMatrix& y, const std::vector<DyadicVariable>& predictors, Eigen::Index term)
        : y_(y), predictors_(predictors), term_(term) {
        const Eigen::Index n = y.rows(), k = d.x.cols() - 1;
        others_.resize(d.x.rows(), k);
        for (Eigen::Index c = 0, o = 0; c <= k; ++c)
            if (c != term) others_.col(o++) = d.x.col(c);
        const Eigen::HouseholderQR<Eigen::MatrixXd> qr(others_);
        const Eigen::VectorXd e = d.x.col(term) - others_ * qr.solve(Eigen::VectorXd(d.x.col(term)));
        ry_ = d.y - others_ * qr.solve(d.y);
        r_ = qr.matrixQR().topLeftCorner(k, k).triangularView<Eigen::Upper>();
        ee_ = e.squaredNorm();
        e_sum_ = e.sum();
        ryry_ = ry_.squaredNorm();
        df_ = double(d.x.rows() - k - 1);
        // The residuals back in matrix form; dyads left out of the fit are missing.
        residual_ = DyadMatrix::Constant(n, n, undefined);
        ry_matrix_ = DyadMatrix::Zero(n, n);
        Eigen::Index row = 0;
        for_each_dyad(n, [&](Eigen::Index i, Eigen::Index j) {
            if (d.present(i, j) == 0) return;
            ry_matrix_(i, j) = ry_[row];
            residual_(i, j) = e[row++];
        });
        complete_ = d.x.rows() == n * (n - 1);
        if (complete_) {
            for (Eigen::Index c = 1; c <= k; ++c)
                if (c != term) with_.push_back(&predictors[std::size_t(c - 1)].values);
            with_.push_back(&ry_matrix_);
        } else {
            shift_ = Eigen::VectorXd::Zero(k + 1);  // one per column of Z, then y
            // With the intercept among the other columns, centring the others and y changes no
            // fit and keeps the sums of squares and products of t_with_missing well scaled.
            if (term != 0) {
                for (Eigen::Index c = 1; c < k; ++c) shift_[c] = others_.col(c).mean();
                shift_[k] = d.y.mean();
            }
        }
    }

    double operator()(const Permutation& p) const { return complete_ ? t_complete(p) : t_with_missing(p); }

private:
    // No dyad missing: the dyads used never change, so by Frisch–Waugh–Lovell the t of the
    // permuted residual e_p needs only Z'e_p and r_y'e_p (Z the other columns, r_y the residual of
    // y on Z): with g = Z'e_p, |ẽ|² = e'e - g'(Z'Z)⁻¹g, b = r_y'e_p / |ẽ|² and
    // RSS = r_y'r_y - b·r_y'e_p, as sna's QR fit of y on [Z, e_p] gives.
    double t_complete(const Permutation& p) const {
        const Eigen::VectorXd dots = permuted_dots(residual_, with_, p);
        const Eigen::Index k = others_.cols();
        Eigen::VectorXd g(k);
        for (Eigen::Index c = 0, o = 0, w = 0; c <= k; ++c) {
            if (c == term_) continue;
            g[o++] = c == 0 ? e_sum_ : dots[w++];  // the intercept column sums e_p, as it sums e
        }
        const double h = dots[Eigen::Index(with_.size()) - 1];
        const double tilde = ee_ - r_.transpose().triangularView<Eigen::Lower>().solve(g).squaredNorm();
        if (!(tilde > 1e-12 * ee_)) return undefined;  // e_p lies in the span of the other columns
        const double rss = ryry_ - h * h / tilde;
        return h / std::sqrt(tilde * rss / df_);
    }

    // Some dyads missing: the dyads used change with p (those present in y and Z whose permuted
    // residual is present), so the fit is redone from its sums of squares and products.
    double t_with_missing(const Permutation& p) const {
        const Eigen::Index n = y_.rows(), k = others_.cols(), size = k + 2;  // w = [Z, e_p, y]
        Eigen::MatrixXd s = Eigen::MatrixXd::Zero(size, size);
        Eigen::VectorXd w(size);
        double m = 0;
        for_each_dyad(n, [&](Eigen::Index i, Eigen::Index j) {
            const double e = residual_(p[std::size_t(i)], p[std::size_t(j)]);
            if (std::isnan(e) || std::isnan(y_(i, j))) return;
            Eigen::Index o = 0;
            for (Eigen::Index c = 0; c < Eigen::Index(predictors_.size()) + 1; ++c) {
                if (c == term_) continue;
                const double v = c == 0 ? 1.0 : predictors_[std::size_t(c - 1)].values(i, j);
                if (std::isnan(v)) return;
                w[o] = c == 0 ? v : v - shift_[o];
                ++o;
            }
            w[k] = e;
            w[k + 1] = y_(i, j) - shift_[k];
            for (Eigen::Index b = 0; b < size; ++b)
                for (Eigen::Index a = b; a < size; ++a) s(a, b) += w[a] * w[b];
            m += 1;
        });
        const double df = m - double(k + 1);
        if (df <= 0) return undefined;
        s = s.selfadjointView<Eigen::Lower>();
        // Equilibrate before solving; t does not depend on the scale of the columns.
        const Eigen::VectorXd scale = s.diagonal().cwiseSqrt().cwiseInverse();
        if (!scale.allFinite()) return undefined;
        s = scale.asDiagonal() * s * scale.asDiagonal();
        const Eigen::LDLT<Eigen::MatrixXd> xtx(s.topLeftCorner(k + 1, k + 1));
        const Eigen::VectorXd xty = s.col(k + 1).head(k + 1);
        const Eigen::VectorXd b = xtx.solve(xty);
        const double rss = s(k + 1, k + 1) - b.dot(xty);
        const double variance = xtx.solve(Eigen::VectorXd::Unit(k + 1, k))[k];
        if (!(variance > 0) || !(rss > 0) || !std::isfinite(variance)) return undefined;
        return b[k] / std::sqrt(rss / df * variance);
    }

    const DyadMatrix& y_;
    const std::vector<DyadicVariable>& predictors_;
    Eigen::Index term_;
    Eigen::MatrixXd others_;  // Z: the design without this term's column
    Eigen::VectorXd ry_;      // residual of y on Z
    Eigen::MatrixXd r_;       // Z = QR
    double ee_ = 0, e_sum_ = 0, ryry_ = 0, df_ = 0;
    DyadMatrix residual_, ry_matrix_;
    bool complete_ = true;
    std::vector<const DyadMatrix*> with_;
    Eigen::VectorXd shift_;
};

}  // namespace

std::vector<std::uint32_t> qap_permutation(std::size_t n, unsigned seed, std::size_t r) {
    std::seed_seq sequence{std::uint32_t(seed), std::uint32_t(r), std::uint32_t(std::uint64_t(r) >> 32)};
    std::mt19937_64 rng(sequence);
    std::vector<std::uint32_t> p(n);
    std::iota(p.begin(), p.end(), 0u);
    for (std::size_t i = n; i > 1; --i) std::swap(p[i - 1], p[rng() % i]);
    return p;
}

QapCorrelation qap_correlation(const DyadMatrix& y, const DyadMatrix& x, const QapOptions& options) {
    const Eigen::Index n = y.rows();
    check_shape(y, n, "the first matrix");
    check_shape(x, n, "the second matrix");
    // Centred copies: a correlation does not change under a shift, and the sums stay small.
    const DyadMatrix yc = y.array() - off_diagonal_mean(y);
    const DyadMatrix xc = x.array() - off_diagonal_mean(x);
    const Permutation none = identity(n);

    QapCorrelation out;
    std::function<double(const Permutation&)> statistic;
    if (!complete(y) || !complete(x)) {
        statistic = [&](const Permutation& p) { return correlation_with_missing(yc, xc, p); };
        for_each_dyad(n, [&](Eigen::Index i, Eigen::Index j) { out.dyads += !std::isnan(x(i, j)) && !std::isnan(y(i, j)); });
    } else if (n > 1 && !constant_off_diagonal(x) && !constant_off_diagonal(y)) {
        // Without missing dyads a permutation only moves x's values among the same dyads, so
        // everything but the sum of products is fixed.
        out.dyads = std::size_t(n * (n - 1));
        const double count = double(out.dyads), sx = off_diagonal_sum(xc), sy = off_diagonal_sum(yc);
        const double sxx = permuted_dots(xc, {&xc}, none)[0], syy = permuted_dots(yc, {&yc}, none)[0];
        const double scale = std::sqrt((sxx - sx * sx / count) * (syy - sy * sy / count));
        statistic = [&, sx, sy, count, scale](const Permutation& p) {
            return (permuted_dots(xc, {&yc}, p)[0] - sx * sy / count) / scale;
        };
    } else {
        out.dyads = std::size_t(n * (n - 1));
        statistic = [](const Permutation&) { return undefined; };  // a constant variable
    }
    out.correlation = statistic(none);
    if (!std::isnan(out.correlation)) {
        out.distribution = distribution(std::size_t(n), options, statistic);
        out.permutations = options.permutations;
    }
    out.expected = mean_of_defined(out.distribution);
    out.p = p_values(out.correlation, out.distribution);
    return out;
}

Mrqap mrqap(const DyadMatrix& y, const std::vector<DyadicVariable>& predictors, const QapOptions& options) {
    if (predictors.empty()) throw std::invalid_argument("mrqap needs at least one predictor");
    const Eigen::Index n = y.rows();
    check_shape(y, n, "the dependent matrix");
    for (const DyadicVariable& v : predictors) check_shape(v.values, n, "'" + v.name + "'");
    const Design d = design(y, predictors);
    const Eigen::Index terms = d.x.cols();
    if (d.x.rows() <= terms)
        throw std::invalid_argument("only " + std::to_string(d.x.rows()) + " dyads have every value, too few for " +
                                    std::to_string(terms) + " coefficients");
    check_rank(d, predictors);

    // The observed fit, as sna: coefficients by QR, (X'X)⁻¹ = R⁻¹R⁻ᵀ for the standard errors.
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(d.x);
    const Eigen::VectorXd b = qr.solve(d.y);
    const Eigen::VectorXd fitted = d.x * b;
    const double rows = double(d.x.rows()), df = rows - double(terms);
    const double rss = (d.y - fitted).squaredNorm();
    const double mss = (fitted.array() - fitted.mean()).square().sum();
    const Eigen::MatrixXd r_inverse = qr.matrixQR()
                                          .topLeftCorner(terms, terms)
                                          .triangularView<Eigen::Upper>()
                                          .solve(Eigen::MatrixXd::Identity(terms, terms));

    Mrqap out;
    out.dyads = std::size_t(d.x.rows());
    out.permutations = options.permutations;
    out.r_squared = mss / (mss + rss);
    out.adj_r_squared = 1 - (1 - out.r_squared) * (rows - 1) / df;
    out.f_statistic = (mss / double(terms - 1)) / (rss / df);
    out.residual_std_error = std::sqrt(rss / df);
    for (Eigen::Index t = 0; t < terms; ++t) {
        QapTerm term;
        term.name = t == 0 ? "(intercept)" : predictors[std::size_t(t - 1)].name;
        term.estimate = b[t];
        term.std_error = std::sqrt(r_inverse.row(t).squaredNorm() * rss / df);
        term.t = term.estimate / term.std_error;
        const TermTest test(d, y, predictors, t);
        term.distribution = distribution(std::size_t(n), options, test);
        term.p = p_values(term.t, term.distribution);
        out.terms.push_back(std::move(term));
    }
    return out;
}

}  // namespace staffnet
