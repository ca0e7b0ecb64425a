// Files as researchers' tools write them: igraph's GraphML names, NetworkX's Pajek attributes, and
// UCINET DL edge lists (SYMMETRIC YES, embedded labels). Fixtures and the peers' view of them
// (expected.json) come from researcher/make_researcher_fixtures.py.
#include "engine/centrality.hpp"
#include "engine/graph_measures.hpp"
#include "io/edgelist.hpp"
#include "io/formats/views.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using namespace staffnet;
using namespace staffnet::test;

namespace {

std::string researcher(const std::string& name) { return fixture("io/formats/researcher/" + name); }
const nlohmann::json& expected() {
    static const nlohmann::json json = nlohmann::json::parse(slurp(researcher("expected.json")));
    return json;
}

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics) out.push_back(format(d));
    return out;
}

}  // namespace

TEST_CASE("igraph's GraphML: the vertex attribute name is the person's id when unique", "[io][formats][researcher]") {
    const nlohmann::json& peer = expected()["kite.igraph.graphml"];  // python-igraph Read_GraphML
    const GraphFile g = read_graph_file(researcher("kite.igraph.graphml"), GraphFormat::graphml);
    std::vector<std::string> ids;
    for (const GraphNode& n : g.nodes) ids.push_back(n.id);
    CHECK(ids == peer["names"].get<std::vector<std::string>>());
    CHECK(g.warnings.empty());
    std::vector<Diagnostic> warnings;
    const Network net = read_edge_list(researcher("kite.igraph.graphml"), {}, warnings);
    const VertexScores d = degree(net);
    for (std::size_t v = 0; v < net.size(); ++v) {
        INFO(net.people[v].id);
        CHECK(d[v] == peer["degree"][net.people[v].id].get<double>());
    }
    CHECK(net.tie_count() == peer["ties"].get<std::size_t>());

    SECTION("a repeated name keeps igraph's node ids, with a warning") {
        const std::string text = "<graphml><key id=\"v_name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>"
                                 "<graph edgedefault=\"undirected\"><node id=\"n0\"><data key=\"v_name\">T. Yazzie</data></node>"
                                 "<node id=\"n1\"><data key=\"v_name\">T. Yazzie</data></node><edge source=\"n0\" target=\"n1\"/></graph></graphml>";
        const GraphFile same = parse_graphml("same.graphml", text);
        CHECK(same.nodes[0].id == "n0");
        CHECK(same.nodes[1].id == "n1");
        CHECK(messages(same.warnings) == std::vector<std::string>{"same.graphml: warning: the name 'T. Yazzie' is used by nodes 'n0' and "
                                                                  "'n1', so people keep igraph's node ids n0, n1, ..."});
    }
    SECTION("NetworkX's node ids are kept: a name beside them is only a name") {
        const GraphFile padgett = read_graph_file(fixture("io/formats/fixtures/padgett_florentine.networkx.graphml"), GraphFormat::graphml);
        CHECK(padgett.nodes[0].id == "F01");
    }
}

