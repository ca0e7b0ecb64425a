#include "cli/commands.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

using namespace staffnet;
using test::fixture;
namespace fs = std::filesystem;

namespace {

using test::Run;
using test::run;

std::string io(const std::string& name) { return fixture("io/fixtures/" + name); }
std::string cli(const std::string& name) { return fixture("cli/fixtures/" + name); }
const std::string example = std::string(STAFFNET_SOURCE_DIR) + "/examples/district/config.yaml";

// An output folder from an earlier run.
fs::path earlier_output(const std::string& name) {
    const fs::path dir = test::temp_dir(name);
    std::ofstream(dir / ".staffnet") << "This folder was written by staffnet; it may replace the files here.\n";
    std::ofstream(dir / "people.csv") << "id,name,role,school,degree\nP1,Ann Lee,staff,S1,3\n";
    std::ofstream(dir / "summary.json") << "{\"nodes\": 1}\n";
    return dir;
}

struct BadInput {
    std::string config;
    std::string diagnostic;  // the one line printed for it
};

const std::vector<BadInput>& bad_inputs() {
    static const std::vector<BadInput> cases = {
        {cli("unknown_person.yaml"), io("ties_unknown_person.csv") + ":3:2: error: unknown person 'P99'; add them to " +
                                         io("people.csv") + " or correct the id"},
        {cli("duplicate_id.yaml"), io("people_duplicate_id.csv") +
                                       ":5:1: error: duplicate id 'P1', first used on line 3; give each person one row with a unique id"},
        {cli("self_tie.yaml"), io("ties_self_tie.csv") + ":3:2: error: self-tie: 'P3' is tied to themselves; remove the row, "
                                                         "or set network.self_ties: drop in the config"},
        {cli("unknown_tie_type.yaml"), io("ties_unknown_type.csv") +
                                           ":3:3: error: unknown tie type 'socail' (did you mean 'social'?); use one of shared_project, "
                                           "past_collaboration, contact_exchange, social, or declare it under tie_types in the config"},
        {cli("weight_not_number.yaml"), io("ties_weight_not_number.csv") + ":2:4: error: weight must be a positive number, got 'high'; "
                                                                           "write a number above 0 (for example 1, 2 or 0.5), or leave it blank for 1"},
        {cli("measure_negative.yaml"), io("schools_measure_negative.csv") + ":3:4: error: email_response_hours must be a number >= 0, "
                                                                            "got '-3'; write a number, or leave the cell blank if it is unknown"},
        {cli("empty_people.yaml"), io("people_empty.csv") + ": error: the file is empty; it needs a header line and at least one row"},
        {cli("missing_target_column.yaml"), io("ties_missing_target.csv") + ":1: error: missing required column 'target' (did you mean "
                                                                            "'targt'?); the header must be source,target,type (then optional "
                                                                            "weight, wave, date)"},
        {cli("bad_utf8.yaml"), io("people_bad_utf8.csv") + ":3:2: error: field 'Jos\\xE9 N\\xFA\\xF1ez' is not valid UTF-8; "
                                                           "save the file as UTF-8 (in Excel: 'CSV UTF-8')"},
        {cli("unknown_school.yaml"), io("people_unknown_school.csv") + ":5:4: error: school 'S3' is not in " + io("schools.csv") +
                                         " (did you mean 'S1'?); add a row for it to " + io("schools.csv") + " or correct the school id"},
        {cli("unterminated_quote.yaml"), io("people_unterminated_quote.csv") +
                                             ":3:2: error: a quoted field is never closed; add the closing quote (\") at the end of this field"},
        {cli("unknown_role.yaml"), io("people_unknown_role.csv") + ":3:3: error: unknown role 'shool_leader' (did you mean "
                                                                   "'school_leader'?); use one of district_team, school_leader, staff, other"},
        {cli("wrong_field_count.yaml"), io("people_wrong_field_count.csv") + ":3: error: expected 5 fields, found 4; check for a missing "
                                                                             "or extra ',', or quote fields that contain one"},
        {fixture("config/fixtures/unknown_metric.yaml"), fixture("config/fixtures/unknown_metric.yaml") +
                                                             ":3:5: error: unknown metric 'betweeness' (did you mean 'betweenness'?); "
                                                             "run 'staffnet metrics --list' to see every metric"},
        {fixture("config/fixtures/directed_maybe.yaml"), fixture("config/fixtures/directed_maybe.yaml") +
                                                             ":2:13: error: directed must be true or false, got 'maybe'; write "
                                                             "'directed:' followed by true or false"},
        {fixture("config/fixtures/syntax_error.yaml"), fixture("config/fixtures/syntax_error.yaml") +
                                                           ":3:12: error: invalid YAML: illegal map value; check the indentation "
                                                           "and quoting on this line"},
    };
    return cases;
}

}  // namespace

