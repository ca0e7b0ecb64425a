#include "config/analysis.hpp"
#include "engine/qap.hpp"
#include "io/diagnostic.hpp"
#include "io/district.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <CLI/CLI.hpp>
#include <catch2/catch.hpp>
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>
#include <random>
#include <sstream>

namespace staffnet {
}

using namespace staffnet;
using Permutation = std::vector<std::uint32_t>;

namespace {

// Path 0-1-2-3 (y) against the groups {0, 1} and {2, 3} (x), both symmetric 0/1. Of the 12
// ordered pairs y has 6 ties and x 4 same-group pairs, all of them tied: r = (12·4 - 6·4) /
// sqrt(6·6·4·8) = 1/√2.
const Network path4 = [] {
    Network net = test::path(4);
    for (Vertex v = 0; v < 4; ++v) net.people[v].school = v < 2 ? "x" : "y";
    return net;
}();

// Reference statistics written from the definitions, one dyad at a time, without shortcuts.
double reference_correlation(const DyadMatrix& y, const DyadMatrix& x, const Permutation& p) {
    std::vector<double> a, b;
    for (Eigen::Index i = 0; i < y.rows(); ++i)
        for (Eigen::Index j = 0; j < y.rows(); ++j)
            if (i != j && !std::isnan(y(i, j)) && !std::isnan(x(p[i], p[j]))) a.push_back(x(p[i], p[j])), b.push_back(y(i, j));
    const Eigen::Map<Eigen::VectorXd> u(a.data(), Eigen::Index(a.size())), v(b.data(), Eigen::Index(b.size()));
    const Eigen::VectorXd du = u.array() - u.mean(), dv = v.array() - v.mean();
    return du.dot(dv) / std::sqrt(du.squaredNorm() * dv.squaredNorm());
}

// netlm's qapspp statistic for column `term` of [1, x1, x2, ...] under p: residualise that
// column on the others (dyads with every value), permute the residual matrix, refit y on the
// other columns and it (dyads with every value), and return its t.
double reference_spp_t(const DyadMatrix& y, const std::vector<DyadicVariable>& xs, int term, const Permutation& p) {
    const Eigen::Index n = y.rows();
    const auto value = [&](int c, Eigen::Index i, Eigen::Index j) { return c == 0 ? 1.0 : xs[c - 1].values(i, j); };
    const int columns = int(xs.size()) + 1;
    auto fit_rows = [&](auto&& keep, auto&& row, int width) {
        std::vector<Eigen::VectorXd> rows;
        for (Eigen::Index j = 0; j < n; ++j)
            for (Eigen::Index i = 0; i < n; ++i)
                if (i != j && keep(i, j)) rows.push_back(row(i, j));
        Eigen::MatrixXd m(rows.size(), width + 1);
        for (std::size_t r = 0; r < rows.size(); ++r) m.row(Eigen::Index(r)) = rows[r];
        return m;  // the last column is the response
    };
    const auto all_present = [&](Eigen::Index i, Eigen::Index j) {
        bool ok = !std::isnan(y(i, j));
        for (int c = 0; c < columns; ++c) ok = ok && !std::isnan(value(c, i, j));
        return ok;
    };
    const auto others_and = [&](Eigen::Index i, Eigen::Index j, double last) {
        Eigen::VectorXd r(columns);
        for (int c = 0, o = 0; c < columns; ++c)
            if (c != term) r[o++] = value(c, i, j);
        r[columns - 1] = last;
        return r;
    };
    const Eigen::MatrixXd first = fit_rows(all_present, [&](auto i, auto j) { return others_and(i, j, value(term, i, j)); }, columns - 1);
    const Eigen::MatrixXd z = first.leftCols(columns - 1);
    const Eigen::VectorXd e = first.col(columns - 1) - z * z.householderQr().solve(Eigen::VectorXd(first.col(columns - 1)));
    DyadMatrix residual = DyadMatrix::Constant(n, n, NAN);
    Eigen::Index k = 0;
    for (Eigen::Index j = 0; j < n; ++j)
        for (Eigen::Index i = 0; i < n; ++i)
            if (i != j && all_present(i, j)) residual(i, j) = e[k++];
    const auto used = [&](Eigen::Index i, Eigen::Index j) {
        const Eigen::VectorXd r = others_and(i, j, y(i, j));
        return !r.hasNaN() && !std::isnan(residual(p[i], p[j]));
    };
    const Eigen::MatrixXd second = fit_rows(used, [&](auto i, auto j) {
        Eigen::VectorXd r = others_and(i, j, residual(p[i], p[j]));
        r.conservativeResize(columns + 1);
        r[columns] = y(i, j);
        return r;
    }, columns);
    const Eigen::MatrixXd x = second.leftCols(columns);
    const Eigen::VectorXd yv = second.col(columns);
    const Eigen::VectorXd b = x.householderQr().solve(yv);
    const double s2 = (yv - x * b).squaredNorm() / double(x.rows() - columns);
    return b[columns - 1] / std::sqrt(s2 * (x.transpose() * x).inverse()(columns - 1, columns - 1));
}

// Random dyads: y directed 0/1, x1 symmetric 0/1 (same group), x2 continuous.
struct RandomDyads {
    DyadMatrix y, x1, x2;
};
RandomDyads random_dyads(Eigen::Index n, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    RandomDyads d{DyadMatrix(n, n), DyadMatrix(n, n), DyadMatrix(n, n)};
    std::vector<int> group(n);
    for (int& g : group) g = int(rng() % 3);
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) {
            d.x1(i, j) = group[i] == group[j];
            d.x2(i, j) = 100 * u(rng);
            d.y(i, j) = u(rng) < 0.2 + 0.3 * d.x1(i, j);
        }
    return d;
}

}  // namespace

