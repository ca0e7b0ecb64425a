// GEXF 1.2 (gexf.net), as Gephi and NetworkX write it: declared <attributes>, <node id label> with
// <attvalues>, <edge source target weight> with the tie type as the edge attribute `type`.
#include "io/graph_io.hpp"
#include "io/output.hpp"
#include "io/xml.hpp"

#include <fmt/format.h>

#include <set>

namespace staffnet {
namespace {

struct Declared {
    std::string title;
    ValueType type = ValueType::string;
    std::string fallback;
};

ValueType type_of(const std::string& name) {
    if (name == "integer" || name == "long" || name == "short" || name == "byte" || name == "biginteger") return ValueType::integer;
    if (name == "float" || name == "double" || name == "bigdecimal") return ValueType::real;
    if (name == "boolean") return ValueType::boolean;
    return ValueType::string;  // string, liststring, anyURI, char, ...
}

const char* gexf_type(ValueType type) {
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

struct Reader {
    const std::string& text;
    GraphFile g;
    DiagnosticList problems;
    std::map<std::string, Declared> node_attributes, edge_attributes;  // by id
    std::set<std::string> dropped_edge_attributes;

    explicit Reader(const std::string& xml) : text(xml) {}

    LineIndex lines{text};
    TextPosition where(const pugi::xml_node& n) const { return xml_position(lines, text, n); }
    void error(const pugi::xml_node& n, std::string message, std::string fix) {
        problems.error(at(g.file, where(n), std::move(message), std::move(fix)));
    }

    void declare(const pugi::xml_node& list) {
        const std::string kind = list.attribute("class").as_string("node");
        for (const pugi::xml_node& a : children(list, "attribute")) {
            const std::string id = a.attribute("id").value();
            const std::string title = a.attribute("title").as_string(id.c_str());
            const ValueType type = type_of(a.attribute("type").value());
            const Declared d{title, type, default_value(g, problems, where(a), title, type, child(a, "default").child_value())};
            if (kind == "edge") edge_attributes[id] = d;
            if (kind != "node") continue;
            node_attributes[id] = d;
            declare_attribute(g, title, type);
        }
    }

    // (declaration, value, element) of each <attvalue>; GEXF 1.1 names the attribute with `id`.
    std::vector<std::tuple<const Declared*, std::string, pugi::xml_node>> values(const pugi::xml_node& element,
                                                                                  const std::map<std::string, Declared>& declared) {
        std::vector<std::tuple<const Declared*, std::string, pugi::xml_node>> out;
        for (const pugi::xml_node& v : children(child(element, "attvalues"), "attvalue")) {
            const std::string id = v.attribute("for") ? v.attribute("for").value() : v.attribute("id").value();
            const auto it = declared.find(id);
            if (it == declared.end()) {
                error(v, "<attvalue> names the attribute '" + id + "', which no <attribute> declares",
                      "declare it in <attributes>, or remove the value");
                continue;
            }
            out.emplace_back(&it->second, v.attribute("value").value(), v);
        }
        return out;
    }

    void read_node(const pugi::xml_node& n, NodeIndex& index, std::vector<std::string>& labels) {
        if (const pugi::xml_node inner = child(n, "nodes"))
            return error(inner, "nested nodes are not supported", "flatten the graph so that every node is a person");
        GraphNode node{n.attribute("id").value(), std::vector<std::string>(g.attributes.size()), where(n)};
        for (const auto& [id, d] : node_attributes)
            if (!d.fallback.empty()) node.values[std::size_t(g.attribute(d.title))] = d.fallback;
        for (const auto& [d, value, element] : values(n, node_attributes)) read_value(g, problems, where(element), node, d->title, value);
        if (index.add(g, problems, std::move(node))) labels.push_back(n.attribute("label").value());
    }

    void read_edge(const pugi::xml_node& e, const NodeIndex& index, bool default_directed, std::vector<bool>& directed) {
        const TextPosition pos = where(e);
        const auto source = index.lookup(g, problems, e.attribute("source").value(), pos);
        const auto target = index.lookup(g, problems, e.attribute("target").value(), pos);
        GraphTie tie{source.value_or(0), target.value_or(0), "", 1.0, "", pos};
        // `type` is the edge's direction in GEXF; NetworkX also writes a tie type there.
        const std::string kind = e.attribute("type").value();
        const bool direction = kind.empty() || kind == "directed" || kind == "undirected" || kind == "mutual";
        if (!direction) tie.type = kind;
        if (const pugi::xml_attribute w = e.attribute("weight")) read_weight(g.file, problems, pos, w.value(), tie.weight);
        for (const auto& [d, value, element] : values(e, edge_attributes)) {
            if (d->title == "type") {
                tie.type = value;
            } else if (d->title == "wave") {
                tie.wave = value;
            } else if (d->title == "weight") {
                read_weight(g.file, problems, where(element), value, tie.weight);
            } else if (d->title != "networkx_key") {  // NetworkX's key among parallel edges
                dropped_edge_attributes.insert(d->title);
            }
        }
        if (!source || !target) return;
        const bool is_directed = direction && !kind.empty() ? kind == "directed" : default_directed;
        g.ties.push_back(tie);
        directed.push_back(is_directed);
        if (kind == "mutual" && tie.source != tie.target) {  // a directed tie each way
            std::swap(tie.source, tie.target);
            g.ties.push_back(tie);
            directed.push_back(true);
            directed[directed.size() - 2] = true;
        }
    }

    // A label becomes the person's name when the file has no `name` attribute and the labels say
    // more than the ids (staffnet writes the name as the label too; NetworkX writes the id).
    void use_labels(const std::vector<std::string>& labels) {
        const int name = g.attribute("name");
        bool informative = false;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const bool is_name = name >= 0 && labels[i] == g.nodes[i].values[std::size_t(name)];
            informative = informative || (!labels[i].empty() && labels[i] != g.nodes[i].id && !is_name);
        }
        if (!informative) return;
        if (name >= 0) return warn(g, "node labels were left out: the file also has a name attribute");
        g.attributes.insert(g.attributes.begin(), {"name", ValueType::string});
        for (std::size_t i = 0; i < labels.size(); ++i) g.nodes[i].values.insert(g.nodes[i].values.begin(), labels[i]);
    }

    GraphFile read(const std::string& file) {
        g.file = file;
        pugi::xml_document doc;
        parse_xml(doc, file, text);
        const pugi::xml_node root = doc.document_element();
        if (local_name(root) != "gexf")
            throw InputError(at(file, where(root), "the file starts with <" + std::string(root.name()) + ">, not <gexf>",
                                "check that this is a GEXF file, or give its format with --from"));
        const pugi::xml_node graph = child(root, "graph");
        if (!graph) throw InputError(at(file, where(root), "no <graph> element", "put <nodes> and <edges> inside <graph>"));
        const std::string kind = graph.attribute("defaultedgetype").as_string("undirected");
        if (kind != "directed" && kind != "undirected" && kind != "mutual")
            throw InputError(at(file, where(graph), "defaultedgetype must be directed, undirected or mutual, got '" + kind + "'", "correct it"));
        for (const pugi::xml_node& list : children(graph, "attributes")) declare(list);

        NodeIndex index;
        std::vector<std::string> labels;
        for (const pugi::xml_node& n : children(child(graph, "nodes"), "node")) read_node(n, index, labels);
        problems.check();
        std::vector<bool> directed;
        for (const pugi::xml_node& e : children(child(graph, "edges"), "edge")) {
            read_edge(e, index, kind == "directed", directed);
            if (problems.items.size() > 200) break;
        }
        problems.check();
        use_labels(labels);
        settle_direction(g, kind == "directed", directed);
        warn_left_out(g, dropped_edge_attributes);
        return std::move(g);
    }
};

}  // namespace

GraphFile parse_gexf(const std::string& file, const std::string& text) { return Reader(text).read(file); }

std::string write_gexf(const GraphFile& graph, std::vector<std::string>& dropped) {
    (void)dropped;  // GEXF holds everything staffnet has
    pugi::xml_document doc;
    pugi::xml_node root = start_document(doc, "gexf");
    root.append_attribute("xmlns") = "http://www.gexf.net/1.2draft";
    root.append_attribute("version") = "1.2";
    root.append_child("meta").append_child("creator").text().set("staffnet");
    pugi::xml_node g = root.append_child("graph");
    g.append_attribute("defaultedgetype") = graph.directed ? "directed" : "undirected";
    g.append_attribute("mode") = "static";

    auto declare = [&](const char* kind, const std::vector<NodeAttribute>& list) {
        if (list.empty()) return;
        pugi::xml_node a = g.append_child("attributes");
        a.append_attribute("class") = kind;
        a.append_attribute("mode") = "static";
        for (const NodeAttribute& d : list) {
            pugi::xml_node x = a.append_child("attribute");
            x.append_attribute("id") = d.name.c_str();
            x.append_attribute("title") = d.name.c_str();
            x.append_attribute("type") = gexf_type(d.type);
        }
    };
    const bool types = any_typed(graph), waves = any_wave(graph);
    std::vector<NodeAttribute> edge_attributes;
    if (types) edge_attributes.push_back({"type", ValueType::string});
    if (waves) edge_attributes.push_back({"wave", ValueType::string});
    declare("node", graph.attributes);
    declare("edge", edge_attributes);

    auto value = [](pugi::xml_node& values, pugi::xml_node element, const std::string& id, const std::string& v) {
        if (v.empty()) return;
        if (!values) values = element.append_child("attvalues");
        pugi::xml_node x = values.append_child("attvalue");
        x.append_attribute("for") = id.c_str();
        x.append_attribute("value") = v.c_str();
    };
    const int name = graph.attribute("name");
    pugi::xml_node nodes = g.append_child("nodes");
    for (const GraphNode& n : graph.nodes) {
        pugi::xml_node x = nodes.append_child("node");
        x.append_attribute("id") = n.id.c_str();
        x.append_attribute("label") = (name >= 0 && !n.values[std::size_t(name)].empty() ? n.values[std::size_t(name)] : n.id).c_str();
        pugi::xml_node values;
        for (std::size_t a = 0; a < graph.attributes.size(); ++a) value(values, x, graph.attributes[a].name, n.values[a]);
    }
    pugi::xml_node edges = g.append_child("edges");
    for (std::size_t i = 0; i < graph.ties.size(); ++i) {
        const GraphTie& t = graph.ties[i];
        pugi::xml_node x = edges.append_child("edge");
        x.append_attribute("id") = std::to_string(i).c_str();
        x.append_attribute("source") = graph.nodes[t.source].id.c_str();
        x.append_attribute("target") = graph.nodes[t.target].id.c_str();
        x.append_attribute("weight") = number_cell(t.weight).c_str();
        pugi::xml_node values;
        value(values, x, "type", t.type);
        value(values, x, "wave", t.wave);
    }
    return xml_text(doc);
}

}  // namespace staffnet
