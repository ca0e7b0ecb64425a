#include "viz/render.hpp"

#include <catch2/catch.hpp>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <pugixml.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace staffnet;

namespace {

// Names that try to break out of a label, the DOT text, HTML-like labels or the SVG markup.
const std::vector<std::string> kNames = {
    "<script>alert(1)</script>", R"(O"Brien & <b>Sons</b>)", R"(back\slash \N \G \E \L end\)", "line one\nline two",
    "&lt;i&gt; &amp; &#92;", R"("]; evil [label="x)", "王小明", "Ольга Петрова", "tab\there", "}; node [label=evil]; {"};

// What the name should read as once drawn: line breaks and other control characters become spaces.
std::string shown(std::string name) {
    for (char& ch : name)
        if (static_cast<unsigned char>(ch) < 0x20) ch = ' ';
    return name;
}

Diagram tricky_diagram() {
    Diagram d;
    d.engine = "neato";
    d.graph = {{"start", "3"}, {"overlap", "false"}};
    d.clusters.push_back({"cluster <&> \\N", {}});
    for (std::size_t i = 0; i < kNames.size(); ++i)
        d.nodes.push_back({kNames[i], {{"tooltip", kNames[i]}, {"shape", "box"}}, i < 3 ? 0 : -1});
    d.nodes.push_back({"", {{"xlabel", kNames[0]}}, -1});
    for (std::size_t i = 1; i < d.nodes.size(); ++i) d.edges.push_back({i - 1, i, {{"tooltip", kNames[i % kNames.size()]}}});
    d.title = "title " + kNames[1];
    d.legend = {{LegendEntry::Kind::node, kNames[0], "#0072B2", ""},
                {LegendEntry::Kind::edge, kNames[2], "#E69F00\" onload=\"x", "dashed"},
                {LegendEntry::Kind::outline, kNames[6], "#D55E00", "dashed"}};
    return d;
}

// Every <text> element's content, in document order.
std::vector<std::string> svg_texts(const pugi::xml_document& doc) {
    std::vector<std::string> out;
    for (const pugi::xpath_node& n : doc.select_nodes("//*[local-name()='text']")) out.push_back(n.node().text().get());
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("plain_label makes entities and backslashes literal and removes line breaks", "[viz][render]") {
    CHECK(plain_label("a & b") == "a &amp; b");
    CHECK(plain_label("x\\N") == "x&#92;&#92;N");
    CHECK(plain_label("one\ntwo\r") == "one two ");
    CHECK(plain_label("王") == "王");
    CHECK(plain_tooltip("\\") == "&#92;&#92;&#92;&#92;");
    CHECK(html_label_text("<b a=\"1\">'&\\") == "&lt;b a=&quot;1&quot;&gt;&#39;&amp;&#92;");
}

TEST_CASE("every label, tooltip and legend text shows literally in the SVG", "[viz][render]") {
    const std::string svg = render(tricky_diagram(), std::vector<std::string>{"svg"}).front();
    pugi::xml_document doc;
    REQUIRE(doc.load_string(svg.c_str()));  // well-formed XML whatever the names
    const std::vector<std::string> texts = svg_texts(doc);
    for (const std::string& name : kNames) {
        INFO(name);
        CHECK(contains(texts, shown(name)));
    }
    CHECK(contains(texts, "cluster <&> \\N"));
    CHECK(contains(texts, "title " + kNames[1]));
    SECTION("tooltips keep the exact text") {
        std::vector<std::string> titles;
        for (const pugi::xpath_node& n : doc.select_nodes("//*[local-name()='a']"))
            titles.push_back(n.node().attribute("xlink:title").value());
        for (const std::string& name : kNames) {
            INFO(name);
            CHECK(contains(titles, shown(name)));
        }
    }
    SECTION("no markup was injected") {
        CHECK(doc.select_nodes("//*[local-name()='script']").empty());
        CHECK(doc.select_nodes("//*[local-name()='b']").empty());
        CHECK(doc.select_nodes("//*[@onload]").empty());  // a configured colour cannot add attributes
        CHECK(doc.select_nodes("//*[local-name()='g'][@class='node']").size() == kNames.size() + 1);
    }
}

TEST_CASE("DOT output reads back as the same graph with the same labels", "[viz][render]") {
    const Diagram d = tricky_diagram();
    const std::string dot = render(d, std::vector<std::string>{"dot"}).front();
    Agraph_t* g = agmemread(dot.c_str());
    REQUIRE(g != nullptr);
    CHECK(std::size_t(agnnodes(g)) == d.nodes.size());  // no name added a node or closed the graph early
    CHECK(std::size_t(agnedges(g)) == d.edges.size());
    std::vector<std::string> labels;
    for (Agnode_t* n = agfstnode(g); n; n = agnxtnode(g, n)) labels.push_back(agget(n, const_cast<char*>("label")));
    for (const std::string& name : kNames) CHECK(contains(labels, plain_label(name)));
    SECTION("and draws the same text again") {
        GVC_t* gvc = gvContext();
        REQUIRE(gvLayout(gvc, g, "neato") == 0);
        char* data = nullptr;
        unsigned length = 0;
        REQUIRE(gvRenderData(gvc, g, "svg", &data, &length) == 0);
        pugi::xml_document doc;
        REQUIRE(doc.load_buffer(data, length));
        const std::vector<std::string> texts = svg_texts(doc);
        for (const std::string& name : kNames) CHECK(contains(texts, shown(name)));
        gvFreeRenderData(data);
        gvFreeLayout(gvc, g);
        gvFreeContext(gvc);
    }
    agclose(g);
}

TEST_CASE("the same diagram and seed give the same bytes", "[viz][render]") {
    Diagram d = tricky_diagram();
    const std::vector<std::string> formats = {"svg", "png", "pdf", "dot"};
    const std::vector<std::string> first = render(d, formats), second = render(d, formats);
    CHECK(first == second);
    d.graph["start"] = "4";
    CHECK(render(d, std::vector<std::string>{"svg"}).front() != first[0]);  // the seed does move the layout
}

TEST_CASE("PNG and PDF come out as PNG and PDF", "[viz][render]") {
    const std::vector<std::string> out = render(tricky_diagram(), {"png", "pdf"});
    CHECK(out[0].substr(0, 8) == "\x89PNG\r\n\x1a\n");
    CHECK(out[1].substr(0, 5) == "%PDF-");
    CHECK_THROWS_WITH(render(tricky_diagram(), std::vector<std::string>{"gif"}), Catch::Contains("unknown diagram format 'gif'"));
}
