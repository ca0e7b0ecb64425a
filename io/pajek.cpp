// Pajek .net: *Vertices with "labels", then *Arcs (directed) or *Edges (undirected) lines
// `from to weight`, and the line parameter `l "label"` for the tie type.
#include "io/graph_io.hpp"
#include "io/output.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace staffnet {
namespace {

enum class Section { none, vertices, arcs, edges, arcslist, edgeslist, matrix };

struct Reader {
    GraphFile g;
    DiagnosticList problems;
    std::vector<GraphNode> vertices;  // vertex k + 1, labelled by its number until its line says otherwise
    std::vector<bool> labelled;
    Section section = Section::none;
    std::string relation;  // the tie type of a `*Arcs :2 "name"` section
    std::size_t matrix_row = 0;
    std::vector<bool> directed;
    bool layout_dropped = false;
    // Vertex parameters that are not drawing instructions (NetworkX writes attributes so:
    // `1 "a" 0.0 0.0 ellipse school S1`): name -> value per vertex, names in order of appearance.
    std::vector<std::string> attribute_names;
    std::map<std::string, std::map<std::size_t, std::string>> attribute_values;

    void error(int line, const Token& t, std::string message, std::string fix) {
        problems.error({g.file, line, t.column, std::move(message), std::move(fix)});
    }

    // A vertex number: 1 to the number of vertices.
    std::optional<std::size_t> vertex(int line, const Token& t) {
        std::size_t used = 0;
        long long k = 0;
        try {
            k = std::stoll(t.text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != t.text.size() || t.quoted || k < 1 || std::size_t(k) > vertices.size()) {
            error(line, t, fmt::format("vertex '{}' is not a number from 1 to {}", t.text, vertices.size()),
                  "use the vertex numbers of the *Vertices list");
            return std::nullopt;
        }
        return std::size_t(k - 1);
    }

    void header(const TextLine& line, const std::vector<Token>& tokens) {
        const std::string name = lower(tokens[0].text);
        static const std::vector<std::pair<std::string, Section>> sections = {
            {"*vertices", Section::vertices}, {"*arcs", Section::arcs},           {"*edges", Section::edges},
            {"*arcslist", Section::arcslist}, {"*edgeslist", Section::edgeslist}, {"*matrix", Section::matrix}};
        const auto it = std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.first == name; });
        if (name == "*network") return;
        if (it == sections.end())
            throw InputError(Diagnostic{g.file, line.number, tokens[0].column, "unknown section '" + tokens[0].text + "'",
                                        "a .net file holds *Vertices, then *Arcs or *Edges; save partitions and vectors separately"});
        if (it->second == Section::vertices) {
            if (section != Section::none)
                throw InputError(Diagnostic{g.file, line.number, 1, "a second *Vertices line", "keep one network per file"});
            if (tokens.size() > 2)
                throw InputError(Diagnostic{g.file, line.number, tokens[2].column, "two-mode networks (*Vertices n m) are not supported",
                                            "give one set of people"});
            double n = -1;
            try {
                n = tokens.size() > 1 ? parse_number(tokens[1].text) : -1;
            } catch (const std::invalid_argument&) {
            }
            if (n >= 0) check_people_count(g.file, {line.number, tokens[1].column}, n);
            if (n < 0 || n != double(std::size_t(n)))
                throw InputError(Diagnostic{g.file, line.number, tokens.size() > 1 ? tokens[1].column : 1,
                                            "*Vertices needs the number of vertices", "write it as *Vertices 12"});
            for (std::size_t k = 0; k < std::size_t(n); ++k) vertices.push_back({std::to_string(k + 1), {}, {line.number, 1}});
            labelled.assign(vertices.size(), false);
        } else if (section == Section::none) {
            throw InputError(Diagnostic{g.file, line.number, 1, tokens[0].text + " before *Vertices", "start the network with *Vertices n"});
        }
        section = it->second;
        matrix_row = 0;
        // `*Arcs :2 "advice"`: the relation's number and name; the name is the tie type.
        relation = tokens.size() > 2 ? tokens[2].text : tokens.size() > 1 && tokens[1].text[0] == ':' ? tokens[1].text.substr(1) : "";
    }

