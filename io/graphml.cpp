// GraphML (graphml.graphdrawing.org): typed <key>s, one <graph>, <node>s and <edge>s with <data>.
#include "io/graph_io.hpp"
#include "io/output.hpp"
#include "io/xml.hpp"

#include <fmt/format.h>

#include <set>

namespace staffnet {
namespace {

struct Key {
    std::string name;    // attr.name, or the key's id when it has none
    std::string domain;  // node, edge, graph or all
    ValueType type = ValueType::string;
    std::string fallback;  // the <default> value
};

const char* graphml_type(ValueType type) {
    switch (type) {
    case ValueType::integer:
        return "long";
    case ValueType::real:
        return "double";
    case ValueType::boolean:
        return "boolean";
    case ValueType::string:
        break;
    }
    return "string";
}

std::optional<ValueType> type_of(const std::string& name) {
    if (name.empty() || name == "string") return ValueType::string;
    if (name == "int" || name == "long") return ValueType::integer;
    if (name == "float" || name == "double") return ValueType::real;
    if (name == "boolean") return ValueType::boolean;
    return std::nullopt;
}

struct Reader {
    const std::string& text;
    GraphFile g;
    DiagnosticList problems;
    std::map<std::string, Key> keys;
    std::set<std::string> dropped_edge_data;
    bool dropped_markup = false;

    explicit Reader(const std::string& xml) : text(xml) {}

    LineIndex lines{text};
    TextPosition where(const pugi::xml_node& n) const { return xml_position(lines, text, n); }
    void error(const pugi::xml_node& n, std::string message, std::string fix) {
        problems.error(at(g.file, where(n), std::move(message), std::move(fix)));
    }

    void read_key(const pugi::xml_node& k) {
        const std::string id = k.attribute("id").value(), domain = k.attribute("for").as_string("all");
        const std::string type_name = k.attribute("attr.type").value();
        const auto type = type_of(type_name);
        if (id.empty()) return error(k, "a <key> has no id", "give it id=\"...\"");
        if (!type) return error(k, "unknown attr.type '" + type_name + "'", "use boolean, int, long, float, double or string");
        const std::string name = k.attribute("attr.name").as_string(id.c_str());
        keys[id] = {name, domain, *type, default_value(g, problems, where(k), name, *type, child(k, "default").child_value())};
        if (domain == "node" || domain == "all") declare_attribute(g, name, *type);
    }

    // The keys a <node> or <edge> holds, as (key, text, element).
    std::vector<std::tuple<const Key*, std::string, pugi::xml_node>> data(const pugi::xml_node& element) {
        std::vector<std::tuple<const Key*, std::string, pugi::xml_node>> out;
        for (const pugi::xml_node& d : element.children()) {
            if (d.type() != pugi::node_element || local_name(d) != "data") continue;
            const std::string key = d.attribute("key").value();
            const auto it = keys.find(key);
            if (it == keys.end()) {
                error(d, "<data> uses the key '" + key + "', which no <key> declares",
                      "declare it with <key id=\"" + key + "\" ...>, or remove the data");
                continue;
            }
            if (d.first_child().type() == pugi::node_element) {  // markup such as yEd's shapes, not a value
                dropped_markup = true;
                continue;
            }
            out.emplace_back(&it->second, d.child_value(), d);
        }
        return out;
    }

    void read_node(const pugi::xml_node& n, NodeIndex& index) {
        if (const pugi::xml_node inner = child(n, "graph"))
            return error(inner, "nested graphs are not supported", "flatten the graph so that every node is a person");
        GraphNode node{n.attribute("id").value(), std::vector<std::string>(g.attributes.size()), where(n)};
        for (const auto& [key, value] : keys)
            if ((value.domain == "node" || value.domain == "all") && !value.fallback.empty())
                node.values[std::size_t(g.attribute(value.name))] = value.fallback;
        for (const auto& [key, value, element] : data(n)) {
            if (key->domain != "node" && key->domain != "all") {
                error(element, "the key of this <data> is for " + key->domain + "s, not nodes", "use a key declared for=\"node\"");
                continue;
            }
            read_value(g, problems, where(element), node, key->name, value);
        }
        index.add(g, problems, std::move(node));
    }