TEST_CASE("QAP correlation against the enumerated distribution of all 24 relabellings", "[engine][qap]") {
    const DyadMatrix y = tie_matrix(path4), x = same_matrix(path4, "school");
    const QapCorrelation c = qap_correlation(y, x, {.permutations = 20000, .seed = 3});
    CHECK(c.correlation == Approx(1 / std::sqrt(2.0)).epsilon(1e-12));
    CHECK(c.dyads == 12);
    // The pairings {01,23}, {02,13}, {03,12} put 2, 0 and 1 path ties inside groups, giving
    // r = 1/√2, -1/√2 and 0, each for 8 of the 24 relabellings: P(r >= obs) = 1/3,
    // P(r <= obs) = 1, P(|r| >= |obs|) = 2/3, E(r) = 0. The enumeration below confirms it.
    Permutation p = {0, 1, 2, 3};
    int greater = 0, larger = 0;
    do {
        const double r = reference_correlation(y, x, p);
        greater += r >= c.correlation - 1e-12;
        larger += std::abs(r) >= c.correlation - 1e-12;
    } while (std::next_permutation(p.begin(), p.end()));
    REQUIRE(greater == 8);
    REQUIRE(larger == 16);
    const double se = std::sqrt(2.0 / 9.0 / 20000);  // binomial standard error at p = 1/3 or 2/3
    CHECK(c.p.greater == Approx(1.0 / 3.0).margin(4 * se));
    CHECK(c.p.less == 1.0);
    CHECK(c.p.two_sided == Approx(2.0 / 3.0).margin(4 * se));
    CHECK(c.expected == Approx(0.0).margin(4 * std::sqrt(1.0 / 3.0 / 20000)));
    CHECK(std::count_if(c.distribution.begin(), c.distribution.end(), [&](double r) {
              return std::min({std::abs(r), std::abs(r - c.correlation), std::abs(r + c.correlation)}) > 1e-12;
          }) == 0);  // every draw is one of the three values
}

