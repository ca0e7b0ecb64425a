// JSON node-link, as NetworkX's node_link_data writes it: {"directed", "multigraph", "graph",
// "nodes": [{"id", attributes...}], "links": [{"source", "target", attributes...}]}.
#include "io/graph_io.hpp"
#include "io/output.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iterator>
#include <set>

namespace staffnet {
namespace {

using json = nlohmann::ordered_json;  // keeps the attributes in the file's order

// Reads characters for nlohmann's parser while counting them, so that each node and link can be
// given the line and column where it starts.
struct CountingIterator {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    const char* p = nullptr;
    const char* base = nullptr;
    std::size_t* read = nullptr;
    reference operator*() const { return *p; }
    CountingIterator& operator++() {
        *read = std::size_t(++p - base);
        return *this;
    }
    CountingIterator operator++(int) {
        CountingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const CountingIterator& other) const { return p == other.p; }
    bool operator!=(const CountingIterator& other) const { return p != other.p; }
};

// The elements of "nodes" and of "links" (or "edges"), each with where it starts.
struct Positions {
    std::vector<std::size_t> nodes, links;
};

json parse(const std::string& file, const std::string& text, Positions& positions) {
    std::size_t read = 0;
    std::string top_key;
    const json::parser_callback_t note = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) top_key = parsed.get<std::string>();
        const bool element = event == json::parse_event_t::object_start || event == json::parse_event_t::array_start ||
                             event == json::parse_event_t::value;
        if (depth == 2 && element) {
            if (top_key == "nodes") positions.nodes.push_back(read - 1);  // the parser has just read the element's first character
            if (top_key == "links" || top_key == "edges") positions.links.push_back(read - 1);
        }
        return true;
    };
    const CountingIterator begin{text.data(), text.data(), &read}, end{text.data() + text.size(), text.data(), &read};
    try {
        return json::parse(begin, end, note);
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        const auto detail = what.find(": ", what.find("column"));
        what = detail == std::string::npos ? what : what.substr(detail + 2);
        for (auto semicolon = what.find("; "); semicolon != std::string::npos; semicolon = what.find("; "))
            what.replace(semicolon, 2, ", ");  // "; " starts the fix in a diagnostic
        throw InputError(at(file, position_at(text, e.byte == 0 ? 0 : e.byte - 1), "invalid JSON: " + what,
                            "check the brackets, commas and quotes near this place"));
    }
}

// The text of an id or a value: strings as they are, numbers in their shortest form.
std::optional<std::pair<std::string, ValueType>> scalar(const json& v) {
    if (v.is_string()) return std::pair{v.get<std::string>(), ValueType::string};
    if (v.is_boolean()) return std::pair{std::string(v.get<bool>() ? "true" : "false"), ValueType::boolean};
    if (v.is_number_integer()) return std::pair{v.dump(), ValueType::integer};
    if (v.is_number_float()) return std::pair{number_cell(v.get<double>()), ValueType::real};
    return std::nullopt;
}

struct Reader {
    const std::string& text;
    GraphFile g;
    DiagnosticList problems;
    Positions positions;
    std::set<std::string> dropped_node, dropped_link;

    explicit Reader(const std::string& json_text) : text(json_text) {}

    LineIndex lines{text};
    TextPosition where(const std::vector<std::size_t>& offsets, std::size_t i) const {
        return i < offsets.size() ? lines.at(offsets[i]) : TextPosition{};
    }

    void read_node(const json& node, TextPosition pos, NodeIndex& index) {
        if (!node.is_object()) return problems.error(at(g.file, pos, "a node must be an object such as {\"id\": \"P1\"}", "correct the node"));
        const auto id = node.contains("id") ? scalar(node["id"]) : std::nullopt;
        if (!id) return problems.error(at(g.file, pos, "a node has no \"id\" (a string or a number)", "give every node an id"));
        GraphNode n{id->first, std::vector<std::string>(g.attributes.size()), pos};
        for (const auto& [key, value] : node.items()) {
            if (key == "id" || value.is_null()) continue;
            const auto v = scalar(value);
            if (!v) {
                dropped_node.insert(key);
                continue;
            }
            int a = g.attribute(key);
            if (a < 0) {
                a = int(g.attributes.size());
                g.attributes.push_back({key, v->second});
                for (GraphNode& earlier : g.nodes) earlier.values.emplace_back();
                n.values.emplace_back();
            }
            ValueType& type = g.attributes[std::size_t(a)].type;
            type = type == ValueType::boolean || v->second == ValueType::boolean ? (type == v->second ? type : ValueType::string)
                                                                                   : wider(type, v->second);
            n.values[std::size_t(a)] = v->first;
        }
        index.add(g, problems, std::move(n));
    }

