// End to end on the bundled example district: the planted structure comes back out.
#include "cli/commands.hpp"
#include "io/csv.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

using namespace staffnet;

namespace {

// Runs `staffnet analyze` once per process on the example, with extra flags, into a fresh folder.
std::string analyzed(const std::string& name, std::vector<std::string> flags = {}) {
    const std::string out = test::temp_dir(name);
    std::vector<std::string> args = {"analyze", STAFFNET_EXAMPLE_CONFIG, "--out", out, "--force"};
    args.insert(args.end(), flags.begin(), flags.end());
    REQUIRE(test::run(args).code == 0);
    return out;
}

const std::string& example_out() {
    static const std::string out = analyzed("example");
    return out;
}

}  // namespace

TEST_CASE("the planted link between district ties and PL attendance is recovered", "[cli][example]") {
    const CsvTable table = read_csv(example_out() + "/correlations.csv");
    bool found = false;
    for (const auto& row : table.rows)
        if (row[0] == "district_ties" && row[1] == "pl_attendance_rate") {
            found = true;
            CHECK(std::stod(row[table.column("spearman_rho")]) > 0.5);   // generator: rho = 0.608 by count
            CHECK(std::stod(row[table.column("q_bh")]) < 0.01);          // significant across the table
            CHECK(std::stod(row[table.column("ci_low")]) > 0.0);
            CHECK(row[table.column("better")] == "higher");
        }
    CHECK(found);
}

TEST_CASE("the planted isolated leaders top the isolation-risk list", "[cli][example]") {
    const CsvTable table = read_csv(example_out() + "/isolation_risk.csv");
    // examples/district/README.md: P142, P153, P383, P421, P472 have no district tie; P153 and
    // P421 have no ties at all.
    std::vector<std::string> top;
    for (std::size_t r = 0; r < 5; ++r) top.push_back(table.rows[r][table.column("id")]);
    std::sort(top.begin(), top.end());
    CHECK(top == std::vector<std::string>{"P142", "P153", "P383", "P421", "P472"});
    const int reasons = table.column("reasons");
    for (std::size_t r = 0; r < 5; ++r) {
        CHECK_THAT(table.rows[r][reasons], Catch::Contains("no tie to any district team member"));
        CHECK(table.rows[r][table.column("level")] == "high");
    }
    CHECK_THAT(table.rows[0][reasons], Catch::StartsWith("no ties at all"));
    CHECK(table.rows[0][table.column("isolate_rule")] == "no_ties");
}

TEST_CASE("the planted isolated schools top the school list", "[cli][example]") {
    const CsvTable table = read_csv(example_out() + "/schools_at_risk.csv");
    std::vector<std::string> top;
    for (std::size_t r = 0; r < 4; ++r) top.push_back(table.rows[r][table.column("id")]);
    std::sort(top.begin(), top.end());
    CHECK(top == std::vector<std::string>{"S13", "S14", "S33", "S36"});
}

TEST_CASE("pseudonymised output (--pseudonymize) leaves no name or id anywhere", "[cli][privacy]") {
    ::setenv("STAFFNET_KEY", "test key, not secret", 1);
    const std::string out = analyzed("pseudonymized", {"--pseudonymize"});
    const CsvTable people = read_csv(std::string(STAFFNET_SOURCE_DIR) + "/examples/district/people.csv");
    std::string everything;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) everything += test::slurp(entry.path().string());
    std::size_t leaks = 0;
    for (const auto& row : people.rows) {
        // District ids (D01..) and people ids (P001..) are short; check full names and ids as cells.
        if (everything.find(row[1]) != std::string::npos) ++leaks;
        if (everything.find("," + row[0] + ",") != std::string::npos) ++leaks;
    }
    CHECK(leaks == 0);
    CHECK(everything.find("test key, not secret") == std::string::npos);
    ::unsetenv("STAFFNET_KEY");
}

TEST_CASE("report.html names its config by file name, not by a folder path", "[cli][example][report][privacy]") {
    // A path such as /home/<user>/... names whoever ran the analysis.
    const std::string html = test::slurp(example_out() + "/report.html");
    const std::string folder = std::string(STAFFNET_SOURCE_DIR) + "/examples/district";
    CHECK_THAT(html, Catch::Contains("497 people, 40 schools (config.yaml). Made by staffnet"));
    CHECK(html.find(folder) == std::string::npos);
}

TEST_CASE("every school's risk level in report.html is its level in schools_at_risk.csv", "[cli][example][report]") {
    // The report once read the rank-sorted risk list by row number (Bluebird showed "high").
    const CsvTable table = read_csv(example_out() + "/schools_at_risk.csv");
    std::map<std::string, std::string> level;
    for (const auto& row : table.rows) level[row[table.column("id")]] = row[table.column("level")];
    const std::string html = test::slurp(example_out() + "/report.html");
    const std::regex cell(R"re(<tr data-id="([^"]+)"><td>[^<]*</td><td class="level [^"]*" data-v="\d">([^<]+)</td>)re");
    std::size_t checked = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator(); ++it) {
        INFO("school " << (*it)[1]);
        REQUIRE(level.count((*it)[1]) == 1);
        CHECK((*it)[2] == level[(*it)[1]]);
        ++checked;
    }
    CHECK(checked == level.size());
    CHECK(level.size() == 40);  // examples/district: 40 schools
}
