// change.html of `staffnet compare` on the example district's two waves, read as the team would.
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

namespace {

// The text of one section of the page, from its id to the end of the section.
std::string section(const std::string& html, const std::string& id) {
    const std::size_t at = html.find("<section id=\"" + id + "\">");
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</section>", at) - at);
}

// The part of a section under one heading.
std::string under(const std::string& text, const std::string& heading) {
    const std::size_t at = text.find(heading + "</h3>");
    if (at == std::string::npos) return "";
    return text.substr(at, text.find("<h3", at) - at);
}

}  // namespace

TEST_CASE("change.html says which schools gained their district link and who left isolation", "[cli][compare][change]") {
    const std::string example = std::string(STAFFNET_SOURCE_DIR) + "/examples/district/";
    const std::string out = test::temp_dir("change_page");
    const test::Run r = test::run({"compare", example + "config.yaml", example + "wave2/config.yaml", "--out", out, "--force"});
    INFO(r.err);
    REQUIRE(r.code == 0);
    const std::string html = test::slurp(out + "/change.html");
    // README "Change over time": S14 and S33 go from 0 to 3 district ties; S13 and S36 still have none.
    const std::string schools = section(html, "schools");
    const std::string gained = under(schools, "Gained a link to the district team");
    CHECK_THAT(gained, Catch::Contains("<tr><td>Mesa Verde Elementary</td><td class=\"n\">0</td><td class=\"n\">3</td></tr>"));
    CHECK_THAT(gained, Catch::Contains("<tr><td>Sierra Vista Middle School</td><td class=\"n\">0</td><td class=\"n\">3</td></tr>"));
    const std::string still = under(schools, "Still no link to the district team");
    CHECK_THAT(still, Catch::Contains("Meadowbrook Elementary"));
    CHECK_THAT(still, Catch::Contains("Granite Peak High School"));
    // P153, Mesa Verde's principal, had no ties in wave 1.
    CHECK_THAT(under(section(html, "isolation"), "No longer isolated"),
               Catch::Contains("<tr><td>Yuki Liu</td><td>school leader</td><td>Mesa Verde Elementary</td>"));
    CHECK_THAT(section(html, "together"), Catch::Contains("<td>ties to the district team</td><td>pl_attendance_rate</td>"));
    CHECK_THAT(section(html, "diagram"), Catch::Contains("<svg"));
    // Offline: no script, and a policy that allows no network access.
    CHECK(html.find("<script") == std::string::npos);
    CHECK_THAT(html, Catch::Contains("content=\"default-src 'none'"));
}
