#include "io/change_tables.hpp"

#include "io/output.hpp"

namespace staffnet {
namespace {

const char* presence(const Matching& m, std::size_t i) {
    if (m.in_both(i)) return "both";
    return m.before[i] != not_in_wave ? "left" : "joined";
}

// The header and one row's cells of `<name>_before, <name>_after, <name>_change` per score.
void add_triples(std::vector<std::string>& header, const std::vector<ScoreChange>& scores) {
    for (const ScoreChange& s : scores)
        for (const char* suffix : {"_before", "_after", "_change"}) header.push_back(text_cell(s.name + suffix));
}
void add_triples(std::vector<std::string>& row, const std::vector<ScoreChange>& scores, std::size_t i) {
    for (const ScoreChange& s : scores)
        for (const std::vector<double>* values : {&s.before, &s.after, &s.change}) row.push_back(number_cell((*values)[i]));
}

}  // namespace

std::string tie_changes_csv(const Network& merged, const TieDiff& diff) {
    std::vector<std::vector<std::string>> rows = {{"source", "source_name", "target", "target_name", "type", "status",
                                                   "weight_before", "weight_after", "weight_change"}};
    for (const TieChange& t : diff.ties) {
        const Person &a = merged.people[t.source], &b = merged.people[t.target];
        rows.push_back({text_cell(a.id), text_cell(a.name), text_cell(b.id), text_cell(b.name), text_cell(diff.types[t.type]),
                        status_name(t.status), number_cell(t.weight_before), number_cell(t.weight_after),
                        number_cell(t.weight_after - t.weight_before)});
    }
    return csv_lines(rows);
}

std::string people_change_csv(const Network& before, const Network& after, const Matching& people,
                              const std::vector<ScoreChange>& scores) {
    std::vector<std::vector<std::string>> rows = {{"id", "name", "role", "school_before", "school_after", "presence"}};
    add_triples(rows[0], scores);
    for (std::size_t i = 0; i < people.size(); ++i) {
        const Person* b = people.before[i] != not_in_wave ? &before.people[people.before[i]] : nullptr;
        const Person* a = people.after[i] != not_in_wave ? &after.people[people.after[i]] : nullptr;
        const Person& latest = a ? *a : *b;
        std::vector<std::string> row = {text_cell(latest.id), text_cell(latest.name), text_cell(latest.role),
                                        b ? text_cell(b->school) : "", a ? text_cell(a->school) : "", presence(people, i)};
        add_triples(row, scores, i);
        rows.push_back(std::move(row));
    }
    return csv_lines(rows);
}

std::string isolation_changes_csv(const Network& merged, const std::vector<IsolationChange>& changes, const RiskProvenance& how) {
    std::vector<std::vector<std::string>> rows = {
        {"id", "name", "role", "school", "before", "after", "change", "reasons", "isolate_rule", "tie_types"}};
    for (const IsolationChange& c : changes) {
        const Person& p = merged.people[c.person];
        std::string reasons;
        for (const std::string& r : c.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
        rows.push_back({text_cell(p.id), text_cell(p.name), text_cell(p.role), text_cell(p.school), isolation_name(c.before),
                        isolation_name(c.after), c.change, text_cell(reasons), how.rule, text_cell(how.tie_types)});
    }
    return csv_lines(rows);
}

std::string schools_change_csv(const SchoolTable& before, const SchoolTable& after, const Matching& schools,
                               const std::vector<ScoreChange>& measures) {
    std::vector<std::vector<std::string>> rows = {{"id", "name", "presence"}};
    add_triples(rows[0], measures);
    for (std::size_t i = 0; i < schools.size(); ++i) {
        const School& s = schools.after[i] != not_in_wave ? after.schools[schools.after[i]] : before.schools[schools.before[i]];
        std::vector<std::string> row = {text_cell(s.id), text_cell(s.name), presence(schools, i)};
        add_triples(row, measures, i);
        rows.push_back(std::move(row));
    }
    return csv_lines(rows);
}

std::string correlations_change_csv(const std::vector<CorrelationChange>& rows) {
    std::vector<std::vector<std::string>> out = {{"school_measure", "participation_measure", "better", "n_before", "n_after",
                                                  "rho_before", "rho_after", "rho_change", "ci_low_before", "ci_high_before",
                                                  "ci_low_after", "ci_high_after", "q_before", "q_after", "schools_paired",
                                                  "change_ci_low", "change_ci_high"}};
    for (const CorrelationChange& c : rows)
        out.push_back({text_cell(c.school_measure), text_cell(c.participation_measure), c.higher_is_better ? "higher" : "lower",
                       std::to_string(c.before.n), std::to_string(c.after.n), number_cell(c.before.spearman),
                       number_cell(c.after.spearman), number_cell(c.change), number_cell(c.before.ci_low),
                       number_cell(c.before.ci_high), number_cell(c.after.ci_low), number_cell(c.after.ci_high),
                       number_cell(c.q_before), number_cell(c.q_after), std::to_string(c.paired), number_cell(c.ci_low),
                       number_cell(c.ci_high)});
    return csv_lines(out);
}

}  // namespace staffnet