TEST_CASE("MRQAP estimates: closed forms and the normal equations", "[engine][qap]") {
    SECTION("one predictor: b1 = Sxy/Sxx, b0 = ȳ - b1·x̄") {
        // Sxy = 4 - 6·4/12 = 2, Sxx = 4 - 16/12 = 8/3: b1 = 3/4, b0 = 1/2 - 3/4·1/3 = 1/4. RSS: the 8
        // different-group pairs hold 2 ties around 1/4: 2·(3/4)² + 6·(1/4)² = 3/2, on 12 - 2 = 10 df.
        const Mrqap m = mrqap(tie_matrix(path4), {{"same:school", same_matrix(path4, "school")}}, {.permutations = 100});
        REQUIRE(m.terms.size() == 2);
        CHECK(m.terms[0].name == "(intercept)");
        CHECK(m.terms[0].estimate == Approx(0.25).epsilon(1e-12));
        CHECK(m.terms[1].estimate == Approx(0.75).epsilon(1e-12));
        CHECK(m.terms[1].std_error == Approx(std::sqrt(0.15 / (8.0 / 3.0))).epsilon(1e-12));
        CHECK(m.terms[1].t == Approx(std::sqrt(10.0)).epsilon(1e-12));
        CHECK(m.terms[0].std_error == Approx(std::sqrt(0.15 * (1.0 / 12 + (1.0 / 9) / (8.0 / 3.0)))).epsilon(1e-12));
        CHECK(m.r_squared == Approx(0.5).epsilon(1e-12));  // 1 - RSS/TSS = 1 - 1.5/3, also r² = (1/√2)²
        CHECK(m.adj_r_squared == Approx(1 - 0.5 * 11.0 / 10.0).epsilon(1e-12));
        CHECK(m.dyads == 12);
    }
    SECTION("two predictors: (X'X)⁻¹X'y") {
        const RandomDyads d = random_dyads(15, 5);
        const Mrqap m = mrqap(d.y, {{"x1", d.x1}, {"x2", d.x2}}, {.permutations = 10});
        Eigen::MatrixXd x(15 * 14, 3);
        Eigen::VectorXd y(15 * 14);
        for (Eigen::Index j = 0, r = 0; j < 15; ++j)
            for (Eigen::Index i = 0; i < 15; ++i) {
                if (i == j) continue;
                x.row(r) << 1, d.x1(i, j), d.x2(i, j);
                y[r++] = d.y(i, j);
            }
        const Eigen::VectorXd b = (x.transpose() * x).ldlt().solve(x.transpose() * y);
        for (int t = 0; t < 3; ++t) CHECK(m.terms[t].estimate == Approx(b[t]).epsilon(1e-10));
    }
    SECTION("a constant predictor is named") {
        CHECK_THROWS_WITH(mrqap(tie_matrix(path4), {{"flat", DyadMatrix::Ones(4, 4)}}),
                          "'flat' has the same value for every dyad used, so its effect cannot be estimated");
    }
}

TEST_CASE("every permutation's statistic is the definition applied to that permutation", "[engine][qap]") {
    RandomDyads d = random_dyads(12, 9);
    const std::vector<DyadicVariable> xs = {{"x1", d.x1}, {"x2", d.x2}};
    const auto check = [&](const DyadMatrix& y, const std::vector<DyadicVariable>& predictors) {
        const QapOptions options{.permutations = 50, .seed = 11};
        const QapCorrelation c = qap_correlation(y, predictors[1].values, options);
        const Mrqap m = mrqap(y, predictors, options);
        for (std::size_t r : {0, 1, 17, 49}) {
            const Permutation p = qap_permutation(12, 11, r);
            CHECK(c.distribution[r] == Approx(reference_correlation(y, predictors[1].values, p)).epsilon(1e-10));
            for (int t = 0; t < 3; ++t) CHECK(m.terms[t].distribution[r] == Approx(reference_spp_t(y, predictors, t, p)).epsilon(1e-8));
        }
    };
    SECTION("complete dyads (the Frisch–Waugh shortcut)") { check(d.y, xs); }
    SECTION("with missing dyads, which move under permutation") {
        DyadMatrix x2 = d.x2;
        x2.row(4).setConstant(NAN);  // person 4's value unknown
        x2.col(4).setConstant(NAN);
        d.y(2, 7) = NAN;
        check(d.y, {{"x1", d.x1}, {"x2", x2}});
        CHECK(mrqap(d.y, {{"x1", d.x1}, {"x2", x2}}, {.permutations = 0}).dyads == 12 * 11 - 22 - 1);
    }
}

