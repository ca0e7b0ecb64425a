// What the readers take from files other programs write, beyond what staffnet writes itself, and
// the warnings that say what they left out.
#include "io/formats/views.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;
using namespace staffnet::test;

namespace {

std::vector<TieView> ties(const std::string& name, const std::string& text) { return view_of(parse_graph(format_for_path(name), name, text)).ties; }

std::vector<std::string> warnings(const GraphFile& g) {
    std::vector<std::string> out;
    for (const Diagnostic& d : g.warnings) out.push_back(format(d));
    return out;
}

}  // namespace

TEST_CASE("Pajek: relations, arc lists, matrices, and edges among arcs", "[io][formats][readers]") {
    const GraphFile g = parse_pajek("p.net", "% Pajek's own multi-relational layout\n"
                                             "*Network test\n"
                                             "*Vertices 3\n"
                                             "1 \"Ann Lee\" 0.1 0.2 0.5\n"
                                             "3 c\n"
                                             "*Arcs :1 \"advice\"\n"
                                             "1 2 2\n"
                                             "*Edges :2 \"friendship\"\n"
                                             "2 3\n"
                                             "*Arcslist\n"
                                             "3 1 2\n"
                                             "*Matrix\n"
                                             "0 0 4\n0 0 0\n0 0 0\n");
    CHECK(view_of(g).ids == std::vector<std::string>{"Ann Lee", "2", "c"});  // vertex 2 has no line: its number is its id
    CHECK(g.directed);
    CHECK(view_of(g).ties == std::vector<TieView>{{"2", "c", "friendship", 1, ""},
                                                  {"Ann Lee", "2", "advice", 2, ""},
                                                  {"Ann Lee", "c", "", 4, ""},
                                                  {"c", "2", "", 1, ""},  // the edge 2-3, one arc each way
                                                  {"c", "2", "friendship", 1, ""},
                                                  {"c", "Ann Lee", "", 1, ""}});
    CHECK(warnings(g) == std::vector<std::string>{
                             "p.net: warning: the network mixes directed and undirected ties: each of the 1 undirected ties is read as two, one each way",
                             "p.net: warning: vertex coordinates and shapes were left out"});
}

TEST_CASE("UCINET DL: full matrices with embedded labels, node lists, several edge lists", "[io][formats][readers]") {
    const GraphFile full = parse_ucinet_dl("f.dl", "dl n=3, nm=2\n"
                                                   "format = fullmatrix diagonal absent\n"
                                                   "labels embedded\n"
                                                   "matrix labels:\nadvice, friendship\n"
                                                   "data:\n"
                                                   "   a b c\na    1 0\nb 0    0\nc 0 0\n"
                                                   "   a b c\na    1 0\nb 1    0\nc 0 0\n");
    CHECK(full.directed);  // advice goes one way
    CHECK(view_of(full).ids == std::vector<std::string>{"a", "b", "c"});
    CHECK(view_of(full).ties == std::vector<TieView>{{"a", "b", "advice", 1, ""}, {"a", "b", "friendship", 1, ""}, {"b", "a", "friendship", 1, ""}});

    const GraphFile nodes = parse_ucinet_dl("n.dl", "DL N=4\nFORMAT = NODELIST1\nLABELS:\n\"Ann Lee\" b c d\nDATA:\n1 2 3\n2 1\n3 1\n");
    CHECK_FALSE(nodes.directed);  // every tie goes both ways
    CHECK(view_of(nodes).ids == std::vector<std::string>{"Ann Lee", "b", "c", "d"});
    CHECK(view_of(nodes).ties == std::vector<TieView>{{"Ann Lee", "b", "", 1, ""}, {"Ann Lee", "c", "", 1, ""}});

    const GraphFile lists = parse_ucinet_dl("e.dl", "DL N=3 NM=2\nFORMAT = EDGELIST1\nLABELS EMBEDDED:\nDATA:\nx y 2.5\ny z\n!\nz x 3\nz x 4\n");
    CHECK(view_of(lists).ids == std::vector<std::string>{"x", "y", "z"});
    CHECK(view_of(lists).ties == std::vector<TieView>{{"x", "y", "matrix_1", 2.5, ""}, {"y", "z", "matrix_1", 1, ""}, {"z", "x", "matrix_2", 4, ""}});
    CHECK(warnings(lists) == std::vector<std::string>{"e.dl: warning: 1 matrix cells were given twice; the later value is kept"});
}

