#include "config/analysis.hpp"
#include "io/district.hpp"
#include "io/readers.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace staffnet;
using test::fixture;

namespace {
std::string io(const std::string& name) { return fixture("io/fixtures/" + name); }

TieTable ties_of(const std::string& name, const TieReadOptions& options = {}) {
    const PeopleTable people = read_people(io("people.csv"));
    std::vector<TieType> types = default_tie_types();
    return read_ties(io(name), people, types, options);
}

const std::vector<std::string> participation = {"pl_attendance_rate", "email_response_hours"};

AnalysisConfig district(const std::string& people, const std::string& ties, const std::string& schools) {
    AnalysisConfig config;
    config.people = io(people);
    config.ties = io(ties);
    config.schools = io(schools);
    config.network.types = default_tie_types();
    for (const std::string& column : participation) config.participation.push_back({column, true});
    return config;
}
}  // namespace

TEST_CASE("people.csv: a valid file gives one person per row", "[io][people]") {
    const PeopleTable t = read_people(io("people.csv"));
    REQUIRE(t.people.size() == 5);
    CHECK(t.people[1].id == "P1");
    CHECK(t.people[1].name == "Ann Lee");
    CHECK(t.people[1].role == "school_leader");
    CHECK(t.people[1].school == "S1");
    CHECK(t.people[2].responded == false);
    CHECK_FALSE(t.people[4].responded.has_value());  // a blank cell is unknown, not "no"
    CHECK(t.index.at("P3") == 3);
    CHECK(t.lines == std::vector<int>{2, 3, 4, 5, 6});
    CHECK(t.school_column == 3);
    CHECK(t.warnings.empty());
}

TEST_CASE("people.csv: a duplicate id names the line of the first one", "[io][people]") {
    const std::string file = io("people_duplicate_id.csv");
    CHECK_THROWS_WITH(read_people(file), Catch::Equals(file + ":5:1: error: duplicate id 'P1', first used on line 3; "
                                                              "give each person one row with a unique id"));
}

TEST_CASE("people.csv: an unknown role suggests the closest", "[io][people]") {
    const std::string file = io("people_unknown_role.csv");
    CHECK_THROWS_WITH(read_people(file), Catch::Equals(file + ":3:3: error: unknown role 'shool_leader' (did you mean "
                                                              "'school_leader'?); use one of district_team, school_leader, staff, other"));
}

TEST_CASE("people.csv: responded must be yes or no", "[io][people]") {
    const std::string file = io("people_responded_maybe.csv");
    CHECK_THROWS_WITH(read_people(file), Catch::Equals(file + ":3:5: error: responded must be yes or no, got 'maybe'; "
                                                              "write yes, no, or leave it blank if unknown"));
}

TEST_CASE("people.csv: line numbers stay right after a multi-line name and a blank line", "[io][people]") {
    // line 2-3: D1 with a two-line quoted name, line 4 blank, line 5 P1, line 6 P2 with the bad value
    const std::string message = ":6:5: error: responded must be yes or no, got 'perhaps'";
    CHECK_THROWS_WITH(read_people(io("people_multiline_name.csv")), Catch::Contains("people_multiline_name.csv" + message));
    SECTION("and in the same file saved by Excel: CRLF line ends and a byte-order mark") {
        CHECK_THROWS_WITH(read_people(io("people_crlf_bom.csv")), Catch::Contains("people_crlf_bom.csv" + message));
    }
}

TEST_CASE("people.csv: a semicolon-separated file reports the field number", "[io][people]") {
    // id;name;role;school;responded - 'sometimes' is field 5 of line 4; "Reyes, Ann" needs no quotes here
    const std::string file = io("people_semicolon.csv");
    CHECK_THROWS_WITH(read_people(file), Catch::Equals(file + ":4:5: error: responded must be yes or no, got 'sometimes'; "
                                                              "write yes, no, or leave it blank if unknown"));
}

TEST_CASE("people.csv: the id column is required", "[io][people]") {
    const std::string file = io("people_missing_id_column.csv");
    CHECK_THROWS_WITH(read_people(file), Catch::Equals(file + ":1: error: missing required column 'id' (did you mean 'ID'?); "
                                                              "the header must include id (and may include name, role, school, responded)"));
}