TEST_CASE("UCINET DL: SYMMETRIC YES makes an edge list that lists each tie once undirected", "[io][formats][researcher]") {
    const nlohmann::json& peer = expected()["kite_symmetric.dl"];  // NetworkX Graph of the same pairs
    std::vector<Diagnostic> warnings;
    const Network net = read_edge_list(researcher("kite_symmetric.dl"), {}, warnings);
    CHECK_FALSE(net.directed());
    CHECK(net.tie_count() == peer["ties"].get<std::size_t>());
    CHECK(density(net) == Approx(peer["density"].get<double>()));
    CHECK(reciprocity(net) == 1.0);
    const VertexScores d = degree(net);
    for (std::size_t v = 0; v < net.size(); ++v) CHECK(d[v] == peer["degree"][net.people[v].id].get<double>());

    SECTION("without the keyword the list is directed (18 arcs, none returned); --undirected reads it as the kite") {
        std::string text = slurp(researcher("kite_symmetric.dl"));
        text.erase(text.find("SYMMETRIC YES\n"), 14);
        const GraphFile arcs = parse_ucinet_dl("kite.dl", text);
        CHECK(arcs.directed);
        CHECK(arcs.ties.size() == 18);
        const std::string dir = temp_dir("dl_undirected");
        std::ofstream(dir + "/kite.dl") << text;
        const Network directed = read_edge_list(dir + "/kite.dl", {}, warnings);
        CHECK(reciprocity(directed) == 0.0);
        const Network undirected = read_edge_list(dir + "/kite.dl", {.directed = false}, warnings);
        CHECK(undirected.tie_count() == peer["ties"].get<std::size_t>());
        CHECK(density(undirected) == Approx(peer["density"].get<double>()));
        CHECK(messages(warnings) ==
              std::vector<std::string>{dir + "/kite.dl: warning: the file is directed; --undirected reads each arc as a tie (a pair tied "
                                             "both ways is one tie, with the larger weight); leave out --directed/--undirected to use the "
                                             "file's direction"});
    }
    SECTION("a symmetric tie listed both ways is one tie, given twice") {
        const GraphFile g = parse_ucinet_dl("s.dl", "DL N=3 SYMMETRIC=YES FORMAT=EDGELIST1\nDATA:\n1 2 3\n2 1 4\n2 3\n");
        CHECK_FALSE(g.directed);
        REQUIRE(g.ties.size() == 2);
        CHECK(g.ties[0].weight == 4.0);  // the later value, as for any cell given twice
        CHECK(messages(g.warnings) == std::vector<std::string>{"s.dl: warning: 1 matrix cells were given twice; the later value is kept"});
        CHECK_THROWS_WITH(parse_ucinet_dl("s.dl", "DL N=3 SYMMETRIC MAYBE\nDATA:\n"),
                          "s.dl:1:18: error: SYMMETRIC must be YES or NO, got 'MAYBE'; correct the header");
    }
}

TEST_CASE("UCINET DL: embedded labels name people in order of first appearance, as UCINET", "[io][formats][researcher]") {
    const GraphFile g = parse_ucinet_dl("e.dl", "dl n=6 format=edgelist1\nlabels embedded\ndata:\n1 5\n5 2\n");
    std::vector<std::string> ids;
    for (const GraphNode& n : g.nodes) ids.push_back(n.id);
    // "1", "5", "2" as they come; the three people the data never name take the free numbers 3, 4, 6
    CHECK(ids == std::vector<std::string>{"1", "5", "2", "3", "4", "6"});
    REQUIRE(g.ties.size() == 2);
    CHECK(g.nodes[g.ties[0].source].id == "1");
    CHECK(g.nodes[g.ties[0].target].id == "5");
    CHECK(g.nodes[g.ties[1].source].id == "5");
    CHECK(g.nodes[g.ties[1].target].id == "2");
    CHECK(messages(g.warnings) ==
          std::vector<std::string>{"e.dl: warning: N=6 but the data name 3 people; the other 3, without ties, are numbered 3, 4, 6"});
}

TEST_CASE("Pajek: the vertex attributes NetworkX writes after the coordinates are read", "[io][formats][researcher]") {
    const nlohmann::json& peer = expected()["schools.networkx.net"];  // NetworkX read_pajek
    const GraphFile g = read_graph_file(researcher("schools.networkx.net"), GraphFormat::pajek);
    REQUIRE(g.attribute("school") >= 0);
    REQUIRE(g.attribute("role") >= 0);
    for (const GraphNode& n : g.nodes) {
        INFO(n.id);
        CHECK(n.values[std::size_t(g.attribute("school"))] == peer[n.id]["school"].get<std::string>());
        CHECK(n.values[std::size_t(g.attribute("role"))] == peer[n.id].value("role", ""));
    }
    CHECK(messages(g.warnings) == std::vector<std::string>{researcher("schools.networkx.net") +
                                                           ": warning: vertex coordinates and shapes were left out"});
    // Pajek's own drawing parameters are layout, not attributes
    const GraphFile drawn = parse_pajek("d.net", "*Vertices 2\n1 \"a\" 0.1 0.2 0.5 box ic Red bc Black school S1\n2 \"b\"\n");
    REQUIRE(drawn.attributes.size() == 1);
    CHECK(drawn.attributes[0].name == "school");
    CHECK(drawn.nodes[0].values[0] == "S1");
    CHECK(drawn.nodes[1].values[0] == "");
}
