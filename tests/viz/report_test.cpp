#include "viz/report.hpp"

#include "tests/viz/district.hpp"
#include "viz/map.hpp"
#include "viz/report_assets.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

using namespace staffnet;

namespace {

// The two-school district with a person named like a script, a tricky school name, a
// correlation, a suppressed group, and the risk lists.
ReportData tricky_report() {
    auto d = test::small_district({{"Dana Team", "district_team", ""},
                                   {"<script>alert(1)</script>", "staff", "A"},
                                   {"Ann Lead", "school_leader", "A"},
                                   {"Fay Lead", "school_leader", "B"},
                                   {"Gus Staff", "staff", "C"}},
                                  {{0, 2, 0}, {0, 3, 1}, {3, 4, 0}},
                                  {{"A", "Ärzte & \"Söhne\" </script><b>"}});
    d.schools.measure_names = {"pl_attendance_rate"};
    for (std::size_t s = 0; s < d.schools.schools.size(); ++s) d.schools.schools[s].measures = {0.5 + 0.1 * double(s)};
    ReportData r;
    r.network = d.net;
    r.schools = d.schools;
    r.graph_measures = {{"density", 0.3}};
    r.school_measures = {{"district_ties", "ties to the district team", {1, 1, 0}}};
    r.participation = {{"pl_attendance_rate", true}};
    CorrelationRow c;
    c.school_measure = "district_ties";
    c.participation_measure = "pl_attendance_rate";
    c.stats = {3, 0.5, 0.5, 0.33, 0.4, -0.9, 1.0};
    c.q = 0.4;
    r.correlations = {c};
    GroupPattern big{"role", "staff", 7, false, 0.1, 2.5, 0.5, -0.2};
    GroupPattern small{"role", "other", 2, true, NAN, NAN, NAN, NAN};
    r.patterns = {big, small};
    RiskEntry person;
    person.person = 1;
    person.score = 4;
    person.level = "high";
    person.reasons = {"no ties at all"};
    person.contacts = {{0, "knows 1 at A"}};
    r.people_risk = {person};
    r.isolate_rule = "no_ties";
    return r;
}

std::vector<std::string> script_bodies(const std::string& html) {
    std::vector<std::string> out;
    for (std::size_t at = 0; (at = html.find("<script>", at)) != std::string::npos;) {
        const std::size_t end = html.find("</script>", at);
        out.push_back(html.substr(at + 8, end - at - 8));
        at = end;
    }
    return out;
}

}  // namespace

