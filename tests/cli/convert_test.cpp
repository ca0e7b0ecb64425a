// staffnet convert IN OUT: formats by ending, what was dropped, and files it must not overwrite.
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace staffnet;
using test::run;
using test::shared_data;
using test::slurp;
namespace fs = std::filesystem;

namespace {
std::string golden(const std::string& name) { return test::fixture("io/formats/golden/" + name); }
}  // namespace

TEST_CASE("convert writes a dataset as the golden GraphML and says nothing was dropped", "[cli][convert]") {
    const std::string out = test::temp_dir("convert_graphml") + "/zachary.graphml";
    const test::Run r = run({"convert", shared_data("zachary_karate/ties.csv"), out});
    CHECK(r.code == 0);
    CHECK(r.out == "wrote " + out + " (graphml): 34 people, 78 ties, undirected\n");
    CHECK(r.err.empty());
    CHECK(slurp(out) == slurp(golden("zachary_karate.graphml")));
}

TEST_CASE("convert prints what the output format dropped and still succeeds", "[cli][convert]") {
    const std::string out = test::temp_dir("convert_pajek") + "/padgett.net";
    const test::Run r = run({"convert", golden("padgett_florentine.graphml"), out});
    CHECK(r.code == 0);
    CHECK(r.err == "staffnet: note: Pajek keeps only each person's id: dropped the attributes name, wealth, priorates, total_ties\n");
    CHECK(slurp(out) == slurp(golden("padgett_florentine.net")));
}

TEST_CASE("convert refuses to replace a file unless --force, and never replaces its input", "[cli][convert]") {
    const std::string dir = test::temp_dir("convert_force");
    const std::string out = dir + "/k.json";
    std::ofstream(out) << "mine\n";
    const test::Run refused = run({"convert", golden("krackhardt_hightech.graphml"), out});
    CHECK(refused.code == 1);
    CHECK(refused.err == "staffnet: error: " + out + " already exists; choose another --out, or add --force to replace it\n");
    CHECK(slurp(out) == "mine\n");
    CHECK(run({"convert", golden("krackhardt_hightech.graphml"), out, "--force"}).code == 0);
    CHECK(slurp(out) == slurp(golden("krackhardt_hightech.json")));

    const std::string input = dir + "/k.graphml";
    fs::copy_file(golden("krackhardt_hightech.graphml"), input);
    const test::Run same = run({"convert", input, input, "--force"});
    CHECK(same.code == 1);
    CHECK(same.err == "staffnet: error: refusing to overwrite the input file " + input + "; choose another --out\n");
    CHECK(slurp(input) == slurp(golden("krackhardt_hightech.graphml")));
}

TEST_CASE("convert to a folder writes people.csv and ties.csv, and reads such a folder back", "[cli][convert]") {
    const std::string dir = test::temp_dir("convert_folder");
    const test::Run r = run({"convert", golden("bankwiring_room.gexf"), dir + "/csv"});
    CHECK(r.code == 0);
    CHECK(r.out == "wrote " + dir + "/csv (csv): 14 people, 110 ties, directed\n");
    CHECK(r.err == "staffnet: note: ties.csv does not record direction: set network.directed: true in the config (or pass --directed) "
                   "when reading it back\n");
    CHECK(slurp(dir + "/csv/people.csv") == slurp(shared_data("bankwiring_room/people.csv")));
    CHECK(slurp(dir + "/csv/ties.csv") == slurp(shared_data("bankwiring_room/ties.csv")));
    // and back: the folder as input (people.csv inside it), directed again
    const test::Run back = run({"convert", dir + "/csv", dir + "/back.gexf", "--directed"});
    CHECK(back.code == 0);
    CHECK(slurp(dir + "/back.gexf") == slurp(golden("bankwiring_room.gexf")));
}

