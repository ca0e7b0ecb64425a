#pragma once
// The school-level result files: schools.csv, correlations.csv, regression.csv/.json, patterns.csv.
#include "engine/patterns.hpp"
#include "engine/school_statistics.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// schools.csv: id, name, then the connectedness measures, then the participation measures as read.
std::string schools_csv(const SchoolTable& schools, const std::vector<SchoolColumn>& measures);

/// correlations.csv: school_measure, participation_measure, better (higher or lower), n, pearson_r,
/// spearman_rho, kendall_tau, p_permutation, ci_low, ci_high, q_bh, rho_toward_better (rho with
/// its sign turned so that positive always means "more connection goes with better participation",
/// also for measures of disconnection such as share_staff_isolated: see rho_toward_better).
std::string correlations_csv(const std::vector<CorrelationRow>& rows);

/// regression.csv: outcome, model, term, estimate, std_error, statistic, p_value, n, r_squared,
/// adjusted_r_squared, warnings (joined with " | ").
std::string regression_csv(const std::vector<RegressionRow>& rows);
/// The same as JSON: one object per model with its terms and warnings.
std::string regression_json(const std::vector<RegressionRow>& rows);

/// patterns.csv: attribute, group, people, isolation_rate, mean_degree, mean_district_ties,
/// ei_index, suppressed. A suppressed group shows no figures, not even its size.
std::string patterns_csv(const std::vector<GroupPattern>& rows, std::size_t min_group_size);

}  // namespace staffnet
