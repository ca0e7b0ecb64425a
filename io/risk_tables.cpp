#include "io/risk_tables.hpp"

#include "io/output.hpp"

#include <cmath>
#include <set>

namespace staffnet {
namespace {
std::string joined(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "" : separator) + s;
    return out;
}

// A percentile to one decimal, as people read it ("37.5", "100"); blank when unknown.
std::string percentile_cell(double p) { return std::isnan(p) ? "" : score_text(std::round(p * 10) / 10); }
std::string school_name(const School& s) { return s.name.empty() ? s.id : s.name; }
}  // namespace

std::string contact_text(const Network& net, const std::vector<Contact>& contacts) {
    std::vector<std::string> parts;
    for (const Contact& c : contacts) parts.push_back(net.people[c.member].display_name() + " (" + c.why + ")");
    return joined(parts, "; ");
}

std::string isolation_risk_csv(const Network& net, const std::vector<RiskEntry>& entries, const RiskProvenance& how) {
    std::vector<std::vector<std::string>> rows = {{"rank", "id", "name", "role", "school", "score", "level", "participation_percentile",
                                                   "reasons", "suggested_contacts", "isolate_rule", "tie_types"}};
    std::size_t rank = 0;
    for (const bool no_data : {false, true})
        for (const RiskEntry& e : entries) {
            if ((e.level == "no data") != no_data || e.level == "none") continue;
            const Person& p = net.people[e.person];
            rows.push_back({no_data ? "" : std::to_string(++rank), text_cell(p.id), text_cell(p.name), text_cell(p.role),
                            text_cell(p.school), number_cell(e.score), e.level, percentile_cell(e.participation_percentile),
                            text_cell(joined(e.reasons, "; ")),
                            text_cell(contact_text(net, e.contacts)), how.rule, text_cell(how.tie_types)});
        }
    return csv_lines(rows);
}

std::string schools_at_risk_csv(const Network& net, const SchoolTable& schools, const std::vector<RiskEntry>& entries,
                                const RiskProvenance& how) {
    std::vector<std::vector<std::string>> rows = {{"rank", "id", "name", "score", "level", "participation_percentile", "reasons",
                                                   "suggested_contacts", "isolate_rule", "tie_types"}};
    std::size_t rank = 0;
    for (const RiskEntry& e : entries) {
        const School& s = schools.schools[e.person];
        rows.push_back({std::to_string(++rank), text_cell(s.id), text_cell(s.name), number_cell(e.score), e.level,
                        percentile_cell(e.participation_percentile), text_cell(joined(e.reasons, "; ")), text_cell(contact_text(net, e.contacts)), how.rule,
                        text_cell(how.tie_types)});
    }
    return csv_lines(rows);
}

std::string outreach_plan_csv(const Network& net, const SchoolTable& schools, const std::vector<CoverageStep>& steps,
                              const std::vector<std::size_t>& flagged) {
    std::vector<std::vector<std::string>> rows = {{"step", "member_id", "member_name", "new_schools", "schools_covered", "flagged_schools",
                                                   "schools", "school_names", "how"}};
    std::set<std::size_t> left(flagged.begin(), flagged.end());
    for (std::size_t i = 0; i < steps.size(); ++i) {
        std::vector<std::string> ids, names, how;
        for (std::size_t j = 0; j < steps[i].schools.size(); ++j) {
            const School& school = schools.schools[steps[i].schools[j]];
            ids.push_back(school.id);
            names.push_back(school_name(school));
            const Reach& r = steps[i].how[j];
            how.push_back(school_name(school) + ": " +
                          (r.via == r.at ? "tied to " + name_and_role(net.people[r.at])
                                         : "through " + name_and_role(net.people[r.via]) + ", who is tied to " + name_and_role(net.people[r.at])));
            left.erase(steps[i].schools[j]);
        }
        const Person& m = net.people[steps[i].member];
        rows.push_back({std::to_string(i + 1), text_cell(m.id), text_cell(m.name), std::to_string(steps[i].schools.size()),
                        std::to_string(steps[i].covered), std::to_string(flagged.size()), text_cell(joined(ids, " ")),
                        text_cell(joined(names, "; ")), text_cell(joined(how, "; "))});
    }
    if (!left.empty()) {
        std::vector<std::string> ids, names;
        for (std::size_t s : left) ids.push_back(schools.schools[s].id), names.push_back(school_name(schools.schools[s]));
        rows.push_back({"", "", "(no member is tied to these schools or one introduction away: any member must make a first contact)",
                        std::to_string(left.size()), "", std::to_string(flagged.size()), text_cell(joined(ids, " ")),
                        text_cell(joined(names, "; ")), ""});
    }
    return csv_lines(rows);
}

}  // namespace staffnet