TEST_CASE("GraphML: igraph's id attribute, defaults, mixed direction, and what is left out", "[io][formats][readers]") {
    const GraphFile g = parse_graphml("g.graphml", "<graphml>\n"
                                                   "  <key id=\"v_id\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>\n"
                                                   "  <key id=\"v_ok\" for=\"node\" attr.name=\"ok\" attr.type=\"boolean\"><default>True</default></key>\n"
                                                   "  <key id=\"e_w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                                                   "  <key id=\"e_c\" for=\"edge\" attr.name=\"colour\" attr.type=\"string\"/>\n"
                                                   "  <key id=\"g\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
                                                   "  <graph edgedefault=\"undirected\">\n"
                                                   "    <node id=\"n0\"><data key=\"v_id\">P1</data><data key=\"g\"><shape/></data></node>\n"
                                                   "    <node id=\"n1\"><data key=\"v_id\">P2</data><data key=\"v_ok\">0</data></node>\n"
                                                   "    <edge source=\"n0\" target=\"n1\" directed=\"true\"><data key=\"e_w\">1.5</data></edge>\n"
                                                   "    <edge source=\"n1\" target=\"n0\"><data key=\"e_c\">red</data></edge>\n"
                                                   "  </graph>\n"
                                                   "</graphml>\n");
    const View v = view_of(g);
    CHECK(v.ids == std::vector<std::string>{"P1", "P2"});
    CHECK(v.attributes.at("ok") == std::vector<std::string>{"true", "false"});  // the default, then 0 as a boolean
    CHECK(g.directed);
    CHECK(v.ties == std::vector<TieView>{{"P1", "P2", "", 1, ""}, {"P1", "P2", "", 1.5, ""}, {"P2", "P1", "", 1, ""}});
    CHECK(warnings(g) == std::vector<std::string>{
                             "g.graphml: warning: the network mixes directed and undirected ties: each of the 1 undirected ties is read as two, one each way",
                             "g.graphml: warning: tie attributes other than type, weight and wave were left out: colour",
                             "g.graphml: warning: <data> holding markup (such as yEd graphics) was left out"});
}

TEST_CASE("GEXF: labels as names, mutual edges, GEXF 1.1 attribute values", "[io][formats][readers]") {
    const GraphFile g = parse_gexf("g.gexf", "<gexf xmlns=\"http://www.gexf.net/1.1draft\">\n"
                                             "  <graph defaultedgetype=\"directed\">\n"
                                             "    <attributes class=\"node\"><attribute id=\"0\" title=\"years\" type=\"float\"><default>1</default></attribute></attributes>\n"
                                             "    <attributes class=\"edge\"><attribute id=\"0\" title=\"colour\" type=\"string\"/></attributes>\n"
                                             "    <nodes>\n"
                                             "      <node id=\"P1\" label=\"Ann Lee\"><attvalues><attvalue id=\"0\" value=\"2.5\"/></attvalues></node>\n"
                                             "      <node id=\"P2\" label=\"Bo Chen\"/>\n"
                                             "    </nodes>\n"
                                             "    <edges><edge source=\"P1\" target=\"P2\" type=\"mutual\" weight=\"3\">"
                                             "<attvalues><attvalue for=\"0\" value=\"red\"/></attvalues></edge></edges>\n"
                                             "  </graph>\n"
                                             "</gexf>\n");
    const View v = view_of(g);
    CHECK(v.attributes.at("name") == std::vector<std::string>{"Ann Lee", "Bo Chen"});
    CHECK(v.attributes.at("years") == std::vector<std::string>{"2.5", "1"});
    CHECK(v.ties == std::vector<TieView>{{"P1", "P2", "", 3, ""}, {"P2", "P1", "", 3, ""}});
    CHECK(warnings(g) == std::vector<std::string>{"g.gexf: warning: tie attributes other than type, weight and wave were left out: colour"});
}

TEST_CASE("JSON node-link: numeric ids, an edges list, missing and nested values", "[io][formats][readers]") {
    const GraphFile g = parse_node_link("g.json", R"({"directed": false, "nodes": [{"id": 1, "age": 30, "tags": ["a"]}, {"id": 2, "age": null}],
                                                      "edges": [{"source": 1, "target": 2, "weight": 2, "key": 0, "colour": "red"}]})");
    const View v = view_of(g);
    CHECK(v.ids == std::vector<std::string>{"1", "2"});
    CHECK(v.attributes.at("age") == std::vector<std::string>{"30", ""});
    CHECK(v.ties == std::vector<TieView>{{"1", "2", "", 2, ""}});
    CHECK(warnings(g) == std::vector<std::string>{"g.json: warning: node attributes that are lists or objects were left out: tags",
                                                  "g.json: warning: tie attributes other than type, weight and wave were left out: colour"});
}

TEST_CASE("adjacency CSV: a blank corner, blank cells, and a symmetric matrix read as undirected", "[io][formats][readers]") {
    CHECK(ties("a.adj.csv", ",a,b,c\na,,2,\nb,2,,1\nc,,1,\n") == std::vector<TieView>{{"a", "b", "", 2, ""}, {"b", "c", "", 1, ""}});
    CHECK_FALSE(parse_adjacency("a.adj.csv", "id;a;b\na;0;1\nb;1;0\n").directed);  // a spreadsheet's semicolons
    CHECK(parse_adjacency("a.adj.csv", "id,a,b\na,0,1\nb,0,0\n").directed);
}