    void read_link(const json& link, TextPosition pos, const NodeIndex& index) {
        if (!link.is_object())
            return problems.error(at(g.file, pos, "a link must be an object such as {\"source\": \"P1\", \"target\": \"P2\"}", "correct the link"));
        std::optional<std::size_t> ends[2];
        const char* names[2] = {"source", "target"};
        for (int k = 0; k < 2; ++k) {
            const auto id = link.contains(names[k]) ? scalar(link[names[k]]) : std::nullopt;
            if (!id) {
                problems.error(at(g.file, pos, std::string("a link has no \"") + names[k] + "\"", "give the id of a node"));
                return;
            }
            ends[k] = index.lookup(g, problems, id->first, pos);
        }
        GraphTie tie{ends[0].value_or(0), ends[1].value_or(0), "", 1.0, "", pos};
        for (const auto& [key, value] : link.items()) {
            const auto v = scalar(value);
            if (key == "source" || key == "target" || key == "key") continue;  // key: NetworkX's number among parallel links
            if (key == "weight") {
                read_weight(g.file, problems, pos, v ? v->first : value.dump(), tie.weight);
            } else if ((key == "type" || key == "wave") && v) {
                (key == "type" ? tie.type : tie.wave) = v->first;
            } else if (!value.is_null()) {
                dropped_link.insert(key);
            }
        }
        if (ends[0] && ends[1]) g.ties.push_back(tie);
    }

    GraphFile read(const std::string& file) {
        g.file = file;
        check_utf8(file, text);
        const json doc = parse(file, text, positions);
        const TextPosition top = position_at(text, text.find_first_not_of(" \t\r\n"));
        if (!doc.is_object() || !doc.contains("nodes") || !doc["nodes"].is_array())
            throw InputError(at(file, top, "a node-link file is an object with a \"nodes\" list",
                                "write it as {\"nodes\": [...], \"links\": [...]}"));
        if (doc.contains("directed") && !doc["directed"].is_boolean())
            throw InputError(at(file, top, "\"directed\" must be true or false", "correct it"));
        g.directed = doc.value("directed", false);
        NodeIndex index;
        const json& nodes = doc["nodes"];
        for (std::size_t i = 0; i < nodes.size(); ++i) read_node(nodes[i], where(positions.nodes, i), index);
        problems.check();
        const json links = doc.contains("links") ? doc["links"] : doc.value("edges", json::array());
        if (!links.is_array()) throw InputError(at(file, top, "\"links\" must be a list", "write it as \"links\": [...]"));
        for (std::size_t i = 0; i < links.size() && problems.items.size() <= 200; ++i) read_link(links[i], where(positions.links, i), index);
        problems.check();
        if (!dropped_node.empty())
            warn(g, "node attributes that are lists or objects were left out: " + name_list({dropped_node.begin(), dropped_node.end()}));
        warn_left_out(g, dropped_link);
        return std::move(g);
    }
};

nlohmann::ordered_json typed(ValueType type, const std::string& text) {
    switch (type) {
    case ValueType::integer:
        return std::stoll(text);
    case ValueType::real:
        return parse_number(text);
    case ValueType::boolean:
        return text == "true";
    case ValueType::string:
        break;
    }
    return text;
}

}  // namespace

GraphFile parse_node_link(const std::string& file, const std::string& text) { return Reader(text).read(file); }

std::string write_node_link(const GraphFile& graph, std::vector<std::string>& dropped) {
    (void)dropped;  // node-link JSON holds everything staffnet has
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    bool multigraph = false;
    for (const GraphTie& t : graph.ties) {
        const std::pair<std::size_t, std::size_t> key =
            graph.directed ? std::pair{t.source, t.target} : std::pair{std::min(t.source, t.target), std::max(t.source, t.target)};
        multigraph = multigraph || !pairs.insert(key).second;
    }
    nlohmann::ordered_json doc = {{"directed", graph.directed}, {"multigraph", multigraph}, {"graph", nlohmann::ordered_json::object()}};
    doc["nodes"] = nlohmann::ordered_json::array();
    for (const GraphNode& n : graph.nodes) {
        nlohmann::ordered_json node = {{"id", n.id}};
        for (std::size_t a = 0; a < graph.attributes.size(); ++a)
            if (!n.values[a].empty()) node[graph.attributes[a].name] = typed(graph.attributes[a].type, n.values[a]);
        doc["nodes"].push_back(std::move(node));
    }
    doc["links"] = nlohmann::ordered_json::array();
    for (const GraphTie& t : graph.ties) {
        nlohmann::ordered_json link = {{"source", graph.nodes[t.source].id}, {"target", graph.nodes[t.target].id}};
        if (!t.type.empty()) link["type"] = t.type;
        link["weight"] = t.weight;
        if (!t.wave.empty()) link["wave"] = t.wave;
        doc["links"].push_back(std::move(link));
    }
    return doc.dump(2) + "\n";
}

}  // namespace staffnet
