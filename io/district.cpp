#include "io/district.hpp"

#include "io/readers.hpp"

#include <set>

namespace staffnet {

District load_district(const AnalysisConfig& config) {
    District d;
    PeopleTable people = read_people(config.people);
    std::vector<TieType> types = config.network.types;
    TieTable ties = read_ties(config.ties, people, types, {.drop_self_ties = config.drop_self_ties});
    d.warnings = people.warnings;
    d.warnings.insert(d.warnings.end(), ties.warnings.begin(), ties.warnings.end());

    if (!config.schools.empty()) {
        std::vector<std::string> measures;
        for (const Participation& p : config.participation) measures.push_back(p.column);
        d.schools = read_schools(config.schools, measures);
        std::set<std::string> ids, used;
        for (const School& s : d.schools.schools) ids.insert(s.id);
        DiagnosticList problems;
        for (std::size_t i = 0; i < people.people.size(); ++i) {
            const std::string& school = people.people[i].school;
            if (school.empty()) continue;
            used.insert(school);
            if (!ids.count(school) && problems.errors <= DiagnosticList::max_items) {
                std::vector<std::string> known(ids.begin(), ids.end());
                problems.error({people.file, people.lines[i], people.school_column + 1,
                                "school '" + school + "' is not in " + config.schools + did_you_mean(school, known),
                                "add a row for it to " + config.schools + " or correct the school id"});
            }
        }
        problems.check();
        for (const School& s : d.schools.schools)
            if (!used.count(s.id))
                d.warnings.push_back({config.schools, 0, 0, "school '" + s.id + "' has no people in " + people.file,
                                       "check the school column of " + people.file + ", or remove the school if it is not in the study", true});
    }

    NetworkOptions options = config.network;
    options.types = types;
    d.network = build_network(std::move(people.people), std::move(people.attribute_names), ties.rows, options);
    std::vector<int> degree(d.network.size(), 0);
    for (const Tie& t : d.network.ties) ++degree[t.source], ++degree[t.target];
    std::size_t isolated = 0;
    std::string examples;
    for (std::size_t v = 0; v < degree.size(); ++v)
        if (degree[v] == 0 && ++isolated <= 5) examples += (examples.empty() ? "'" : ", '") + d.network.people[v].id + "'";
    if (isolated > 0)
        d.warnings.push_back({config.ties, 0, 0,
                              std::to_string(isolated) + " people have no ties (" + examples + (isolated > 5 ? ", ..." : "") + ")",
                              "they are kept and reported as isolates", true});
    return d;
}

}  // namespace staffnet
