#include "io/graph_io.hpp"

#include "io/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace staffnet {

LineIndex::LineIndex(const std::string& text) : text_(text), starts_{0} {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) starts_.push_back(i + 1);
}

TextPosition LineIndex::at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto line = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
    int column = 1;
    for (std::size_t i = *line; i < offset; ++i)
        column += text_[i] != '\r' && (static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80;  // continuation bytes are one character
    return {int(line - starts_.begin()) + 1, column};
}

TextPosition position_at(const std::string& text, std::size_t offset) { return LineIndex(text).at(offset); }

Diagnostic at(const std::string& file, TextPosition where, std::string message, std::string fix) {
    return {file, where.line, where.column, std::move(message), std::move(fix)};
}

void check_utf8(const std::string& file, const std::string& text) {
    const std::size_t bad = first_invalid_utf8(text);
    if (bad == text.size()) return;
    throw InputError(at(file, position_at(text, bad), fmt::format("byte 0x{:02X} is not valid UTF-8", static_cast<unsigned char>(text[bad])),
                        "save the file as UTF-8"));
}

std::vector<TextLine> text_lines(const std::string& text) {
    std::vector<TextLine> lines;
    std::size_t start = 0;
    int number = 1;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
        lines.push_back({std::string_view(text).substr(start, i - start), number++});
        if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (!lines.empty() && lines.back().text.empty()) lines.pop_back();  // after the last line end
    return lines;
}

std::vector<Token> tokenize(const std::string& file, const TextLine& line, std::string_view separators) {
    const std::string_view s = line.text;
    auto blank = [&](char c) { return c == ' ' || c == '\t' || separators.find(c) != std::string_view::npos; };
    std::size_t counted = 0;  // the column of byte `counted`, counted once along the line
    int col = 1;
    auto column = [&](std::size_t i) {
        for (; counted < i; ++counted) col += (static_cast<unsigned char>(s[counted]) & 0xC0) != 0x80;
        return col;
    };
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        if (blank(s[i])) {
            ++i;
            continue;
        }
        if (s[i] == '"') {
            const std::size_t close = s.find('"', i + 1);
            if (close == std::string_view::npos)
                throw InputError(Diagnostic{file, line.number, column(i), "a quoted label is never closed",
                                            "add the closing quote (\") on the same line"});
            tokens.push_back({std::string(s.substr(i + 1, close - i - 1)), column(i), true});
            i = close + 1;
            continue;
        }
        std::size_t end = i;
        while (end < s.size() && !blank(s[end])) ++end;
        tokens.push_back({std::string(s.substr(i, end - i)), column(i), false});
        i = end;
    }
    return tokens;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool any_typed(const GraphFile& graph) {
    return std::any_of(graph.ties.begin(), graph.ties.end(), [](const GraphTie& t) { return !t.type.empty(); });
}

bool any_wave(const GraphFile& graph) {
    return std::any_of(graph.ties.begin(), graph.ties.end(), [](const GraphTie& t) { return !t.wave.empty(); });
}

void warn_left_out(GraphFile& graph, const std::set<std::string>& names) {
    if (!names.empty()) warn(graph, "tie attributes other than type, weight and wave were left out: " + name_list({names.begin(), names.end()}));
}

