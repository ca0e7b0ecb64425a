#pragma once
// Diagrams: a plain description of nodes, edges and clusters, laid out and drawn by Graphviz
// (cgraph/gvc) in-process.
#include "engine/network.hpp"
#include "engine/progress.hpp"

#include <nlohmann/json.hpp>

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

/// Each of `diagrams` rendered as render(diagram, formats) does, in the same order and with the
/// same bytes. Graphviz cannot lay out two graphs at once in one process, so with `workers` > 1
/// the diagrams are shared out among that many forked processes (the largest first, each to the
/// least loaded one: a fixed plan for a given list), which send their bytes back through pipes.
/// A build with AddressSanitizer draws them all in-process (see fork_safe in render.cpp).
/// `progress` is told of each diagram finished. Throws as render() does.
std::vector<std::vector<std::string>> render_all(const std::vector<Diagram>& diagrams, const std::vector<std::string>& formats,
                                                 unsigned workers = 1, const ProgressFn& progress = {});

/// What a layout depends on besides the diagram and its seed, for summary.json: the Graphviz
/// version, the fontconfig version, and for each font the diagrams ask for (Helvetica, regular
/// and bold) the font file fontconfig gives for it, whose metrics size the labels.
/// {"graphviz": "2.43.0", "fontconfig": "2.14.1", "fonts": [{"requested": "Helvetica", "family":
/// "DejaVu Sans", "style": "Book", "file": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"}, ...]}
nlohmann::ordered_json layout_environment();

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
