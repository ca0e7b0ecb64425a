#include "io/district.hpp"

#include "io/graph_formats.hpp"
#include "io/readers.hpp"

#include <algorithm>
#include <set>

namespace staffnet {

PeopleTable load_people(const DistrictSources& config) {
    if (config.network_file.empty()) return read_people(config.people);
    const GraphFile graph = read_graph_file(config.network_file, format_for_path(config.network_file));
    return people_table(graph, true);
}

namespace {

// Every ties file of the config, read against the same people and tie types, as one table: the
// waves relabelled into one list; the first file's header line, and the first wave column found.
TieTable read_tie_files(const DistrictSources& config, const PeopleTable& people, std::vector<TieType>& types, const TieReadOptions& options) {
    if (config.tie_files.size() <= 1) return read_ties(config.ties, people, types, options);
    TieTable all;
    all.header_line = 0;
    for (const std::string& file : config.tie_files) {
        TieTable one = read_ties(file, people, types, options);
        std::vector<std::uint32_t> wave(one.waves.size(), 0);
        for (std::size_t w = 1; w < one.waves.size(); ++w) {
            const auto it = std::find(all.waves.begin(), all.waves.end(), one.waves[w]);
            wave[w] = std::uint32_t(it - all.waves.begin());
            if (it == all.waves.end()) all.waves.push_back(one.waves[w]);
        }
        for (TieRow& row : one.rows) row.wave = wave[row.wave], all.rows.push_back(row);
        all.warnings.insert(all.warnings.end(), one.warnings.begin(), one.warnings.end());
        if (all.header_line == 0) all.header_line = one.header_line;
        if (all.wave_column < 0) all.wave_column = one.wave_column;
    }
    return all;
}

}  // namespace

TieTable load_ties(const DistrictSources& config, const PeopleTable& people, std::vector<TieType>& types) {
    const TieReadOptions options{.drop_self_ties = config.drop_self_ties};
    if (config.network_file.empty()) return read_tie_files(config, people, types, options);
    return tie_table(read_graph_file(config.network_file, format_for_path(config.network_file)), people, types, options);
}

namespace {

// The direction of a network read from a graph file: the file's, unless the config says otherwise.
bool graph_direction(const DistrictSources& config, const GraphFile& graph, std::vector<Diagnostic>& warnings) {
    if (!config.directed_given) return graph.directed;
    if (config.network.directed != graph.directed)
        warnings.push_back({config.file, 0, 0,
                            config.network_file + (graph.directed ? " is directed; network.directed: false reads each arc as a tie"
                                                                  : " is undirected; network.directed: true reads each tie as an arc from "
                                                                    "the first person named to the second"),
                            "remove network.directed from the config to use the file's direction", true});
    return config.network.directed;
}

// The files a config names, read and checked against each other, before the network is built.
struct Inputs {
    PeopleTable people;
    bool directed = false;  // the config's, or a graph file's own
    std::vector<TieType> types;
    TieTable ties;
    SchoolTable schools;
    std::vector<Diagnostic> warnings;
};

// The distinct non-blank waves of `rows` (labels: TieTable::waves), in order of first use.
std::vector<std::string> waves_of(const std::vector<TieRow>& rows, const std::vector<std::string>& labels) {
    std::vector<bool> seen(labels.size(), false);
    std::vector<std::string> waves;
    for (const TieRow& t : rows)
        if (t.wave != 0 && !seen[t.wave]) {
            seen[t.wave] = true;
            waves.push_back(labels[t.wave]);
        }
    return waves;
}

// "'1', '2'".
std::string quoted(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items) out += (out.empty() ? "'" : ", '") + s + "'";
    return out;
}

Inputs read_inputs(const DistrictSources& config) {
    Inputs in;
    in.types = config.network.types;
    in.directed = config.network.directed;
    if (config.network_file.empty()) {
        in.people = read_people(config.people);
        in.ties = read_tie_files(config, in.people, in.types, {.drop_self_ties = config.drop_self_ties});
    } else {
        const GraphFile graph = read_graph_file(config.network_file, format_for_path(config.network_file));
        in.warnings = graph.warnings;
        in.people = people_table(graph, true);
        in.ties = tie_table(graph, in.people, in.types, {.drop_self_ties = config.drop_self_ties});
        in.directed = graph_direction(config, graph, in.warnings);
    }
    in.warnings.insert(in.warnings.end(), in.people.warnings.begin(), in.people.warnings.end());
    in.warnings.insert(in.warnings.end(), in.ties.warnings.begin(), in.ties.warnings.end());
    if (config.schools.empty()) return in;

    in.schools = read_schools(config.schools, config.participation);
    std::set<std::string> ids, used;
    for (const School& s : in.schools.schools) ids.insert(s.id);
    DiagnosticList problems;
    const PeopleTable& people = in.people;
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
    for (const School& s : in.schools.schools)
        if (!used.count(s.id))
            in.warnings.push_back({config.schools, 0, 0, "school '" + s.id + "' has no people in " + people.file,
                                   "check the school column of " + people.file + ", or remove the school if it is not in the study", true});
    return in;
}

// The district from the inputs and the tie rows to keep; warns about people with no ties (the
// warnings about the files themselves are the caller's).
District build_district(const DistrictSources& config, const Inputs& in, std::vector<TieRow> rows, const std::string& what) {
    District d;
    d.schools = in.schools;
    NetworkOptions options = config.network;
    options.directed = in.directed;
    options.types = in.types;
    d.waves = waves_of(rows, in.ties.waves);
    d.network = build_network(in.people.people, in.people.attribute_names, std::move(rows), options);
    std::vector<int> degree(d.network.size(), 0);
    for (const Tie& t : d.network.ties) ++degree[t.source], ++degree[t.target];
    std::size_t isolated = 0;
    std::string examples;
    for (std::size_t v = 0; v < degree.size(); ++v)
        if (degree[v] == 0 && ++isolated <= 5) examples += (examples.empty() ? "'" : ", '") + d.network.people[v].id + "'";
    if (isolated > 0)
        d.warnings.push_back({config.ties, 0, 0,
                              std::to_string(isolated) + " people have no ties" + what + " (" + examples + (isolated > 5 ? ", ..." : "") + ")",
                              "they are kept and reported as isolates", true});
    return d;
}

}  // namespace