TEST_CASE("convert reads a ties.csv with no people.csv beside it: the people are its ids", "[cli][convert]") {
    const std::string dir = test::temp_dir("convert_ids");
    std::ofstream(dir + "/edges.csv") << "source,target,weight\nb,a,2\nc,a,1\n";
    const test::Run r = run({"convert", dir + "/edges.csv", dir + "/e.net"});
    CHECK(r.code == 0);
    CHECK(slurp(dir + "/e.net") == "*Vertices 3\n1 \"b\"\n2 \"a\"\n3 \"c\"\n*Edges\n1 2 2\n3 2 1\n");
}

TEST_CASE("convert names the formats with --from and --to when the endings do not", "[cli][convert]") {
    const std::string dir = test::temp_dir("convert_from_to");
    fs::copy_file(golden("zachary_karate.dl"), dir + "/karate.txt");
    const test::Run r = run({"convert", dir + "/karate.txt", dir + "/karate.out", "--from", "dl", "--to", "adjacency"});
    CHECK(r.code == 0);
    CHECK(slurp(dir + "/karate.out") == slurp(golden("zachary_karate.adj.csv")));
}

TEST_CASE("convert stops with exit 2 and writes nothing on a bad input or an unknown ending", "[cli][convert]") {
    const std::string dir = test::temp_dir("convert_bad");
    std::ofstream(dir + "/bad.net") << "*Vertices 2\n1 \"a\"\n*Arcs\n1 3\n";
    const test::Run bad = run({"convert", dir + "/bad.net", dir + "/out.graphml"});
    CHECK(bad.code == 2);
    CHECK(bad.err == dir + "/bad.net:4:3: error: vertex '3' is not a number from 1 to 2; use the vertex numbers of the *Vertices list\n"
                           "staffnet: stopped; no output was written\n");
    CHECK_FALSE(fs::exists(dir + "/out.graphml"));

    const test::Run ending = run({"convert", golden("zachary_karate.graphml"), dir + "/out.xml"});
    CHECK(ending.code == 2);
    CHECK(ending.err.rfind(dir + "/out.xml: error: unknown network file type '.xml'; use .graphml", 0) == 0);
    CHECK_FALSE(fs::exists(dir + "/out.xml"));

    const test::Run directed = run({"convert", golden("zachary_karate.graphml"), dir + "/out.json", "--directed"});
    CHECK(directed.code == 2);
    CHECK(directed.err == "--directed: error: only a ties.csv input takes --directed; a graphml file says itself who the people are and "
                          "whether ties are directed\nstaffnet: stopped; no output was written\n");
}

TEST_CASE("convert to a .csv path writes one edge list that staffnet metrics reads; a path ending in / is a folder", "[cli][convert]") {
    const std::string dir = test::temp_dir("convert_edge_list");
    std::ofstream(dir + "/in.net") << "*Vertices 4\n1 \"a\"\n2 \"b\"\n3 \"c\"\n4 \"d\"\n*Arcs\n1 2 2 l \"advice\"\n2 3 1 l \"social\"\n";
    const test::Run r = run({"convert", dir + "/in.net", dir + "/out.csv"});
    CHECK(r.code == 0);
    CHECK(r.out == "wrote " + dir + "/out.csv (csv): 4 people, 2 ties, directed\n");
    CHECK(r.err == "staffnet: note: an edge list holds only people with ties: left out 1 person without any (write to a folder, a path "
                   "without an ending, to get people.csv + ties.csv)\n"
                   "staffnet: note: an edge list does not record direction: pass --directed when reading it back\n");
    REQUIRE(fs::is_regular_file(dir + "/out.csv"));
    CHECK(slurp(dir + "/out.csv") == "source,target,weight,type\na,b,2,advice\nb,c,1,social\n");
    const test::Run metrics = run({"metrics", dir + "/out.csv", "--directed", "--metrics", "out_degree"});
    CHECK(metrics.out == "id,name,role,school,out_degree\na,a,,,1\nb,b,,,1\nc,c,,,0\n");

    const test::Run folder = run({"convert", dir + "/in.net", dir + "/out.d/"});
    CHECK(folder.code == 0);
    CHECK(slurp(dir + "/out.d/people.csv") == "id\na\nb\nc\nd\n");
    CHECK(slurp(dir + "/out.d/ties.csv") == "source,target,type,weight\na,b,advice,2\nb,c,social,1\n");
}
