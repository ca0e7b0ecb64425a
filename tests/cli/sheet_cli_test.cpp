#include "cli/sheet_commands.hpp"
#include "io/diagnostic.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace staffnet;
namespace fs = std::filesystem;

namespace {

using test::Run;
using test::run;

std::string sheets(const std::string& name) { return test::fixture("io/fixtures/sheets/" + name); }

// A copy of the sheet fixtures' district (config.yaml, people.csv, ties.csv) in a fresh folder.
fs::path district(const std::string& name) {
    const fs::path dir = test::temp_dir(name);
    for (const char* file : {"config.yaml", "people.csv", "ties.csv"}) fs::copy_file(sheets(file), dir / file);
    return dir;
}

void write(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

const std::string example = std::string(STAFFNET_SOURCE_DIR) + "/examples/district/config.yaml";

}  // namespace

TEST_CASE("template writes the worksheet and prints the legend", "[cli][sheet]") {
    const fs::path dir = district("sheet_template");
    const std::string config = (dir / "config.yaml").string(), sheet = (dir / "sheet.csv").string();
    const Run r = run({"template", config, "--out", sheet});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    CHECK(r.out == "wrote " + sheet + ": 3 district team members (rows) by 6 school leaders (columns)\n"
                   "codes: P = shared project, C = past collaboration, X = contact exchange, S = social\n"
                   "in each cell write the codes that apply, like 'P S'; a digit 1 (weak) to 3 (strong) after a code gives the "
                   "strength, like 'P2' (no digit means 1); leave the cell blank when there is no tie\n"
                   "then save it as CSV and run: staffnet import-sheet " + sheet + " " + config + " --merge\n"
                   "(--merge adds the ties to the config's ties file, replacing those of an earlier import of the same worksheet)\n");
    CHECK(test::slurp(sheet) == "\xEF\xBB\xBF"
                                "district team \\ school leader,\"Scott Thompson (S01, P01)\",\"Minh Kapoor (S01, P02)\",\"Ann Lee "
                                "(S02, P03)\",\"Bell, Marcus (S02, P04)\",\"Kim Park (S02, P06)\",\"Kim Park (S03, P07)\"\n"
                                "Rachel Morgan (D01),,,,,,\nJosé Núñez (D02),,,,,,\nAnn Lee (D03),,,,,,\n");
}

TEST_CASE("template keeps existing files unless --force, and input files always", "[cli][sheet]") {
    const fs::path dir = district("sheet_template_force");
    const std::string config = (dir / "config.yaml").string(), sheet = (dir / "sheet.csv").string();
    write(sheet, "my notes\n");
    const Run refused = run({"template", config, "--out", sheet});
    CHECK(refused.code == 1);
    CHECK(refused.err == "staffnet: error: " + sheet + " already exists; choose another --out, or add --force to replace it\n");
    CHECK(test::slurp(sheet) == "my notes\n");

    CHECK(run({"template", config, "--out", sheet, "--force"}).code == 0);
    CHECK_THAT(test::slurp(sheet), Catch::StartsWith("\xEF\xBB\xBF" "district team"));

    const std::string people = (dir / "people.csv").string(), before = test::slurp(people);
    const Run input = run({"template", config, "--out", people, "--force"});
    CHECK(input.code == 1);
    CHECK(input.err == "staffnet: error: refusing to overwrite the input file " + people + "; choose another --out\n");
    CHECK(test::slurp(people) == before);
    CHECK(run({"template", config}).code == 2);  // --out is required
}

TEST_CASE("import-sheet prints the ties, or writes them to --out", "[cli][sheet]") {
    const fs::path dir = district("sheet_import");
    const std::string config = (dir / "config.yaml").string(), sheet = sheets("excel_semicolon.csv");
    const std::string ties = "source,target,type,weight\nD01,P01,shared_project,1\nD01,P03,contact_exchange,2\n"
                             "D02,P02,shared_project,1\nD02,P02,contact_exchange,1\nD02,P04,social,3\nD03,P06,past_collaboration,1\n"
                             "D03,P07,shared_project,2\nD03,P07,social,1\n";
    const std::string summary = "8 ties (3 shared_project, 1 past_collaboration, 2 contact_exchange, 2 social) from " + sheet;

    const Run printed = run({"import-sheet", sheet, config});
    CHECK(printed.code == 0);
    CHECK(printed.out == ties);
    CHECK(printed.err == "read " + summary + "\n");

    const std::string out = (dir / "new_ties.csv").string();
    const Run written = run({"import-sheet", sheet, config, "--out", out});
    CHECK(written.code == 0);
    CHECK(written.out == "wrote " + summary + " to " + out + "\n");
    CHECK(test::slurp(out) == ties);
    CHECK(run({"import-sheet", sheet, config, "--out", out}).code == 1);  // exists: needs --force
    CHECK(run({"import-sheet", sheet, config, "--out", out, "--force"}).code == 0);

    const Run input = run({"import-sheet", sheet, config, "--out", (dir / "ties.csv").string(), "--force"});
    CHECK(input.code == 1);
    CHECK(input.err == "staffnet: error: refusing to overwrite the input file " + (dir / "ties.csv").string() + "; choose another --out\n");
}

TEST_CASE("import-sheet reports every problem with its cell, exits 2 and writes nothing", "[cli][sheet]") {
    const fs::path dir = district("sheet_import_bad");
    const std::string sheet = sheets("many_problems.csv"), out = (dir / "new_ties.csv").string();
    const std::string codes = "; use P (shared project), C (past collaboration), X (contact exchange) or S (social), each optionally "
                              "followed by a strength 1, 2 or 3, like P2\n";
    const Run r = run({"import-sheet", sheet, (dir / "config.yaml").string(), "--out", out});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == sheet + ":1:4: error: cell D1: 'Maria Garcia (S01, P05)' is staff, not a school leader; rows are district team "
                           "members and columns school leaders; remove this one or change its role in the people file\n" +
                       sheet + ":2:3: error: cell C2: unknown code 'Q'" + codes +
                       sheet + ":3:1: error: cell A3: 'Rachel Morgn' is not a district team member in the people file (did you "
                               "mean 'Rachel Morgan (D01)'?); if they are new, add them to the people file first (role "
                               "district_team), then make a new template; otherwise correct the label\n" +
                       sheet + ":3:7: error: cell G3: strength must be 1, 2 or 3, got 'x4'" + codes +
                       sheet + ":4:6: error: cell F4: strength '2' has no code before it" + codes +
                       "staffnet: stopped; no output was written\n");
    CHECK_FALSE(fs::exists(out));
}

