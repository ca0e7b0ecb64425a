// Gould-Fernandez brokerage on every relation of the classic networks in ../shared/data against
// R sna 2.7 `brokerage()` (tests/reference/make_brokerage.R; README.md, "Brokerage (R sna)").
#include "engine/brokerage.hpp"
#include "engine/metrics.hpp"
#include "io/csv.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace staffnet;

namespace {

const std::vector<std::string> roles = {"brokerage_coordinator", "brokerage_itinerant", "brokerage_representative",
                                        "brokerage_gatekeeper", "brokerage_liaison"};

// The single-relation layer of a classic network, e.g. Krackhardt's advice ties alone.
Network relation(const std::string& dataset, const std::string& name, bool directed) {
    const Network net = test::classic_network(dataset, directed, false);
    const auto& types = net.options.types;
    const auto it = std::find_if(types.begin(), types.end(), [&](const TieType& t) { return t.name == name; });
    REQUIRE(it != types.end());
    return layer(net, std::size_t(it - types.begin()));
}

}  // namespace

TEST_CASE("brokerage matches R sna on every relation of the classic networks", "[reference][engine][brokerage]") {
    const CsvTable networks = read_csv(test::fixture("reference/brokerage_networks.csv"));
    REQUIRE(networks.rows.size() == 32);  // see make_brokerage.R for the list
    const auto field = [&](std::size_t row, const char* column) { return networks.rows[row][std::size_t(networks.column(column))]; };
    std::size_t compared = 0;
    for (std::size_t k = 0; k < networks.rows.size(); ++k) {
        const std::string dataset = field(k, "dataset"), attribute = field(k, "attribute");
        INFO(dataset << " " << field(k, "relation") << " by " << attribute);
        const bool directed = field(k, "directed") == "TRUE";
        const Network net = relation(dataset, field(k, "relation"), directed);
        // The same network as R's adjacency matrix: arcs, mutual ties counted twice.
        CHECK(net.tie_count() * (directed ? 1 : 2) == std::stoul(field(k, "arcs")));
        std::vector<MetricRequest> requests;
        for (const std::string& r : roles) requests.push_back({r, {{{"attribute", attribute}}}});
        const std::vector<MetricColumn> computed = compute_metrics(net, requests);
        const CsvTable ref = read_csv(test::fixture("reference/" + field(k, "file")));
        REQUIRE(ref.rows.size() == net.size());
        double paths = 0;
        for (const MetricColumn& column : computed) {
            const int c = ref.column(column.metric->column);
            REQUIRE(c >= 0);
            for (std::size_t v = 0; v < net.size(); ++v) {
                INFO(column.metric->column << " of " << net.people[v].id);
                REQUIRE(ref.rows[v][0] == net.people[v].id);
                CHECK(column.scores[v] == std::stod(ref.rows[v][std::size_t(c)]));  // counts: exact
                ++compared;
            }
            paths += std::accumulate(column.scores.begin(), column.scores.end(), 0.0);
        }
        CHECK(paths == std::stod(field(k, "open_two_paths")));  // each open two-path has one role
    }
    CHECK(compared == 4290);  // 858 people x 5 roles
}

TEST_CASE("brokerage counts two-paths as R sna does", "[reference][engine][brokerage]") {
    // Expected values are sna::brokerage(m, c(1, 1, 1))$raw.nli[, "w_I"] for each matrix m.
    const std::vector<std::string> one_group = {"s", "s", "s"};
    const auto coordinator = [&](const Network& net) { return brokerage(net, one_group, BrokerageRole::coordinator); };
    SECTION("mutual ties a<->b<->c: b brokers a->b->c and c->b->a") {
        CHECK(coordinator(test::graph(3, {{0, 1}, {1, 0}, {1, 2}, {2, 1}}, true)) == VertexScores{0, 2, 0});
        CHECK(coordinator(test::graph(3, {{0, 1}, {1, 2}})) == VertexScores{0, 2, 0});  // undirected, the same
    }
    SECTION("only a->c closes a->b->c: in the cycle a->b->c->a everyone brokers once") {
        CHECK(coordinator(test::graph(3, {{0, 1}, {1, 2}, {2, 0}}, true)) == VertexScores{1, 1, 1});
        CHECK(coordinator(test::graph(3, {{0, 1}, {1, 2}, {2, 0}, {0, 2}}, true)) == VertexScores{1, 0, 1});
    }
}
