#include "io/district.hpp"

#include "io/graph_formats.hpp"
#include "io/readers.hpp"

#include <set>

namespace staffnet {

PeopleTable load_people(const AnalysisConfig& config) {
    if (config.network_file.empty()) return read_people(config.people);
    const GraphFile graph = read_graph_file(config.network_file, format_for_path(config.network_file));
    return people_table(graph, true);
}

TieTable load_ties(const AnalysisConfig& config, const PeopleTable& people, std::vector<TieType>& types) {
    const TieReadOptions options{.drop_self_ties = config.drop_self_ties};
    if (config.network_file.empty()) return read_ties(config.ties, people, types, options);
    return tie_table(read_graph_file(config.network_file, format_for_path(config.network_file)), people, types, options);
}

namespace {

// The direction of a network read from a graph file: the file's, unless the config says otherwise.
bool graph_direction(const AnalysisConfig& config, const GraphFile& graph, std::vector<Diagnostic>& warnings) {
    if (!config.directed_given) return graph.directed;
    if (config.network.directed != graph.directed)
        warnings.push_back({config.file, 0, 0,
                            config.network_file + (graph.directed ? " is directed; network.directed: false reads each arc as a tie"
                                                                  : " is undirected; network.directed: true reads each tie as an arc from "
                                                                    "the first person named to the second"),
                            "remove network.directed from the config to use the file's direction", true});
    return config.network.directed;
}

}  // namespace

District load_district(const AnalysisConfig& config) {
    District d;
    std::vector<TieType> types = config.network.types;
    NetworkOptions options = config.network;
    PeopleTable people;
    TieTable ties;
    if (config.network_file.empty()) {
        people = read_people(config.people);
        ties = read_ties(config.ties, people, types, {.drop_self_ties = config.drop_self_ties});
    } else {
        const GraphFile graph = read_graph_file(config.network_file, format_for_path(config.network_file));
        d.warnings = graph.warnings;
        people = people_table(graph, true);
        ties = tie_table(graph, people, types, {.drop_self_ties = config.drop_self_ties});
        options.directed = graph_direction(config, graph, d.warnings);
    }
    d.warnings.insert(d.warnings.end(), people.warnings.begin(), people.warnings.end());
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
            if (!ids.count(school)) {
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
