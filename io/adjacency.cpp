// Adjacency-matrix CSV: a header of people's ids, then one row per person (its id first) holding the
// weight of the tie from the row to the column; 0 or blank is no tie. One matrix, so one relation.
#include "io/csv.hpp"
#include "io/graph_io.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace staffnet {

GraphFile parse_adjacency(const std::string& file, const std::string& text) {
    // A matrix has as many rows as columns: refuse a huge one before reading it all.
    const std::string_view header = std::string_view(text).substr(0, text.find_first_of("\r\n"));
    if (const auto fields = std::count_if(header.begin(), header.end(), [](char c) { return c == ',' || c == ';' || c == '\t'; });
        std::size_t(fields) > max_matrix_people)
        throw InputError(Diagnostic{file, 1, 0,
                                    fmt::format("an adjacency matrix of {} people is more than staffnet reads ({})", fields, max_matrix_people),
                                    "save the network as an edge list (source,target,weight) or as GraphML"});
    const CsvTable csv = parse_csv(file, text, {.delimiter = 0, .blank_corner = true});
    GraphFile g;
    g.file = file;
    DiagnosticList problems;
    NodeIndex index;
    const std::size_t n = csv.header.size() - 1;
    for (std::size_t c = 1; c < csv.header.size(); ++c) index.add(g, problems, {csv.header[c], {}, {csv.header_line, int(c + 1)}});
    if (csv.rows.size() != n)
        problems.error({file, csv.header_line, 0, fmt::format("{} columns of people but {} rows", n, csv.rows.size()),
                        "give one row per person, in the order of the columns"});
    problems.check();
    Cells cells;
    for (std::size_t r = 0; r < n; ++r) {
        if (csv.rows[r][0] != csv.header[r + 1]) {
            problems.error(csv.at(r, 0, "row " + std::to_string(r + 1) + " is '" + csv.rows[r][0] + "', but column " + std::to_string(r + 2) +
                                            " is '" + csv.header[r + 1] + "'",
                                  "list the rows in the order of the columns"));
            continue;
        }
        for (std::size_t c = 1; c <= n; ++c) {
            const std::string& cell = csv.rows[r][c];
            try {
                if (cell.empty() || parse_number(cell) == 0) continue;
                cells[{r, c - 1}] = {tie_weight(cell), {csv.lines[r], int(c + 1)}};
            } catch (const std::invalid_argument&) {
                problems.error(csv.at(r, int(c), "a tie value must be a positive number, 0 or blank, got '" + cell + "'",
                                      "write 0 or leave the cell blank for no tie"));
            }
        }
        if (problems.items.size() > 200) break;
    }
    problems.check();
    add_matrix_ties(g, {cells}, {""});
    return g;
}

std::string write_adjacency(const GraphFile& graph, std::vector<std::string>& dropped) {
    check_matrix_size(graph.nodes.size(), "an adjacency matrix");
    const std::vector<std::string> types = tie_types(graph);
    const std::vector<Cells> matrices = tie_matrices(graph, types, dropped);
    // One matrix for all types: each cell holds the pair's weights added over types.
    Cells sum;
    for (const Cells& m : matrices)
        for (const auto& [cell, value] : m) sum[cell].weight += value.weight;
    const std::size_t n = graph.nodes.size();
    std::vector<std::vector<std::string>> rows(n + 1);
    rows[0].push_back("id");
    for (const GraphNode& node : graph.nodes) rows[0].push_back(text_cell(node.id));
    for (std::size_t r = 0; r < n; ++r) {
        rows[r + 1].push_back(text_cell(graph.nodes[r].id));
        for (std::size_t c = 0; c < n; ++c) {
            const auto it = sum.find({r, c});
            rows[r + 1].push_back(it == sum.end() ? "0" : number_cell(it->second.weight));
        }
    }
    if (types.size() > 1)
        dropped.push_back("an adjacency matrix holds one relation: dropped the tie types " + name_list(types) +
                          "; each cell is the sum of the pair's weights over all types");
    else if (types.size() == 1 && !types[0].empty())
        dropped.push_back("an adjacency matrix names no relation: dropped the tie type '" + types[0] + "'");
    note_symmetric(graph, {sum}, "an adjacency matrix", dropped);
    drop_attributes(graph, "an adjacency matrix", dropped);
    drop_waves(graph, "an adjacency matrix", dropped);
    return csv_lines(rows);
}

}  // namespace staffnet
