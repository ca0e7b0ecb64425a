// staffnet metrics: people.csv found beside the edge list, and the direction a user asks for.
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace staffnet;
using test::run;

namespace {
// The value of one measure in `metrics --summary` CSV output ("" when absent).
std::string summary_value(const std::string& out, const std::string& measure) {
    const std::string key = "\n" + measure + ",";
    const std::size_t at = out.find(key);
    if (at == std::string::npos) return "";
    const std::size_t start = at + key.size();
    return out.substr(start, out.find('\n', start) - start);
}
}  // namespace

TEST_CASE("metrics takes the people from people.csv beside the edge list, and says so", "[cli][metrics]") {
    const std::string dir = test::temp_dir("metrics_beside");
    std::ofstream(dir + "/ties.csv") << "source,target\na,b\n";
    std::ofstream(dir + "/people.csv") << "id,name\na,Ann\nb,Bo\nc,Cy\nd,Di\n";
    const test::Run r = run({"metrics", dir + "/ties.csv", "--metrics", "degree", "--summary"});
    CHECK(r.code == 0);
    CHECK(r.err == "staffnet: note: people from " + dir + "/people.csv (beside the edge list), people without ties included; pass --people "
                                                          "FILE to use another file\n");
    CHECK(r.out.substr(0, r.out.find("\n\n")) == "id,name,role,school,degree\na,Ann,,,1\nb,Bo,,,1\nc,Cy,,,0\nd,Di,,,0");
    // 4 people, 1 tie of the 6 possible: density 1/6; c and d are isolates
    CHECK(summary_value(r.out, "nodes") == "4");
    CHECK(std::stod(summary_value(r.out, "density")) == Approx(1.0 / 6.0));
    CHECK(summary_value(r.out, "isolates") == "2");

    // --people names another file; without a people.csv the people are the ids in the ties
    std::ofstream(dir + "/other.csv") << "id\na\nb\nc\n";
    const test::Run other = run({"metrics", dir + "/ties.csv", "--people", dir + "/other.csv", "--metrics", "degree"});
    CHECK(other.err.empty());
    CHECK(other.out == "id,name,role,school,degree\na,a,,,1\nb,b,,,1\nc,c,,,0\n");  // no name column: the id
    const std::string alone = test::temp_dir("metrics_alone");
    std::ofstream(alone + "/edges.csv") << "source,target\na,b\n";
    const test::Run ids = run({"metrics", alone + "/edges.csv", "--metrics", "degree"});
    CHECK(ids.err.empty());
    CHECK(ids.out == "id,name,role,school,degree\na,a,,,1\nb,b,,,1\n");
}

TEST_CASE("metrics --undirected reads a directed network file as undirected, and --directed=false does too", "[cli][metrics]") {
    const std::string dir = test::temp_dir("metrics_undirected");
    // a->b, b->a and b->c: undirected, two ties (a-b, b-c) among 3 people
    std::ofstream(dir + "/d.net") << "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Arcs\n1 2\n2 1\n2 3\n";
    const std::string warning = dir + "/d.net: warning: the file is directed; --undirected reads each arc as a tie (a pair tied both ways "
                                      "is one tie, with the larger weight); leave out --directed/--undirected to use the file's direction\n";
    for (const char* flag : {"--undirected", "--directed=false"}) {
        const test::Run r = run({"metrics", dir + "/d.net", flag, "--metrics", "degree", "--summary"});
        CHECK(r.code == 0);
        CHECK(r.err == warning);
        CHECK(r.out.substr(0, r.out.find("\n\n")) == "id,name,role,school,degree\na,a,,,1\nb,b,,,2\nc,c,,,1");
        CHECK(summary_value(r.out, "ties") == "2");
        CHECK(std::stod(summary_value(r.out, "density")) == Approx(2.0 / 3.0));
        CHECK(summary_value(r.out, "reciprocity") == "1");
    }
    // The file's own direction: 3 arcs of 6 possible, a<->b mutual (2 of the 3 arcs returned)
    const test::Run own = run({"metrics", dir + "/d.net", "--metrics", "degree", "--summary"});
    CHECK(own.err == "staffnet: note: modularity_communities and modularity_leiden are directed modularity (Leicht and Newman 2008); "
                     "Louvain and Leiden group people on the undirected view, whose modularity is modularity_communities_undirected and "
                     "modularity_leiden_undirected\n");
    CHECK(summary_value(own.out, "ties") == "3");
    CHECK(std::stod(summary_value(own.out, "reciprocity")) == Approx(2.0 / 3.0));

    const test::Run both = run({"metrics", dir + "/d.net", "--directed", "--undirected"});
    CHECK(both.code != 0);
    CHECK(both.err.find("--directed excludes --undirected") != std::string::npos);
}

TEST_CASE("metrics --directed on an undirected network file warns and reads each tie as an arc", "[cli][metrics]") {
    const std::string dir = test::temp_dir("metrics_directed");
    std::ofstream(dir + "/u.net") << "*Vertices 3\n1 \"a\"\n2 \"b\"\n3 \"c\"\n*Edges\n1 2\n2 3\n";
    const test::Run r = run({"metrics", dir + "/u.net", "--directed", "--metrics", "in_degree,out_degree"});
    CHECK(r.code == 0);
    CHECK(r.err == dir + "/u.net: warning: the file is undirected; --directed reads each tie as an arc from the first person named to the "
                         "second; leave out --directed/--undirected to use the file's direction\n");
    CHECK(r.out == "id,name,role,school,in_degree,out_degree\na,a,,,0,1\nb,b,,,1,1\nc,c,,,1,0\n");
}
