#pragma once
// Diagrams: a plain description of nodes, edges and clusters, laid out and drawn by Graphviz
// (cgraph/gvc) in-process.
#include "engine/network.hpp"

#include <map>
#include <string>
#include <vector>

namespace staffnet {

using Attributes = std::map<std::string, std::string>;

/// What to draw. Labels are plain text: render() escapes them, so a name can never inject DOT,
/// HTML-like labels or SVG markup.
struct Diagram {
    struct Node {
        std::string label;
        Attributes attributes;  // Graphviz node attributes other than label
        int cluster = -1;       // index into clusters, -1 for none
    };
    struct Edge {
        std::size_t tail = 0, head = 0;
        Attributes attributes;
    };
    struct Cluster {
        std::string label;
        Attributes attributes;
    };
    bool directed = false;
    Attributes graph;  // graph attributes (layout options, size, ...)
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::vector<Cluster> clusters;
};

/// Lays out `diagram` with Graphviz `engine` (dot, neato, fdp, sfdp, circo) and renders it to
/// `format` (svg, png, pdf, dot). Layouts are seeded through the graph's `start` attribute, so the
/// same diagram gives the same bytes. Throws std::runtime_error if Graphviz fails.
std::string render(const Diagram& diagram, const std::string& engine, const std::string& format);

/// `text` made safe as a Graphviz label: backslashes doubled so escapes like \N are not expanded,
/// and line breaks turned into spaces.
std::string plain_label(const std::string& text);

/// The Okabe–Ito colour-blind-safe palette, for roles and tie types.
const std::vector<std::string>& palette();

struct SociogramOptions {
    VertexScores size_by;       // node size; empty for uniform
    std::vector<bool> highlight;  // drawn with a thick red outline (isolated, at risk)
    unsigned seed = 42;
};

/// The whole network: colour by role, size by `size_by`, edges coloured by tie type.
Diagram sociogram(const Network& net, const SociogramOptions& options = {});

}  // namespace staffnet
