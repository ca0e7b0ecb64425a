#include "io/results.hpp"

#include "io/output.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace staffnet {

std::string schools_csv(const SchoolTable& schools, const std::vector<SchoolColumn>& measures) {
    std::vector<std::vector<std::string>> rows(1, {"id", "name"});
    for (const SchoolColumn& m : measures) rows[0].push_back(m.name);
    for (const std::string& m : schools.measure_names) rows[0].push_back(text_cell(m));
    for (std::size_t s = 0; s < schools.schools.size(); ++s) {
        const School& school = schools.schools[s];
        std::vector<std::string> row = {text_cell(school.id), text_cell(school.name)};
        for (const SchoolColumn& m : measures) row.push_back(number_cell(m.values[s]));
        for (double x : school.measures) row.push_back(number_cell(x));
        rows.push_back(std::move(row));
    }
    return csv_lines(rows);
}

std::string correlations_csv(const std::vector<CorrelationRow>& rows) {
    std::vector<std::vector<std::string>> out = {{"school_measure", "participation_measure", "better", "n", "pearson_r",
                                                  "spearman_rho", "kendall_tau", "p_permutation", "ci_low", "ci_high",
                                                  "q_bh", "rho_toward_better"}};
    for (const CorrelationRow& r : rows) {
        const Correlation& c = r.stats;
        const double sign = r.higher_is_better ? 1.0 : -1.0;
        out.push_back({text_cell(r.school_measure), text_cell(r.participation_measure), r.higher_is_better ? "higher" : "lower",
                       std::to_string(c.n), number_cell(c.pearson), number_cell(c.spearman), number_cell(c.kendall),
                       number_cell(c.p_permutation), number_cell(c.ci_low), number_cell(c.ci_high), number_cell(r.q),
                       number_cell(sign * c.spearman)});
    }
    return csv_lines(out);
}

namespace {
std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : " | ") + s;
    return out;
}
nlohmann::ordered_json number(double x) { return std::isnan(x) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(x); }
}  // namespace

std::string regression_csv(const std::vector<RegressionRow>& rows) {
    std::vector<std::vector<std::string>> out = {{"outcome", "model", "term", "estimate", "std_error", "statistic", "p_value",
                                                  "n", "r_squared", "adjusted_r_squared", "warnings"}};
    for (const RegressionRow& r : rows)
        for (const RegressionTerm& t : r.result.terms)
            out.push_back({text_cell(r.spec.outcome), r.result.model, text_cell(t.name), number_cell(t.estimate),
                           number_cell(t.std_error), number_cell(t.statistic), number_cell(t.p_value),
                           std::to_string(r.result.n), number_cell(r.result.r_squared),
                           number_cell(r.result.adjusted_r_squared), text_cell(joined(r.result.warnings))});
    return csv_lines(out);
}

std::string regression_json(const std::vector<RegressionRow>& rows) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const RegressionRow& r : rows) {
        nlohmann::ordered_json model;
        model["outcome"] = r.spec.outcome;
        model["model"] = r.result.model;
        model["n"] = r.result.n;
        model["r_squared"] = number(r.result.r_squared);
        model["adjusted_r_squared"] = number(r.result.adjusted_r_squared);
        model["terms"] = nlohmann::ordered_json::array();
        for (const RegressionTerm& t : r.result.terms)
            model["terms"].push_back({{"term", t.name}, {"estimate", number(t.estimate)}, {"std_error", number(t.std_error)},
                                      {"statistic", number(t.statistic)}, {"p_value", number(t.p_value)}});
        model["warnings"] = r.result.warnings;
        out.push_back(model);
    }
    return out.dump(2) + "\n";
}

std::string patterns_csv(const std::vector<GroupPattern>& rows, std::size_t min_group_size) {
    std::vector<std::vector<std::string>> out = {{"attribute", "group", "people", "isolation_rate", "mean_degree",
                                                  "mean_district_ties", "ei_index", "suppressed"}};
    for (const GroupPattern& g : rows)
        out.push_back({text_cell(g.attribute), text_cell(g.group), g.suppressed ? "" : std::to_string(g.people),
                       number_cell(g.isolation_rate), number_cell(g.mean_degree), number_cell(g.mean_district_ties),
                       number_cell(g.ei_index), text_cell(suppression_reason(g, min_group_size))});
    return csv_lines(out);
}

}  // namespace staffnet
