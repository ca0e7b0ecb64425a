#include "engine/patterns.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

TEST_CASE("groups compare school staff with school staff; the district team is its own row", "[engine][patterns]") {
    // Five district members (no grade band, tied to each other) and five staff in each of two bands.
    std::vector<Person> people;
    for (int i = 0; i < 5; ++i) people.push_back({"d" + std::to_string(i), Label("D"), Label("district_team"), Label(""), true, {""}});
    for (int i = 0; i < 10; ++i)
        people.push_back({"s" + std::to_string(i), Label("S"), Label("staff"), Label("A"), true, {i < 5 ? "K-2" : "3-5"}});
    std::vector<TieRow> rows;
    for (Vertex a = 0; a < 5; ++a)
        for (Vertex b = a + 1; b < 5; ++b) rows.push_back({a, b, 0, 0, 1.0});
    rows.push_back({5, 6, 0, 0, 1.0});
    NetworkOptions options;
    options.types = {{"social", 1.0, true, "S"}};
    const Network net = build_network(std::move(people), {"grade_band"}, rows, options);
    const auto probes = pattern_probes(net);
    std::vector<std::string> bands, roles;
    for (const GroupPattern& p : probes) (p.attribute == "role" ? roles : bands).push_back(p.group);
    CHECK(roles == std::vector<std::string>{"district_team", "staff"});
    CHECK(bands == std::vector<std::string>{"3-5", "K-2"});  // no "(blank)" band of district members
    for (const GroupPattern& p : probes)
        if (p.attribute == "grade_band") CHECK(p.people == 5);
}