    void vertex_line(const TextLine& line, const std::vector<Token>& tokens) {
        const auto k = vertex(line.number, tokens[0]);
        if (!k) return;
        if (labelled[*k]) return error(line.number, tokens[0], "vertex " + tokens[0].text + " is listed twice", "list each vertex once");
        labelled[*k] = true;
        vertices[*k].at = {line.number, tokens[0].column};
        if (tokens.size() > 1) vertices[*k].id = tokens[1].text;
        // After the label: up to three coordinates, a shape, then pairs of a parameter and its value.
        std::size_t i = 2;
        while (i < tokens.size() && i < 5 && !tokens[i].quoted && is_number(tokens[i].text)) ++i;
        if ((tokens.size() - i) % 2 == 1) ++i;  // the shape (ellipse, box, ...)
        layout_dropped = layout_dropped || i > 2;
        for (; i + 1 < tokens.size(); i += 2) {
            const std::string& name = tokens[i].text;
            if (drawing_parameter(name)) {
                layout_dropped = true;
                continue;
            }
            if (!attribute_values.count(name)) attribute_names.push_back(name);
            attribute_values[name][*k] = tokens[i + 1].text;
        }
    }

    static bool is_number(const std::string& text) {
        try {
            parse_number(text);
            return true;
        } catch (const std::invalid_argument&) {
            return false;
        }
    }

    // Pajek's own vertex parameters: colours, sizes, label placement, fonts.
    static bool drawing_parameter(const std::string& name) {
        static const std::set<std::string> names = {"ic", "bc", "bw", "lc", "la", "lr", "lphi", "fos", "font", "phi", "r", "q", "x_fact",
                                                    "y_fact", "s_size", "size", "x", "y", "z", "shape", "p"};
        return names.count(lower(name)) > 0;
    }

    // The vertex parameters read as person attributes, typed by their values.
    void add_attributes() {
        for (const std::string& name : attribute_names) {
            std::vector<std::string> column(vertices.size());
            for (const auto& [k, value] : attribute_values[name]) column[k] = value;
            g.attributes.push_back({name, infer_type(column)});
            for (std::size_t k = 0; k < vertices.size(); ++k) vertices[k].values.push_back(column[k]);
        }
    }

    void tie(const TextLine& line, const Token& at, std::size_t from, std::size_t to, double weight, std::string type) {
        if (g.ties.size() >= max_graph_ties) return error(line.number, at, "too many ties", "split the network");
        g.ties.push_back({from, to, relation.empty() ? std::move(type) : relation, weight, "", {line.number, at.column}});
        directed.push_back(section == Section::arcs || section == Section::arcslist || section == Section::matrix);
    }

    void tie_line(const TextLine& line, const std::vector<Token>& tokens) {
        if (tokens.size() < 2) return error(line.number, tokens[0], "a tie needs two vertex numbers", "write it as 'from to weight'");
        const auto from = vertex(line.number, tokens[0]), to = vertex(line.number, tokens[1]);
        double weight = 1;
        std::size_t next = 2;
        if (tokens.size() > 2 && !tokens[2].quoted && (std::isdigit(static_cast<unsigned char>(tokens[2].text[0])) ||
                                                       std::string("+-.").find(tokens[2].text[0]) != std::string::npos)) {
            read_weight(g.file, problems, {line.number, tokens[2].column}, tokens[2].text, weight);
            next = 3;
        }
        // Line parameters come as pairs: l "label", c Blue, ... The tie type is the label, or the
        // pair `type advice` that NetworkX writes.
        std::string label, type;
        for (std::size_t i = next; i + 1 < tokens.size(); i += 2) {
            if (tokens[i].text == "type") type = tokens[i + 1].text;
            if (tokens[i].text == "l") label = tokens[i + 1].text;
        }
        if (from && to) tie(line, tokens[0], *from, *to, weight, type.empty() ? label : type);
    }

