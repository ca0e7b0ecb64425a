#include "viz/diagrams.hpp"

#include "tests/viz/district.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

using namespace staffnet;
using test::small_district;
using test::generated;
using test::two_schools;

namespace {

const Diagram::Node* node_labelled(const Diagram& d, const std::string& label) {
    for (const Diagram::Node& n : d.nodes)
        if (n.label == label) return &n;
    return nullptr;
}

std::string attribute(const Attributes& a, const std::string& key) {
    const auto it = a.find(key);
    return it == a.end() ? "" : it->second;
}

bool has_legend(const Diagram& d, const std::string& text) {
    return std::any_of(d.legend.begin(), d.legend.end(), [&](const LegendEntry& e) { return e.text == text; });
}

}  // namespace

TEST_CASE("diagram_marks takes the size column, the isolated and the people at high risk", "[viz][diagrams]") {
    const auto d = two_schools();
    std::vector<RiskEntry> risk(2);
    risk[0].person = 5;
    risk[0].level = "high";
    risk[1].person = 7;
    risk[1].level = "medium";
    const DiagramMarks marks = diagram_marks(d.net, {{"betweenness", VertexScores(d.net.size(), 0.5)}}, risk, {});
    CHECK(marks.size_name == "betweenness");
    CHECK(marks.size == VertexScores(d.net.size(), 0.5));
    CHECK(marks.isolated == std::vector<char>{0, 0, 0, 0, 0, 1, 0, 0, 0, 0});  // Ed Alone
    CHECK(marks.at_risk == std::vector<char>{0, 0, 0, 0, 0, 1, 0, 0, 0, 0});   // medium is not marked
    SECTION("without the column, size falls back to degree") {
        const DiagramMarks fallback = diagram_marks(d.net, {}, {}, {});
        CHECK(fallback.size_name == "degree");
        CHECK(fallback.size[0] == 3);  // Dana: Ann, Fay, Ivy
    }
}

