// Every metric on every network in ../shared/data against NetworkX 2.8.8 and igraph 0.10 values
// (tests/reference/make_reference.py; see tests/reference/README.md for each definition).
#include "engine/brokerage.hpp"
#include "engine/centrality.hpp"
#include "engine/cohesion.hpp"
#include "engine/graph_measures.hpp"
#include "engine/groups.hpp"
#include "engine/metrics.hpp"
#include "io/csv.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numeric>

using namespace staffnet;

namespace {

const std::vector<std::string>& datasets = test::classic_datasets();

bool close_enough(double ours, double reference) {
    return std::abs(ours - reference) <= 1e-6 * std::max(1.0, std::abs(reference));
}

std::string variant(bool directed, bool weighted) {
    return std::string(directed ? "directed" : "undirected") + (weighted ? "_weighted" : "_unweighted");
}

nlohmann::json graph_reference(const std::string& dataset, bool directed, bool weighted) {
    return nlohmann::json::parse(test::slurp(test::fixture("reference/" + dataset + "/" + variant(directed, weighted) + "_graph.json")));
}

}  // namespace

TEST_CASE("every per-person metric matches NetworkX on the classic networks", "[reference][engine]") {
    const std::vector<std::string> columns = {"degree",      "in_degree", "out_degree", "strength",   "betweenness",
                                              "closeness",   "harmonic",  "eigenvector", "pagerank",  "clustering",
                                              "core",        "constraint", "effective_size", "component", "articulation_point"};
    for (const std::string& dataset : datasets)
        for (const bool directed : {false, true})
            for (const bool weighted : {false, true}) {
                const Network net = test::classic_network(dataset, directed, weighted);
                const CsvTable ref = read_csv(test::fixture("reference/" + dataset + "/" + variant(directed, weighted) + ".csv"));
                // strength always sums weights, so its reference is the weighted variant's.
                const CsvTable weighted_ref = read_csv(test::fixture("reference/" + dataset + "/" + variant(directed, true) + ".csv"));
                std::vector<MetricRequest> requests;
                for (const std::string& c : columns) requests.push_back({c, {}});
                requests.push_back({"closeness_out", {}});
                std::vector<MetricColumn> computed = compute_metrics(net, {requests.begin(), requests.end() - 1});
                computed.push_back({find_metric("closeness"), compute_metrics(net, {{"closeness", {{{"direction", "out"}}, 42}}})[0].scores});
                const VertexScores in = in_degree(net), out = out_degree(net);
                REQUIRE(ref.rows.size() == net.size());
                for (std::size_t k = 0; k < computed.size(); ++k) {
                    const std::string column = k + 1 == computed.size() ? "closeness_out" : computed[k].metric->column;
                    const int c = ref.column(column);
                    REQUIRE(c >= 0);
                    for (std::size_t v = 0; v < net.size(); ++v) {
                        INFO(dataset << " " << variant(directed, weighted) << " " << column << " " << net.people[v].id);
                        REQUIRE(ref.rows[v][0] == net.people[v].id);
                        const std::string& cell = column == "strength" ? weighted_ref.rows[v][c] : ref.rows[v][c];
                        const double ours = computed[k].scores[v];
                        if (cell.empty()) {
                            // NetworkX did not converge: eigenvector centrality is undefined on a
                            // directed network without cycles; staffnet leaves the cell blank.
                            CHECK(std::isnan(ours));
                        } else if (cell == "nan") {
                            // NetworkX gives NaN to anyone without out-ties; staffnet (like igraph)
                            // only to people with no ties at all.
                            CHECK((std::isnan(ours) || (directed && out[v] == 0 && in[v] > 0)));
                        } else {
                            CHECK(close_enough(ours, std::stod(cell)));
                        }
                    }
                }
            }
}

TEST_CASE("graph-level measures match NetworkX and igraph on the classic networks", "[reference][engine]") {
    for (const std::string& dataset : datasets)
        for (const bool directed : {false, true})
            for (const bool weighted : {false, true}) {
                INFO(dataset << " " << variant(directed, weighted));
                const Network net = test::classic_network(dataset, directed, weighted);
                const nlohmann::json ref = graph_reference(dataset, directed, weighted);
                // Transitivity and closeness centralisation are defined on the undirected view;
                // their reference is the undirected variant of the same data.
                const nlohmann::json undirected_ref = graph_reference(dataset, false, weighted);
                CHECK(net.size() == ref["nodes"].get<std::size_t>());
                CHECK(net.tie_count() == ref["ties"].get<std::size_t>());
                CHECK(close_enough(density(net), ref["density"]));
                if (directed) CHECK(close_enough(reciprocity(net), ref["reciprocity"]));
                CHECK(close_enough(transitivity(net), undirected_ref["transitivity"]));
                const VertexScores c = clustering(net);
                CHECK(close_enough(std::accumulate(c.begin(), c.end(), 0.0) / double(c.size()), ref["average_clustering"]));
                CHECK(count_components(net) == ref["components"].get<std::size_t>());
                CHECK(count_isolates(net) == ref["isolates"].get<std::size_t>());
                const Distances d = distances(net);
                CHECK(d.largest_component == ref["largest_component_size"].get<std::size_t>());
                CHECK(d.diameter == ref["diameter"].get<double>());
                CHECK(close_enough(d.average_path_length, ref["average_path_length"]));
                CHECK(close_enough(degree_centralization(net), ref["degree_centralization"]));
                CHECK(close_enough(betweenness_centralization(net), ref["betweenness_centralization"]));
                CHECK(close_enough(closeness_centralization(net), undirected_ref["closeness_centralization"]));
                std::vector<std::pair<std::string, std::string>> bridge_ids;
                for (const auto& [u, v] : bridges(net)) {
                    auto pair = std::minmax(net.people[u].id, net.people[v].id);
                    bridge_ids.emplace_back(pair.first, pair.second);
                }
                std::sort(bridge_ids.begin(), bridge_ids.end());
                CHECK(bridge_ids == ref["bridges"].get<std::vector<std::pair<std::string, std::string>>>());
                for (const auto& [attribute, r] : ref["assortativity"].items()) {
                    INFO("assortativity of " << attribute);
                    CHECK(close_enough(assortativity(net, group_labels(net, attribute)), r));
                }
            }
}
