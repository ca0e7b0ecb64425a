// UCINET DL: a header of keywords (DL N=.. NM=.. FORMAT=.. LABELS: ... MATRIX LABELS: ... DATA:)
// then the data as full matrices, an edge list (edgelist1) or a node list (nodelist1).
#include "io/graph_io.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace staffnet {
namespace {

struct Word {
    Token token;
    int line = 0;
};

// A header word as a keyword: lower case, without a trailing colon ("LABELS:" -> "labels").
std::string keyword(const Word& w) {
    if (w.token.quoted) return "\"";
    std::string k = lower(w.token.text);
    if (!k.empty() && k.back() == ':') k.pop_back();
    return k;
}

struct Reader {
    std::string file;
    // The words are read a line at a time, so that a large matrix is never held as text twice.
    std::vector<TextLine> lines;
    std::size_t line = 0;    // the next line to split into words
    std::vector<Word> words;  // of the line before it
    std::size_t next = 0;    // the next of those words
    Word last;               // the word taken last (for messages)
    Word first;              // the file's first word
    std::size_t n = 0, nm = 1;
    bool have_n = false, embedded = false, diagonal = true, header_done = false;
    bool symmetric = false;  // SYMMETRIC YES: a listed tie i j stands for j i too
    std::string format = "fullmatrix";
    std::vector<Word> labels, matrix_labels;
    DiagnosticList problems;

    explicit Reader(std::string name) : file(std::move(name)) {}

    [[noreturn]] void fail(const Word& w, std::string message, std::string fix) {
        throw InputError(Diagnostic{file, w.line, w.token.column, std::move(message), std::move(fix)});
    }
    [[noreturn]] void fail_at_end(std::string message, std::string fix) {
        throw InputError(Diagnostic{file, lines.empty() ? 0 : lines.back().number, 0, std::move(message), std::move(fix)});
    }
    bool more() {
        while (next >= words.size()) {
            if (line >= lines.size()) return false;
            words.clear();
            for (Token& t : tokenize(file, lines[line], ",=")) words.push_back({std::move(t), lines[line].number});
            ++line;
            next = 0;
        }
        return true;
    }
    Word take(const char* what) {
        if (!more() && !header_done) fail_at_end(std::string("the file ends before ") + what, "complete the header, then DATA: and the data");
        if (!more())
            fail_at_end(std::string("the file ends before ") + what,
                        fmt::format("give {} rows of {} values{}", n, n, nm > 1 ? fmt::format(" for each of the {} matrices", nm) : ""));
        return last = words[next++];
    }
    // The words left on the current line.
    std::vector<Word> rest_of_line() {
        std::vector<Word> out(words.begin() + std::ptrdiff_t(next), words.end());
        next = words.size();
        return out;
    }
    std::size_t count(const char* what, std::size_t limit) {
        const Word w = take(what);
        double x = -1;
        try {
            x = parse_number(w.token.text);
        } catch (const std::invalid_argument&) {
        }
        if (x >= 1 && x <= double(limit) && x == double(std::size_t(x))) return std::size_t(x);
        if (x > double(limit) && std::string(what) == "N") check_people_count(file, {w.line, w.token.column}, x);
        fail(w, fmt::format("{} must be a whole number from 1 to {}, got '{}'", what, limit, w.token.text), "correct the header");
    }
    std::vector<Word> label_list(std::size_t size, const char* what) {
        if (!have_n) fail(last, std::string(what) + " come before N", "put N=... first, as in DL N=12");
        std::vector<Word> out;
        while (out.size() < size) {
            const Word w = take(what);
            if (keyword(w) == "data") fail(w, fmt::format("{} {} are needed, found {}", size, what, out.size()), "give one label each");
            out.push_back(w);
        }
        return out;
    }

