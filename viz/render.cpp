#include "viz/render.hpp"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace staffnet {
namespace {

// cgraph takes char* for names and values it only reads; these keep the casts in one place.
char* c(const std::string& s) { return const_cast<char*>(s.c_str()); }

struct GvcDeleter {
    void operator()(GVC_t* gvc) const { gvFreeContext(gvc); }
};
struct GraphDeleter {
    void operator()(Agraph_t* g) const { agclose(g); }
};

bool is_text(const std::string& key) {
    return key == "label" || key == "xlabel" || key == "tooltip" || key == "headlabel" || key == "taillabel";
}

// Sets attributes; text attributes go through plain_label so user text is always literal.
void set_all(void* object, const Attributes& attributes) {
    for (const auto& [key, value] : attributes)
        agsafeset(object, c(key), c(is_text(key) ? plain_label(value) : value), c(std::string()));
}

}  // namespace

std::string plain_label(const std::string& text) {
    std::string out;
    for (char ch : text) {
        if (ch == '\\') out += "\\\\";
        else if (ch == '\n' || ch == '\r') out += ' ';
        else out += ch;
    }
    return out;
}

const std::vector<std::string>& palette() {
    static const std::vector<std::string> colours = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                     "#56B4E9", "#D55E00", "#F0E442", "#000000"};
    return colours;
}

std::string render(const Diagram& diagram, const std::string& engine, const std::string& format) {
    // Graphviz keeps global state; one rendering at a time.
    static std::mutex gate;
    const std::lock_guard lock(gate);
    std::unique_ptr<GVC_t, GvcDeleter> gvc(gvContext());
    std::unique_ptr<Agraph_t, GraphDeleter> graph(
        agopen(c(std::string("staffnet")), diagram.directed ? Agdirected : Agundirected, nullptr));
    Agraph_t* g = graph.get();
    set_all(g, diagram.graph);
    agattr(g, AGNODE, c(std::string("label")), c(std::string("")));

    std::vector<Agraph_t*> clusters;
    for (std::size_t i = 0; i < diagram.clusters.size(); ++i) {
        Agraph_t* sub = agsubg(g, c(fmt::format("cluster_{}", i)), 1);
        set_all(sub, diagram.clusters[i].attributes);
        set_all(sub, {{"label", diagram.clusters[i].label}});
        clusters.push_back(sub);
    }
    std::vector<Agnode_t*> nodes;
    for (std::size_t i = 0; i < diagram.nodes.size(); ++i) {
        const Diagram::Node& node = diagram.nodes[i];
        Agraph_t* owner = node.cluster >= 0 ? clusters.at(std::size_t(node.cluster)) : g;
        // Node names are indices, never user text.
        Agnode_t* n = agnode(owner, c(fmt::format("n{}", i)), 1);
        set_all(n, node.attributes);
        set_all(n, {{"label", node.label}});
        nodes.push_back(n);
    }
    for (const Diagram::Edge& edge : diagram.edges) {
        Agedge_t* e = agedge(g, nodes.at(edge.tail), nodes.at(edge.head), nullptr, 1);
        set_all(e, edge.attributes);
    }
    if (gvLayout(gvc.get(), g, engine.c_str()) != 0) throw std::runtime_error("graphviz could not lay out the diagram with " + engine);
    char* data = nullptr;
    unsigned length = 0;
    const int status = gvRenderData(gvc.get(), g, format.c_str(), &data, &length);
    std::string out = (status == 0 && data) ? std::string(data, length) : std::string();
    if (data) gvFreeRenderData(data);
    gvFreeLayout(gvc.get(), g);
    if (status != 0) throw std::runtime_error("graphviz could not render " + format);
    return out;
}

Diagram sociogram(const Network& net, const SociogramOptions& options) {
    static const std::vector<std::string> role_order = {"district_team", "school_leader", "staff", "other"};
    Diagram d;
    d.directed = net.directed();
    d.graph = {{"layout", "neato"}, {"start", std::to_string(options.seed)}, {"overlap", "false"},
               {"outputorder", "edgesfirst"}, {"splines", "false"}, {"bgcolor", "white"},
               {"fontname", "Helvetica"}};
    double max_size = 0.0;
    for (double x : options.size_by) max_size = std::max(max_size, x);
    for (std::size_t v = 0; v < net.size(); ++v) {
        const Person& p = net.people[v];
        const auto role = std::find(role_order.begin(), role_order.end(), p.role);
        const std::string colour = palette()[std::size_t(role - role_order.begin()) % palette().size()];
        const double scale = (max_size > 0 && v < options.size_by.size()) ? options.size_by[v] / max_size : 0.0;
        Attributes a = {{"shape", "circle"}, {"style", "filled"}, {"fillcolor", colour}, {"color", "#333333"},
                        {"fixedsize", "true"}, {"width", fmt::format("{:.2f}", 0.12 + 0.38 * scale)},
                        {"fontsize", "7"}, {"tooltip", p.name}};
        if (v < options.highlight.size() && options.highlight[v]) {
            a["color"] = "#D55E00";
            a["penwidth"] = "3";
        }
        // Only district team and school leaders are named on the whole-district view; staff are
        // too many to label legibly.
        if (p.role == "district_team" || p.role == "school_leader") a["xlabel"] = p.name;
        d.nodes.push_back({"", a, -1});
    }
    for (const Tie& t : net.ties) {
        const std::string colour = palette()[t.type % palette().size()];
        d.edges.push_back({t.source, t.target, {{"color", colour + "99"}, {"penwidth", "0.6"}}});
    }
    return d;
}

}  // namespace staffnet