TEST_CASE("a seed gives the same permutations and p-values on any number of threads", "[engine][qap]") {
    const RandomDyads d = random_dyads(20, 1);
    const auto run = [&](int threads, unsigned seed) {
        return mrqap(d.y, {{"x1", d.x1}, {"x2", d.x2}}, {.permutations = 200, .seed = seed, .threads = threads});
    };
    const Mrqap one = run(1, 4), two = run(2, 4), other = run(2, 5);
    for (int t = 0; t < 3; ++t) {
        CHECK(one.terms[t].distribution == two.terms[t].distribution);
        CHECK(one.terms[t].p.two_sided == two.terms[t].p.two_sided);
        CHECK(one.terms[t].distribution != other.terms[t].distribution);
    }
    CHECK(qap_correlation(d.y, d.x2, {.permutations = 100, .threads = 1}).distribution ==
          qap_correlation(d.y, d.x2, {.permutations = 100, .threads = 2}).distribution);
    Permutation p = qap_permutation(20, 4, 7);
    CHECK(p != qap_permutation(20, 4, 8));
    std::sort(p.begin(), p.end());
    Permutation everyone(20);
    std::iota(everyone.begin(), everyone.end(), 0u);
    CHECK(p == everyone);  // a relabelling: everyone once
}

TEST_CASE("dyadic variables from a network", "[engine][qap]") {
    Network net = test::graph(4, {{0, 1}, {2, 1}});
    net.attribute_names = {"hire_date", "grade_band"};
    const std::vector<std::vector<std::string>> values = {{"2020-01-01", "K-2"}, {"2020-01-31", ""}, {"", "K-2"}, {"12.5", "3-5"}};
    for (Vertex v = 0; v < 4; ++v) net.people[v].attributes = values[v];
    net.people[0].school = net.people[3].school = "S1";  // people 1 and 2: central office (blank)

    const DyadMatrix ties = tie_matrix(net);
    CHECK(ties(0, 1) == 1);
    CHECK(ties(1, 0) == 1);  // undirected: both triangles
    CHECK(ties(0, 2) == 0);
    const DyadMatrix school = same_matrix(net, "school");
    CHECK(school(0, 3) == 1);
    CHECK(school(1, 2) == 1);  // the central office is a group
    CHECK(school(0, 1) == 0);
    const DyadMatrix band = same_matrix(net, "grade_band");
    CHECK(band(0, 2) == 1);
    CHECK(std::isnan(band(0, 1)));  // a blank grade band is unknown
    const DyadMatrix hired = difference_matrix(net, "hire_date");
    CHECK(hired(0, 1) == 30);  // ISO dates count in days
    CHECK(std::isnan(hired(2, 0)));
    CHECK(missing_dyads(hired) == 6);
    CHECK(numeric_value(" 3.5 ") == 3.5);
    CHECK(numeric_value("1970-01-02") == 1.0);
    CHECK_FALSE(numeric_value("2021-02-30"));
    CHECK_FALSE(numeric_value("high"));
    CHECK_FALSE(numeric_value(""));
    CHECK_THROWS_WITH(same_matrix(net, "shoe_size"), "no people.csv column named 'shoe_size'");
}

namespace {

// Within Monte-Carlo error: 3 standard errors of the difference of two estimates of p, each
// from `reps` permutations (p pooled, at least 1/reps).
bool within_monte_carlo(double ours, double sna, double reps) {
    const double p = (ours + sna) / 2;
    return std::abs(ours - sna) <= 3 * std::sqrt(std::max(p * (1 - p), 1 / reps) * 2 / reps);
}

const District fixture_district = [] {
    return load_district(load_analysis(test::fixture("engine/fixtures/qap/config.yaml")));
}();

DyadMatrix layer_matrix(const std::string& type) {
    const Network& net = fixture_district.network;
    for (std::size_t t = 0; t < net.options.types.size(); ++t)
        if (net.options.types[t].name == type) return tie_matrix(layer(net, t));
    throw std::invalid_argument(type);
}

}  // namespace

