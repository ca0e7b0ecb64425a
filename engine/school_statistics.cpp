#include "engine/school_statistics.hpp"

#include <algorithm>
#include <set>

namespace staffnet {
namespace {

std::vector<double> participation_column(const SchoolTable& schools, const std::string& name) {
    const auto it = std::find(schools.measure_names.begin(), schools.measure_names.end(), name);
    std::vector<double> values;
    if (it == schools.measure_names.end()) return values;
    const std::size_t k = std::size_t(it - schools.measure_names.begin());
    for (const School& s : schools.schools) values.push_back(s.measures[k]);
    return values;
}

}  // namespace

double rho_toward_better(const CorrelationRow& row) {
    return row.stats.spearman * (row.higher_is_better ? 1.0 : -1.0) * (row.connection < 0 ? -1.0 : 1.0);
}

std::vector<CorrelationRow> correlation_table(const std::vector<SchoolColumn>& measures, const SchoolTable& schools,
                                              const std::vector<ParticipationMeasure>& participation,
                                              const CorrelationOptions& options) {
    std::vector<CorrelationRow> rows;
    std::vector<std::pair<const std::vector<double>*, std::vector<double>>> inputs;
    for (const SchoolColumn& m : measures)
        for (const ParticipationMeasure& p : participation) {
            if (m.connection == 0) continue;
            rows.push_back({m.name, p.column, p.higher_is_better, {}, NAN, m.connection});
            inputs.emplace_back(&m.values, participation_column(schools, p.column));
        }
#pragma omp parallel for schedule(dynamic, 1)
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CorrelationOptions cell = options;
        cell.seed = options.seed + unsigned(i);
        rows[i].stats = correlate(*inputs[i].first, inputs[i].second, cell);
    }
    std::vector<double> p;
    for (const CorrelationRow& r : rows) p.push_back(r.stats.p_permutation);
    const std::vector<double> q = benjamini_hochberg(p);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].q = q[i];
    return rows;
}

std::vector<RegressionSpec> default_regressions(const std::vector<ParticipationMeasure>& participation) {
    std::vector<RegressionSpec> specs;
    for (const ParticipationMeasure& p : participation)
        specs.push_back({p.column, "auto", {"district_ties", "internal_density"}, {"people"}});
    return specs;
}

std::vector<RegressionRow> regressions(const std::vector<SchoolColumn>& measures, const SchoolTable& schools,
                                       const std::vector<RegressionSpec>& specs) {
    std::vector<RegressionRow> out;
    for (const RegressionSpec& spec : specs) {
        std::vector<std::vector<double>> x;
        std::vector<std::string> names, problems;
        const auto add = [&](const std::string& name) {
            for (const SchoolColumn& m : measures)
                if (m.name == name) {
                    x.push_back(m.values);
                    names.push_back(name);
                    return;
                }
            if (std::vector<double> v = participation_column(schools, name); !v.empty()) {
                x.push_back(std::move(v));
                names.push_back(name);
                return;
            }
            const auto at = std::find(schools.attribute_names.begin(), schools.attribute_names.end(), name);
            if (at == schools.attribute_names.end()) {
                problems.push_back("'" + name + "' is neither a school measure nor a schools.csv column; left out");
                return;
            }
            const std::size_t k = std::size_t(at - schools.attribute_names.begin());
            std::set<std::string> levels;
            for (const School& s : schools.schools) levels.insert(s.attributes[k]);
            for (auto level = std::next(levels.begin()); level != levels.end(); ++level) {
                std::vector<double> indicator;
                for (const School& s : schools.schools) indicator.push_back(s.attributes[k] == *level ? 1.0 : 0.0);
                x.push_back(std::move(indicator));
                names.push_back(name + "=" + *level);
            }
        };
        for (const std::string& p : spec.predictors) add(p);
        for (const std::string& c : spec.controls) add(c);
        const std::vector<double> y = participation_column(schools, spec.outcome);
        RegressionRow row{spec, {}};
        if (y.empty()) {
            row.result.model = spec.model;
            row.result.warnings.push_back("outcome '" + spec.outcome + "' is not a participation measure");
        } else {
            bool binary = true;
            for (double v : y) binary = binary && (std::isnan(v) || v == 0.0 || v == 1.0);
            const bool use_logistic = spec.model == "logistic" || (spec.model == "auto" && binary);
            row.result = use_logistic ? logistic(y, x, names) : ols(y, x, names);
        }
        row.result.warnings.insert(row.result.warnings.begin(), problems.begin(), problems.end());
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace staffnet
