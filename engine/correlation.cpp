#include "engine/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace staffnet {

std::vector<double> average_ranks(const std::vector<double>& x) {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::vector<double> rank(x.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        const double shared = (double(i) + double(j)) / 2.0 + 1.0;
        for (std::size_t k = i; k <= j; ++k) rank[order[k]] = shared;
        i = j + 1;
    }
    return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
    const std::size_t n = x.size();
    if (n < 2) return std::nan("");
    const double mx = std::accumulate(x.begin(), x.end(), 0.0) / double(n);
    const double my = std::accumulate(y.begin(), y.end(), 0.0) / double(n);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    return (sxx > 0 && syy > 0) ? sxy / std::sqrt(sxx * syy) : std::nan("");
}

namespace {

double kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y) {
    double concordant = 0, discordant = 0, ties_x = 0, ties_y = 0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) {
            const double dx = x[i] - x[j], dy = y[i] - y[j];
            if (dx == 0 && dy == 0) continue;
            if (dx == 0) ties_x += 1;
            else if (dy == 0) ties_y += 1;
            else if ((dx > 0) == (dy > 0)) concordant += 1;
            else discordant += 1;
        }
    const double denominator = std::sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y));
    return denominator > 0 ? (concordant - discordant) / denominator : std::nan("");
}

}  // namespace

double quantile(std::vector<double> xs, double q) {
    if (xs.empty()) return std::nan("");
    std::sort(xs.begin(), xs.end());
    const double h = (double(xs.size()) - 1.0) * q;  // linear interpolation, as R type 7 / NumPy
    const std::size_t lo = std::size_t(std::floor(h));
    const std::size_t hi = std::min(lo + 1, xs.size() - 1);
    return xs[lo] + (h - double(lo)) * (xs[hi] - xs[lo]);
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) { return pearson(average_ranks(x), average_ranks(y)); }

Correlation correlate(const std::vector<double>& x_in, const std::vector<double>& y_in, const CorrelationOptions& options) {
    std::vector<double> x, y;
    for (std::size_t i = 0; i < std::min(x_in.size(), y_in.size()); ++i)
        if (!std::isnan(x_in[i]) && !std::isnan(y_in[i])) {
            x.push_back(x_in[i]);
            y.push_back(y_in[i]);
        }
    Correlation c;
    c.n = x.size();
    const double nan = std::nan("");
    if (c.n < 3) {
        c.pearson = c.spearman = c.kendall = c.p_permutation = c.ci_low = c.ci_high = nan;
        return c;
    }
    const std::vector<double> rx = average_ranks(x), ry = average_ranks(y);
    c.pearson = pearson(x, y);
    c.spearman = pearson(rx, ry);  // spearman(x, y), with the ranks kept for the permutations
    c.kendall = kendall_tau_b(x, y);
    if (std::isnan(c.spearman)) {
        c.p_permutation = c.ci_low = c.ci_high = nan;
        return c;
    }
    std::mt19937_64 rng(options.seed);
    std::vector<double> shuffled = ry;
    std::size_t extreme = 0;
    for (std::size_t p = 0; p < options.permutations; ++p) {
        for (std::size_t i = shuffled.size(); i > 1; --i) std::swap(shuffled[i - 1], shuffled[rng() % i]);
        extreme += std::abs(pearson(rx, shuffled)) >= std::abs(c.spearman) - 1e-12;
    }
    c.p_permutation = double(extreme + 1) / double(options.permutations + 1);
    std::vector<double> draws, bx(c.n), by(c.n);
    for (std::size_t b = 0; b < options.bootstrap; ++b) {
        for (std::size_t i = 0; i < c.n; ++i) {
            const std::size_t pick = rng() % c.n;
            bx[i] = x[pick];
            by[i] = y[pick];
        }
        const double rho = spearman(bx, by);
        if (!std::isnan(rho)) draws.push_back(rho);  // a resample with a constant variable has no rho
    }
    c.ci_low = quantile(draws, 0.025);
    c.ci_high = quantile(draws, 0.975);
    return c;
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isnan(p[i])) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    std::vector<double> q(p.size(), std::nan(""));
    const double m = double(order.size());
    double running = 1.0;
    for (std::size_t k = order.size(); k > 0; --k) {
        const std::size_t i = order[k - 1];
        running = std::min(running, p[i] * m / double(k));
        q[i] = running;
    }
    return q;
}

}  // namespace staffnet