    void list_line(const TextLine& line, const std::vector<Token>& tokens) {
        const auto from = vertex(line.number, tokens[0]);
        for (std::size_t i = 1; i < tokens.size(); ++i)
            if (const auto to = vertex(line.number, tokens[i]); from && to) tie(line, tokens[i], *from, *to, 1, "");
    }

    void matrix_line(const TextLine& line, const std::vector<Token>& tokens) {
        if (matrix_row >= vertices.size())
            return error(line.number, tokens[0], fmt::format("more than {} matrix rows", vertices.size()), "give one row per vertex");
        if (tokens.size() != vertices.size())
            return error(line.number, tokens[0], fmt::format("a matrix row needs {} values, found {}", vertices.size(), tokens.size()),
                         "give one value per vertex");
        for (std::size_t col = 0; col < tokens.size(); ++col) {
            if (tokens[col].text == "0") continue;
            try {
                tie(line, tokens[col], matrix_row, col, tie_weight(tokens[col].text), "");
            } catch (const std::invalid_argument& e) {
                error(line.number, tokens[col], e.what(), weight_fix + std::string(", or 0 for no tie"));
            }
        }
        ++matrix_row;
    }

    GraphFile read(const std::string& file, const std::string& text) {
        g.file = file;
        check_utf8(file, text);
        for (const TextLine& line : text_lines(text)) {
            const std::vector<Token> tokens = tokenize(file, line);
            if (tokens.empty() || (!tokens[0].quoted && tokens[0].text[0] == '%')) continue;  // blank or a comment
            if (!tokens[0].quoted && tokens[0].text[0] == '*') {
                problems.check();
                header(line, tokens);
                continue;
            }
            switch (section) {
            case Section::none:
                throw InputError(Diagnostic{file, line.number, tokens[0].column, "the network does not start with *Vertices",
                                            "start it with *Vertices n, where n is the number of people"});
            case Section::vertices:
                vertex_line(line, tokens);
                break;
            case Section::arcs:
            case Section::edges:
                tie_line(line, tokens);
                break;
            case Section::arcslist:
            case Section::edgeslist:
                list_line(line, tokens);
                break;
            case Section::matrix:
                matrix_line(line, tokens);
                break;
            }
            if (problems.items.size() > 200) break;
        }
        if (section == Section::none) throw InputError(Diagnostic{file, 0, 0, "no *Vertices line", "start the network with *Vertices n"});
        problems.check();
        add_attributes();
        NodeIndex index;
        for (GraphNode& v : vertices) index.add(g, problems, std::move(v));
        problems.check();
        const bool arcs = std::find(directed.begin(), directed.end(), true) != directed.end();
        settle_direction(g, arcs, directed);
        if (layout_dropped) warn(g, "vertex coordinates and shapes were left out");
        return std::move(g);
    }
};

}  // namespace

GraphFile parse_pajek(const std::string& file, const std::string& text) { return Reader{}.read(file, text); }

std::string write_pajek(const GraphFile& graph, std::vector<std::string>& dropped) {
    bool changed = false;
    std::string out = fmt::format("*Vertices {}\n", graph.nodes.size());
    for (std::size_t v = 0; v < graph.nodes.size(); ++v) out += fmt::format("{} {}\n", v + 1, quoted_label(graph.nodes[v].id, changed));
    out += graph.directed ? "*Arcs\n" : "*Edges\n";
    for (const GraphTie& t : graph.ties) {
        out += fmt::format("{} {} {}", t.source + 1, t.target + 1, number_cell(t.weight));
        if (!t.type.empty()) out += " l " + quoted_label(t.type, changed);
        out += '\n';
    }
    drop_attributes(graph, "Pajek", dropped);
    drop_waves(graph, "Pajek", dropped);
    if (changed) dropped.push_back(changed_labels_note("Pajek"));
    return out;
}

}  // namespace staffnet
