// A graph file as a district's data (data: network:) and as the input of `staffnet metrics`.
#include "config/analysis.hpp"
#include "io/district.hpp"
#include "io/graph_formats.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;
using test::fixture;

namespace {
std::string district(const std::string& name) { return fixture("io/formats/district/" + name); }
}  // namespace

TEST_CASE("data: network: reads people and ties from one GraphML file", "[io][formats][config]") {
    const AnalysisConfig config = load_analysis(district("config.yaml"));
    CHECK(config.network_file == district("district.graphml"));
    CHECK(config.people == config.network_file);  // so that no output may overwrite it
    CHECK(config.ties == config.network_file);
    const District d = load_district(config);
    const Network& net = d.network;
    REQUIRE(net.size() == 4);
    CHECK(net.people[1].name == "Bo Chen");
    CHECK(net.people[1].role == "school_leader");
    CHECK(net.people[1].school == "S1");
    CHECK(net.attribute_names == std::vector<std::string>{"years"});
    CHECK(net.people[2].attributes == std::vector<std::string>{""});  // Cy's years are missing
    CHECK_FALSE(net.directed());  // as the file says
    REQUIRE(net.ties.size() == 3);
    const auto social = std::find_if(net.ties.begin(), net.ties.end(), [&](const Tie& t) { return net.options.types[t.type].name == "social"; });
    REQUIRE(social != net.ties.end());
    CHECK(social->weight == 2);
    CHECK(net.people[social->source].id == "P2");
    CHECK(d.warnings.empty());
}

TEST_CASE("data: network: the config's network.directed overrides the file, with a warning", "[io][formats][config]") {
    const District d = load_district(load_analysis(district("directed.yaml")));
    CHECK(d.network.directed());
    REQUIRE(d.warnings.size() == 1);
    CHECK(format(d.warnings[0]) == district("directed.yaml") + ": warning: " + district("district.graphml") +
                                       " is undirected; network.directed: true reads each tie as an arc from the first person named to "
                                       "the second; remove network.directed from the config to use the file's direction");
}

TEST_CASE("data: network: problems of the graph file are placed in it", "[io][formats][config]") {
    CHECK_THROWS_WITH(load_district(load_analysis(district("unknown_type.yaml"))),
                      district("unknown_type.graphml") + ":8:5: error: unknown tie type 'advice'; use one of shared_project, "
                                                         "past_collaboration, contact_exchange, social, or declare it under tie_types in the config");
    CHECK_THROWS_WITH(load_analysis(district("both.yaml")),
                      district("both.yaml") + ":3:12: error: data: network holds both people and ties, so it replaces people and ties; "
                                              "remove data: people and data: ties, or data: network");
    const GraphFile roles = parse_graph(GraphFormat::graphml, "r.graphml",
                                        "<graphml>\n  <key id=\"r\" for=\"node\" attr.name=\"role\" attr.type=\"string\"/>\n"
                                        "  <graph edgedefault=\"directed\">\n    <node id=\"P1\"><data key=\"r\">principal</data></node>\n"
                                        "  </graph>\n</graphml>\n");
    CHECK_THROWS_WITH(people_table(roles, true), "r.graphml:4:5: error: unknown role 'principal'; use one of district_team, school_leader, "
                                                 "staff, other");
    CHECK(people_table(roles, false).people[0].role == "principal");  // research data keeps any role
}

TEST_CASE("staffnet validate and metrics read a graph file", "[io][formats][config][cli]") {
    const test::Run validate = test::run({"validate", district("config.yaml")});
    CHECK(validate.code == 0);
    CHECK(validate.out == "loaded " + district("config.yaml") +
                              ": 4 people (1 district_team, 1 school_leader, 2 staff), 3 ties (1 shared_project, 1 contact_exchange, "
                              "1 social), 0 schools; undirected network\nok: no errors found\n");
    const test::Run graph = test::run({"metrics", fixture("io/formats/golden/padgett_florentine.graphml"), "--metrics", "degree"});
    CHECK(graph.code == 0);
    CHECK(graph.err.empty());
    CHECK(graph.out.substr(0, graph.out.find('\n')) == "id,name,role,school,degree");
    // NetworkX: nx.Graph(nx.read_graphml(...)).degree("F09") == 8 marriage or business partners of the Medici
    CHECK(graph.out.find("\nF09,MEDICI,,,8\n") != std::string::npos);
}
