// The report's correlation colours, its outreach plan and the Schools table, as a team reads them.
#include "viz/report.hpp"

#include "tests/viz/district.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace staffnet;

namespace {

CorrelationRow correlation(const std::string& measure, double rho, int connection) {
    CorrelationRow c;
    c.school_measure = measure;
    c.participation_measure = "pl_attendance_rate";
    c.stats = {3, rho, rho, rho, 0.4, -0.9, 1.0};
    c.q = 0.4;
    c.connection = connection;
    return c;
}

ReportData report() {
    auto d = test::small_district({{"Dana Team", "district_team", ""}, {"Ann Lead", "school_leader", "A"}, {"Bo Chen", "staff", "A"},
                                   {"Cy Lead", "school_leader", "B"}},
                                  {{0, 1, 0}, {1, 2, 0}, {2, 3, 3}}, {{"A", "Alder"}, {"B", "Birch"}});
    d.schools.measure_names = {"pl_attendance_rate"};
    for (std::size_t s = 0; s < d.schools.schools.size(); ++s) d.schools.schools[s].measures = {0.5 + 0.1 * double(s)};
    ReportData r;
    r.network = d.net;
    r.schools = d.schools;
    r.school_measures = {{"share_staff_isolated", "isolated", {0.5, 0}, -1}, {"internal_reciprocity", "returned", {1, 1}, 1},
                         {"district_ties", "ties", {1, 0}, 1}};
    r.participation = {{"pl_attendance_rate", true}};
    r.correlations = {correlation("share_staff_isolated", -0.8, -1), correlation("internal_reciprocity", NAN, 1),
                      correlation("district_ties", -0.8, 1)};
    return r;
}

std::string row_of(const std::string& html, const std::string& heading) {
    const std::size_t at = html.find("<tr><th scope=\"row\">" + heading);
    if (at == std::string::npos) return "";
    return html.substr(at, html.find("</tr>", at) - at);
}

}  // namespace

TEST_CASE("correlation colours mean more connection goes with better participation", "[viz][report]") {
    const std::string html = report_html(report());
    // Isolation falls as attendance rises: more connection, better participation: blue.
    CHECK_THAT(row_of(html, "share of staff with no ties"), Catch::Contains("background:rgba(0,114,178,0.60)"));
    CHECK_THAT(row_of(html, "share of staff with no ties"), Catch::Contains("(higher: less connected)"));
    // Fewer district ties where attendance is higher: orange.
    CHECK_THAT(row_of(html, "ties to the district team"), Catch::Contains("background:rgba(230,159,0,0.60)"));
    SECTION("a row blank everywhere is left out, of the table and of the charts") {
        CHECK(row_of(html, "ties named back").empty());
        CHECK(html.find("<option value=\"1\" selected>ties to the district team</option>") != std::string::npos);  // the second row shown
        CHECK(html.find(">ties named back (reciprocity)</option>") == std::string::npos);
    }
}

TEST_CASE("the report shows the outreach plan, names how each school is reached, and points to outreach.html", "[viz][report]") {
    ReportData r = report();
    r.flagged_schools = {0, 1};
    r.outreach_plan = {{0, {0}, {{1, 1}}, 1}};  // Dana Team is tied to Ann Lead at Alder
    RiskEntry alder, birch;
    alder.person = 0, alder.level = "medium", alder.score = 2;
    birch.person = 1, birch.level = "high", birch.score = 5;
    r.school_risk = {birch, alder};
    const std::string html = report_html(r);
    CHECK_THAT(html, Catch::Contains("<a href=\"outreach.html\">outreach.html</a>"));
    CHECK_THAT(html, Catch::Contains("<tr><td>1</td><td>Dana Team</td><td>Alder</td><td>Alder: tied to Ann Lead (school leader)</td></tr>"));
    CHECK_THAT(html, Catch::Contains("<td>Birch</td><td>no member is tied to these schools or one introduction away</td>"));
}