TEST_CASE("the sociogram boxes schools, colours roles, sizes by score and highlights", "[viz][diagrams]") {
    const auto d = two_schools();
    DiagramMarks marks;
    marks.size = {1, 0.25, 0, 0, 0, 0, 0, 0, 0, 0};
    marks.size_name = "betweenness";
    marks.isolated = {0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
    marks.at_risk = {0, 0, 0, 0, 0, 0, 0, 1, 0, 0};
    const Diagram g = district_sociogram(d.net, d.schools, marks);
    CHECK(g.engine == "nop");  // every position computed beforehand and pinned
    REQUIRE(g.nodes.size() == d.net.size() + 2);  // the people, then a box per school
    const Diagram::Node* box_a = node_labelled(g, "School A");
    REQUIRE(box_a);
    CHECK(attribute(box_a->attributes, "shape") == "box");
    SECTION("each school's people sit inside its box") {
        const auto point = [](const std::string& pos) {
            const std::size_t comma = pos.find(',');
            return std::pair{std::stod(pos.substr(0, comma)), std::stod(pos.substr(comma + 1))};
        };
        const auto [bx, by] = point(attribute(box_a->attributes, "pos"));
        const double half_w = 36 * std::stod(attribute(box_a->attributes, "width"));
        const double half_h = 36 * std::stod(attribute(box_a->attributes, "height"));
        for (Vertex v = 1; v <= 5; ++v) {
            const auto [x, y] = point(attribute(g.nodes[v].attributes, "pos"));
            CHECK(std::abs(x - bx) < half_w);
            CHECK(std::abs(y - by) < half_h);
        }
        const auto [tx, ty] = point(attribute(g.nodes[0].attributes, "pos"));  // the district team is outside
        CHECK((std::abs(tx - bx) > half_w || std::abs(ty - by) > half_h));
    }
    CHECK(attribute(g.nodes[0].attributes, "fillcolor") == "#0072B2");
    CHECK(attribute(g.nodes[1].attributes, "fillcolor") == "#E69F00");
    CHECK(attribute(g.nodes[2].attributes, "fillcolor") == "#56B4E9");
    CHECK(std::stod(attribute(g.nodes[0].attributes, "width")) > std::stod(attribute(g.nodes[1].attributes, "width")));
    CHECK(attribute(g.nodes[5].attributes, "color") == "#D55E00");  // isolated: solid outline
    CHECK(attribute(g.nodes[5].attributes, "penwidth") == "3");
    CHECK(attribute(g.nodes[7].attributes, "style") == "filled,dashed");  // at risk: dashed
    CHECK(attribute(g.nodes[1].attributes, "xlabel") == "Ann Lead");      // leaders are named
    CHECK(attribute(g.nodes[2].attributes, "xlabel").empty());            // staff are not
    SECTION("one line per tied pair, coloured by its tie types, dashed when none is close") {
        CHECK(g.edges.size() == 9);  // Dana-Ann has two types but one line
        const auto edge = [&](std::size_t a, std::size_t b) {
            return *std::find_if(g.edges.begin(), g.edges.end(), [&](const Diagram::Edge& e) { return e.tail == a && e.head == b; });
        };
        CHECK(attribute(edge(0, 1).attributes, "color") == "#0072B2B0:#CC79A7B0");  // shared project and social
        CHECK(attribute(edge(0, 6).attributes, "style") == "dashed");                // past collaboration only
    }
    SECTION("the legend names the roles, tie types and outlines present") {
        CHECK(has_legend(g, "district team"));
        CHECK(has_legend(g, "shared_project (close)"));
        CHECK(has_legend(g, "past_collaboration"));
        CHECK(has_legend(g, "no ties (isolated)"));
        CHECK(has_legend(g, "high isolation risk"));
        CHECK(g.title.find("size: betweenness") != std::string::npos);
    }
}

TEST_CASE("the sociogram is drawn the same on every run", "[viz][diagrams]") {
    const auto d = two_schools();
    const DiagramMarks marks = diagram_marks(d.net, {}, {}, {});
    const std::vector<std::string> formats = {"svg", "dot"};
    CHECK(render(district_sociogram(d.net, d.schools, marks), formats) == render(district_sociogram(d.net, d.schools, marks), formats));
    SECTION("in large mode too") {
        const auto big = generated(300);
        DiagramConfig config;
        config.large_network = 100;
        const Diagram g = district_sociogram(big.net, big.schools, diagram_marks(big.net, {}, {}, config), config);
        CHECK(g.engine == "sfdp");
        CHECK(render(g, formats) == render(g, formats));
    }
}

TEST_CASE("the config sets the colours", "[viz][diagrams]") {
    const auto d = two_schools();
    DiagramConfig config;
    config.role_colours["staff"] = "#123456";
    config.tie_colours["social"] = "#654321";
    config.highlight_colour = "#000000";
    config.labels = "none";
    const Diagram g = district_sociogram(d.net, d.schools, diagram_marks(d.net, {}, {}, config), config);
    CHECK(attribute(g.nodes[2].attributes, "fillcolor") == "#123456");
    CHECK(attribute(g.nodes[0].attributes, "fillcolor") == "#0072B2");  // not overridden
    CHECK(attribute(g.nodes[5].attributes, "color") == "#000000");
    CHECK(attribute(g.nodes[1].attributes, "xlabel").empty());
    CHECK(tie_colour(d.net, 3, config) == "#654321");
    config.role_colours["staff"] = "#zzzzzz";  // config/ rejects it; drawing must not fail on it either
    CHECK_NOTHROW(school_diagram(d.net, d.schools, 0, diagram_marks(d.net, {}, {}, config), config));
}

TEST_CASE("the bridge map sizes schools, widens lines by ties and marks unreached schools", "[viz][diagrams]") {
    auto d = small_district({{"Dana Team", "district_team", ""},
                             {"A1", "school_leader", "A"}, {"A2", "staff", "A"}, {"A3", "staff", "A"},
                             {"B1", "school_leader", "B"},
                             {"C1", "school_leader", "C"}},
                            {{0, 1, 0}, {0, 2, 3}, {0, 4, 1}, {1, 2, 0}, {4, 5, 0}});
    const Diagram g = bridge_map(d.net, d.schools);
    CHECK(g.engine == "dot");
    const Diagram::Node* a = node_labelled(g, "School A (3)");
    const Diagram::Node* b = node_labelled(g, "School B (1)");
    const Diagram::Node* c = node_labelled(g, "School C (1)");
    REQUIRE((a && b && c));
    CHECK(std::stod(attribute(a->attributes, "width")) > std::stod(attribute(b->attributes, "width")));
    CHECK(attribute(a->attributes, "penwidth").empty());
    CHECK(attribute(b->attributes, "style") == "filled,dashed");  // only past collaboration: no close tie
    CHECK(attribute(c->attributes, "penwidth") == "4");           // no tie at all
    CHECK(has_legend(g, "no close tie to the district team"));
    CHECK(has_legend(g, "no tie to the district team"));
    std::map<std::string, double> width;  // tooltip -> line width
    for (const Diagram::Edge& e : g.edges)
        if (attribute(e.attributes, "style") != "invis") width[attribute(e.attributes, "tooltip")] = std::stod(attribute(e.attributes, "penwidth"));
    CHECK(width.at("Dana Team – School A: 2 ties (2 close)") > width.at("Dana Team – School B: 1 ties (0 close)"));
}

TEST_CASE("a school diagram names its people and the district team members tied to them", "[viz][diagrams]") {
    const auto d = two_schools();
    const Diagram g = school_diagram(d.net, d.schools, 1, diagram_marks(d.net, {}, {}, {}), {});
    std::vector<std::string> labels;
    for (const Diagram::Node& n : g.nodes) labels.push_back(n.label);
    CHECK(labels == std::vector<std::string>{"Fay Lead", "Gus Staff", "Hal Staff", "Dana Team"});  // not Ivy: no tie to B
    CHECK(g.edges.size() == 3);
    CHECK(attribute(g.nodes[3].attributes, "shape") == "box");
}

TEST_CASE("diagram files are named by diagram, school id and format", "[viz][diagrams]") {
    auto d = small_district({{"T", "district_team", ""}, {"x", "staff", "../etc"}, {"y", "staff", "a b"}, {"z", "staff", "a_b"}},
                            {{0, 1, 0}, {0, 2, 0}, {0, 3, 0}});
    DiagramConfig config;
    config.formats = {"svg", "dot"};
    const std::vector<DrawnDiagram> drawn = draw_diagrams(d.net, d.schools, diagram_marks(d.net, {}, {}, config), config);
    std::vector<std::string> names;
    for (const auto& [name, content] : diagram_files(drawn, config)) names.push_back(name);
    CHECK(names == std::vector<std::string>{"diagrams/sociogram.svg", "diagrams/sociogram.dot", "diagrams/bridge_map.svg",
                                            "diagrams/bridge_map.dot", "diagrams/schools/___etc.svg", "diagrams/schools/___etc.dot",
                                            "diagrams/schools/a_b.svg", "diagrams/schools/a_b.dot", "diagrams/schools/a_b_2.svg",
                                            "diagrams/schools/a_b_2.dot"});
    CHECK(file_stem("王") == "___");  // three UTF-8 bytes
    SECTION("the config turns diagrams off; svg is always drawn for the report") {
        config.bridge_map = config.school_diagrams = false;
        config.formats = {"png"};
        const std::vector<DrawnDiagram> only = draw_diagrams(d.net, d.schools, diagram_marks(d.net, {}, {}, config), config);
        REQUIRE(only.size() == 1);
        CHECK(only[0].formats.count("svg") == 1);
        CHECK(diagram_files(only, config).size() == 1);
    }
}

TEST_CASE("large mode lays out 5,000 people with sfdp and thins the ties", "[viz][diagrams][large]") {
    const auto d = generated(5000);
    DiagramConfig config;
    const Diagram g = district_sociogram(d.net, d.schools, diagram_marks(d.net, {}, {}, config), config);
    CHECK(g.engine == "sfdp");
    CHECK(g.clusters.empty());
    std::map<std::pair<Vertex, Vertex>, int> pairs;
    for (const Tie& t : d.net.ties) pairs[{t.source, t.target}] = 1;
    CHECK(g.edges.size() < pairs.size());
    std::size_t team_ties = 0;
    for (const auto& [pair, one] : pairs)
        team_ties += d.net.people[pair.first].role == "district_team" || d.net.people[pair.second].role == "district_team";
    CHECK(g.edges.size() <= config.ties_per_person * d.net.size() + team_ties);
    std::vector<int> drawn(d.net.size(), 0);
    for (const Diagram::Edge& e : g.edges) ++drawn[e.tail], ++drawn[e.head];
    for (Vertex v = 0; v < d.net.size(); ++v)
        if (!neighbours(d.net, v).empty()) REQUIRE(drawn[v] > 0);  // no one with ties looks isolated
    CHECK(g.title.find("drawn: each person's 2 strongest and every tie to the district team") != std::string::npos);
    const std::string svg = render(g, std::vector<std::string>{"svg"}).front();
    CHECK(svg.find("</svg>") != std::string::npos);
}
