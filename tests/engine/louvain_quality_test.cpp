// Louvain's quality against python-igraph's multilevel (the same algorithm): with one seed,
// staffnet's best-of-runs refined Louvain reaches igraph's best of ten seeds, on the benchmark
// graphs (fixtures/louvain/, made by make_benchmark_graphs.sh) and on the classic networks
// (fixtures/leiden/igraph_modularity.csv).
#include "engine/communities.hpp"
#include "io/csv.hpp"
#include "io/edgelist.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace staffnet;

namespace {

double modularity_of(const Network& net, const VertexScores& communities) {
    std::vector<std::string> labels;
    for (double c : communities) labels.push_back(std::to_string(int(c)));
    return modularity(net, labels);
}

}  // namespace

TEST_CASE("Louvain reaches igraph's best of ten seeds on the benchmark graphs", "[engine][communities][louvain]") {
    const CsvTable igraph = read_csv(test::fixture("engine/fixtures/louvain/igraph_multilevel.csv"));
    REQUIRE(igraph.rows.size() == 2);
    for (const auto& row : igraph.rows) {
        INFO(row[0]);
        std::vector<Diagnostic> warnings;
        const Network net = read_edge_list(test::fixture("engine/fixtures/louvain/" + row[0] + ".csv"), {}, warnings);
        const double best = std::stod(row[igraph.column("multilevel_best")]);
        const VertexScores ours = louvain(net);
        CHECK(modularity_of(net, ours) >= best - 1e-9);
        CHECK(louvain(net) == ours);  // deterministic
        // The classic single run (one seed, no refinement) is where igraph's single runs are.
        const double single = modularity_of(net, louvain(net, {.runs = 1, .refine = false}));
        CHECK(single <= modularity_of(net, ours) + 1e-12);
        CHECK(single >= std::stod(row[igraph.column("multilevel_worst")]) - 0.01);
    }
}

TEST_CASE("Louvain reaches igraph's best of ten seeds on the classic networks", "[engine][communities][louvain]") {
    const CsvTable igraph = read_csv(test::fixture("engine/fixtures/leiden/igraph_modularity.csv"));
    REQUIRE(igraph.rows.size() == 16);
    for (const auto& row : igraph.rows) {
        INFO(row[0] << " " << row[1]);
        const Network net = test::classic_network(row[0], false, row[1] == "undirected_weighted");
        CHECK(modularity_of(net, louvain(net)) >= std::stod(row[igraph.column("multilevel_best")]) - 1e-9);
    }
}

TEST_CASE("more runs never lower Louvain's modularity, and refinement never does", "[engine][communities][louvain]") {
    for (const std::string& dataset : test::classic_datasets()) {
        const Network net = test::classic_network(dataset, false, true);
        // Run r draws the same visiting orders however many runs follow it.
        double last = -1.0;
        for (const std::size_t runs : {1, 2, 5, 10}) {
            INFO(dataset << ", " << runs << " runs");
            const double q = modularity_of(net, louvain(net, {.runs = runs}));
            CHECK(q >= last - 1e-12);
            last = q;
        }
        // Refinement starts from the classic run's result and only moves people when that gains.
        for (unsigned seed = 0; seed < 10; ++seed) {
            INFO(dataset << ", seed " << seed);
            CHECK(modularity_of(net, louvain(net, {.seed = seed, .runs = 1})) >=
                  modularity_of(net, louvain(net, {.seed = seed, .runs = 1, .refine = false})) - 1e-12);
        }
    }
}