TEST_CASE("base64 and sha256_base64 (OpenSSL EVP) match RFC 4648 and the FIPS 180-4 examples", "[viz][report]") {
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foobar") == "Zm9vYmFy");  // RFC 4648 section 10
    CHECK(sha256_base64("") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    CHECK(sha256_base64("abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    CHECK(sha256_base64(std::string(1000, 'a')) == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=");  // 16 blocks; Python hashlib gives the same
}

TEST_CASE("names in the report are text, never markup", "[viz][report]") {
    const std::string html = report_html(tricky_report());
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<script>alert(1)") == std::string::npos);
    CHECK(html.find("Ärzte &amp; &quot;Söhne&quot; &lt;/script&gt;&lt;b&gt;") != std::string::npos);
    // Only the report's own scripts: the libraries, the page script, and the JSON data block.
    const std::size_t scripts = std::size_t(std::count_if(html.begin(), html.end(), [&, i = std::size_t(0)](char) mutable {
        return html.compare(i++, 7, "<script") == 0;
    }));
    CHECK(scripts == report_assets().size() + 2 + (map_scripts().empty() ? 0 : map_scripts().size() + 1));  // + the map's and its data
}

TEST_CASE("the data block is JSON that cannot end its script element", "[viz][report]") {
    const std::string html = report_html(tricky_report());
    const std::string open = "<script type=\"application/json\" id=\"report-data\">";
    const std::size_t start = html.find(open) + open.size();
    const std::string block = html.substr(start, html.find("</script>", start) - start);
    CHECK(block.find_first_of("<>&") == std::string::npos);
    const nlohmann::json data = nlohmann::json::parse(block);
    CHECK(data["schools"][0]["name"] == "Ärzte & \"Söhne\" </script><b>");
    CHECK(data["cells"][0][0]["rho"] == 0.5);
    CHECK(data["schools"][2]["m"][0] == 0);
}

TEST_CASE("the Content-Security-Policy blocks the network and allows exactly the page's scripts", "[viz][report]") {
    const std::string html = report_html(tricky_report());
    std::smatch csp;
    REQUIRE(std::regex_search(html, csp, std::regex("Content-Security-Policy\" content=\"([^\"]*)\"")));
    const std::string policy = csp[1];
    CHECK(policy.find("default-src 'none'") != std::string::npos);
    CHECK(policy.find("connect-src 'none'") != std::string::npos);
    CHECK(policy.find("unsafe-inline' ;") == std::string::npos);
    CHECK(policy.find("script-src 'sha256-") != std::string::npos);
    CHECK(policy.find("unsafe-eval") == std::string::npos);
    for (const std::string& body : script_bodies(html)) CHECK(policy.find("'sha256-" + sha256_base64(body) + "'") != std::string::npos);
}

TEST_CASE("the report shows every part it is given", "[viz][report]") {
    const std::string html = report_html(tricky_report());
    CHECK(html.find("id=\"summary\"") != std::string::npos);
    CHECK(html.find("id=\"risk-table\"") != std::string::npos);
    CHECK(html.find("<table class=\"sortable compact\" id=\"school-table\">") != std::string::npos);
    CHECK(html.find("id=\"correlation-table\"") != std::string::npos);
    CHECK(html.find("+0.50 <small>[-0.90, +1.00]</small>") != std::string::npos);
    CHECK(html.find("suppressed: fewer than 5 people") != std::string::npos);
    CHECK(html.find("Spearman") != std::string::npos);  // the methods section
    CHECK(report_html(tricky_report()) == html);         // deterministic
    SECTION("a whole-district drawing too large for the page waits, in base64, until asked for") {
        ReportData large = tricky_report();
        std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">";
        while (svg.size() < 1'600'000) svg += "<circle cx=\"5\" cy=\"5\" r=\"1\"/>";
        svg += "</svg>";
        large.diagrams = {{"diagrams/sociogram", "Whole district", {{"svg", svg}}}};
        const std::string page = report_html(large);
        CHECK(page.find("<div class=\"diagram-box picture\" id=\"diagram-sociogram\">") != std::string::npos);
        CHECK(page.find("<button type=\"button\" id=\"sociogram-show\">Show the whole-district drawing</button>") != std::string::npos);
        CHECK(page.find("<script type=\"text/plain\" id=\"sociogram-svg\">" + base64(svg) + "</script>") != std::string::npos);
        CHECK(page.find("(1.6 MB)") != std::string::npos);
        CHECK(page.find("<circle cx=\"5\"") == std::string::npos);  // not inline
        CHECK(page.find("It is also <code>diagrams/sociogram.svg</code> in the folder beside this page.") != std::string::npos);
        large.diagrams[0].formats["svg"] = svg.substr(0, 1000) + "</svg>";
        CHECK(report_html(large).find("<svg role=\"img\" aria-label=\"Whole district\"") != std::string::npos);  // small: inline, with zoom
    }
    SECTION("and leaves out what it is not") {
        ReportData bare;
        bare.network = tricky_report().network;
        const std::string minimal = report_html(bare);
        CHECK(minimal.find("id=\"school-table\"") == std::string::npos);
        CHECK(minimal.find("id=\"correlation-table\"") == std::string::npos);
        CHECK(minimal.find("No isolation-risk list was computed") != std::string::npos);
    }
}
