#pragma once
// Diagrams: a plain description of nodes, edges and clusters, laid out and drawn by Graphviz
// (cgraph/gvc) in-process.
#include "engine/network.hpp"

#include <map>
#include <string>
#include <vector>

namespace staffnet {

using Attributes = std::map<std::string, std::string>;

/// One line of a diagram's legend: a filled swatch (node), a line sample (edge) or an outlined
/// swatch (outline). Drawn below the diagram, so it shows in every format.
struct LegendEntry {
    enum class Kind { node, edge, outline };
    Kind kind = Kind::node;
    std::string text;    // plain text, escaped by render()
    std::string colour;  // #RRGGBB
    std::string style;   // edges and outlines: solid, dashed, dotted or bold
};

/// What to draw. Labels, titles and legend texts are plain text: render() escapes them, so a name
/// can never inject DOT, HTML-like labels or SVG markup.
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
    std::string engine = "neato";  // Graphviz layout: dot, neato, fdp, sfdp, circo, twopi
    std::string title;             // drawn above the legend, below the diagram
    Attributes graph;  // graph attributes (layout options, size, ...)
    std::vector<Node> nodes;
    std::vector<Edge> edges;
    std::vector<Cluster> clusters;
    std::vector<LegendEntry> legend;
    double png_dpi = 96;  // PNG resolution; SVG and PDF stay at 72 points per inch
};

/// Lays out `diagram` once with `diagram.engine` and renders it to each of `formats` (svg, png,
/// pdf, dot), in order. Layouts are seeded through the graph's `start` attribute, so the same
/// diagram gives the same bytes in every format (a PDF's creation date is fixed to 2000-01-01).
/// Throws std::runtime_error if Graphviz fails or a format is not one of the four.
std::vector<std::string> render(const Diagram& diagram, const std::vector<std::string>& formats);

struct Point {
    double x = 0, y = 0;  // points (1/72 inch), y up
};

/// Where `diagram.engine` puts each node (its centre), in `diagram.nodes` order, without
/// rendering. For layouts in stages: a diagram whose nodes all have `pos="x,y!"` and engine "nop"
/// is drawn exactly there.
std::vector<Point> layout_positions(const Diagram& diagram);

/// The same with an explicit layout engine and a single format.
std::string render(const Diagram& diagram, const std::string& engine, const std::string& format);

/// `text` made safe as a Graphviz label (label, xlabel, headlabel, taillabel): & becomes &amp;
/// and \ the entities &#92;&#92;, which Graphviz turns back into one literal backslash after its
/// \N-style substitutions (so no escape acts, and no backslash can end a quoted DOT string);
/// control characters such as line breaks become spaces. render() applies it to every label.
std::string plain_label(const std::string& text);

/// The same for tooltips, which Graphviz unescapes once more (\ becomes four &#92;).
std::string plain_tooltip(const std::string& text);

/// `text` escaped for the text of a Graphviz HTML-like label (& < > " ' and \ as entities,
/// control characters as spaces).
std::string html_label_text(const std::string& text);

/// The Okabe–Ito colour-blind-safe palette, for roles and tie types.
const std::vector<std::string>& palette();

}  // namespace staffnet
