#pragma once
// The outreach files: isolation_risk.csv, schools_at_risk.csv and outreach_plan.csv.
#include "engine/risk.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// What every risk output states about how it was made.
struct RiskProvenance {
    std::string rule;       // the isolate rule
    std::string tie_types;  // the tie types used, joined with '+'
};

/// isolation_risk.csv: rank, id, name, role, school, score, level, participation_percentile (of
/// the person's school, beside the risk, not part of it), reasons, suggested_contacts, isolate_rule,
/// tie_types. People at level none are left out; "no data" rows come last, unranked.
std::string isolation_risk_csv(const Network& net, const std::vector<RiskEntry>& entries, const RiskProvenance& how);

/// schools_at_risk.csv: rank, id, name, score, level, participation_percentile, reasons,
/// suggested_contacts, isolate_rule, tie_types; every school, highest score first.
std::string schools_at_risk_csv(const Network& net, const SchoolTable& schools, const std::vector<RiskEntry>& entries,
                                const RiskProvenance& how);

/// outreach_plan.csv: step, member_id, member_name, new_schools, schools_covered, flagged_schools,
/// schools (ids), school_names, how (per school: "Bluebird: tied to Grace Nguyen (staff)" or
/// "...: through Tara Yazzie (staff), who is tied to Grace Nguyen (staff)"). A last row with an
/// empty member lists flagged schools no member reaches within one introduction.
std::string outreach_plan_csv(const Network& net, const SchoolTable& schools, const std::vector<CoverageStep>& steps,
                              const std::vector<std::size_t>& flagged);

/// "Name (why); Name (why)".
std::string contact_text(const Network& net, const std::vector<Contact>& contacts);

}  // namespace staffnet
