#pragma once
// Does connectedness go with SEL participation? Correlations and regressions across schools.
#include "engine/correlation.hpp"
#include "engine/regression.hpp"
#include "engine/school_measures.hpp"

#include <string>
#include <vector>

namespace staffnet {

struct ParticipationMeasure {
    std::string column;  // a schools.csv measure
    bool higher_is_better = true;
};

struct CorrelationRow {
    std::string school_measure;
    std::string participation_measure;
    bool higher_is_better = true;
    Correlation stats;
    double q = NAN;  // Benjamini–Hochberg across the whole table
    int connection = 1;  // the school measure's SchoolColumn::connection: +1 more connection when higher, -1 less
};

/// Spearman's rho turned so that positive always means "more connection goes with better
/// participation": its sign flips once for a participation measure where lower is better and
/// once for a measure of disconnection.
double rho_toward_better(const CorrelationRow& row);

/// Every connectedness measure (SchoolColumn::connection != 0; school size is a control, not
/// correlated) against every participation measure. Each cell's permutations and
/// bootstrap draw from their own seed (seed + cell index), so the table does not depend on the
/// thread count. Parallel over cells.
std::vector<CorrelationRow> correlation_table(const std::vector<SchoolColumn>& measures, const SchoolTable& schools,
                                              const std::vector<ParticipationMeasure>& participation,
                                              const CorrelationOptions& options);

struct RegressionSpec {
    std::string outcome;                  // a participation measure
    std::string model = "auto";           // ols, logistic, or auto: logistic when every value is 0 or 1
    std::vector<std::string> predictors;  // school measures
    std::vector<std::string> controls;    // school measures, schools.csv measures or attributes
};

struct RegressionRow {
    RegressionSpec spec;
    Regression result;
};

/// Fits each spec. A categorical control (a schools.csv attribute that is not numeric, such as
/// level) enters as 0/1 indicators, its first level in sorted order being the reference. A name
/// that is neither a school measure nor a schools.csv column is reported as a warning.
std::vector<RegressionRow> regressions(const std::vector<SchoolColumn>& measures, const SchoolTable& schools,
                                       const std::vector<RegressionSpec>& specs);

/// The specs used when the config names none: each participation measure on district_ties and
/// internal_density, controlling for school size (people).
std::vector<RegressionSpec> default_regressions(const std::vector<ParticipationMeasure>& participation);

}  // namespace staffnet
