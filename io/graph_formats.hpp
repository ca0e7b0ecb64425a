#pragma once
// Network files of other programs (GraphML, GEXF, Pajek, UCINET DL, adjacency-matrix CSV, JSON
// node-link) and staffnet's own people.csv + ties.csv, read into and written from one neutral model.
#include "io/diagnostic.hpp"
#include "io/readers.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace staffnet {

enum class GraphFormat { staffnet_csv, graphml, gexf, pajek, ucinet_dl, adjacency_csv, node_link };

/// The name --from and --to take: csv, graphml, gexf, pajek, dl, adjacency or json.
std::string format_name(GraphFormat format);

/// The format a --from/--to name stands for; throws InputError (naming `option`) for another name.
GraphFormat format_named(const std::string& name, const std::string& option);

/// The format of a path by its ending: .graphml, .gexf, .net, .dl, .json, .adj.csv; any other .csv
/// (a ties.csv) or a path without an ending (a folder) is staffnet's people.csv + ties.csv. Throws
/// InputError for another ending. Case is ignored.
GraphFormat format_for_path(const std::string& path);

/// The type of a person attribute, as GraphML and GEXF declare it.
enum class ValueType { string, integer, real, boolean };

struct NodeAttribute {
    std::string name;
    ValueType type = ValueType::string;
};

/// Where something was read: 1-based line and column as an editor shows them (0 = unknown).
struct TextPosition {
    int line = 0;
    int column = 0;
};

/// A person: the id, then one value per GraphFile::attributes as text ("" = missing). Integers are
/// written in decimal, booleans as true or false.
struct GraphNode {
    std::string id;
    std::vector<std::string> values;
    TextPosition at;
};

/// A tie between two people (indices into GraphFile::nodes); `type` is "" when the file has none.
struct GraphTie {
    std::size_t source = 0;
    std::size_t target = 0;
    std::string type;
    double weight = 1.0;  // positive
    std::string wave;
    TextPosition at;
};

/// A whole network file: people with typed attributes and ties, in the order of the file. Self-ties
/// and repeated ties are kept as read. Undirected ties keep the order the file gives their ends.
struct GraphFile {
    std::string file;
    bool directed = false;
    std::vector<NodeAttribute> attributes;  // name, role, school and any others, in file order
    std::vector<GraphNode> nodes;
    std::vector<GraphTie> ties;
    std::vector<Diagnostic> warnings;  // what the reader left out or changed

    /// Index of an attribute, or -1.
    int attribute(const std::string& name) const;
};

/// The most people and ties a graph file may declare (a Pajek `*Vertices 2000000000` is refused
/// before anything is allocated).
inline constexpr std::size_t max_graph_people = 100'000;
inline constexpr std::size_t max_graph_ties = 20'000'000;

struct GraphReadOptions {
    std::string people;     // staffnet CSV: people.csv; "" = people.csv beside the ties, else the ids in it
    bool directed = false;  // staffnet CSV: ties.csv does not say
};

/// Reads a network file. For staffnet CSV, `path` is ties.csv or a folder holding it. Throws
/// InputError with file:line:column and a fix for every problem found.
GraphFile read_graph_file(const std::string& path, GraphFormat format, const GraphReadOptions& options = {});

/// Reads a network from text in memory (any format but staffnet CSV, which is two files);
/// `file_name` is used in diagnostics. The entry point for fuzzing.
GraphFile parse_graph(GraphFormat format, const std::string& file_name, const std::string& text);

/// Writes a network in one file's format (not staffnet CSV). Deterministic. Appends to `dropped`
/// one plain sentence for each thing the format cannot hold (say, Pajek and person attributes).
std::string write_graph(GraphFormat format, const GraphFile& graph, std::vector<std::string>& dropped);

/// staffnet's own two files.
struct StaffnetCsv {
    std::string people;  // people.csv: id, then every attribute
    std::string ties;    // ties.csv: source,target,type,weight[,wave]; untyped ties get type `tie`
};
StaffnetCsv write_staffnet_csv(const GraphFile& graph, std::vector<std::string>& dropped);

/// One edge-list file, as `staffnet metrics` reads it: source,target,weight, then type and wave when
/// any tie has one. People without ties, person attributes and the direction are not kept; each
/// loss is said in `dropped`.
std::string write_edge_list_csv(const GraphFile& graph, std::vector<std::string>& dropped);

/// Whether `convert` writes people.csv + ties.csv into a folder at `path` (a path without an ending,
/// or ending in /), rather than one file.
bool is_folder_path(const std::string& path);

/// The people of a graph file checked as people.csv is (a unique id each; with `district_roles`, a
/// known role), errors placed at the person's line and column in the file.
PeopleTable people_table(const GraphFile& graph, bool district_roles);

/// The ties of a graph file checked as ties.csv is (known tie types unless declared, self-ties);
/// an untyped tie has type `options.default_type`.
TieTable tie_table(const GraphFile& graph, const PeopleTable& people, std::vector<TieType>& types,
                   const TieReadOptions& options);

/// A network as a graph file, to write it in any format: people with name, role, school and
/// responded where any has one, then the attributes (typed by their values); the ties of each type
/// (after repeated rows were combined) with their weights.
GraphFile graph_file(const Network& net, const std::string& name = "network");

// One reader and writer per format (io/graphml.cpp, io/gexf.cpp, ...); use the dispatchers above.
GraphFile parse_graphml(const std::string& file, const std::string& text);
std::string write_graphml(const GraphFile& graph, std::vector<std::string>& dropped);
GraphFile parse_gexf(const std::string& file, const std::string& text);
std::string write_gexf(const GraphFile& graph, std::vector<std::string>& dropped);
GraphFile parse_pajek(const std::string& file, const std::string& text);
std::string write_pajek(const GraphFile& graph, std::vector<std::string>& dropped);
GraphFile parse_ucinet_dl(const std::string& file, const std::string& text);
std::string write_ucinet_dl(const GraphFile& graph, std::vector<std::string>& dropped);
GraphFile parse_adjacency(const std::string& file, const std::string& text);
std::string write_adjacency(const GraphFile& graph, std::vector<std::string>& dropped);
GraphFile parse_node_link(const std::string& file, const std::string& text);
std::string write_node_link(const GraphFile& graph, std::vector<std::string>& dropped);
GraphFile read_staffnet_csv(const std::string& ties, const GraphReadOptions& options);

}  // namespace staffnet