TEST_CASE("template, fill in, import: the same ties come back", "[cli][sheet]") {
    const fs::path dir = district("sheet_round_trip");
    const std::string config = (dir / "config.yaml").string(), sheet = (dir / "sheet.csv").string();
    const std::string out = (dir / "new_ties.csv").string();

    SECTION("filled in by hand, saved as Excel does in a semicolon locale") {
        REQUIRE(run({"template", config, "--out", sheet}).code == 0);
        std::string text = test::slurp(sheet);
        const auto replace = [&](const std::string& from, const std::string& to) { text.replace(text.find(from), from.size(), to); };
        replace("Rachel Morgan (D01),,,,,,\n", "Rachel Morgan (D01),\"P2, x\",,,C,,\n");
        replace("Ann Lee (D03),,,,,,\n", "Ann Lee (D03),,,,,S3,p\n");
        // Excel: separators ';' (leaving "P2, x" quoted is what it does), CRLF line ends.
        std::string excel;
        bool quoted = false;
        for (char c : text) {
            quoted ^= c == '"';
            excel += c == '\n' ? std::string("\r\n") : c == ',' && !quoted ? std::string(";") : std::string(1, c);
        }
        write(sheet, excel);
        REQUIRE(run({"import-sheet", sheet, config, "--out", out}).code == 0);
        CHECK(test::slurp(out) == "source,target,type,weight\nD01,P01,shared_project,2\nD01,P01,contact_exchange,1\n"
                                  "D01,P04,past_collaboration,1\nD03,P06,social,3\nD03,P07,shared_project,1\n");
    }
    SECTION("filled in from ties.csv with --from-ties") {
        const Run r = run({"template", config, "--out", sheet, "--from-ties"});
        REQUIRE(r.code == 0);
        CHECK_THAT(r.out, Catch::Contains(", with the 4 ties already in " + (dir / "ties.csv").string() + "\n"));
        REQUIRE(run({"import-sheet", sheet, config, "--out", out}).code == 0);
        // ties.csv's team-leader rows, the team member first; D01-D02 and P05-P01 are not on the sheet
        CHECK(test::slurp(out) == "source,target,type,weight\nD01,P01,shared_project,2\nD01,P04,contact_exchange,3\n"
                                  "D03,P07,past_collaboration,1\nD03,P07,social,1\n");
    }
    SECTION("the example district, from its ties.csv") {
        REQUIRE(run({"template", example, "--out", sheet, "--from-ties"}).code == 0);
        const Run r = run({"import-sheet", sheet, example});
        REQUIRE(r.code == 0);
        CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 161);  // 160 team-leader ties (see sheet_test.cpp)
    }
}