TEST_CASE("bad input: exit 2, one line per problem on stderr, the output folder untouched", "[cli]") {
    for (const BadInput& bad : bad_inputs()) {
        CAPTURE(bad.config);
        const fs::path out = earlier_output("cli_bad_input");
        const auto before = test::snapshot(out);
        const Run r = run({"analyze", bad.config, "--out", out.string()});
        CHECK(r.code == 2);
        CHECK(r.err == bad.diagnostic + "\nstaffnet: stopped; no output was written\n");
        CHECK(r.out.empty());
        CHECK(test::snapshot(out) == before);
    }
}

TEST_CASE("bad input into a new folder creates no folder", "[cli]") {
    const fs::path out = fs::path(test::temp_dir("cli_bad_new")) / "results";
    CHECK(run({"analyze", cli("unknown_person.yaml"), "--out", out.string()}).code == 2);
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("validate reports bad input the same way", "[cli]") {
    const Run r = run({"validate", cli("duplicate_id.yaml")});
    CHECK(r.code == 2);
    CHECK(r.err == bad_inputs()[1].diagnostic + "\nstaffnet: stopped; no output was written\n");
}

TEST_CASE("validate prints what it loaded and exits 0 on the example", "[cli]") {
    const Run r = run({"validate", example});
    CHECK(r.code == 0);
    // numbers from examples/district/README.md
    CHECK(r.out == "loaded " + example + ": 497 people (12 district_team, 71 school_leader, 414 staff), 1431 ties (522 shared_project, "
                                         "416 past_collaboration, 155 contact_exchange, 338 social), 40 schools; undirected network\n"
                                         "ok: no errors found\n");
    CHECK(r.err == std::string(STAFFNET_SOURCE_DIR) + "/examples/district/ties.csv: warning: 10 people have no ties ('P012', 'P067', "
                                                      "'P092', 'P153', 'P209', ...); they are kept and reported as isolates\n");
}

TEST_CASE("analyze writes people.csv, summary.json and network.svg for the example", "[cli]") {
    const fs::path out = fs::path(test::temp_dir("cli_analyze")) / "results";
    const Run r = run({"analyze", example, "--out", out.string()});
    REQUIRE(r.code == 0);
    CHECK_THAT(r.out, Catch::Contains("wrote " + out.string() + "/people.csv\n"));
    CHECK(fs::exists(out / ".staffnet"));
    CHECK(fs::exists(out / "network.svg"));
    CHECK_THAT(test::slurp((out / "network.svg").string()), Catch::Contains("<svg"));
    const nlohmann::json summary = nlohmann::json::parse(test::slurp((out / "summary.json").string()));
    CHECK(summary["nodes"] == 497);
    const std::string people = test::slurp((out / "people.csv").string());
    CHECK_THAT(people, Catch::StartsWith("id,name,role,school,degree,"));
    CHECK(std::count(people.begin(), people.end(), '\n') == 498);  // the header and one row per person
    CHECK_THAT(people, Catch::Contains("\nP475,\"Marcus Bell, Jr.\",staff,S40,"));
}

TEST_CASE("analyze refuses a folder of someone else's files unless --force", "[cli]") {
    const fs::path out = test::temp_dir("cli_foreign");
    std::ofstream(out / "notes.txt") << "my notes\n";
    const Run refused = run({"analyze", cli("good.yaml"), "--out", out.string()});
    CHECK(refused.code == 1);
    CHECK(refused.err == "staffnet: error: output folder " + out.string() +
                             " already holds files that staffnet did not write; choose an empty or new --out, or add --force\n");
    CHECK(test::snapshot(out) == std::map<std::string, std::string>{{"notes.txt", "my notes\n"}});

    const Run forced = run({"analyze", cli("good.yaml"), "--out", out.string(), "--force"});
    CHECK(forced.code == 0);
    CHECK(forced.err.empty());
    CHECK(test::slurp((out / "notes.txt").string()) == "my notes\n");
    CHECK_THAT(test::slurp((out / "people.csv").string()), Catch::StartsWith("id,name,role,school,degree,"));
}

TEST_CASE("analyze may replace its own earlier output", "[cli]") {
    const fs::path out = earlier_output("cli_rerun");
    CHECK(run({"analyze", cli("good.yaml"), "--out", out.string()}).code == 0);
    CHECK_THAT(test::slurp((out / "people.csv").string()), Catch::Contains("\nD1,Dana Reyes,district_team,,"));
}

TEST_CASE("a usage error exits 2 and names the argument", "[cli]") {
    const Run r = run({"analyze", "--frobnicate"});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("--frobnicate"));
}

TEST_CASE("every subcommand is registered and listed in --help", "[cli]") {
    const Run r = run({"--help"});
    CHECK(r.code == 0);
    for (const char* command : {"analyze", "validate", "metrics", "render", "compare", "qap", "template", "import-sheet"})
        CHECK_THAT(r.out, Catch::Contains(std::string("  ") + command + " "));
}