    void header() {
        if (!more()) throw InputError(Diagnostic{file, 0, 0, "the file is empty", "a UCINET DL file starts with DL N=..."});
        first = take("DL");
        if (keyword(first) != "dl")
            fail(first, "a UCINET DL file starts with DL, found '" + first.token.text + "'", "check the format of the file, or give it with --from");
        while (true) {
            const Word w = take("DATA:");
            const std::string k = keyword(w);
            if (k.empty()) continue;  // a colon on its own
            if (k == "n") {
                n = count("N", max_graph_people);
                have_n = true;
            } else if (k == "nm") {
                nm = count("NM", 1000);
            } else if (k == "nr" || k == "nc") {
                fail(w, "two-mode data (NR, NC) is not supported", "give one set of people with N=");
            } else if (k == "format") {
                format = keyword(take("the format"));
                if (format == "edgelist") format = "edgelist1";
                if (format == "nodelist") format = "nodelist1";
                if (format != "fullmatrix" && format != "edgelist1" && format != "nodelist1")
                    fail(last, "format '" + last.token.text + "' is not supported", "use fullmatrix, edgelist1 or nodelist1");
            } else if (k == "diagonal") {
                const std::string d = keyword(take("PRESENT or ABSENT"));
                if (d != "present" && d != "absent") fail(last, "DIAGONAL must be PRESENT or ABSENT", "correct the header");
                diagonal = d == "present";
            } else if (k == "symmetric") {
                const std::string answer = keyword(take("YES or NO"));
                if (answer != "yes" && answer != "no") fail(last, "SYMMETRIC must be YES or NO, got '" + last.token.text + "'", "correct the header");
                symmetric = answer == "yes";
            } else if (k == "labels" || k == "row" || k == "column" || k == "col") {
                if (k != "labels" && keyword(take("LABELS")) != "labels") fail(last, "expected LABELS after " + w.token.text, "write ROW LABELS:");
                if (more() && keyword(words[next]) == "embedded") {
                    embedded = true;
                    ++next;
                    continue;
                }
                std::vector<Word> list = label_list(n, "labels");
                if ((k == "column" || k == "col") && !labels.empty())
                    for (std::size_t i = 0; i < n; ++i)
                        if (list[i].token.text != labels[i].token.text)
                            fail(list[i], "column label '" + list[i].token.text + "' differs from row label '" + labels[i].token.text + "'",
                                 "two-mode data is not supported: give the same people across and down");
                labels = std::move(list);
            } else if (k == "matrix" || k == "level") {
                if (keyword(take("LABELS")) != "labels") fail(last, "expected LABELS after " + w.token.text, "write MATRIX LABELS:");
                matrix_labels = label_list(nm, "matrix labels");
            } else if (k == "data") {
                break;
            } else {
                fail(w, "unknown DL keyword '" + w.token.text + "'",
                     "the header may hold N, NM, FORMAT, DIAGONAL, SYMMETRIC, LABELS, LABELS EMBEDDED, MATRIX LABELS, then DATA:");
            }
        }
        if (!have_n) fail(last, "the header does not give N, the number of people", "write DL N=12 on the first line");
        header_done = true;
    }

    // The people: labels from the header, else numbers (an edge list with embedded labels names them
    // as they come).
    std::vector<Word> people;
    std::size_t person(const Word& w) {
        if (embedded) {
            for (std::size_t i = 0; i < people.size(); ++i)
                if (people[i].token.text == w.token.text) return i;
            if (!labels.empty() || people.size() >= n)
                fail(w, "'" + w.token.text + "' is not one of the " + std::to_string(n) + " labels", "use the labels of the header");
            people.push_back(w);
            return people.size() - 1;
        }
        std::size_t k = 0;
        try {
            k = std::size_t(std::stoul(w.token.text));
        } catch (const std::exception&) {
        }
        if (k < 1 || k > n || std::to_string(k) != w.token.text)
            fail(w, fmt::format("'{}' is not a number from 1 to {}", w.token.text, n), "number people 1 to N, or use LABELS EMBEDDED");
        return k - 1;
    }

    // A matrix value: 0 is no tie.
    std::optional<double> value(const Word& w) {
        try {
            if (parse_number(w.token.text) == 0) return std::nullopt;
            return tie_weight(w.token.text);
        } catch (const std::invalid_argument&) {
            fail(w, "a tie value must be a positive number or 0, got '" + w.token.text + "'", "write 0 for no tie");
        }
    }

    std::size_t repeated = 0;
    void put(Cells& m, std::size_t row, std::size_t col, double weight, const Word& w) {
        const auto [it, fresh] = m.insert_or_assign({row, col}, Cell{weight, {w.line, w.token.column}});
        repeated += !fresh;
    }

    void full_matrices(std::vector<Cells>& matrices) {
        for (Cells& m : matrices) {
            if (embedded) {
                const std::vector<Word> columns = label_list(n, "column labels");
                if (people.empty()) people = columns;
                for (std::size_t i = 0; i < n; ++i)
                    if (columns[i].token.text != people[i].token.text)
                        fail(columns[i], "column label '" + columns[i].token.text + "' differs from '" + people[i].token.text + "'",
                             "give every matrix the same labels in the same order");
            }
            for (std::size_t row = 0; row < n; ++row) {
                if (embedded && take("a row label").token.text != people[row].token.text)
                    fail(last, "row label '" + last.token.text + "' differs from column label '" + people[row].token.text + "'",
                         "list the rows in the order of the columns");
                for (std::size_t col = 0; col < n; ++col) {
                    if (!diagonal && col == row) continue;
                    const Word w = take("all matrix values");
                    if (const auto weight = value(w)) put(m, row, col, *weight, w);
                }
            }
        }
        if (more())
            fail(words[next], nm == 1 ? fmt::format("more values than a {} by {} matrix holds", n, n)
                                      : fmt::format("more values than {} matrices of {} by {} hold", nm, n, n),
                 "check N and NM");
    }

