// Every dataset of ../shared/data written in every format and read back keeps what the format holds.
#include "io/formats/views.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace staffnet;
using namespace staffnet::test;

namespace {

void round_trip(GraphFormat format, const char* name) {
    for (const std::string& d : datasets) {
        INFO(d << " as " << name);
        const GraphFile source = dataset(d);
        std::vector<std::string> dropped;
        const std::string text = write_graph(format, source, dropped);
        const GraphFile back = parse_graph(format, name, text);
        CHECK(view_of(back) == kept_by(format, source));
        CHECK(back.warnings.empty());
        std::vector<std::string> again;
        CHECK(write_graph(format, back, again) == text);  // what was read writes the same file
    }
}

}  // namespace

TEST_CASE("the datasets read from CSV have the counts their READMEs give", "[io][formats]") {
    const GraphFile lazega = dataset("lazega_lawfirm");
    CHECK(lazega.nodes.size() == 71);
    CHECK(lazega.ties.size() == 892 + 575 + 1104);  // advice, friendship, cowork
    CHECK(lazega.attributes.size() == 9);           // name, status, gender, office, seniority, years_with_firm, age, practice, law_school
    CHECK(lazega.attributes[1].type == ValueType::integer);
    const GraphFile freeman = dataset("freeman_eies");
    CHECK(std::count_if(freeman.ties.begin(), freeman.ties.end(), [](const GraphTie& t) { return t.source == t.target; }) == 20);
    const GraphFile krackhardt = dataset("krackhardt_hightech");
    CHECK(krackhardt.attributes[2].name == "tenure");
    CHECK(krackhardt.attributes[2].type == ValueType::real);  // 9.333 years
    const GraphFile padgett = dataset("padgett_florentine");
    CHECK_FALSE(padgett.directed);
    CHECK(padgett.nodes[2].values[2].empty());  // Barbadori's priorates are missing
}

TEST_CASE("a round trip through GraphML keeps people, typed attributes, ties, weights, types and direction", "[io][formats]") {
    round_trip(GraphFormat::graphml, "x.graphml");
    const GraphFile back = parse_graphml("x.graphml", [] {
        std::vector<std::string> dropped;
        return write_graphml(dataset("krackhardt_hightech"), dropped);
    }());
    CHECK(back.attributes[1].type == ValueType::integer);  // age
    CHECK(back.attributes[2].type == ValueType::real);     // tenure
}

TEST_CASE("a round trip through GEXF keeps everything GraphML keeps", "[io][formats]") { round_trip(GraphFormat::gexf, "x.gexf"); }

TEST_CASE("a round trip through JSON node-link keeps everything GraphML keeps", "[io][formats]") {
    round_trip(GraphFormat::node_link, "x.json");
}

TEST_CASE("a round trip through Pajek keeps people, ties, weights, types and direction, not attributes", "[io][formats]") {
    round_trip(GraphFormat::pajek, "x.net");
}

TEST_CASE("a round trip through UCINET DL keeps one tie per type and pair, typed by matrix labels", "[io][formats]") {
    round_trip(GraphFormat::ucinet_dl, "x.dl");
}

TEST_CASE("a round trip through an adjacency matrix keeps one summed tie per pair", "[io][formats]") {
    round_trip(GraphFormat::adjacency_csv, "x.adj.csv");
}

TEST_CASE("a round trip through people.csv + ties.csv keeps everything", "[io][formats]") {
    for (const std::string& d : datasets) {
        INFO(d);
        const GraphFile source = dataset(d);
        std::vector<std::string> dropped;
        const StaffnetCsv files = write_staffnet_csv(source, dropped);
        const std::string dir = temp_dir("round_trip_" + d);
        std::ofstream(dir + "/people.csv") << files.people;
        std::ofstream(dir + "/ties.csv") << files.ties;
        CHECK(view_of(read_graph_file(dir, GraphFormat::staffnet_csv, {.directed = source.directed})) == view_of(source));
        CHECK(dropped.size() == (source.directed ? 1u : 0u));  // ties.csv does not say it is directed
    }
}

TEST_CASE("the notes say what each format dropped", "[io][formats]") {
    const GraphFile padgett = dataset("padgett_florentine");
    auto notes = [&](GraphFormat f) {
        std::vector<std::string> dropped;
        write_graph(f, padgett, dropped);
        return dropped;
    };
    CHECK(notes(GraphFormat::graphml).empty());
    CHECK(notes(GraphFormat::gexf).empty());
    CHECK(notes(GraphFormat::node_link).empty());
    CHECK(notes(GraphFormat::pajek) ==
          std::vector<std::string>{"Pajek keeps only each person's id: dropped the attributes name, wealth, priorates, total_ties"});
    CHECK(notes(GraphFormat::ucinet_dl) ==
          std::vector<std::string>{"UCINET DL keeps only each person's id: dropped the attributes name, wealth, priorates, total_ties"});
    CHECK(notes(GraphFormat::adjacency_csv) ==
          std::vector<std::string>{"an adjacency matrix holds one relation: dropped the tie types marriage, business; each cell is the "
                                   "sum of the pair's weights over all types",
                                   "an adjacency matrix keeps only each person's id: dropped the attributes name, wealth, priorates, "
                                   "total_ties"});
    // Zachary's names are the ids, so nothing of them is lost; its one tie type is.
    std::vector<std::string> dropped;
    write_graph(GraphFormat::ucinet_dl, dataset("zachary_karate"), dropped);
    CHECK(dropped == std::vector<std::string>{"a UCINET DL file with one matrix names no relation: dropped the tie type 'interaction'",
                                              "UCINET DL keeps only each person's id: dropped the attributes club, support, support_strength"});
}

TEST_CASE("a graph file maps to staffnet's network and back", "[io][formats]") {
    for (const std::string& d : datasets) {
        if (d == "freeman_eies") continue;  // its self-loops are refused by the engine (network.self_ties)
        INFO(d);
        const GraphFile source = dataset(d);
        PeopleTable people = people_table(source, false);
        std::vector<TieType> types;
        const TieTable ties = tie_table(source, people, types, {.require_type = false, .declare_types = true});
        NetworkOptions options;
        options.directed = source.directed;
        options.types = types;
        const Network net = build_network(people.people, people.attribute_names, ties.rows, options);
        CHECK(net.ties.size() == source.ties.size());  // no dataset repeats a tie
        CHECK(view_of(graph_file(net)) == view_of(source));
    }
}

TEST_CASE("Pajek and DL labels cannot hold a double quote or a line break, and say so", "[io][formats]") {
    GraphFile g;
    g.directed = true;
    g.nodes = {{"Ann \"the boss\"", {}, {}}, {"Bo", {}, {}}};
    g.ties = {{0, 1, "line\nbreak", 1, "", {}}};
    std::vector<std::string> dropped;
    CHECK(write_graph(GraphFormat::pajek, g, dropped) == "*Vertices 2\n1 \"Ann 'the boss'\"\n2 \"Bo\"\n*Arcs\n1 2 1 l \"line break\"\n");
    CHECK(dropped == std::vector<std::string>{"Pajek labels cannot hold a double quote or a line break: each quote was written as a single "
                                              "quote, each line break as a space"});
    dropped.clear();
    CHECK(write_graph(GraphFormat::ucinet_dl, g, dropped) == "DL N=2\nFORMAT = EDGELIST1\nLABELS:\n\"Ann 'the boss'\"\nBo\nDATA:\n1 2 1\n");
    CHECK(dropped.back() == "UCINET DL labels cannot hold a double quote or a line break: each quote was written as a single quote, each "
                            "line break as a space");
}
