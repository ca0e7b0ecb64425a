// The outreach outputs of the bundled example district, read as a district team would.
#include "io/csv.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>

using namespace staffnet;

namespace {

// `analyze` with no config: the bundled example district, once per process.
struct Analysed {
    std::string dir;
    test::Run run;
};

const Analysed& analysed() {
    static const Analysed a = [] {
        Analysed out{test::temp_dir("outreach_example"), {}};
        out.run = test::run({"analyze", "--out", out.dir, "--force"});
        return out;
    }();
    return a;
}

const std::string& outreach_out() {
    REQUIRE(analysed().run.code == 0);
    return analysed().dir;
}

// The first suggested contact of a risk row: "Name (why); Name (why)" -> {name, why}.
std::pair<std::string, std::string> first_contact(const std::string& contacts) {
    const std::size_t open = contacts.find(" (");
    if (open == std::string::npos) return {contacts, ""};
    std::size_t depth = 0, close = open + 1;
    for (; close < contacts.size(); ++close) {
        if (contacts[close] == '(') ++depth;
        if (contacts[close] == ')' && --depth == 0) break;
    }
    return {contacts.substr(0, open), contacts.substr(open + 2, close - open - 2)};
}

bool flagged(const std::string& level) { return level == "high" || level == "medium" || level == "no data"; }

// No tie, no step, no one known: the suggestion rests on nothing but the member's name.
bool unreached(const std::string& why) {
    for (const char* word : {"tied", "steps", "knows", "through"})
        if (why.find(word) != std::string::npos) return false;
    return true;
}

}  // namespace

TEST_CASE("flagged people and schools no one reaches yet are spread over the district team", "[cli][example][outreach]") {
    std::size_t members = 0;
    const CsvTable people = read_csv(std::string(STAFFNET_SOURCE_DIR) + "/examples/district/people.csv");
    for (const auto& row : people.rows) members += row[people.column("role")] == "district_team";
    REQUIRE(members == 12);

    std::map<std::string, std::size_t> first_listed;
    std::size_t total = 0;
    for (const char* file : {"/isolation_risk.csv", "/schools_at_risk.csv"}) {
        const CsvTable table = read_csv(outreach_out() + file);
        for (const auto& row : table.rows) {
            if (!flagged(row[table.column("level")])) continue;
            const auto [member, why] = first_contact(row[table.column("suggested_contacts")]);
            if (!unreached(why)) continue;
            ++first_listed[member];
            ++total;
            CHECK(why == "no one is connected yet; assigned to spread the outreach");
            // Only the assigned member is named: listing others would be id order again.
            CHECK(row[table.column("suggested_contacts")] == member + " (" + why + ")");
        }
    }
    REQUIRE(total > 0);
    // Twice the fair share, rounded up: with fewer such rows than members someone still has one.
    const double fair = double(total) / double(members);
    for (const auto& [member, count] : first_listed) {
        INFO(member << " is first-listed for " << count << " of " << total);
        CHECK(double(count) <= std::ceil(2 * fair));
    }
}

TEST_CASE("outreach_plan.csv covers a school only through a tie or one introduction, by name", "[cli][example][outreach]") {
    const CsvTable plan = read_csv(outreach_out() + "/outreach_plan.csv");
    const CsvTable schools = read_csv(std::string(STAFFNET_SOURCE_DIR) + "/examples/district/schools.csv");
    std::map<std::string, std::string> name_of;
    for (const auto& row : schools.rows) name_of[row[schools.column("id")]] = row[schools.column("name")];
    REQUIRE(plan.rows.size() >= 1);
    for (const auto& row : plan.rows) {
        if (row[plan.column("member_id")].empty()) continue;
        // Each covered school is named and comes with how: a tie, or who introduces.
        const std::string& ids = row[plan.column("schools")];
        const std::string& names = row[plan.column("school_names")];
        const std::string& how = row[plan.column("how")];
        std::size_t start = 0;
        while (start < ids.size()) {
            const std::size_t end = std::min(ids.find(' ', start), ids.size());
            const std::string name = name_of.at(ids.substr(start, end - start));
            CHECK(names.find(name) != std::string::npos);
            CHECK((how.find(name + ": tied to ") != std::string::npos || how.find(name + ": through ") != std::string::npos));
            start = end + 1;
        }
        CHECK(how.find("(district team)") == std::string::npos);  // never introduced by a district colleague
    }
}

TEST_CASE("analyze without a config says it is using the bundled example", "[cli][example][outreach]") {
    REQUIRE(analysed().run.code == 0);
    CHECK_THAT(analysed().run.err, Catch::Contains("staffnet: note: no config given, so this analyses the bundled example district ("));
}

TEST_CASE("every page of outreach.html names the district, the date of the data and schools by name", "[cli][example][outreach]") {
    const std::string html = test::slurp(outreach_out() + "/outreach.html");
    const auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) ++n;
        return n;
    };
    const std::size_t pages = count("<section class=\"member\">");
    CHECK(pages == 12);  // work no one is placed for is spread, so every member of the team has a page
    CHECK(count("<p class=\"about\">Riverbend Unified · data of 2026-10-31</p>") == pages + 1);
    CHECK(count("<td>S0") + count("<td>S1") + count("<td>S2") + count("<td>S3") + count("<td>S4") == 0);  // no school ids
    CHECK(count("<td>Bluebird Elementary</td>") > 0);
}