    void lists(std::vector<Cells>& matrices) {
        std::size_t m = 0;
        while (more()) {
            const std::vector<Word> row = rest_of_line();
            if (row.size() == 1 && row[0].token.text == "!") {  // the next matrix
                if (++m >= nm) fail(row[0], fmt::format("more than NM={} matrices", nm), "check NM");
                continue;
            }
            const std::size_t from = person(row[0]);
            // SYMMETRIC YES: i j and j i are one tie, kept under (smaller, larger) and mirrored at the end.
            const auto put_list = [&](std::size_t a, std::size_t b, double weight, const Word& w) {
                if (symmetric && b < a) std::swap(a, b);
                put(matrices[m], a, b, weight, w);
            };
            if (format == "edgelist1") {
                if (row.size() < 2 || row.size() > 3) fail(row[0], "an edgelist1 line is 'from to [value]'", "give two people and an optional value");
                const std::size_t to = person(row[1]);
                const auto weight = row.size() == 3 ? value(row[2]) : std::optional<double>(1.0);
                if (weight) put_list(from, to, *weight, row[0]);
            } else {
                for (std::size_t i = 1; i < row.size(); ++i) put_list(from, person(row[i]), 1.0, row[i]);
            }
        }
        if (symmetric)
            for (Cells& cells : matrices) {
                const Cells upper = cells;
                for (const auto& [cell, value] : upper) cells.emplace(std::make_pair(cell.second, cell.first), value);
            }
    }

    GraphFile read(const std::string& text) {
        check_utf8(file, text);
        lines = text_lines(text);
        header();
        people = labels;
        std::vector<Cells> matrices(nm);
        if (format == "fullmatrix")
            full_matrices(matrices);
        else
            lists(matrices);
        GraphFile g;
        g.file = file;
        NodeIndex index;
        for (std::size_t i = 0; i < people.size(); ++i)
            index.add(g, problems, GraphNode{people[i].token.text, {}, {people[i].line, people[i].token.column}});
        problems.check();
        // As UCINET: embedded labels name people in order of first appearance. Those the data never
        // name (N is larger) get the smallest numbers no label uses, so that ids stay unique.
        std::vector<std::string> unnamed;
        for (std::size_t number = 1; g.nodes.size() < n; ++number)
            if (!index.find(std::to_string(number))) {
                index.add(g, problems, GraphNode{std::to_string(number), {}, {first.line, 1}});
                unnamed.push_back(std::to_string(number));
            }
        if (embedded && !unnamed.empty())
            warn(g, fmt::format("N={} but the data name {} people; the other {}, without ties, are numbered {}", n, people.size(),
                                unnamed.size(), name_list(unnamed)));
        std::vector<std::string> types;
        for (std::size_t k = 0; k < nm; ++k)
            types.push_back(k < matrix_labels.size() ? matrix_labels[k].token.text : nm == 1 ? "" : fmt::format("matrix_{}", k + 1));
        add_matrix_ties(g, matrices, types);
        if (repeated > 0) warn(g, fmt::format("{} matrix cells were given twice; the later value is kept", repeated));
        return g;
    }
};

// A label as DL reads it back: quoted when it holds a separator.
std::string label(const std::string& text, bool& changed) {
    if (!text.empty() && text.find_first_of(" \t\r\n,=\"") == std::string::npos && text.back() != ':') return text;
    return quoted_label(text, changed);
}

}  // namespace

GraphFile parse_ucinet_dl(const std::string& file, const std::string& text) { return Reader(file).read(text); }

// One relation as an edge list (igraph reads it, weights included); several as full matrices with
// matrix labels (igraph reads one matrix only).
std::string write_ucinet_dl(const GraphFile& graph, std::vector<std::string>& dropped) {
    const std::vector<std::string> types = tie_types(graph);
    const std::vector<Cells> matrices = tie_matrices(graph, types, dropped);
    const std::size_t n = graph.nodes.size();
    const bool several = types.size() > 1;
    if (several) check_matrix_size(n, "a UCINET DL file of several relations (one full matrix each)");
    bool changed = false;
    std::string out = several ? fmt::format("DL N={} NM={}\nFORMAT = FULLMATRIX DIAGONAL PRESENT\n", n, types.size())
                              : fmt::format("DL N={}\nFORMAT = EDGELIST1\n", n);
    out += "LABELS:\n";
    for (const GraphNode& node : graph.nodes) out += label(node.id, changed) + '\n';
    if (several) {
        out += "MATRIX LABELS:\n";
        for (const std::string& t : types) out += label(t.empty() ? "tie" : t, changed) + '\n';
    }
    out += "DATA:\n";
    for (const Cells& m : matrices) {
        if (!several) {
            for (const auto& [cell, value] : m) out += fmt::format("{} {} {}\n", cell.first + 1, cell.second + 1, number_cell(value.weight));
            continue;
        }
        for (std::size_t row = 0; row < n; ++row)
            for (std::size_t col = 0; col < n; ++col) {
                const auto it = m.find({row, col});
                out += number_cell(it == m.end() ? 0.0 : it->second.weight);
                out += col + 1 < n ? ' ' : '\n';
            }
    }
    if (types.size() == 1 && !types[0].empty())
        dropped.push_back("a UCINET DL file with one matrix names no relation: dropped the tie type '" + types[0] + "'");
    note_symmetric(graph, matrices, "UCINET DL", dropped);
    drop_attributes(graph, "UCINET DL", dropped);
    drop_waves(graph, "UCINET DL", dropped);
    if (changed) dropped.push_back(changed_labels_note("UCINET DL"));
    return out;
}

}  // namespace staffnet