    void read_edge(const pugi::xml_node& e, const NodeIndex& index, bool default_directed, std::vector<bool>& directed) {
        const TextPosition pos = where(e);
        const auto source = index.lookup(g, problems, e.attribute("source").value(), pos);
        const auto target = index.lookup(g, problems, e.attribute("target").value(), pos);
        GraphTie tie{source.value_or(0), target.value_or(0), "", 1.0, "", pos};
        for (const auto& [key, value, element] : data(e)) {
            if (key->domain != "edge" && key->domain != "all") continue;  // a node key used on an edge: nothing to keep
            if (key->name == "weight") {
                read_weight(g.file, problems, where(element), value, tie.weight);
            } else if (key->name == "type") {
                tie.type = value;
            } else if (key->name == "wave") {
                tie.wave = value;
            } else {
                dropped_edge_data.insert(key->name);
            }
        }
        if (source && target) {
            g.ties.push_back(tie);
            directed.push_back(e.attribute("directed").as_bool(default_directed));
        }
    }

    // igraph writes a person's own id as the node attribute `id` (its node ids are n0, n1, ...).
    void use_id_attribute() {
        const int a = g.attribute("id");
        if (a < 0) return;
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < g.nodes.size(); ++i) {
            GraphNode& n = g.nodes[i];
            const std::string id = n.values[std::size_t(a)];
            if (id.empty()) {
                problems.error(at(g.file, n.at, "node '" + n.id + "' has no value for the attribute 'id', which holds people's ids",
                                  "give every node an id value, or rename the attribute"));
            } else if (const auto [it, fresh] = seen.emplace(id, i); !fresh) {
                problems.error(at(g.file, n.at, fmt::format("duplicate id '{}', first used on line {}", id, g.nodes[it->second].at.line),
                                  "give each person one unique id"));
            }
            n.id = id;
            n.values.erase(n.values.begin() + a);
        }
        g.attributes.erase(g.attributes.begin() + a);
    }

    // igraph numbers its nodes n0, n1, ... and keeps each vertex's own identifier in the attribute
    // `name`: when the ids are that numbering and every name is there and unique, the names are the
    // ids (results then join back to the researcher's data). The attribute `name` is kept as well.
    void use_igraph_names() {
        const int a = g.attribute("name");
        if (a < 0 || g.nodes.empty()) return;
        for (std::size_t i = 0; i < g.nodes.size(); ++i)
            if (g.nodes[i].id != fmt::format("n{}", i)) return;
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < g.nodes.size(); ++i) {
            const std::string& name = g.nodes[i].values[std::size_t(a)];
            if (name.empty())
                return warn(g, fmt::format("node '{}' has no name, so people keep igraph's node ids n0, n1, ...", g.nodes[i].id));
            if (const auto [it, fresh] = seen.emplace(name, i); !fresh)
                return warn(g, fmt::format("the name '{}' is used by nodes '{}' and '{}', so people keep igraph's node ids n0, n1, ...", name,
                                           g.nodes[it->second].id, g.nodes[i].id));
        }
        for (GraphNode& n : g.nodes) n.id = n.values[std::size_t(a)];
    }

