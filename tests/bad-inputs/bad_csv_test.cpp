#include "bad-inputs/refused.hpp"
#include "io/csv.hpp"

#include <fstream>
#include <sstream>

using namespace staffnet;
using test::bad_input;
using test::config_for;
using test::refused;

namespace {

const std::string people = test::fixture("io/fixtures/people.csv");  // D1, P1-P5
const std::string ties = test::fixture("io/fixtures/ties.csv");

// Peak resident memory of this process in MiB (VmHWM); each test case runs in its own process.
long peak_mib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6)) / 1024;
    return -1;
}

}  // namespace

TEST_CASE("truncated, binary and escape-laden CSV files are refused at the line and field", "[bad-inputs]") {
    SECTION("a file that ends inside a quoted field") {
        const std::string file = bad_input("people_truncated_quote.csv");
        CHECK(refused(config_for("truncated_quote", file, ties)) ==
              file + ":3:2: error: a quoted field is never closed; add the closing quote (\") at the end of this field\n");
    }
    SECTION("a file that ends in the middle of a row") {
        const std::string file = bad_input("ties_truncated_row.csv");
        // Missing trailing columns read as blank (issue 15), so the cut-off row is refused for what
        // it then holds: an unknown person and a blank tie type, each at its line and field.
        CHECK(refused(config_for("truncated_row", people, file)) ==
              file + ":4:2: error: unknown person 'P'; add them to " + people + " or correct the id\n" + file +
                  ":4:3: error: unknown tie type ''; use one of shared_project, past_collaboration, contact_exchange, social, or "
                  "declare it under tie_types in the config\n");
    }
    SECTION("a file that ends in the middle of a UTF-8 character") {
        const std::string file = bad_input("people_truncated_utf8.csv");
        CHECK(refused(config_for("truncated_utf8", file, ties)) ==
              file + ":3:2: error: field 'Jos\\xC3' is not valid UTF-8; save the file as UTF-8 (in Excel: 'CSV UTF-8')\n");
    }
    SECTION("binary garbage: its bytes are shown escaped, cut to about 60") {
        const std::string file = bad_input("people_binary.csv");
        CHECK(refused(config_for("binary", file, ties)) ==
              file + ":1:1: error: column name '\\x1F\\x8B\\x08\\x00t\\xBD\\xC0@b\\x16+F~k\\xCD\\x0F\\xEB\\xF9\\xE8\\xC7\\xFDb\\xCE-"
                     "\\xF8w' is not valid UTF-8; save the file as UTF-8 (in Excel: 'CSV UTF-8')\n");
    }
    SECTION("a terminal escape sequence in a value is printed as text, never sent to the terminal") {
        const std::string file = bad_input("people_escape_sequence.csv");
        CHECK(refused(config_for("escape", file, ties)) ==
              file + ":2:3: error: unknown role 'staff\\x1B[2J\\x1B[31m'; use one of district_team, school_leader, staff, other\n");
    }
}

TEST_CASE("a field over 1 MiB is refused at its line and field", "[bad-inputs]") {
    const std::string file = test::temp_dir("huge_field") + "/people.csv";
    std::ofstream(file) << "id,name\nP1,Ann\nP2," << std::string(2 << 20, 'x') << "\n";
    CHECK(refused(config_for("huge_field_config", file, ties)) ==
          file + ":3:2: error: field is longer than 1048576 bytes; shorten it, or check that this is the right file\n");
}

TEST_CASE("a megabyte-long value is quoted in an error by its two ends only", "[bad-inputs]") {
    const std::string file = test::temp_dir("long_id") + "/ties.csv";
    std::ofstream(file) << "source,target,type\n" << std::string(1'000'000, 'x') << ",P1,social\n";
    // printable() keeps a message to 500 bytes: the first 333 and the last 164, joined by "...".
    CHECK(refused(config_for("long_id_config", people, file)) ==
          file + ":2:1: error: unknown person '" + std::string(317, 'x') + "..." + std::string(163, 'x') + "'; add them to " + people +
              " or correct the id\n");
}

TEST_CASE("a file with 200,000 bad rows lists the first 100 and counts the rest", "[bad-inputs]") {
    const std::string file = test::temp_dir("bad_rows") + "/people.csv";
    {
        std::ofstream out(file);
        out << "id,name\n";
        for (int i = 0; i < 200'000; ++i) out << "P" << i << ",Ann,extra\n";
    }
    const std::string err = refused(config_for("bad_rows_config", file, ties));
    std::istringstream lines(err);
    std::vector<std::string> printed;
    for (std::string line; std::getline(lines, line);) printed.push_back(line);
    REQUIRE(printed.size() == 101);
    CHECK(printed[0] == file + ":2: error: expected 2 fields, found 3; check for a missing or extra ',', or quote fields that contain one");
    CHECK(printed[99] == file + ":101: error: expected 2 fields, found 3; check for a missing or extra ',', or quote fields that contain one");
    CHECK(printed[100] == file + ": error: and at least 199900 more errors not listed; correct the ones above and run again");
}

TEST_CASE("a ties file of 10 million rows is refused before any row is stored", "[bad-inputs]") {
    // About 140 MB; storing its rows would take some 1.5 GB (about 150 bytes a row besides the text).
    const std::string file = test::temp_dir("ten_million") + "/ties.csv";
    {
        std::ofstream out(file);
        out << "source,target,type\n";
        std::string block;
        for (int i = 0; i < 10'000; ++i) block += "D1,P1,shared_project\n";
        for (int i = 0; i < 1'000; ++i) out << block;
    }
    CHECK(refused(config_for("ten_million_config", people, file)) ==
          file + ": error: more than 5000000 rows; staffnet reads at most 5000000 rows from one file; check that this is the right file\n");
    CHECK(peak_mib() < 1024);
}

TEST_CASE("a CSV file over 512 MiB is refused before it is read", "[bad-inputs]") {
    const std::string file = test::temp_dir("big_file") + "/ties.csv";
    std::ofstream(file) << "source,target,type\n";
    std::filesystem::resize_file(file, (512u << 20) + 1);  // sparse: no disk space used
    CHECK(refused(config_for("big_file_config", people, file)) ==
          file + ": error: the file is larger than 512 MiB; staffnet reads files up to 512 MiB; check that this is the right file\n");
}

TEST_CASE("a row limit is kept while parsing too", "[bad-inputs]") {
    CHECK_THROWS_WITH(parse_csv("t.csv", "a,b\n1,2\n3,4\n5,6\n", {.max_rows = 2}),
                      "t.csv: error: more than 2 rows; staffnet reads at most 2 rows from one file; check that this is the right file");
    CHECK(parse_csv("t.csv", "a,b\n1,2\n\n  \n3,4\n", {.max_rows = 2}).rows.size() == 2);  // blank lines are not rows
}