TEST_CASE("people.csv: a header with no rows has no people", "[io][people]") {
    const std::string file = io("people_header_only.csv");
    CHECK_THROWS_WITH(read_people(file), Catch::Equals(file + ":1: error: no people in the file; add one row per person below the header"));
}

TEST_CASE("ties.csv: a valid file gives one row per tie", "[io][ties]") {
    const TieTable t = ties_of("ties.csv");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].source == 0);  // D1
    CHECK(t.rows[0].target == 1);  // P1
    CHECK(t.rows[0].type == 0);    // shared_project
    CHECK(t.rows[0].weight == 2.0);
    CHECK(t.rows[1].weight == 1.0);  // blank weight
    CHECK(t.rows[2].type == 1);      // past_collaboration
}

TEST_CASE("ties.csv: an unknown person is reported at its field", "[io][ties]") {
    const std::string file = io("ties_unknown_person.csv");
    CHECK_THROWS_WITH(ties_of("ties_unknown_person.csv"),
                      Catch::Equals(file + ":3:2: error: unknown person 'P99'; add them to " + io("people.csv") + " or correct the id"));
}

TEST_CASE("ties.csv: an empty id is reported as empty", "[io][ties]") {
    CHECK_THROWS_WITH(ties_of("ties_empty_target.csv"),
                      Catch::Equals(io("ties_empty_target.csv") + ":3:2: error: target is empty; write the id of a person in " + io("people.csv")));
}

TEST_CASE("ties.csv: a self-tie is an error, or a warning when self_ties: drop", "[io][ties]") {
    const std::string file = io("ties_self_tie.csv");
    CHECK_THROWS_WITH(ties_of("ties_self_tie.csv"),
                      Catch::Equals(file + ":3:2: error: self-tie: 'P3' is tied to themselves; "
                                           "remove the row, or set network.self_ties: drop in the config"));
    const TieTable dropped = ties_of("ties_self_tie.csv", {.drop_self_ties = true});
    CHECK(dropped.rows.size() == 1);
    REQUIRE(dropped.warnings.size() == 1);
    CHECK(format(dropped.warnings[0]) == file + ":3:2: warning: self-tie: 'P3' is tied to themselves; the row is skipped");
}

TEST_CASE("ties.csv: an unknown tie type suggests the closest and lists the rest", "[io][ties]") {
    const std::string file = io("ties_unknown_type.csv");
    CHECK_THROWS_WITH(ties_of("ties_unknown_type.csv"),
                      Catch::Equals(file + ":3:3: error: unknown tie type 'socail' (did you mean 'social'?); use one of shared_project, "
                                           "past_collaboration, contact_exchange, social, or declare it under tie_types in the config"));
}

TEST_CASE("ties.csv: a weight must be a positive number", "[io][ties]") {
    const std::string fix = "; write a number above 0 (for example 1, 2 or 0.5), or leave it blank for 1";
    CHECK_THROWS_WITH(ties_of("ties_weight_not_number.csv"),
                      Catch::Equals(io("ties_weight_not_number.csv") + ":2:4: error: weight must be a positive number, got 'high'" + fix));
    CHECK_THROWS_WITH(ties_of("ties_weight_negative.csv"),
                      Catch::Equals(io("ties_weight_negative.csv") + ":3:4: error: weight must be a positive number, got '-1'" + fix));
    SECTION("a decimal comma in a semicolon-separated file is field 4, not a split field") {
        CHECK_THROWS_WITH(ties_of("ties_semicolon.csv"),
                          Catch::Equals(io("ties_semicolon.csv") + ":3:4: error: weight must be a positive number, got '0,5'" + fix));
    }
}

TEST_CASE("parse_number takes a whole finite number and nothing else", "[io][ties]") {
    CHECK(parse_number("0.5") == 0.5);
    CHECK(parse_number("-3") == -3.0);  // the sign is for the caller to judge
    CHECK(parse_number("2 ") == 2.0);
    CHECK_THROWS_WITH(parse_number("  "), "'  '");
    CHECK_THROWS_WITH(parse_number(""), "''");
    CHECK_THROWS_WITH(parse_number("3 ties"), "'3 ties'");
    CHECK_THROWS_WITH(parse_number("nan"), "'nan'");
    CHECK_THROWS_WITH(parse_number("1e999"), "'1e999'");
}