    GraphFile read(const std::string& file) {
        g.file = file;
        pugi::xml_document doc;
        parse_xml(doc, file, text);
        const pugi::xml_node root = doc.document_element();
        if (local_name(root) != "graphml")
            throw InputError(at(file, where(root), "the file starts with <" + std::string(root.name()) + ">, not <graphml>",
                                "check that this is a GraphML file, or give its format with --from"));
        for (const pugi::xml_node& k : children(root, "key")) read_key(k);
        const std::vector<pugi::xml_node> graphs = children(root, "graph");
        const pugi::xml_node graph = graphs.empty() ? pugi::xml_node() : graphs.front();
        if (!graph) throw InputError(at(file, where(root), "no <graph> element", "put the nodes and edges inside <graph edgedefault=\"...\">"));
        if (graphs.size() > 1) warn(g, fmt::format("only the first of {} graphs is read; save each graph in its own file", graphs.size()));
        const std::string edgedefault = graph.attribute("edgedefault").as_string("undirected");
        if (edgedefault != "directed" && edgedefault != "undirected")
            throw InputError(at(file, where(graph), "edgedefault must be directed or undirected, got '" + edgedefault + "'", "correct it"));
        problems.check();

        NodeIndex index;
        for (const pugi::xml_node& n : children(graph, "node")) read_node(n, index);
        std::vector<bool> directed;
        for (const pugi::xml_node& e : graph.children()) {
            if (e.type() != pugi::node_element) continue;
            if (local_name(e) == "edge") read_edge(e, index, edgedefault == "directed", directed);
            if (local_name(e) == "hyperedge") error(e, "hyperedges are not supported", "replace each hyperedge by edges between two nodes");
            if (problems.items.size() > 200) break;
        }
        problems.check();
        use_id_attribute();
        problems.check();
        use_igraph_names();
        settle_direction(g, edgedefault == "directed", directed);
        warn_left_out(g, dropped_edge_data);
        if (dropped_markup) warn(g, "<data> holding markup (such as yEd graphics) was left out");
        return std::move(g);
    }
};

}  // namespace

GraphFile parse_graphml(const std::string& file, const std::string& text) { return Reader(text).read(file); }

std::string write_graphml(const GraphFile& graph, std::vector<std::string>& dropped) {
    (void)dropped;  // GraphML holds everything staffnet has
    pugi::xml_document doc;
    pugi::xml_node root = start_document(doc, "graphml");
    root.append_attribute("xmlns") = "http://graphml.graphdrawing.org/xmlns";
    root.append_attribute("xmlns:xsi") = "http://www.w3.org/2001/XMLSchema-instance";
    root.append_attribute("xsi:schemaLocation") =
        "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
    auto key = [&](const std::string& id, const char* domain, const std::string& name, ValueType type) {
        pugi::xml_node k = root.append_child("key");
        k.append_attribute("id") = id.c_str();
        k.append_attribute("for") = domain;
        k.append_attribute("attr.name") = name.c_str();
        k.append_attribute("attr.type") = graphml_type(type);
    };
    for (std::size_t a = 0; a < graph.attributes.size(); ++a) key(fmt::format("d{}", a), "node", graph.attributes[a].name, graph.attributes[a].type);
    const std::size_t n = graph.attributes.size();
    const bool types = any_typed(graph), waves = any_wave(graph);
    const std::string type_key = fmt::format("d{}", n), weight_key = fmt::format("d{}", n + 1), wave_key = fmt::format("d{}", n + 2);
    if (types) key(type_key, "edge", "type", ValueType::string);
    key(weight_key, "edge", "weight", ValueType::real);
    if (waves) key(wave_key, "edge", "wave", ValueType::string);

    pugi::xml_node g = root.append_child("graph");
    g.append_attribute("id") = "G";
    g.append_attribute("edgedefault") = graph.directed ? "directed" : "undirected";
    auto data = [](pugi::xml_node parent, const std::string& key, const std::string& value) {
        pugi::xml_node d = parent.append_child("data");
        d.append_attribute("key") = key.c_str();
        d.text().set(value.c_str());
    };
    for (const GraphNode& node : graph.nodes) {
        pugi::xml_node x = g.append_child("node");
        x.append_attribute("id") = node.id.c_str();
        for (std::size_t a = 0; a < n; ++a)
            if (!node.values[a].empty()) data(x, fmt::format("d{}", a), node.values[a]);
    }
    for (const GraphTie& t : graph.ties) {
        pugi::xml_node x = g.append_child("edge");
        x.append_attribute("source") = graph.nodes[t.source].id.c_str();
        x.append_attribute("target") = graph.nodes[t.target].id.c_str();
        if (!t.type.empty()) data(x, type_key, t.type);
        data(x, weight_key, number_cell(t.weight));
        if (!t.wave.empty()) data(x, wave_key, t.wave);
    }
    return xml_text(doc);
}

}  // namespace staffnet