namespace {

bool is_integer(const std::string& s) {
    const std::size_t digits = s.size() - (!s.empty() && s[0] == '-');
    if (digits == 0 || digits > 18) return false;
    const std::size_t first = s.size() - digits;
    if (s[first] == '0' && digits > 1) return false;
    return std::all_of(s.begin() + std::ptrdiff_t(first), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_real(const std::string& s) {
    try {
        parse_number(s);
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

ValueType infer_type(const std::vector<std::string>& values) {
    bool integer = true, real = true, boolean = true, any = false;
    for (const std::string& v : values) {
        if (v.empty()) continue;
        any = true;
        integer = integer && is_integer(v);
        real = real && is_real(v);
        boolean = boolean && (v == "true" || v == "false");
    }
    if (!any) return ValueType::string;
    return integer ? ValueType::integer : real ? ValueType::real : boolean ? ValueType::boolean : ValueType::string;
}

ValueType wider(ValueType a, ValueType b) {
    if (a == b) return a;
    const bool numbers = (a == ValueType::integer || a == ValueType::real) && (b == ValueType::integer || b == ValueType::real);
    return numbers ? ValueType::real : ValueType::string;
}

std::string typed_value(ValueType type, const std::string& raw) {
    const std::string text = type == ValueType::string ? raw : trim(raw);
    if (text.empty()) return "";
    switch (type) {
    case ValueType::string:
        return text;
    case ValueType::integer: {
        std::size_t used = 0;
        long long x = 0;
        try {
            x = std::stoll(text, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != text.size()) throw std::invalid_argument("must be a whole number, got '" + raw + "'");
        return std::to_string(x);
    }
    case ValueType::real:
        if (lower(text) == "nan") return "";  // how NetworkX and pandas write a missing number
        if (!is_real(text)) throw std::invalid_argument("must be a number, got '" + raw + "'");
        return text;
    case ValueType::boolean: {
        const std::string v = lower(text);
        if (v == "true" || v == "1") return "true";
        if (v == "false" || v == "0") return "false";
        throw std::invalid_argument("must be true or false, got '" + raw + "'");
    }
    }
    return text;
}

void declare_attribute(GraphFile& graph, const std::string& name, ValueType type) {
    if (const int a = graph.attribute(name); a >= 0)
        graph.attributes[std::size_t(a)].type = wider(graph.attributes[std::size_t(a)].type, type);
    else
        graph.attributes.push_back({name, type});
}

std::string default_value(const GraphFile& graph, DiagnosticList& problems, TextPosition where, const std::string& name, ValueType type,
                          const std::string& text) {
    try {
        return typed_value(type, text);
    } catch (const std::invalid_argument& e) {
        problems.error(at(graph.file, where, "the default of attribute '" + name + "' " + e.what(), "correct the default, or its type"));
        return "";
    }
}

void read_value(GraphFile& graph, DiagnosticList& problems, TextPosition where, GraphNode& node, const std::string& name,
                const std::string& text) {
    const std::size_t a = std::size_t(graph.attribute(name));
    try {
        node.values[a] = typed_value(graph.attributes[a].type, text);
    } catch (const std::invalid_argument& e) {
        problems.error(at(graph.file, where, "attribute '" + name + "' of node '" + node.id + "' " + e.what(),
                          "correct the value, or declare the attribute with another type"));
    }
}

double tie_weight(const std::string& text) {
    double w = 0;
    try {
        w = parse_number(trim(text));
    } catch (const std::invalid_argument&) {
        w = 0;
    }
    if (!(w > 0)) throw std::invalid_argument("weight must be a positive number, got '" + text + "'");
    return w;
}

void read_weight(const std::string& file, DiagnosticList& problems, TextPosition where, const std::string& text, double& weight) {
    try {
        weight = tie_weight(text);
    } catch (const std::invalid_argument& e) {
        problems.error(at(file, where, e.what(), weight_fix));
    }
}

bool NodeIndex::add(GraphFile& graph, DiagnosticList& problems, GraphNode node) {
    if (node.id.empty()) {
        problems.error(at(graph.file, node.at, "a person has an empty id", "give every person a unique id"));
        return false;
    }
    if (graph.nodes.size() >= max_graph_people) {
        problems.error(at(graph.file, node.at, fmt::format("more than {} people", max_graph_people), "split the network"));
        return false;
    }
    const auto [it, fresh] = index.try_emplace(node.id, graph.nodes.size());
    if (!fresh) {
        problems.error(at(graph.file, node.at,
                          fmt::format("duplicate id '{}', first used on line {}", node.id, graph.nodes[it->second].at.line),
                          "give each person one unique id"));
        return false;
    }
    graph.nodes.push_back(std::move(node));
    return true;
}

std::optional<std::size_t> NodeIndex::find(const std::string& id) const {
    const auto it = index.find(id);
    if (it == index.end()) return std::nullopt;
    return it->second;
}

std::optional<std::size_t> NodeIndex::lookup(const GraphFile& graph, DiagnosticList& problems, const std::string& id,
                                             TextPosition where) const {
    if (auto found = find(id)) return found;
    std::vector<std::string> ids;
    for (const GraphNode& n : graph.nodes) ids.push_back(n.id);
    problems.error(at(graph.file, where, "unknown person '" + id + "'" + did_you_mean(id, ids),
                      "add a node with this id, or correct the tie"));
    return std::nullopt;
}

void warn(GraphFile& graph, std::string message) { graph.warnings.push_back({graph.file, 0, 0, std::move(message), "", true}); }

void settle_direction(GraphFile& graph, bool default_directed, const std::vector<bool>& directed) {
    graph.directed = default_directed;
    if (std::all_of(directed.begin(), directed.end(), [&](bool d) { return d == default_directed; })) return;
    std::vector<GraphTie> ties;
    std::size_t doubled = 0;
    for (std::size_t i = 0; i < graph.ties.size(); ++i) {
        ties.push_back(graph.ties[i]);
        if (directed[i]) continue;
        ties.push_back(graph.ties[i]);
        std::swap(ties.back().source, ties.back().target);
        ++doubled;
    }
    graph.ties = std::move(ties);
    graph.directed = true;
    warn(graph, fmt::format("the network mixes directed and undirected ties: each of the {} undirected ties is read as two, one each way",
                            doubled));
}

void check_people_count(const std::string& file, TextPosition where, double count) {
    if (count > double(max_graph_people))
        throw InputError(at(file, where, fmt::format("{} people is more than staffnet reads ({})", count, max_graph_people),
                            "check the number, or split the network"));
}

void check_matrix_size(std::size_t people, const std::string& what) {
    if (people > max_matrix_people)
        throw std::runtime_error(fmt::format("{} of {} people would hold {} cells a relation, more than staffnet writes (a matrix of {} "
                                             "people); write GraphML, GEXF, Pajek or JSON instead",
                                             what, people, people * people, max_matrix_people));
}

std::vector<std::string> tie_types(const GraphFile& graph) {
    std::vector<std::string> types;
    for (const GraphTie& t : graph.ties)
        if (std::find(types.begin(), types.end(), t.type) == types.end()) types.push_back(t.type);
    return types;
}

std::vector<Cells> tie_matrices(const GraphFile& graph, const std::vector<std::string>& types, std::vector<std::string>& dropped) {
    std::vector<Cells> matrices(types.size());
    std::size_t merged = 0;
    for (const GraphTie& t : graph.ties) {
        Cells& m = matrices[std::size_t(std::find(types.begin(), types.end(), t.type) - types.begin())];
        auto put = [&](std::size_t row, std::size_t col) {
            const auto [it, fresh] = m.try_emplace({row, col}, Cell{t.weight, t.at});
            if (!fresh) it->second.weight = std::max(it->second.weight, t.weight);
            return !fresh;
        };
        const bool repeated = put(t.source, t.target);
        if (!graph.directed && t.source != t.target) put(t.target, t.source);
        merged += repeated;
    }
    if (merged > 0)
        dropped.push_back(fmt::format("a matrix holds one tie of a type per pair: {} repeated {} merged into the tie before, keeping the "
                                      "larger weight",
                                      merged, merged == 1 ? "tie was" : "ties were"));
    return matrices;
}

bool symmetric(const std::vector<Cells>& matrices) {
    for (const Cells& m : matrices)
        for (const auto& [cell, value] : m) {
            const auto mirror = m.find({cell.second, cell.first});
            if (mirror == m.end() || mirror->second.weight != value.weight) return false;
        }
    return true;
}

void note_symmetric(const GraphFile& graph, const std::vector<Cells>& matrices, const std::string& format,
                    std::vector<std::string>& dropped) {
    if (graph.directed && !graph.ties.empty() && symmetric(matrices))
        dropped.push_back(format + " does not say whether ties are directed, and every tie of this directed network goes both ways "
                                   "with the same weight: it will read back as undirected");
}

void add_matrix_ties(GraphFile& graph, const std::vector<Cells>& matrices, const std::vector<std::string>& types) {
    graph.directed = !symmetric(matrices);
    for (std::size_t k = 0; k < matrices.size(); ++k)
        for (const auto& [cell, value] : matrices[k])
            if (graph.directed || cell.first <= cell.second)
                graph.ties.push_back({cell.first, cell.second, types[k], value.weight, "", value.at});
}

std::string quoted_label(const std::string& label, bool& changed) {
    std::string s = label;
    for (char& c : s) {
        const char plain = c == '"' ? '\'' : c == '\n' || c == '\r' ? ' ' : c;
        changed = changed || plain != c;
        c = plain;
    }
    return '"' + s + '"';
}

std::string changed_labels_note(const std::string& format) {
    return format + " labels cannot hold a double quote or a line break: each quote was written as a single quote, each line break as "
                    "a space";
}

std::string name_list(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

void drop_attributes(const GraphFile& graph, const std::string& format, std::vector<std::string>& dropped) {
    std::vector<std::string> lost;
    for (std::size_t a = 0; a < graph.attributes.size(); ++a) {
        const bool is_name = graph.attributes[a].name == "name";
        const bool holds = std::any_of(graph.nodes.begin(), graph.nodes.end(), [&](const GraphNode& n) {
            return !n.values[a].empty() && !(is_name && n.values[a] == n.id);
        });
        if (holds) lost.push_back(graph.attributes[a].name);
    }
    if (!lost.empty()) dropped.push_back(format + " keeps only each person's id: dropped the attributes " + name_list(lost));
}

void drop_waves(const GraphFile& graph, const std::string& format, std::vector<std::string>& dropped) {
    const auto waves = std::count_if(graph.ties.begin(), graph.ties.end(), [](const GraphTie& t) { return !t.wave.empty(); });
    if (waves > 0) dropped.push_back(fmt::format("{} has no place for waves: dropped the wave of {} ties", format, waves));
}

}  // namespace staffnet