TEST_CASE("ties.csv: source, target and type are required columns", "[io][ties]") {
    CHECK_THROWS_WITH(ties_of("ties_missing_target.csv"),
                      Catch::Equals(io("ties_missing_target.csv") + ":1: error: missing required column 'target' (did you mean 'targt'?); "
                                                                    "the header must be source,target,type (then optional weight, wave, date)"));
    CHECK_THROWS_WITH(ties_of("ties_empty.csv"), Catch::StartsWith(io("ties_empty.csv") + ": error: the file is empty"));
}

TEST_CASE("schools.csv: participation columns are numbers >= 0, blank when unknown", "[io][schools]") {
    const SchoolTable t = read_schools(io("schools.csv"), participation);
    CHECK(t.measure_names == participation);
    REQUIRE(t.schools.size() == 2);
    CHECK(t.schools[0].measures == std::vector<double>{0.8, 12.0});
    CHECK(std::isnan(t.schools[1].measures[1]));
    SECTION("with no participation named, every all-number column is a measure") {
        CHECK(read_schools(io("schools.csv"), {}).measure_names == participation);
    }
}

TEST_CASE("schools.csv: a bad measure is reported at its field", "[io][schools]") {
    const std::string fix = "; write a number, or leave the cell blank if it is unknown";
    CHECK_THROWS_WITH(read_schools(io("schools_measure_not_number.csv"), participation),
                      Catch::Equals(io("schools_measure_not_number.csv") + ":2:3: error: pl_attendance_rate must be a number >= 0, got 'n/a'" + fix));
    CHECK_THROWS_WITH(read_schools(io("schools_measure_negative.csv"), participation),
                      Catch::Equals(io("schools_measure_negative.csv") + ":3:4: error: email_response_hours must be a number >= 0, got '-3'" + fix));
}

TEST_CASE("schools.csv: a duplicate id names the line of the first one", "[io][schools]") {
    CHECK_THROWS_WITH(read_schools(io("schools_duplicate_id.csv"), participation),
                      Catch::Equals(io("schools_duplicate_id.csv") + ":4:1: error: duplicate school id 'S1', first used on line 2; "
                                                                     "give each school one row"));
}

TEST_CASE("schools.csv: a participation column from the config must be in the header", "[io][schools]") {
    CHECK_THROWS_WITH(read_schools(io("schools_missing_column.csv"), participation),
                      Catch::Equals(io("schools_missing_column.csv") + ":1: error: missing participation column 'email_response_hours' "
                                                                       "(did you mean 'email_response_hrs'?); add the column, or "
                                                                       "remove it from participation in the config"));
}

TEST_CASE("district: a school in people.csv must be in schools.csv", "[io][district]") {
    const AnalysisConfig config = district("people_unknown_school.csv", "ties.csv", "schools.csv");
    CHECK_THROWS_WITH(load_district(config),
                      Catch::Equals(config.people + ":5:4: error: school 'S3' is not in " + config.schools +
                                    " (did you mean 'S1'?); add a row for it to " + config.schools + " or correct the school id"));
}

TEST_CASE("district: isolates and schools with no people are warnings", "[io][district]") {
    const AnalysisConfig config = district("people.csv", "ties_isolates.csv", "schools_unused.csv");
    const District d = load_district(config);
    CHECK(d.network.size() == 5);
    CHECK(d.schools.schools.size() == 3);
    REQUIRE(d.warnings.size() == 2);
    CHECK(format(d.warnings[0]) == config.schools + ": warning: school 'S3' has no people in " + config.people + "; check the "
                                   "school column of " + config.people + ", or remove the school if it is not in the study");
    CHECK(format(d.warnings[1]) == config.ties + ": warning: 3 people have no ties ('P2', 'P3', 'P4'); "
                                   "they are kept and reported as isolates");
}

TEST_CASE("district: the valid fixtures load without warnings", "[io][district]") {
    const District d = load_district(district("people.csv", "ties.csv", "schools.csv"));
    CHECK(d.network.size() == 5);
    CHECK(d.network.ties.size() == 3);
    CHECK(d.warnings.empty());
}
