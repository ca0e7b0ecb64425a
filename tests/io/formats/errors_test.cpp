// A malformed network file of each format is reported at its line and column, with a fix.
#include "io/graph_formats.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

namespace {

// The diagnostics of reading `text` as the format of `name`, one per line.
std::string problems(const std::string& name, const std::string& text) {
    try {
        parse_graph(format_for_path(name), name, text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}

}  // namespace

TEST_CASE("GraphML: a DOCTYPE, which could declare an entity that reads /etc/passwd (XXE), is refused", "[io][formats][errors]") {
    const std::string xxe = "<?xml version=\"1.0\"?>\n"
                            "<!DOCTYPE foo [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
                            "<graphml>\n"
                            "  <key id=\"d0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
                            "  <graph edgedefault=\"directed\"><node id=\"a\"><data key=\"d0\">&xxe;</data></node></graph>\n"
                            "</graphml>\n";
    const std::string message = problems("xxe.graphml", xxe);
    CHECK(message == "xxe.graphml:2:1: error: a DOCTYPE declaration is not allowed (its entities could read other files); remove the "
                     "<!DOCTYPE ...> block");
    CHECK(message.find("root:") == std::string::npos);
    CHECK(problems("xxe.gexf", xxe) == "xxe.gexf:2:1: error: a DOCTYPE declaration is not allowed (its entities could read other "
                                       "files); remove the <!DOCTYPE ...> block");
}

TEST_CASE("GraphML: syntax, values, keys, unknown people and structure are reported where they are", "[io][formats][errors]") {
    CHECK(problems("a.graphml", "<graphml>\n  <graph edgedefault=\"directed\">\n    <node id=\"a\">\n  </graph>\n</graphml>\n") ==
          "a.graphml:4:5: error: invalid XML: start-end tags mismatch; check that the file is complete and every tag is closed, near "
          "this place");
    CHECK(problems("a.graphml", "<graphml>\n"
                                "  <key id=\"d0\" for=\"node\" attr.name=\"age\" attr.type=\"int\"/>\n"
                                "  <graph edgedefault=\"directed\">\n"
                                "    <node id=\"a\"><data key=\"d0\">old</data></node>\n"
                                "    <node id=\"b\"/>\n"
                                "    <edge source=\"a\" target=\"c\"/>\n"
                                "    <edge source=\"a\" target=\"b\"><data key=\"d1\">2</data></edge>\n"
                                "  </graph>\n"
                                "</graphml>\n") ==
          "a.graphml:4:18: error: attribute 'age' of node 'a' must be a whole number, got 'old'; correct the value, or declare the "
          "attribute with another type\n"
          "a.graphml:6:5: error: unknown person 'c'; add a node with this id, or correct the tie\n"
          "a.graphml:7:33: error: <data> uses the key 'd1', which no <key> declares; declare it with <key id=\"d1\" ...>, or remove the "
          "data");
    CHECK(problems("a.graphml", "<graphml>\n"
                                "  <key id=\"w\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                                "  <graph edgedefault=\"undirected\">\n"
                                "    <node id=\"a\"/>\n"
                                "    <node id=\"a\"/>\n"
                                "    <node id=\"b\"/>\n"
                                "    <edge source=\"a\" target=\"b\"><data key=\"w\">-1</data></edge>\n"
                                "  </graph>\n"
                                "</graphml>\n") ==
          "a.graphml:5:5: error: duplicate id 'a', first used on line 4; give each person one unique id\n"
          "a.graphml:7:33: error: weight must be a positive number, got '-1'; write a number above 0, such as 1, 2 or 0.5");
    CHECK(problems("a.graphml", "<graphml>\n  <graph edgedefault=\"sideways\"/>\n</graphml>\n") ==
          "a.graphml:2:3: error: edgedefault must be directed or undirected, got 'sideways'; correct it");
    CHECK(problems("a.graphml", "<graphml>\n  <graph edgedefault=\"directed\">\n    <node id=\"a\"><graph/></node>\n    <hyperedge/>\n"
                                "  </graph>\n</graphml>\n") ==
          "a.graphml:3:18: error: nested graphs are not supported; flatten the graph so that every node is a person\n"
          "a.graphml:4:5: error: hyperedges are not supported; replace each hyperedge by edges between two nodes");
    CHECK(problems("a.graphml", "<gexf/>") ==
          "a.graphml:1:1: error: the file starts with <gexf>, not <graphml>; check that this is a GraphML file, or give its format with "
          "--from");
    CHECK(problems("a.graphml", "<graphml>\n  <graph edgedefault=\"directed\"/>\n</graphml>\xff\n") ==
          "a.graphml:3:11: error: byte 0xFF is not valid UTF-8; save the file as UTF-8");
    CHECK(problems("a.graphml", "\n  \n") == "a.graphml: error: the file is empty; save or export the network into it again");
}

TEST_CASE("GEXF: undeclared attributes, bad values, unknown people and bad weights", "[io][formats][errors]") {
    CHECK(problems("a.gexf", "<gexf>\n"
                             "  <graph defaultedgetype=\"directed\">\n"
                             "    <attributes class=\"node\"><attribute id=\"0\" title=\"age\" type=\"integer\"/></attributes>\n"
                             "    <nodes>\n"
                             "      <node id=\"a\"><attvalues><attvalue for=\"0\" value=\"x\"/><attvalue for=\"9\" value=\"1\"/></attvalues></node>\n"
                             "    </nodes>\n"
                             "  </graph>\n"
                             "</gexf>\n") ==
          "a.gexf:5:60: error: <attvalue> names the attribute '9', which no <attribute> declares; declare it in <attributes>, or remove "
          "the value\n"
          "a.gexf:5:31: error: attribute 'age' of node 'a' must be a whole number, got 'x'; correct the value, or declare the attribute "
          "with another type");
    CHECK(problems("a.gexf", "<gexf>\n"
                             "  <graph defaultedgetype=\"directed\">\n"
                             "    <nodes><node id=\"a\"/><node id=\"b\"/></nodes>\n"
                             "    <edges>\n"
                             "      <edge id=\"0\" source=\"a\" target=\"z\" weight=\"abc\"/>\n"
                             "    </edges>\n"
                             "  </graph>\n"
                             "</gexf>\n") ==
          "a.gexf:5:7: error: unknown person 'z'; add a node with this id, or correct the tie\n"
          "a.gexf:5:7: error: weight must be a positive number, got 'abc'; write a number above 0, such as 1, 2 or 0.5");
    CHECK(problems("a.gexf", "<gexf>\n  <graph defaultedgetype=\"both\"/>\n</gexf>\n") ==
          "a.gexf:2:3: error: defaultedgetype must be directed, undirected or mutual, got 'both'; correct it");
}

TEST_CASE("Pajek: sections, vertex numbers, labels, weights and sizes", "[io][formats][errors]") {
    CHECK(problems("a.net", "*Vertices 2000000000\n") ==
          "a.net:1:11: error: 2000000000 people is more than staffnet reads (100000); check the number, or split the network");
    CHECK(problems("a.net", "*Vertices 3\n1 \"a\"\n2 \"b\n") ==
          "a.net:3:3: error: a quoted label is never closed; add the closing quote (\") on the same line");
    CHECK(problems("a.net", "*Vertices 3\n1 \"a\"\n2 \"b\"\n*Arcs\n1 4 1\n2 x\n1 2 -3\n") ==
          "a.net:5:3: error: vertex '4' is not a number from 1 to 3; use the vertex numbers of the *Vertices list\n"
          "a.net:6:3: error: vertex 'x' is not a number from 1 to 3; use the vertex numbers of the *Vertices list\n"
          "a.net:7:5: error: weight must be a positive number, got '-3'; write a number above 0, such as 1, 2 or 0.5");
    CHECK(problems("a.net", "*Vertices 2\n1 \"a\"\n2 \"a\"\n") ==
          "a.net:3:1: error: duplicate id 'a', first used on line 2; give each person one unique id");
    CHECK(problems("a.net", "*Partition test\n") ==
          "a.net:1:1: error: unknown section '*Partition'; a .net file holds *Vertices, then *Arcs or *Edges; save partitions and vectors "
          "separately");
    CHECK(problems("a.net", "% made by hand\n1 2\n") ==
          "a.net:2:1: error: the network does not start with *Vertices; start it with *Vertices n, where n is the number of people");
    CHECK(problems("a.net", "*Vertices 2 1\n") == "a.net:1:13: error: two-mode networks (*Vertices n m) are not supported; give one set of people");
    CHECK(problems("a.net", "*Vertices 2\n*Matrix\n0 1\n1\n") == "a.net:4:1: error: a matrix row needs 2 values, found 1; give one value per vertex");
}

TEST_CASE("UCINET DL: header, formats, labels, values and sizes", "[io][formats][errors]") {
    CHECK(problems("a.dl", "graph N=2\n") ==
          "a.dl:1:1: error: a UCINET DL file starts with DL, found 'graph'; check the format of the file, or give it with --from");
    CHECK(problems("a.dl", "DL N=2000000000\n") ==
          "a.dl:1:6: error: 2000000000 people is more than staffnet reads (100000); check the number, or split the network");
    CHECK(problems("a.dl", "DL NR=2 NC=3\n") == "a.dl:1:4: error: two-mode data (NR, NC) is not supported; give one set of people with N=");
    CHECK(problems("a.dl", "DL N=3\nFORMAT = upperhalf\nDATA:\n") ==
          "a.dl:2:10: error: format 'upperhalf' is not supported; use fullmatrix, edgelist1 or nodelist1");
    CHECK(problems("a.dl", "DL N=3\nFORMAT = FULLMATRIX\nDATA:\n0 1 0\n0 0 1\n") ==
          "a.dl:5: error: the file ends before all matrix values; give 3 rows of 3 values");
    CHECK(problems("a.dl", "DL N=3\nFORMAT = EDGELIST1\nDATA:\n1 4\n") ==
          "a.dl:4:3: error: '4' is not a number from 1 to 3; number people 1 to N, or use LABELS EMBEDDED");
    CHECK(problems("a.dl", "DL N=3\nFORMAT = EDGELIST1\nLABELS:\na,b\nDATA:\n1 2\n") ==
          "a.dl:5:1: error: 3 labels are needed, found 2; give one label each");
    CHECK(problems("a.dl", "DL N=2\nFORMAT = FULLMATRIX\nDATA:\n0 x\n0 0\n") ==
          "a.dl:4:3: error: a tie value must be a positive number or 0, got 'x'; write 0 for no tie");
    CHECK(problems("a.dl", "DL N=2\nDATA:\n0 1\n1 0\n1\n") == "a.dl:5:1: error: more values than a 2 by 2 matrix holds; check N and NM");
    CHECK(problems("a.dl", "DL\nFORMAT = FULLMATRIX\nDATA:\n") ==
          "a.dl:3:1: error: the header does not give N, the number of people; write DL N=12 on the first line");
    CHECK(problems("a.dl", "DL N=2\nFORMAT = EDGELIST1\nLABELS EMBEDDED:\nDATA:\na b\nb c\n") ==
          "a.dl:6:3: error: 'c' is not one of the 2 labels; use the labels of the header");
}

TEST_CASE("adjacency CSV: the rows must follow the columns and hold numbers", "[io][formats][errors]") {
    CHECK(problems("a.adj.csv", "id,a,b\na,0,1\nc,0,0\n") ==
          "a.adj.csv:3:1: error: row 2 is 'c', but column 3 is 'b'; list the rows in the order of the columns");
    CHECK(problems("a.adj.csv", "id,a,b\na,0,-1\nb,x,0\n") ==
          "a.adj.csv:2:3: error: a tie value must be a positive number, 0 or blank, got '-1'; write 0 or leave the cell blank for no tie\n"
          "a.adj.csv:3:2: error: a tie value must be a positive number, 0 or blank, got 'x'; write 0 or leave the cell blank for no tie");
    CHECK(problems("a.adj.csv", "id,a,b\na,0,1\n") ==
          "a.adj.csv:1: error: 2 columns of people but 1 rows; give one row per person, in the order of the columns");
    CHECK(problems("a.adj.csv", "id,a,a\na,0,1\na,0,0\n") == "a.adj.csv:1:3: error: column 'a' appears twice; rename or remove one of them");
}

TEST_CASE("JSON node-link: syntax, ids, unknown people and weights are placed at their line and column", "[io][formats][errors]") {
    CHECK(problems("a.json", "{\"nodes\": [\n  {\"id\": \"a\"}\n  {\"id\": \"b\"}\n]}\n") ==
          "a.json:3:3: error: invalid JSON: syntax error while parsing array - unexpected '{', expected ']'; check the brackets, commas "
          "and quotes near this place");
    CHECK(problems("a.json", "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"},\n  {\"name\": \"c\"}]}\n") ==
          "a.json:2:3: error: a node has no \"id\" (a string or a number); give every node an id");
    CHECK(problems("a.json", "{\"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\": \"a\"}\n]}\n") ==
          "a.json:3:3: error: duplicate id 'a', first used on line 2; give each person one unique id");
    CHECK(problems("a.json", "{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n \"links\": [{\"source\": \"a\", \"target\": \"z\"},\n"
                             "  {\"source\": \"a\", \"target\": \"b\", \"weight\": \"heavy\"}]}\n") ==
          "a.json:2:12: error: unknown person 'z'; add a node with this id, or correct the tie\n"
          "a.json:3:3: error: weight must be a positive number, got 'heavy'; write a number above 0, such as 1, 2 or 0.5");
    CHECK(problems("a.json", "[1, 2]\n") ==
          "a.json:1:1: error: a node-link file is an object with a \"nodes\" list; write it as {\"nodes\": [...], \"links\": [...]}");
    CHECK(problems("a.json", "{\"nodes\": [], \"directed\": \"yes\"}\n") == "a.json:1:1: error: \"directed\" must be true or false; correct it");
}

TEST_CASE("a file ending that names no format is refused with the choices", "[io][formats][errors]") {
    CHECK_THROWS_WITH(format_for_path("net.xml"),
                      "net.xml: error: unknown network file type '.xml'; use .graphml, .gexf, .net (Pajek), .dl (UCINET), .json "
                      "(node-link), .adj.csv (adjacency matrix), or .csv or a folder for people.csv + ties.csv; or name the format with "
                      "--from/--to");
    CHECK_THROWS_WITH(format_named("pajeck", "--to"), "--to: error: unknown format 'pajeck' (did you mean 'pajek'?); use one of csv, "
                                                      "graphml, gexf, pajek, dl, adjacency, json");
    CHECK(format_for_path("Network.GraphML") == GraphFormat::graphml);
    CHECK(format_for_path("ties.csv") == GraphFormat::staffnet_csv);
    CHECK(format_for_path("m.adj.csv") == GraphFormat::adjacency_csv);
    CHECK(format_for_path("out/converted") == GraphFormat::staffnet_csv);
}

TEST_CASE("a full matrix of more than 5000 people is neither written nor read", "[io][formats][errors]") {
    GraphFile big;
    for (int i = 0; i < 5001; ++i) big.nodes.push_back({"p" + std::to_string(i), {}, {}});
    big.ties = {{0, 1, "advice", 1, "", {}}, {1, 2, "friendship", 1, "", {}}};
    std::vector<std::string> dropped;
    CHECK_THROWS_WITH(write_graph(GraphFormat::adjacency_csv, big, dropped),
                      "an adjacency matrix of 5001 people would hold 25010001 cells a relation, more than staffnet writes (a matrix of "
                      "5000 people); write GraphML, GEXF, Pajek or JSON instead");
    CHECK_THROWS_WITH(write_graph(GraphFormat::ucinet_dl, big, dropped),
                      "a UCINET DL file of several relations (one full matrix each) of 5001 people would hold 25010001 cells a relation, "
                      "more than staffnet writes (a matrix of 5000 people); write GraphML, GEXF, Pajek or JSON instead");
    big.ties.pop_back();  // one relation: DL writes an edge list
    CHECK(write_graph(GraphFormat::ucinet_dl, big, dropped).substr(0, 37) == "DL N=5001\nFORMAT = EDGELIST1\nLABELS:\n");
    std::string header = "id";
    for (int i = 0; i < 5001; ++i) header += ",p" + std::to_string(i);
    CHECK(problems("big.adj.csv", header + "\n") == "big.adj.csv:1: error: an adjacency matrix of 5001 people is more than staffnet reads "
                                                   "(5000); save the network as an edge list (source,target,weight) or as GraphML");
}
