// Statistics checked against SciPy 1.10 and R 4.2 on the same small data (commands in comments).
#include "engine/correlation.hpp"
#include "engine/regression.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace staffnet;

TEST_CASE("correlation coefficients match SciPy", "[engine][statistics]") {
    // scipy.stats.pearsonr / spearmanr / kendalltau on these lists.
    const std::vector<double> x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, y = {2, 1, 4, 3, 7, 8, 6, 9, 12, 10};
    const Correlation c = correlate(x, y, {.permutations = 2000, .bootstrap = 500, .seed = 1});
    CHECK(c.n == 10);
    CHECK(c.pearson == Approx(0.9261797113999302));
    CHECK(c.spearman == Approx(0.9272727272727272));
    CHECK(c.kendall == Approx(0.7777777777777777));
    // rho = 0.927 on 10 pairs is extreme: at most a couple of 2000 shuffles reach it.
    CHECK(c.p_permutation <= 3.0 / 2001.0);
    CHECK(c.ci_low > 0.6);
    CHECK(c.ci_high <= 1.0);
    SECTION("the permutation p-value approaches the exact one: 2 of the 4! = 24 orders reach |rho| = 1") {
        const Correlation exact = correlate({1, 2, 3, 4}, {1, 2, 3, 4}, {.permutations = 20000, .bootstrap = 10, .seed = 3});
        CHECK(exact.p_permutation == Approx(2.0 / 24.0).margin(0.006));  // 3 standard errors
    }
    SECTION("ties take average ranks; Kendall is tau-b") {
        const Correlation t = correlate({1, 2, 2, 3, 4, 4, 4, 5}, {3, 1, 2, 2, 5, 4, 6, 6}, {.permutations = 10, .bootstrap = 10});
        CHECK(t.spearman == Approx(0.7889568540593018));
        CHECK(t.kendall == Approx(0.6405126152203486));
    }
    SECTION("missing values drop the pair; too few pairs give NaN") {
        const Correlation m = correlate({1, NAN, 3, 4}, {1, 2, NAN, 4}, {.permutations = 10, .bootstrap = 10});
        CHECK(m.n == 2);
        CHECK(std::isnan(m.spearman));
    }
    SECTION("independent data rarely looks significant, and the seed fixes the answer") {
        const std::vector<double> a = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, b = {2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4, 5};
        const Correlation first = correlate(a, b, {.permutations = 5000, .seed = 9});
        CHECK(first.p_permutation > 0.2);
        CHECK(correlate(a, b, {.permutations = 5000, .seed = 9}).p_permutation == first.p_permutation);
    }
}

TEST_CASE("Benjamini-Hochberg q-values match R p.adjust", "[engine][statistics]") {
    // p.adjust(c(0.01, 0.04, 0.03, 0.2, NA), method = "BH")
    const std::vector<double> q = benjamini_hochberg({0.01, 0.04, 0.03, 0.2, NAN});
    CHECK(q[0] == Approx(0.04));
    CHECK(q[1] == Approx(0.05333333333333333));
    CHECK(q[2] == Approx(0.05333333333333333));
    CHECK(q[3] == Approx(0.2));
    CHECK(std::isnan(q[4]));
}

namespace {
const std::vector<double> x1 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, x2 = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
}

TEST_CASE("OLS matches R lm", "[engine][statistics]") {
    // y <- c(2.1, 3.9, ..., 24.1) + 0.3 * x2; summary(lm(y ~ x1 + x2))
    std::vector<double> y = {2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1, 18.0, 20.2, 21.9, 24.1};
    for (std::size_t i = 0; i < y.size(); ++i) y[i] += 0.3 * x2[i];
    const Regression r = ols(y, {x1, x2}, {"x1", "x2"});
    REQUIRE(r.terms.size() == 3);
    CHECK(r.terms[0].estimate == Approx(-0.071809256661987647));
    CHECK(r.terms[1].estimate == Approx(1.986570827489480662));
    CHECK(r.terms[1].std_error == Approx(0.012071973094521654));
    CHECK(r.terms[2].statistic == Approx(20.0555022200711228));
    CHECK(r.terms[0].p_value == Approx(0.41911482980500814));
    CHECK(r.terms[2].p_value == Approx(8.8602750463439713e-09));
    CHECK(r.r_squared == Approx(0.99977988458190992));
    CHECK(r.adjusted_r_squared == Approx(0.99973097004455658));
    CHECK(r.warnings.front().rfind("small n: 12 complete cases for 2 predictors", 0) == 0);
    SECTION("a predictor that copies another is reported, not estimated") {
        const Regression bad = ols(y, {x1, x1}, {"a", "b"});
        CHECK(std::isnan(bad.terms[1].estimate));
        CHECK(bad.warnings.back().rfind("rank-deficient design", 0) == 0);
    }
}

TEST_CASE("logistic regression matches R glm", "[engine][statistics]") {
    // glm(c(0,0,1,0,1,0,1,1,0,1,1,1) ~ x1, family = binomial)
    const Regression r = logistic({0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1}, {x1}, {"x1"});
    CHECK(r.terms[0].estimate == Approx(-1.94032142484890779).epsilon(1e-6));
    CHECK(r.terms[1].estimate == Approx(0.36964775722187215).epsilon(1e-6));
    CHECK(r.terms[1].std_error == Approx(0.23039538361674464).epsilon(1e-6));
    CHECK(r.terms[1].p_value == Approx(0.10862456889228375).epsilon(1e-5));  // both stop IRLS at 1e-8
    CHECK(r.r_squared == Approx(0.21402746508512216).epsilon(1e-6));
    CHECK(logistic({0, 2, 1}, {{1, 2, 3}}, {"x"}).warnings.back().rfind("the outcome must be 0 or 1", 0) == 0);
}
