#pragma once
// What the network-file readers and writers share: positions, tokens, typed values, matrices, and
// the sentences that say what a format dropped.
#include "io/graph_formats.hpp"

#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace staffnet {

/// The line starts of a text, to turn byte offsets into lines and columns (1-based, counting UTF-8
/// characters; LF, CRLF and CR end lines). Building it reads the text once; each lookup is a binary
/// search plus the length of the line.
class LineIndex {
public:
    explicit LineIndex(const std::string& text);
    TextPosition at(std::size_t offset) const;

private:
    const std::string& text_;
    std::vector<std::size_t> starts_;
};

/// The position of one byte offset (for a single error; use a LineIndex for many).
TextPosition position_at(const std::string& text, std::size_t offset);

/// A diagnostic at a position of a file.
Diagnostic at(const std::string& file, TextPosition where, std::string message, std::string fix = {});

/// Throws InputError at the first byte of `text` that is not UTF-8.
void check_utf8(const std::string& file, const std::string& text);

/// One line of a text file without its line end (LF, CRLF or CR), with its editor line number.
struct TextLine {
    std::string_view text;
    int number = 0;
};
std::vector<TextLine> text_lines(const std::string& text);

/// A word of a line format, or a "quoted label" without its quotes; `column` is 1-based.
struct Token {
    std::string text;
    int column = 0;
    bool quoted = false;
};

/// Splits a line at blanks and at any of `separators`, keeping "quoted labels" whole. Throws
/// InputError at an opening quote that is never closed.
std::vector<Token> tokenize(const std::string& file, const TextLine& line, std::string_view separators = {});

/// The narrowest type all non-empty values fit: integer (decimal, no leading zeros), real, boolean
/// (true/false), else string.
ValueType infer_type(const std::vector<std::string>& values);

/// The type two declarations of one attribute share: integer and real make real, others string.
ValueType wider(ValueType a, ValueType b);

/// A value read from a typed file field, checked against its type: booleans become true/false
/// (from true, false, 1, 0 in any case), a real NaN becomes "" (missing). Throws a bare message.
std::string typed_value(ValueType type, const std::string& text);

/// Adds a person attribute, or widens the type of one declared before under the same name.
void declare_attribute(GraphFile& graph, const std::string& name, ValueType type);

/// The <default> of a declared attribute, checked against its type (a problem reported at `where`).
std::string default_value(const GraphFile& graph, DiagnosticList& problems, TextPosition where, const std::string& name, ValueType type,
                          const std::string& text);

/// Sets the node's value of attribute `name` from a typed file field, or reports at `where` why the
/// text does not fit the attribute's type.
void read_value(GraphFile& graph, DiagnosticList& problems, TextPosition where, GraphNode& node, const std::string& name,
                const std::string& text);

/// A tie weight: a positive, finite number. Throws a bare message that quotes the text.
double tie_weight(const std::string& text);
inline constexpr const char* weight_fix = "write a number above 0, such as 1, 2 or 0.5";

/// Sets `weight` from `text`, or reports at `where` that it is not a weight.
void read_weight(const std::string& file, DiagnosticList& problems, TextPosition where, const std::string& text, double& weight);

/// Adds people to a GraphFile by id, reporting a repeated id at its position.
struct NodeIndex {
    std::unordered_map<std::string, std::size_t> index;
    /// Adds the node; false (and an error) when the id is empty or already used.
    bool add(GraphFile& graph, DiagnosticList& problems, GraphNode node);
    std::optional<std::size_t> find(const std::string& id) const;
    /// Like find; reports an unknown id at `where` (with a suggestion) and returns nothing.
    std::optional<std::size_t> lookup(const GraphFile& graph, DiagnosticList& problems, const std::string& id,
                                      TextPosition where) const;
};

/// A warning about the whole file (what was left out while reading).
void warn(GraphFile& graph, std::string message);

/// GraphML, GEXF and Pajek let single ties go against the file's default direction. A network with
/// both kinds is directed: each undirected tie (`directed[i]` false) becomes two, one each way.
void settle_direction(GraphFile& graph, bool default_directed, const std::vector<bool>& directed);

/// Throws InputError when a file declares more people than max_graph_people.
void check_people_count(const std::string& file, TextPosition where, double count);

/// The most people a full matrix (adjacency CSV, DL with several relations) is written or read for:
/// 5,000 people make 25 million cells a relation.
inline constexpr std::size_t max_matrix_people = 5'000;

/// Throws std::runtime_error when a full matrix of `people` would be too large to write.
void check_matrix_size(std::size_t people, const std::string& what);

/// The ties of one type as matrix cells; an undirected tie fills both cells.
struct Cell {
    double weight = 0;
    TextPosition at;
};
using Cells = std::map<std::pair<std::size_t, std::size_t>, Cell>;

/// The distinct tie types in order of first appearance ("" for untyped ties).
std::vector<std::string> tie_types(const GraphFile& graph);

/// One matrix per tie type of `types`. A cell holding two ties keeps the larger weight; that is
/// reported in `dropped` once.
std::vector<Cells> tie_matrices(const GraphFile& graph, const std::vector<std::string>& types,
                                std::vector<std::string>& dropped);

/// True when every matrix equals its transpose.
bool symmetric(const std::vector<Cells>& matrices);

/// Notes in `dropped` that a directed network whose matrices are symmetric reads back undirected.
void note_symmetric(const GraphFile& graph, const std::vector<Cells>& matrices, const std::string& format,
                    std::vector<std::string>& dropped);

/// Adds the ties of matrices (one per type) to `graph`, row-major. When every matrix is symmetric
/// the network is undirected and each pair is read once (row <= column); otherwise directed.
void add_matrix_ties(GraphFile& graph, const std::vector<Cells>& matrices, const std::vector<std::string>& types);

/// Reports the attributes a format cannot hold (only those with a value; a name that is the id is
/// not lost) as "<format> keeps no person attributes: dropped a, b".
void drop_attributes(const GraphFile& graph, const std::string& format, std::vector<std::string>& dropped);

/// Reports the waves a format cannot hold.
void drop_waves(const GraphFile& graph, const std::string& format, std::vector<std::string>& dropped);

/// The text in lower case (ASCII letters).
std::string lower(std::string s);

/// Whether any tie has a type, and any a wave.
bool any_typed(const GraphFile& graph);
bool any_wave(const GraphFile& graph);

/// Warns that attributes of ties other than type, weight and wave were left out.
void warn_left_out(GraphFile& graph, const std::set<std::string>& names);

/// A label in double quotes for Pajek and DL, which have no escapes: a double quote in it becomes a
/// single quote and a line break a space, and `changed` is set.
std::string quoted_label(const std::string& label, bool& changed);

/// The note that says labels were changed so (for `dropped`).
std::string changed_labels_note(const std::string& format);

/// A comma-separated list of names.
std::string name_list(const std::vector<std::string>& names);

}  // namespace staffnet
