#include "viz/map.hpp"

#include "tests/viz/district.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>

using namespace staffnet;

namespace {

ReportData report_of(const test::SmallDistrict& d) {
    ReportData r;
    r.network = d.net;
    r.schools = d.schools;
    return r;
}

// The JSON block of a map section.
nlohmann::json map_data(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"map-data\">";
    const std::size_t start = html.find(open);
    REQUIRE(start != std::string::npos);
    const std::size_t from = start + open.size();
    return nlohmann::json::parse(html.substr(from, html.find("</script>", from) - from));
}

bool inside(const Point& p, const SchoolPlace& s) {
    if (s.box) return std::abs(p.x - s.centre.x) <= s.width / 2 && std::abs(p.y - s.centre.y) <= s.height / 2;
    return std::hypot(p.x - s.centre.x, p.y - s.centre.y) <= s.width / 2;
}

}  // namespace

TEST_CASE("the map puts each school's people inside the school's box, as the sociogram does", "[viz][map]") {
    const test::SmallDistrict d = test::two_schools();
    const MapInput in = map_input(report_of(d));
    REQUIRE(in.whole);
    REQUIRE(in.people.size() == 10);
    REQUIRE(in.schools.size() == 2);
    for (const MapInput::Person& p : in.people) {
        CHECK(p.drawn);
        for (const MapInput::School& s : in.schools) {
            INFO(p.name << " and " << s.name);
            CHECK(s.place.box);
            CHECK(inside(p.at, s.place) == (p.school == s.id));
        }
    }
    // The sociogram's node sizes: betweenness (as analyze draws it), largest for Dana Team, on 19
    // shortest paths (A's four and B's three people to each other and to Ivy Team: 12 + 4 + 3),
    // ahead of Ann Lead's 15.5.
    CHECK(in.metric_names == std::vector<std::string>{"degree", "betweenness"});
    CHECK(in.people[0].metrics[1] == Approx(19.0 / 36));  // normalised by the C(9,2) = 36 pairs without her
    for (const MapInput::Person& p : in.people) CHECK(p.radius <= in.people[0].radius);
    CHECK(in.people[1].radius < in.people[0].radius);
    SECTION("the same input gives the same section, byte for byte") {
        CHECK(map_section(in) == map_section(map_input(report_of(d))));
    }
}

TEST_CASE("above the sociogram limit the map draws the schools and the district team, people on demand", "[viz][map]") {
    const test::SmallDistrict d = test::two_schools();
    DiagramConfig config;
    config.sociogram_limit = 5;
    const MapInput in = map_input(report_of(d), {}, config);
    CHECK_FALSE(in.whole);
    for (const MapInput::Person& p : in.people) {
        INFO(p.name);
        CHECK(p.drawn == (p.role == "district_team"));
        for (const MapInput::School& s : in.schools)
            if (p.school == s.id) CHECK(inside(p.at, s.place));
    }
}

TEST_CASE("a suggested contact not yet tied names the colleagues both know", "[viz][map]") {
    // 0 (district team) - 1 - 2 and 0 - 3 - 2: person 2 is two steps from 0 through 1 or 3.
    const test::SmallDistrict d = test::small_district(
        {{"Dana Team", "district_team", ""}, {"Ann Lead", "school_leader", "A"}, {"Bo Staff", "staff", "A"}, {"Cy Staff", "staff", "A"}},
        {{0, 1, 0}, {1, 2, 0}, {0, 3, 1}, {3, 2, 3}});
    ReportData r = report_of(d);
    RiskEntry bo{2, 2, "medium", {"no direct tie to the district team"}, {{0, "2 steps away, 2 mutual colleagues"}}};
    RiskEntry ann{1, 0, "none", {}, {{0, "already tied"}}};
    r.people_risk = {bo, ann};
    const MapInput in = map_input(r);
    REQUIRE(in.people[2].contacts.size() == 1);
    CHECK(in.people[2].contacts[0].member == 0);
    CHECK(in.people[2].contacts[0].via == std::vector<std::size_t>{1, 3});
    CHECK(in.people[2].risk == "medium");
    CHECK(in.people[1].contacts[0].via.empty());  // already tied: no one to ask
    CHECK(in.people[0].risk.empty());              // the district team is not scored
}

TEST_CASE("the map's data block keeps names as text and cannot end its script element", "[viz][map]") {
    const test::SmallDistrict d = test::small_district(
        {{"Dana Team", "district_team", ""}, {"<script>alert(1)</script>", "staff", "A"}, {"Amelia \"Mia\" Ruiz & <i>co</i>", "school_leader", "A"}},
        {{0, 2, 0}, {1, 2, 3}, {1, 2, 1}}, {{"A", "Ärzte & \"Söhne\" </script><b>"}});
    const std::string html = map_section(map_input(report_of(d)));
    if (map_scripts().empty()) {
        CHECK(html.find("were not built into this copy") != std::string::npos);
        return;
    }
    const std::size_t block = html.find("id=\"map-data\">");
    const std::string body = html.substr(block, html.find("</script>", block) - block);
    CHECK(body.find('<', 1) == std::string::npos);
    CHECK(body.find('&') == std::string::npos);
    const nlohmann::json data = map_data(html);
    CHECK(data["people"][1]["name"] == "<script>alert(1)</script>");
    CHECK(data["people"][2]["name"] == "Amelia \"Mia\" Ruiz & <i>co</i>");
    CHECK(data["schools"][0]["name"] == "Ärzte & \"Söhne\" </script><b>");
    // One entry per tie and kind: Dana-Amelia shared project; the script name and Amelia social and past collaboration.
    CHECK(data["ties"].size() == 3);
    CHECK(data["types"][0]["name"] == "shared_project");
    CHECK(data["types"][1]["close"] == false);
    CHECK(data["people"][0]["school"].is_null());
    CHECK(data["people"][1]["school"] == 0);
}
