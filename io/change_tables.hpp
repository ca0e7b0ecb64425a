#pragma once
// The change files of `staffnet compare`: tie_changes.csv, people_change.csv,
// isolation_changes.csv, schools_change.csv and correlations_change.csv.
#include "engine/change.hpp"
#include "io/risk_tables.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// tie_changes.csv: source, source_name, target, target_name, type, status (new, dissolved, stable,
/// new_person, person_left), weight_before, weight_after, weight_change; one row per tie of either
/// wave and type, in TieDiff order. `merged` holds the matched people (merged_network).
std::string tie_changes_csv(const Network& merged, const TieDiff& diff);

/// people_change.csv: id, name, role, school_before, school_after, presence (both, left or joined),
/// then <score>_before, <score>_after, <score>_change for each score; one row per matched person.
std::string people_change_csv(const Network& before, const Network& after, const Matching& people,
                              const std::vector<ScoreChange>& scores);

/// isolation_changes.csv: id, name, role, school, before, after, change, reasons, isolate_rule,
/// tie_types.
std::string isolation_changes_csv(const Network& merged, const std::vector<IsolationChange>& changes, const RiskProvenance& how);

/// schools_change.csv: id, name, presence, then <measure>_before, <measure>_after, <measure>_change
/// for each measure; one row per matched school.
std::string schools_change_csv(const SchoolTable& before, const SchoolTable& after, const Matching& schools,
                               const std::vector<ScoreChange>& measures);

/// correlations_change.csv: school_measure, participation_measure, better, n_before, n_after,
/// rho_before, rho_after, rho_change, ci_low_before, ci_high_before, ci_low_after, ci_high_after,
/// q_before, q_after, schools_paired, change_ci_low, change_ci_high.
std::string correlations_change_csv(const std::vector<CorrelationChange>& rows);

}  // namespace staffnet