District load_district(const DistrictSources& config) {
    Inputs in = read_inputs(config);
    District d = build_district(config, in, std::move(in.ties.rows), "");
    d.warnings.insert(d.warnings.begin(), in.warnings.begin(), in.warnings.end());
    if (d.waves.size() > 1)
        d.warnings.push_back({config.ties, 0, 0,
                              "the ties hold " + std::to_string(d.waves.size()) + " waves (" + quoted(d.waves) + ") and are taken together as one network",
                              "to see change between waves, run staffnet compare with --waves " + d.waves[0] + "," + d.waves[1], true});
    return d;
}

std::vector<District> load_waves(const DistrictSources& config, const std::vector<std::string>& waves) {
    const Inputs in = read_inputs(config);
    const int column = in.ties.wave_column;
    if (column < 0)
        throw InputError(Diagnostic{config.ties, in.ties.header_line, 0, "there is no 'wave' column to choose waves from",
                                    "add a wave column (for example 1 or 2 on each tie), or give each wave its own config: "
                                    "staffnet compare wave1.yaml wave2.yaml"});
    const std::vector<std::string> found = waves_of(in.ties.rows, in.ties.waves);
    const auto blank = std::count_if(in.ties.rows.begin(), in.ties.rows.end(), [](const TieRow& t) { return t.wave == 0; });
    DiagnosticList problems;
    for (const std::string& wave : waves)
        if (std::find(found.begin(), found.end(), wave) == found.end())
            problems.error({config.ties, in.ties.header_line, column + 1,
                            "wave '" + wave + "' is not in the wave column" + (found.empty() ? " (it is blank on every tie)" : " (it has " + quoted(found) + ")"),
                            found.size() >= 2 ? "name two waves that are there, for example --waves " + found[0] + "," + found[1]
                                              : "fill in the wave column, or give each wave its own config"});
    problems.check();

    std::vector<District> out;
    if (waves.empty()) return out;
    for (const std::string& wave : waves) {
        std::vector<TieRow> rows;
        const auto label = std::find(in.ties.waves.begin(), in.ties.waves.end(), wave) - in.ties.waves.begin();
        std::copy_if(in.ties.rows.begin(), in.ties.rows.end(), std::back_inserter(rows), [&](const TieRow& t) { return t.wave == label; });
        out.push_back(build_district(config, in, rows, " in wave " + wave));
    }
    // The files' own warnings once, with the first wave.
    std::vector<Diagnostic>& first = out.front().warnings;
    if (blank > 0)
        first.insert(first.begin(), {config.ties, 0, 0, std::to_string(blank) + " ties have a blank wave and are in no wave",
                                     "write the wave on every tie", true});
    first.insert(first.begin(), in.warnings.begin(), in.warnings.end());
    return out;
}

}  // namespace staffnet