// The sna numbers come from `Rscript sna_reference.R` in tests/engine/fixtures/qap/ (R 4.2.2,
// sna 2.7-1; 30 people, matrices built from the same CSV files): set.seed(1) then
// qaptest(list(y, x), gcor, g1 = 1, g2 = 2, reps = 20000) and
// netlm(all, list(same_school, diff_age), nullhyp = "qapspp", reps = 20000).
TEST_CASE("QAP and MRQAP agree with R's sna on a small district", "[engine][qap][sna]") {
    const Network& net = fixture_district.network;
    const DyadMatrix all = tie_matrix(net);
    const QapOptions options{.permutations = 20000, .seed = 42};
    SECTION("qaptest with gcor") {
        struct Case {
            DyadMatrix y, x;
            double r, greater, less, two_sided;
        };
        const std::vector<Case> cases = {
            {all, same_matrix(net, "school"), 0.161182302634742, 0.0014, 0.9992, 0.0015},
            // A blank hire date: gcor's use = "complete.obs" drops those dyads, as staffnet does.
            {all, difference_matrix(net, "hire_date"), -0.073769472150579, 0.9446, 0.0554, 0.1188},
            // Two 0/1 layers: r takes few values, and 24% of permutations equal the observed one.
            // sna's `>=` on doubles misses most of them (its pgreq is 0.6485); these are sna's
            // replications counted with staffnet's tolerance (`tied` in sna_reference.R).
            {layer_matrix("shared_project"), layer_matrix("social"), -0.028067997330100, 0.8192, 0.4193, 0.7471},
        };
        for (const Case& c : cases) {
            const QapCorrelation q = qap_correlation(c.y, c.x, options);
            CHECK(q.correlation == Approx(c.r).margin(1e-9));
            CHECK(within_monte_carlo(q.p.greater, c.greater, 20000));
            CHECK(within_monte_carlo(q.p.less, c.less, 20000));
            CHECK(within_monte_carlo(q.p.two_sided, c.two_sided, 20000));
        }
    }
    SECTION("netlm with nullhyp = \"qapspp\"") {
        const Mrqap m = mrqap(all, {{"same:school", same_matrix(net, "school")}, {"diff:age", difference_matrix(net, "age")}}, options);
        struct Expected {
            double estimate, std_error, t, greater, less, two_sided;  // pgreq, pleeq, pgreqabs
        };
        const std::vector<Expected> sna = {
            {0.145189625933934, 0.0234276192879387, 6.1973700421486, 0.0006, 0.9993, 0.0006},
            {0.140283548181417, 0.0291936739546647, 4.80527214215193, 0.0006, 0.9994, 0.0008},
            {-0.000571031832893573, 0.00164985713851405, -0.346109865856553, 0.5967, 0.4033, 0.8037},
        };
        REQUIRE(m.terms.size() == 3);
        for (std::size_t t = 0; t < 3; ++t) {
            CHECK(m.terms[t].estimate == Approx(sna[t].estimate).epsilon(1e-9));
            CHECK(m.terms[t].std_error == Approx(sna[t].std_error).epsilon(1e-9));
            CHECK(m.terms[t].t == Approx(sna[t].t).epsilon(1e-9));
            CHECK(within_monte_carlo(m.terms[t].p.greater, sna[t].greater, 20000));
            CHECK(within_monte_carlo(m.terms[t].p.less, sna[t].less, 20000));
            CHECK(within_monte_carlo(m.terms[t].p.two_sided, sna[t].two_sided, 20000));
        }
        CHECK(m.dyads == 870);
        CHECK(m.r_squared == Approx(0.0261142949532228).epsilon(1e-9));
        CHECK(m.adj_r_squared == Approx(0.0238677304663791).epsilon(1e-9));
    }
}

TEST_CASE("staffnet qap prints one CSV row per predictor", "[cli][qap]") {
    // Through the whole command line, as a user runs it (this also checks that qap is registered).
    const auto run = [](std::vector<std::string> args) {
        args.insert(args.begin(), {"qap", test::fixture("engine/fixtures/qap/config.yaml")});
        const test::Run r = test::run(args);
        return r.out + r.err;
    };
    const std::string csv = run({"--predictors", "same:school,diff:hire_date", "--permutations", "100"});
    CHECK_THAT(csv, Catch::StartsWith("relation,predictor,correlation,expected,p_greater,p_less,p_two_sided,dyads,permutations\n"
                                      "all,same:school,0.1611823026347"));
    CHECK_THAT(csv, Catch::Contains("note: 'diff:hire_date' is missing for 58 of 870 pairs"));
    CHECK_THAT(run({"--method", "mrqap", "--predictors", "same:school,diff:age", "--permutations", "10"}),
               Catch::Contains("same:school,0.140283548181") && Catch::Contains("\n\nmeasure,value\nrelation,all\ndyads,870\n"));
    CHECK(run({"--predictors", "same:scool"}) ==
          "--predictors: error: no attribute named 'scool' (did you mean 'school'?); use school, role or a column of people.csv\n"
          "staffnet: stopped; no output was written\n");
}
