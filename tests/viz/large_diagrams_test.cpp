// Large and sparse diagrams: the same bytes in every process and in forked workers, and schools
// of thousands of people without ties drawn without neato, capped, and saying so.
#include "viz/diagrams.hpp"

#include "tests/viz/district.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace staffnet;
using test::generated;
using test::small_district;

namespace {

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// Every diagram of test::generated(people) with `large_network` lowered to `large`, as one text:
// each diagram's name and SVG in order.
std::string drawn_district(std::size_t people, std::size_t large) {
    const auto d = generated(people);
    DiagramConfig config;
    config.large_network = large;
    std::string all;
    for (const DrawnDiagram& drawn : draw_diagrams(d.net, d.schools, diagram_marks(d.net, {}, {}, config), config))
        all += drawn.name + "\n" + drawn.formats.at("svg");
    return all;
}

// drawn_district() in a new process (this test binary again, on the hidden test below), so that
// each run starts from a fresh address-space layout, as two runs of staffnet do.
std::string drawn_in_new_process(std::size_t people, std::size_t large, const std::string& name) {
    const std::filesystem::path file = std::filesystem::temp_directory_path() / ("staffnet_" + name + ".txt");
    std::filesystem::remove(file);
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string command = "STAFFNET_DRAW_PEOPLE=" + std::to_string(people) + " STAFFNET_DRAW_LARGE=" + std::to_string(large) +
                                " STAFFNET_DRAW_OUT='" + file.string() + "' '" + self + "' 'draw a generated district into a file' >/dev/null";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("draw a generated district into a file", "[.][viz][child]") {
    const char* out = std::getenv("STAFFNET_DRAW_OUT");
    if (!out) return;  // only as a child of the test below
    std::ofstream(out, std::ios::binary) << drawn_district(std::stoul(std::getenv("STAFFNET_DRAW_PEOPLE")),
                                                           std::stoul(std::getenv("STAFFNET_DRAW_LARGE")));
}

TEST_CASE("a district above large_network is drawn with the same bytes in two processes", "[viz][diagrams][large]") {
    // CI: 1,000 people above a lowered threshold of 200 (sfdp, thinned ties, straight lines in the
    // 50 school diagrams). STAFFNET_LARGE_TESTS=1: 20,000 people above the default 1,500, the size
    // at which Graphviz's prism overlap removal gave different bytes on every run (minutes).
    const bool slow = std::getenv("STAFFNET_LARGE_TESTS") != nullptr;
    const std::size_t people = slow ? 20'000 : 1'000, large = slow ? DiagramConfig{}.large_network : 200;
    const std::string first = drawn_in_new_process(people, large, "large_first");
    const std::string second = drawn_in_new_process(people, large, "large_second");
    REQUIRE(occurrences(first, "</svg>") == 2 + (people - 10 + 19) / 20);  // sociogram, bridge map, one per school
    CHECK(first.find("2 strongest and every tie to the district team") != std::string::npos);  // the large-network sociogram
    CHECK(first == second);
}

// Under AddressSanitizer render_all draws in-process (fork_safe in viz/render.cpp): there this checks
// the in-process path only.
TEST_CASE("forked workers draw the same bytes as one process, in the diagrams' order", "[viz][diagrams]") {
    const auto d = generated(300);
    DiagramConfig config;
    config.large_network = 100;
    const DiagramMarks marks = diagram_marks(d.net, {}, {}, config);
    std::vector<Diagram> diagrams = {district_sociogram(d.net, d.schools, marks, config), bridge_map(d.net, d.schools, config)};
    for (std::size_t s = 0; s < 6; ++s) diagrams.push_back(school_diagram(d.net, d.schools, s, marks, config));
    const std::vector<std::string> formats = {"svg", "dot"};
    std::vector<std::pair<std::size_t, std::size_t>> told;
    const auto one = render_all(diagrams, formats, 1);
    const auto three = render_all(diagrams, formats, 3, [&](std::size_t done, std::size_t total) { told.emplace_back(done, total); });
    REQUIRE(three.size() == diagrams.size());
    CHECK(three == one);
    CHECK(one[1][0] == render(diagrams[1], formats)[0]);  // the bridge map, drawn alone
    REQUIRE(told.size() == diagrams.size());
    CHECK(told.back() == std::pair<std::size_t, std::size_t>{8, 8});
    SECTION("a diagram Graphviz cannot lay out fails the whole call with its message") {
        diagrams[4].engine = "no_such_engine";
        CHECK_THROWS_WITH(render_all(diagrams, formats, 3), "graphviz could not lay out the diagram with no_such_engine");
    }
}

TEST_CASE("a school of thousands without ties is drawn without neato, capped, and says so", "[viz][diagrams]") {
    // 3,000 staff at school A: a trio (1-2-3, a path), a pair (4-5) and 2,995 people with no ties.
    std::vector<std::tuple<std::string, std::string, std::string>> people;
    for (int i = 0; i < 3000; ++i) people.emplace_back("person " + std::to_string(i), "staff", "A");
    const auto d = small_district(people, {{1, 2, 0}, {2, 3, 0}, {4, 5, 1}});
    const DiagramConfig config;  // school_limit 1,000
    const Diagram g = school_diagram(d.net, d.schools, 0, diagram_marks(d.net, {}, {}, config), config);
    CHECK(g.engine == "nop");  // every position set beforehand: no neato, no packing
    REQUIRE(g.nodes.size() == 1000 + 1);  // the people drawn, then the grid's heading
    CHECK(g.nodes.back().label == "1000 people alone or in twos and threes");
    // Whole groups, the largest first (the trio from its middle, most tied member), then the
    // people without ties in order.
    CHECK(g.nodes[0].label == "person 0");
    CHECK(g.nodes[5].label == "person 5");
    CHECK(g.nodes[999].label == "person 999");
    CHECK(g.edges.size() == 3);
    for (std::size_t i = 0; i < g.nodes.size(); ++i) REQUIRE(g.nodes[i].attributes.count("pos") == 1);
    const std::string note = "A: 3000 people, 0 district team members tied to them; 1000 of these 3000 drawn "
                             "(at most 1000: whole groups, the most tied first)";
    CHECK(g.title == "School " + note);
    const std::string svg = render(g, std::vector<std::string>{"svg"}).front();
    CHECK(occurrences(svg, "class=\"node\"") == 1001);
    CHECK(occurrences(svg, "class=\"edge\"") == 3);
    CHECK(svg.find(note) != std::string::npos);
}

TEST_CASE("a school with one group and many people alone: the group by neato above, the rest in a grid", "[viz][diagrams]") {
    // School A: a ring of 8 (people 0-7) and 40 people with no ties.
    std::vector<std::tuple<std::string, std::string, std::string>> people;
    for (int i = 0; i < 48; ++i) people.emplace_back("p" + std::to_string(i), i == 0 ? "school_leader" : "staff", "A");
    std::vector<std::tuple<Vertex, Vertex, std::size_t>> ties;
    for (Vertex v = 0; v < 8; ++v) ties.emplace_back(v, (v + 1) % 8, 0);
    const auto d = small_district(people, ties);
    const Diagram g = school_diagram(d.net, d.schools, 0, diagram_marks(d.net, {}, {}, {}), {});
    CHECK(g.engine == "nop");
    REQUIRE(g.nodes.size() == 48 + 1);
    CHECK(g.nodes.back().label == "40 people alone or in twos and threes, not tied to the groups above");
    CHECK(g.title == "School A: 48 people, 0 district team members tied to them");  // nothing left out
    const auto y = [&](std::size_t i) {
        const std::string& pos = g.nodes[i].attributes.at("pos");
        return std::stod(pos.substr(pos.find(',') + 1));
    };
    double lowest_in_ring = 1e300, highest_alone = -1e300;
    for (std::size_t i = 0; i < 8; ++i) lowest_in_ring = std::min(lowest_in_ring, y(i));
    for (std::size_t i = 8; i < 48; ++i) highest_alone = std::max(highest_alone, y(i));
    CHECK(highest_alone < lowest_in_ring);
    CHECK(y(48) < lowest_in_ring);  // the heading between them
    CHECK(y(48) > highest_alone);
    SECTION("a few people alone stay with neato, as before") {
        const auto few = small_district(std::vector<std::tuple<std::string, std::string, std::string>>(people.begin(), people.begin() + 12), ties);
        CHECK(school_diagram(few.net, few.schools, 0, diagram_marks(few.net, {}, {}, {}), {}).engine == "neato");
    }
}

TEST_CASE("layout_environment names the Graphviz version and the font files the labels were measured with", "[viz][render]") {
    const nlohmann::ordered_json j = layout_environment();
    CHECK(std::regex_match(j.at("graphviz").get<std::string>(), std::regex(R"(\d+\.\d+(\.\d+)?)")));
    CHECK(std::regex_match(j.at("fontconfig").get<std::string>(), std::regex(R"(\d+\.\d+\.\d+)")));
    REQUIRE(j.at("fonts").size() == 2);
    CHECK(j["fonts"][0]["requested"] == "Helvetica");
    CHECK(j["fonts"][1]["requested"] == "Helvetica:bold");
    for (const auto& font : j["fonts"]) {
        CHECK(std::filesystem::exists(font["file"].get<std::string>()));
        CHECK_FALSE(font["family"].get<std::string>().empty());
    }
}

TEST_CASE("the sociogram is laid out once: drawn with everyone pinned where that layout put them", "[viz][diagrams][large]") {
    // 300 people above a lowered threshold of 100: sfdp, whose layout is the expensive part.
    const auto d = generated(300);
    DiagramConfig config;
    config.large_network = 100;
    const DiagramMarks marks = diagram_marks(d.net, {}, {}, config);
    const LaidOutSociogram s = lay_out_sociogram(d.net, d.schools, marks, config);
    REQUIRE(s.diagram.engine == "sfdp");
    REQUIRE(s.at.size() == s.diagram.nodes.size());
    const Diagram p = pinned(s);
    CHECK(p.engine == "nop");
    // Laying the pinned diagram out moves no one relative to the others: Graphviz may shift the
    // whole drawing (to make room for the title), never one person (positions pinned to 0.01 pt).
    const auto moved = [](const std::vector<Point>& a, const std::vector<Point>& b) {
        REQUIRE(a.size() == b.size());
        REQUIRE(!a.empty());
        const double dx = b[0].x - a[0].x, dy = b[0].y - a[0].y;
        double most = 0;
        for (std::size_t i = 0; i < a.size(); ++i) most = std::max({most, std::abs(b[i].x - a[i].x - dx), std::abs(b[i].y - a[i].y - dy)});
        return most;
    };
    CHECK(moved(s.at, layout_positions(p)) <= 0.011);
    // The SVG drawn from the layout and the SVG laid out again by sfdp in a worker: every dot in
    // the same place (up to that shift; the SVG gives two decimals).
    config.school_diagrams = false;
    config.bridge_map = false;
    const auto dots = [&](const LaidOutSociogram* given) {
        const std::string svg = draw_diagrams(d.net, d.schools, marks, config, {}, given).at(0).formats.at("svg");
        const std::regex ellipse(R"re(<ellipse[^>]*cx="([-0-9.]+)" cy=\s*"([-0-9.]+)")re");
        std::vector<Point> at;
        for (auto m = std::sregex_iterator(svg.begin(), svg.end(), ellipse); m != std::sregex_iterator(); ++m)
            at.push_back({std::stod((*m)[1]), std::stod((*m)[2])});
        return at;
    };
    const std::vector<Point> from_layout = dots(&s), again = dots(nullptr);
    CHECK(from_layout.size() == 300);
    CHECK(moved(from_layout, again) <= 0.03);
}

TEST_CASE("a sociogram of school boxes is already pinned and is drawn as it is", "[viz][diagrams]") {
    const auto d = generated(60);
    const DiagramConfig config;
    const LaidOutSociogram s = lay_out_sociogram(d.net, d.schools, diagram_marks(d.net, {}, {}, config), config);
    REQUIRE(s.diagram.engine == "nop");
    const Diagram p = pinned(s);
    CHECK(p.engine == "nop");
    CHECK(p.nodes.size() == s.diagram.nodes.size());
    for (std::size_t i = 0; i < p.nodes.size(); ++i) CHECK(p.nodes[i].attributes == s.diagram.nodes[i].attributes);
}
