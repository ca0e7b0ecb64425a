#include "io/edgelist.hpp"

#include "io/graph_formats.hpp"

#include <optional>

namespace staffnet {

PeopleTable people_from_edges(const std::string& path) {
    const CsvTable csv = read_csv(path, {.delimiter = 0});  // as read_ties reads it
    PeopleTable out;
    out.file = path;
    const int columns[2] = {csv.column("source"), csv.column("target")};
    for (std::size_t r = 0; r < csv.rows.size(); ++r)
        for (int c : columns) {
            if (c < 0 || csv.rows[r][c].empty()) continue;  // read_ties reports these
            if (out.index.try_emplace(csv.rows[r][c], Vertex(out.people.size())).second) {
                Person p;
                p.id = p.name = csv.rows[r][c];
                out.people.push_back(std::move(p));
                out.lines.push_back(csv.lines[r]);
            }
        }
    return out;
}

namespace {

// A network file of another program (GraphML, Pajek, ...) rather than a CSV edge list.
std::optional<GraphFile> graph_file(const std::string& path) {
    GraphFormat format = GraphFormat::staffnet_csv;
    try {
        format = format_for_path(path);
    } catch (const InputError&) {  // an edge list saved as .txt, say
    }
    if (format == GraphFormat::staffnet_csv) return std::nullopt;
    return read_graph_file(path, format);
}

}  // namespace

Network read_edge_list(const std::string& path, const EdgeListOptions& options, std::vector<Diagnostic>& warnings) {
    const std::optional<GraphFile> graph = graph_file(path);
    PeopleTable people = graph                   ? people_table(*graph, false)
                         : options.people.empty() ? people_from_edges(path)
                                                  : read_people(options.people, false);
    std::vector<TieType> types;
    const TieReadOptions read{.require_type = false, .declare_types = true, .drop_self_ties = options.drop_self_ties};
    TieTable ties = graph ? tie_table(*graph, people, types, read) : read_ties(path, people, types, read);
    warnings = graph ? graph->warnings : std::vector<Diagnostic>{};
    warnings.insert(warnings.end(), people.warnings.begin(), people.warnings.end());
    warnings.insert(warnings.end(), ties.warnings.begin(), ties.warnings.end());
    NetworkOptions network;
    const bool file_directed = graph && graph->directed;
    network.directed = options.directed.value_or(file_directed);
    if (graph && network.directed != file_directed)
        warnings.push_back({path, 0, 0,
                            file_directed ? "the file is directed; --undirected reads each arc as a tie (a pair tied both ways is one "
                                            "tie, with the larger weight)"
                                          : "the file is undirected; --directed reads each tie as an arc from the first person named to "
                                            "the second",
                            "leave out --directed/--undirected to use the file's direction", true});
    network.weighted = options.weighted;
    network.types = types;
    return build_network(std::move(people.people), std::move(people.attribute_names), ties.rows, network);
}

}  // namespace staffnet
