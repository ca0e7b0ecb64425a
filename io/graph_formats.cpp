#include "io/graph_formats.hpp"

#include "io/edgelist.hpp"
#include "io/graph_io.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace staffnet {
namespace fs = std::filesystem;

namespace {

struct FormatName {
    GraphFormat format;
    const char* name;
};
constexpr FormatName format_names[] = {
    {GraphFormat::staffnet_csv, "csv"}, {GraphFormat::graphml, "graphml"},     {GraphFormat::gexf, "gexf"},
    {GraphFormat::pajek, "pajek"},      {GraphFormat::ucinet_dl, "dl"},        {GraphFormat::adjacency_csv, "adjacency"},
    {GraphFormat::node_link, "json"},
};

bool ends_with(const std::string& s, const std::string& end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

std::string format_name(GraphFormat format) {
    for (const FormatName& f : format_names)
        if (f.format == format) return f.name;
    return "";
}

GraphFormat format_named(const std::string& name, const std::string& option) {
    std::vector<std::string> names;
    for (const FormatName& f : format_names) {
        if (lower(name) == f.name) return f.format;
        names.push_back(f.name);
    }
    throw InputError(Diagnostic{option, 0, 0, "unknown format '" + name + "'" + did_you_mean(name, names), "use one of " + name_list(names)});
}

GraphFormat format_for_path(const std::string& path) {
    const std::string name = lower(fs::path(path).filename().string());
    if (ends_with(name, ".adj.csv")) return GraphFormat::adjacency_csv;
    if (ends_with(name, ".csv")) return GraphFormat::staffnet_csv;  // a ties.csv (written: an edge list)
    if (ends_with(name, ".graphml")) return GraphFormat::graphml;
    if (ends_with(name, ".gexf")) return GraphFormat::gexf;
    if (ends_with(name, ".net")) return GraphFormat::pajek;
    if (ends_with(name, ".dl")) return GraphFormat::ucinet_dl;
    if (ends_with(name, ".json")) return GraphFormat::node_link;
    if (fs::path(path).extension().empty()) return GraphFormat::staffnet_csv;  // a folder of people.csv + ties.csv
    throw InputError(Diagnostic{path, 0, 0, "unknown network file type '" + fs::path(path).extension().string() + "'",
                                "use .graphml, .gexf, .net (Pajek), .dl (UCINET), .json (node-link), .adj.csv (adjacency "
                                "matrix), or .csv or a folder for people.csv + ties.csv; or name the format with --from/--to"});
}

int GraphFile::attribute(const std::string& name) const {
    for (std::size_t i = 0; i < attributes.size(); ++i)
        if (attributes[i].name == name) return int(i);
    return -1;
}

GraphFile parse_graph(GraphFormat format, const std::string& file_name, const std::string& text) {
    if (format != GraphFormat::staffnet_csv && text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw InputError(Diagnostic{file_name, 0, 0, "the file is empty", "save or export the network into it again"});
    switch (format) {
    case GraphFormat::graphml:
        return parse_graphml(file_name, text);
    case GraphFormat::gexf:
        return parse_gexf(file_name, text);
    case GraphFormat::pajek:
        return parse_pajek(file_name, text);
    case GraphFormat::ucinet_dl:
        return parse_ucinet_dl(file_name, text);
    case GraphFormat::adjacency_csv:
        return parse_adjacency(file_name, text);
    case GraphFormat::node_link:
        return parse_node_link(file_name, text);
    case GraphFormat::staffnet_csv:
        break;
    }
    throw std::invalid_argument("parse_graph: staffnet CSV is two files; use read_graph_file");
}

GraphFile read_graph_file(const std::string& path, GraphFormat format, const GraphReadOptions& options) {
    if (format == GraphFormat::staffnet_csv) return read_staffnet_csv(path, options);
    if (fs::is_directory(path))
        throw InputError(Diagnostic{path, 0, 0, "is a folder, not a " + format_name(format) + " file", "give the path of the file"});
    return parse_graph(format, path, read_text_file(path));
}

std::string write_graph(GraphFormat format, const GraphFile& graph, std::vector<std::string>& dropped) {
    switch (format) {
    case GraphFormat::graphml:
        return write_graphml(graph, dropped);
    case GraphFormat::gexf:
        return write_gexf(graph, dropped);
    case GraphFormat::pajek:
        return write_pajek(graph, dropped);
    case GraphFormat::ucinet_dl:
        return write_ucinet_dl(graph, dropped);
    case GraphFormat::adjacency_csv:
        return write_adjacency(graph, dropped);
    case GraphFormat::node_link:
        return write_node_link(graph, dropped);
    case GraphFormat::staffnet_csv:
        break;
    }
    throw std::invalid_argument("write_graph: staffnet CSV is two files; use write_staffnet_csv");
}

// staffnet's own files, read with the checks of `staffnet metrics`: types are declared as they come,
// self-ties are kept (the engine reports them when the network is analysed).
GraphFile read_staffnet_csv(const std::string& ties_path, const GraphReadOptions& options) {
    const bool folder = fs::is_directory(ties_path);
    const std::string ties = folder ? (fs::path(ties_path) / "ties.csv").string() : ties_path;
    const std::string beside = (fs::path(ties).parent_path() / "people.csv").string();
    const std::string people = !options.people.empty() ? options.people : fs::exists(beside) ? beside : "";

    GraphFile g;
    g.file = ties;
    g.directed = options.directed;
    PeopleTable table;
    if (people.empty()) {
        table = people_from_edges(ties);
        for (const Person& p : table.people) g.nodes.push_back({p.id, {}, {}});
    } else {
        const CsvTable csv = read_csv(people, {.delimiter = 0});
        table = people_from_csv(csv, false);
        const int id = csv.column("id");
        for (int c = 0; c < int(csv.header.size()); ++c) {
            if (c == id) continue;
            std::vector<std::string> column;
            for (const auto& row : csv.rows) column.push_back(row[c]);
            g.attributes.push_back({csv.header[c], infer_type(column)});
        }
        for (std::size_t r = 0; r < csv.rows.size(); ++r) {
            GraphNode node{csv.rows[r][id], {}, {csv.lines[r], 0}};
            for (int c = 0; c < int(csv.header.size()); ++c)
                if (c != id) node.values.push_back(csv.rows[r][c]);
            g.nodes.push_back(std::move(node));
        }
    }
    const CsvTable csv = read_csv(ties, {.delimiter = 0});
    std::vector<TieType> types;
    const TieTable read = ties_from_csv(csv, table, types, {.require_type = false, .declare_types = true, .keep_self_ties = true});
    const bool typed = csv.column("type") >= 0;
    for (const TieRow& r : read.rows) g.ties.push_back({r.source, r.target, typed ? types[r.type].name : "", r.weight, read.waves[r.wave], {}});
    g.warnings = table.warnings;
    g.warnings.insert(g.warnings.end(), read.warnings.begin(), read.warnings.end());
    return g;
}

StaffnetCsv write_staffnet_csv(const GraphFile& graph, std::vector<std::string>& dropped) {
    bool guarded = false;
    auto cell = [&](const std::string& text) {
        std::string c = text_cell(text);
        // text_cell writes a guarded cell as '=... or, when it must also be quoted, as "'=...
        const bool starts_guarded = c.rfind("'", 0) == 0 || c.rfind("\"'", 0) == 0;
        guarded = guarded || (starts_guarded && text[0] != '\'');
        return c;
    };
    std::vector<std::vector<std::string>> people = {{"id"}};
    for (const NodeAttribute& a : graph.attributes) people[0].push_back(cell(a.name));
    for (const GraphNode& n : graph.nodes) {
        people.push_back({cell(n.id)});
        for (const std::string& v : n.values) people.back().push_back(cell(v));
    }
    const bool waves = any_wave(graph);
    std::vector<std::vector<std::string>> ties = {{"source", "target", "type", "weight"}};
    if (waves) ties[0].push_back("wave");
    for (const GraphTie& t : graph.ties) {
        ties.push_back({cell(graph.nodes[t.source].id), cell(graph.nodes[t.target].id), cell(t.type.empty() ? "tie" : t.type),
                        number_cell(t.weight)});
        if (waves) ties.back().push_back(cell(t.wave));
    }
    if (guarded)
        dropped.push_back("cells starting with = + - or @ were written after a ' so that spreadsheets do not run them as formulas");
    if (graph.directed)
        dropped.push_back("ties.csv does not record direction: set network.directed: true in the config (or pass --directed) when "
                          "reading it back");
    return {csv_lines(people), csv_lines(ties)};
}

bool is_folder_path(const std::string& path) { return !fs::path(path).has_extension(); }

std::string write_edge_list_csv(const GraphFile& graph, std::vector<std::string>& dropped) {
    bool guarded = false;
    auto cell = [&](const std::string& text) {
        std::string c = text_cell(text);
        guarded = guarded || ((c.rfind("'", 0) == 0 || c.rfind("\"'", 0) == 0) && text[0] != '\'');
        return c;
    };
    const bool types = any_typed(graph), waves = any_wave(graph);
    std::vector<std::vector<std::string>> rows = {{"source", "target", "weight"}};
    if (types) rows[0].push_back("type");
    if (waves) rows[0].push_back("wave");
    std::vector<char> tied(graph.nodes.size(), 0);
    for (const GraphTie& t : graph.ties) {
        rows.push_back({cell(graph.nodes[t.source].id), cell(graph.nodes[t.target].id), number_cell(t.weight)});
        if (types) rows.back().push_back(cell(t.type.empty() ? "tie" : t.type));
        if (waves) rows.back().push_back(cell(t.wave));
        tied[t.source] = tied[t.target] = 1;
    }
    const auto untied = std::size_t(std::count(tied.begin(), tied.end(), 0));
    if (untied > 0)
        dropped.push_back(fmt::format("an edge list holds only people with ties: left out {} {} without any (write to a folder, a path "
                                      "without an ending, to get people.csv + ties.csv)",
                                      untied, untied == 1 ? "person" : "people"));
    drop_attributes(graph, "an edge list", dropped);
    if (guarded)
        dropped.push_back("cells starting with = + - or @ were written after a ' so that spreadsheets do not run them as formulas");
    if (graph.directed) dropped.push_back("an edge list does not record direction: pass --directed when reading it back");
    return csv_lines(rows);
}

GraphFile graph_file(const Network& net, const std::string& name) {
    GraphFile g;
    g.file = name;
    g.directed = net.directed();
    std::vector<std::pair<std::string, std::vector<std::string>>> columns = {{"name", {}}, {"role", {}}, {"school", {}}, {"responded", {}}};
    for (const std::string& a : net.attribute_names) columns.push_back({a, {}});
    for (const Person& p : net.people) {
        columns[0].second.push_back(p.name);
        columns[1].second.push_back(p.role);
        columns[2].second.push_back(p.school);
        columns[3].second.push_back(p.responded ? (*p.responded ? "true" : "false") : "");
        for (std::size_t a = 0; a < p.attributes.size(); ++a) columns[4 + a].second.push_back(p.attributes[a]);
    }
    for (std::size_t v = 0; v < net.size(); ++v) g.nodes.push_back({net.people[v].id, {}, {}});
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto& [column, values] = columns[c];
        const bool any = std::any_of(values.begin(), values.end(), [](const std::string& x) { return !x.empty(); });
        if (c >= 4 || any) {  // role, school and responded only when someone has one
            g.attributes.push_back({column, infer_type(values)});
            for (std::size_t v = 0; v < net.size(); ++v) g.nodes[v].values.push_back(values[v]);
        }
    }
    for (const Tie& t : net.ties) g.ties.push_back({t.source, t.target, net.options.types[t.type].name, t.weight, "", {}});
    return g;
}

PeopleTable people_table(const GraphFile& graph, bool district_roles) {
    CsvTable csv;
    csv.file = graph.file;
    csv.header_line = 0;  // a problem with the whole list (no people) belongs to the whole file
    csv.header = {"id"};
    for (const NodeAttribute& a : graph.attributes) csv.header.push_back(a.name);
    for (const GraphNode& n : graph.nodes) {
        csv.rows.push_back({n.id});
        csv.rows.back().insert(csv.rows.back().end(), n.values.begin(), n.values.end());
        csv.lines.push_back(n.at.line);
        csv.columns.push_back(n.at.column);
    }
    return people_from_csv(csv, district_roles);
}

TieTable tie_table(const GraphFile& graph, const PeopleTable& people, std::vector<TieType>& types, const TieReadOptions& options) {
    CsvTable csv;
    csv.file = graph.file;
    csv.header = {"source", "target", "type", "weight", "wave"};
    for (const GraphTie& t : graph.ties) {
        csv.rows.push_back({graph.nodes[t.source].id, graph.nodes[t.target].id, t.type.empty() ? options.default_type : t.type,
                            number_cell(t.weight), t.wave});
        csv.lines.push_back(t.at.line);
        csv.columns.push_back(t.at.column);
    }
    return ties_from_csv(csv, people, types, options);
}

}  // namespace staffnet
