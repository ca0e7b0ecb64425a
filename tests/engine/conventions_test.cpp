// Conventions a researcher must know: directed modularity beside the undirected view Louvain
// optimises, E-I by arcs or by contacts, and numeric assortativity for numbers and dates.
#include "engine/communities.hpp"
#include "engine/ei_index.hpp"
#include "engine/graph_measures.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace staffnet;
using namespace staffnet::test;

namespace {

double measure(const std::vector<std::pair<std::string, double>>& measures, const std::string& key) {
    for (const auto& [name, value] : measures)
        if (name == key) return value;
    FAIL("no measure " << key);
    return 0;
}

bool has(const std::vector<std::pair<std::string, double>>& measures, const std::string& key) {
    for (const auto& [name, value] : measures)
        if (name == key) return true;
    return false;
}

// a<->b mutual, b->c one way: people a, b, c with the given attribute values.
Network mutual_and_one_way(const std::vector<std::string>& school) {
    Network net = graph(3, {{0, 1}, {1, 0}, {1, 2}}, true);
    for (std::size_t v = 0; v < 3; ++v) net.people[v].school = school[v];
    return net;
}

}  // namespace

TEST_CASE("on a directed network modularity is directed, and the undirected view's value is given beside it", "[engine][conventions]") {
    const Network net = mutual_and_one_way({"", "", ""});
    const std::vector<std::string> groups = {"x", "x", "y"};
    // Undirected view, weights summed over arcs: a-b 2, b-c 1; 2m = 6, degrees a 2, b 3, c 1.
    // Q = 4/6 - (5/6)^2 - (1/6)^2 = -1/18.
    CHECK(undirected_modularity(net, groups) == Approx(-1.0 / 18.0));
    // Directed (Leicht-Newman), m = 3: inside x 2 arcs; out x 3, in x 2; out y 0, in y 1.
    // Q = 2/3 - (3*2)/9 - 0 = 0.
    CHECK(modularity(net, groups) == Approx(0.0).margin(1e-12));
    SECTION("undirected, both are the same modularity") {
        const Network u = bridged_triangles();
        const std::vector<std::string> halves = {"a", "a", "a", "b", "b", "b"};
        CHECK(undirected_modularity(u, halves) == Approx(modularity(u, halves)));
        // NetworkX: modularity(two bridged triangles, halves) = 2 * (3/7 - (7/14)^2) = 5/14
        CHECK(modularity(u, halves) == Approx(5.0 / 14.0));
        CHECK_FALSE(has(graph_measures(u), "modularity_communities_undirected"));
        CHECK(graph_measure_notes(u).empty());
    }
    SECTION("graph_measures reports both, and says which is which") {
        const auto m = graph_measures(net);
        REQUIRE(has(m, "modularity_communities_undirected"));
        REQUIRE(has(m, "modularity_leiden_undirected"));
        CHECK(graph_measure_notes(net).size() == 1);
    }
}

TEST_CASE("actor E-I counts arcs, so a mutual tie counts twice; ei_actor_contacts counts each person once", "[engine][conventions]") {
    // b: a (same school, mutual: 2 arcs) and c (other school, 1 arc).
    const Network net = mutual_and_one_way({"S1", "S1", "S2"});
    const std::vector<std::string> school = {"S1", "S1", "S2"};
    const VertexScores arcs = ei_actor(net, school), contacts = ei_actor_contacts(net, school);
    CHECK(arcs[1] == Approx((1.0 - 2.0) / 3.0));   // E 1 arc, I 2 arcs
    CHECK(contacts[1] == Approx(0.0).margin(1e-12));  // E 1 person, I 1 person
    CHECK(arcs[0] == -1.0);
    CHECK(contacts[0] == -1.0);
    CHECK(contacts[2] == 1.0);
    SECTION("undirected, the two agree") {
        const Network u = bridged_triangles();
        const std::vector<std::string> halves = {"a", "a", "a", "b", "b", "b"};
        CHECK(ei_actor(u, halves) == ei_actor_contacts(u, halves));
    }
}

TEST_CASE("numeric attributes and dates get Newman's numeric assortativity, equal to NetworkX's", "[engine][conventions]") {
    const nlohmann::json peer = nlohmann::json::parse(slurp(fixture("engine/fixtures/assortativity/networkx_numeric.json")));
    std::size_t checked = 0;
    for (const auto& [key, values] : peer["networks"].items()) {
        const std::string dataset = key.substr(0, key.find('/'));
        const Network net = classic_network(dataset, key.ends_with("/directed"), false);
        std::map<std::string, double> ours;
        for (const AttributeAssortativity& a : attribute_assortativity(net))
            if (a.numeric) ours[a.attribute] = a.value;
        for (const auto& [attribute, r] : values.items()) {
            INFO(key << " " << attribute);
            REQUIRE(ours.count(attribute));
            CHECK(ours[attribute] == Approx(r.get<double>()).margin(1e-9));
            ++checked;
        }
    }
    CHECK(checked >= 20);

    SECTION("dates count as days") {
        Network net = path(3);
        net.attribute_names = {"hire_date"};
        const std::vector<std::string> dates = {"2020-01-01", "2020-01-02", "2020-01-04"};  // days 0, 1, 3 from the first
        for (std::size_t v = 0; v < 3; ++v) net.people[v].attributes = {dates[v]};
        // Arcs both ways (0,1) (1,0) (1,3) (3,1): both means 1.25, Σ dx·dy = -0.25, Σ dx² = Σ dy² = 4.75, r = -1/19
        const std::vector<std::optional<double>> days = {0.0, 1.0, 3.0};
        const std::vector<AttributeAssortativity> a = attribute_assortativity(net);
        REQUIRE(a.size() == 1);
        CHECK(a[0].numeric);
        CHECK(a[0].value == Approx(numeric_assortativity(net, days)));
        CHECK(a[0].value == Approx(-1.0 / 19.0));
    }
}

TEST_CASE("an attribute whose values are nearly all different is skipped with a note", "[engine][conventions]") {
    Network net = path(12);
    net.attribute_names = {"email", "team"};
    for (std::size_t v = 0; v < 12; ++v) net.people[v].attributes = {"p" + std::to_string(v) + "@x.org", v < 6 ? "red" : "blue"};
    const std::vector<AttributeAssortativity> a = attribute_assortativity(net);
    REQUIRE(a.size() == 2);
    CHECK(a[0].skipped);
    CHECK(std::isnan(a[0].value));
    CHECK_FALSE(a[1].skipped);
    CHECK_FALSE(has(graph_measures(net), "assortativity_email"));
    CHECK(has(graph_measures(net), "assortativity_team"));
    CHECK(graph_measure_notes(net) ==
          std::vector<std::string>{"assortativity_email left out: 12 of the 12 people with a value have one no one else has, so 'same "
                                   "email' would only measure chance; group the values first (for example into bands)"});
}
