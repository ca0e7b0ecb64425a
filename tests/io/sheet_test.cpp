#include "config/analysis.hpp"
#include "io/csv.hpp"
#include "io/readers.hpp"
#include "io/sheet.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

using namespace staffnet;
using test::fixture;

namespace {

std::string sheets(const std::string& name) { return fixture("io/fixtures/sheets/" + name); }

// Three team members (D01-D03) and six school leaders: P03 shares the name of D03, P06 and P07
// share one name, P04's name holds a comma, P05 is staff.
const std::vector<Person>& people() {
    static const std::vector<Person> table = read_people(sheets("people.csv")).people;
    return table;
}

const std::vector<TieType> types = default_tie_types();  // P, C, X, S

std::vector<SheetTie> sorted(std::vector<SheetTie> ties) {
    std::sort(ties.begin(), ties.end());
    return ties;
}

// Cells joined the way a spreadsheet program saves them: quoted only when they hold the
// separator, a quote or a line break.
std::string save_as(const std::vector<std::vector<std::string>>& cells, char separator, const std::string& eol, bool bom) {
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    for (const auto& row : cells) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            std::string cell = row[c];
            if (cell.find_first_of(std::string(1, separator) + "\"\r\n") != std::string::npos) {
                std::string quoted = "\"";
                for (char ch : cell) quoted += ch == '"' ? "\"\"" : std::string(1, ch);
                cell = quoted + "\"";
            }
            out += (c ? std::string(1, separator) : "") + cell;
        }
        out += eol;
    }
    return out;
}

}  // namespace

TEST_CASE("cell names are spreadsheet references", "[io][sheet]") {
    CHECK(cell_name(0, 1) == "A1");
    CHECK(cell_name(2, 7) == "C7");
    CHECK(cell_name(25, 3) == "Z3");
    CHECK(cell_name(26, 1) == "AA1");
    CHECK(cell_name(701, 2) == "ZZ2");  // 26 + 26 * 26 columns end at ZZ
    CHECK(cell_name(702, 1) == "AAA1");
}

TEST_CASE("a cell holds codes, each with an optional strength", "[io][sheet]") {
    using Codes = std::vector<std::pair<std::size_t, int>>;
    CHECK(parse_cell("", types).empty());
    CHECK(parse_cell("  ", types).empty());
    CHECK(parse_cell("P", types) == Codes{{0, 1}});
    CHECK(parse_cell("px", types) == Codes{{0, 1}, {2, 1}});
    CHECK(parse_cell("P X", types) == Codes{{0, 1}, {2, 1}});
    CHECK(parse_cell("p,s", types) == Codes{{0, 1}, {3, 1}});
    CHECK(parse_cell("P2 S", types) == Codes{{0, 2}, {3, 1}});
    CHECK(parse_cell("c3;x+S2", types) == Codes{{1, 3}, {2, 1}, {3, 2}});
    CHECK(parse_cell("P\xC2\xA0X", types) == Codes{{0, 1}, {2, 1}});  // a no-break space
    CHECK(parse_cell("P\nX", types) == Codes{{0, 1}, {2, 1}});        // Alt+Enter in Excel
    CHECK(parse_cell("Social2", types) == Codes{{3, 2}});             // a type's name
}

TEST_CASE("a bad cell is a bare message naming what was written", "[io][sheet]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"Q", "unknown code 'Q'"},
        {"PQ", "unknown code 'PQ' (did you mean 'P'?)"},
        {"yes", "unknown code 'yes'"},
        {"socail", "unknown code 'socail' (did you mean 'social'?)"},
        {"P4", "strength must be 1, 2 or 3, got 'P4'"},
        {"P0", "strength must be 1, 2 or 3, got 'P0'"},
        {"P22", "strength must be 1, 2 or 3, got 'P22'"},
        {"2", "strength '2' has no code before it"},
        {"P p2", "'P p2' gives shared project twice"},
    };
    for (const auto& [cell, message] : cases) {
        CAPTURE(cell);
        CHECK_THROWS_WITH(parse_cell(cell, types), message);
    }
}

TEST_CASE("longer codes win over their first letter", "[io][sheet]") {
    const std::vector<TieType> custom = {{"social", 1, true, "S"}, {"shared_project", 1, true, "SP"}};
    CHECK(parse_cell("SP2 S", custom) == std::vector<std::pair<std::size_t, int>>{{1, 2}, {0, 1}});
}

TEST_CASE("codes must be letters and distinct", "[io][sheet]") {
    CHECK_NOTHROW(check_codes(types, "c.yaml"));
    const std::vector<TieType> clash = {{"shared_project", 1, true, "S"}, {"social", 1, true, "s"}, {"one_on_one", 1, true, "1"}};
    CHECK_THROWS_WITH(check_codes(clash, "c.yaml"),
                      "c.yaml: error: tie types 'shared_project' and 'social' share the worksheet code 's'; give each type under "
                      "tie_types in the config its own code of letters, such as 'code: P'\n"
                      "c.yaml: error: tie type 'one_on_one' has the worksheet code '1'; a code must be letters; give each type under "
                      "tie_types in the config its own code of letters, such as 'code: P'");
}

TEST_CASE("the template has team members by id down and leaders by school then id across", "[io][sheet]") {
    const SheetPeople sheet = sheet_people(people());
    CHECK(code_legend(types) == "P = shared project, C = past collaboration, X = contact exchange, S = social");
    CHECK(sheet_csv(sheet, types, {{"D01", "P01", 0, 1}, {"D01", "P01", 2, 3}, {"D02", "P04", 3, 2}}) ==
          "\xEF\xBB\xBF"
          "district team \\ school leader,\"Scott Thompson (S01, P01)\",\"Minh Kapoor (S01, P02)\",\"Ann Lee (S02, P03)\","
          "\"Bell, Marcus (S02, P04)\",\"Kim Park (S02, P06)\",\"Kim Park (S03, P07)\"\n"
          "Rachel Morgan (D01),P X3,,,,,\n"
          "José Núñez (D02),,,,S2,,\n"
          "Ann Lee (D03),,,,,,\n");
}

TEST_CASE("a sheet saved by Excel, LibreOffice or Google Sheets gives the same ties", "[io][sheet]") {
    // Filled in as: D01 P / X2 under P01 / P03; D02 P X / S3 under P02 / P04; D03 C / P2 S under P06 / P07.
    const std::vector<SheetTie> expected = {{"D01", "P01", 0, 1}, {"D01", "P03", 2, 2}, {"D02", "P02", 0, 1}, {"D02", "P02", 2, 1},
                                            {"D02", "P04", 3, 3}, {"D03", "P06", 1, 1}, {"D03", "P07", 0, 2}, {"D03", "P07", 3, 1}};
    for (const std::string name : {
             "excel_semicolon.csv",  // "CSV UTF-8" in a semicolon locale: BOM, CRLF, ';', "P;X" quoted
             "libreoffice.csv",      // every label quoted, "P, X", lower case, "p2+s"
             "google_sheets.csv",    // CRLF, labels typed by name, some without the school
             "excel_leftovers.csv",  // an empty formatted column and row saved as ";;;;"
             "windows_1252.csv",     // Excel's plain "CSV": José Núñez in code page 1252, matched by id
         }) {
        CAPTURE(name);
        CHECK(read_sheet(sheets(name), people(), types) == expected);
    }
}

TEST_CASE("a bad sheet gives one message with the cell reference", "[io][sheet]") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"empty.csv", ": error: the sheet is empty; make a new one with 'staffnet template CONFIG --out sheet.csv'"},
        {"header_only.csv", ":1: error: the sheet has no district team rows; make a new one with 'staffnet template CONFIG --out sheet.csv'"},
        {"no_columns.csv", ":1: error: the sheet has no school leader columns; make a new one with 'staffnet template CONFIG --out sheet.csv'"},
        {"unknown_code.csv", ":3:3: error: cell C3: unknown code 'Q'; use P (shared project), C (past collaboration), X (contact "
                             "exchange) or S (social), each optionally followed by a strength 1, 2 or 3, like P2"},
        {"bad_strength.csv", ":2:5: error: cell E2: strength must be 1, 2 or 3, got 'P4'; use P (shared project), C (past "
                             "collaboration), X (contact exchange) or S (social), each optionally followed by a strength 1, 2 or 3, like P2"},
        {"misspelled_name.csv", ":1:2: error: cell B1: 'Scot Thompson' is not a school leader in the people file (did you mean "
                                "'Scott Thompson (S01, P01)'?); if they are new, add them to the people file first (role "
                                "school_leader), then make a new template; otherwise correct the label"},
        {"unknown_id.csv", ":1:2: error: cell B1: no one in the people file has the id 'P09' of 'Scott Thompson (S01, P09)' (did you "
                           "mean 'Scott Thompson (S01, P01)'?); if they are new, add them to the people file first (role "
                           "school_leader), then make a new template; otherwise correct the label"},
        {"name_id_mismatch.csv", ":1:3: error: cell C1: 'Minh Kapur (S01, P02)': P02 is Minh Kapoor, not Minh Kapur; correct the "
                                 "name or the id"},
        {"not_a_leader.csv", ":1:4: error: cell D1: 'Maria Garcia (S01, P05)' is staff, not a school leader; rows are district team "
                             "members and columns school leaders; remove this one or change its role in the people file"},
        {"leader_as_row.csv", ":3:1: error: cell A3: 'Ann Lee (S02, P03)' is a school leader, not a district team member; rows are "
                              "district team members and columns school leaders; remove this one or change its role in the people file"},
        {"ambiguous_name.csv", ":1:6: error: cell F1: 2 school leaders are named 'Kim Park' (P06, P07); add the id in parentheses, "
                               "like 'Kim Park (S02, P06)'"},
        {"duplicate_column.csv", ":1:4: error: cell D1: school leader 'Scott Thompson (S01, P01)' already has column B; move this "
                                 "column's codes into that column and delete this one"},
        {"duplicate_row.csv", ":4:1: error: cell A4: district team member 'Rachel Morgan (D01)' already has row 2; move this row's "
                              "codes into that row and delete this one"},
        {"wrong_cell_count.csv", ":3: error: row 3 has 6 cells but the header row has 7; every row needs one cell per column; in a "
                                 "text editor, put quotes around a cell that holds the separator"},
        {"codes_without_label.csv", ":1:8: error: cell H1: the column has codes (first in H3) but no school leader; write the school "
                                    "leader's label, like 'Scott Thompson (S01, P01)', in H1"},
        {"codes_without_name.csv", ":3:1: error: cell A3: the row has codes but no district team member; write the team member's "
                                   "label, like 'Rachel Morgan (D01)', in A3"},
        {"unclosed_quote.csv", ":3:3: error: cell C3: a quoted cell is never closed; add the closing quote (\") at the end of the cell"},
        {"stray_quote.csv", ":3:3: error: cell C3: malformed CSV: a quote (\") inside a cell that does not start with one; quote the "
                            "whole cell and double each quote inside it, like \"say \"\"hi\"\"\""},
    };
    for (const auto& [name, message] : cases) {
        CAPTURE(name);
        CHECK_THROWS_WITH(read_sheet(sheets(name), people(), types), sheets(name) + message);
    }
}

TEST_CASE("every problem in a sheet is reported, in reading order", "[io][sheet]") {
    try {
        read_sheet(sheets("many_problems.csv"), people(), types);
        FAIL("no error");
    } catch (const InputError& e) {
        std::vector<std::string> where;
        for (const Diagnostic& d : e.diagnostics()) where.push_back(d.message.substr(0, d.message.find(':')));
        // D1 staff as a column, C2 code Q, A3 misspelt name, G3 strength 4, F4 a bare strength
        CHECK(where == std::vector<std::string>{"cell D1", "cell C2", "cell A3", "cell G3", "cell F4"});
    }
}

TEST_CASE("a cell reference counts spreadsheet rows, not the lines of a cell with a line break", "[io][sheet]") {
    const std::string text = "x,Scott Thompson (P01)\n\"Rachel\nMorgan (D01)\",P\n\nAnn Lee (D03),Q\n";
    // Ann Lee's row starts on editor line 5; a spreadsheet shows the multi-line label as one row 2,
    // the blank line as row 3, Ann Lee as row 4.
    CHECK_THROWS_WITH(parse_sheet("s.csv", text, people(), types), Catch::StartsWith("s.csv:5:2: error: cell B4: unknown code 'Q'"));
}

TEST_CASE("a label that is not UTF-8 needs its id", "[io][sheet]") {
    // Excel's plain "CSV" on Windows writes José Núñez in code page 1252; without "(D02)" nothing says who it is.
    CHECK_THROWS_WITH(parse_sheet("s.csv", "x,Scott Thompson (P01)\nJos\xE9 N\xFA\xF1" "ez,P\n", people(), types),
                      "s.csv:2:1: error: cell A2: the label is not UTF-8 text and has no known id in parentheses; save the sheet "
                      "as 'CSV UTF-8', or add the id in parentheses, like 'Rachel Morgan (D01)'");
}

TEST_CASE("ties come out as ties.csv rows", "[io][sheet]") {
    CHECK(ties_csv({{"D01", "P01", 0, 1}, {"D02", "P04", 3, 2}}, types) ==
          "source,target,type,weight\nD01,P01,shared_project,1\nD02,P04,social,2\n");
}

TEST_CASE("a worksheet of the example district round-trips, however it is saved", "[io][sheet]") {
    const AnalysisConfig config = load_analysis(std::string(STAFFNET_SOURCE_DIR) + "/examples/district/config.yaml");
    const PeopleTable table = read_people(config.people);
    const SheetPeople sheet = sheet_people(table.people);
    REQUIRE(sheet.members.size() == 12);  // examples/district/README.md
    REQUIRE(sheet.leaders.size() == 71);

    // A fixed pattern of 0-3 codes per cell with all strengths; cells are written in varied ways.
    std::vector<SheetTie> filled;
    std::vector<std::vector<std::string>> cells(1, {sheet_corner});
    for (const Person& leader : sheet.leaders) cells[0].push_back(leader_label(leader));
    const std::vector<std::string> spelling = {"{}", "{} ", "{},", "{};", "+{}"};
    for (std::size_t i = 0; i < sheet.members.size(); ++i) {
        cells.push_back({member_label(sheet.members[i])});
        for (std::size_t j = 0; j < sheet.leaders.size(); ++j) {
            std::string cell;
            for (std::size_t type = 0; type < types.size(); ++type) {
                if ((i * 7 + j * 5 + type * 3) % (4 + type) != 0) continue;
                const int strength = int((i + j + type) % 3) + 1;
                filled.push_back({sheet.members[i].id, sheet.leaders[j].id, type, strength});
                std::string code = (j % 2 ? types[type].code : std::string(1, char(std::tolower(types[type].code[0]))));
                if (strength > 1 || type % 2) code += std::to_string(strength);
                cell += fmt::format(fmt::runtime(spelling[(i + j + type) % spelling.size()]), code);
            }
            cells.back().push_back(cell);
        }
    }
    REQUIRE(filled.size() > 200);
    const std::vector<SheetTie> expected = sorted(filled);

    SECTION("as staffnet writes it") {
        CHECK(sorted(parse_sheet("s.csv", sheet_csv(sheet, types, filled), table.people, config.network.types)) == expected);
    }
    SECTION("by Excel in a semicolon locale: BOM, CRLF, semicolons") {
        CHECK(sorted(parse_sheet("s.csv", save_as(cells, ';', "\r\n", true), table.people, config.network.types)) == expected);
    }
    SECTION("by LibreOffice or Google Sheets: commas, LF, quoted cells") {
        CHECK(sorted(parse_sheet("s.csv", save_as(cells, ',', "\n", false), table.people, config.network.types)) == expected);
    }
    SECTION("with tabs") {
        CHECK(sorted(parse_sheet("s.csv", save_as(cells, '\t', "\r\n", false), table.people, config.network.types)) == expected);
    }
}

TEST_CASE("a sheet filled from ties.csv gives back the example's team-leader ties", "[io][sheet]") {
    const AnalysisConfig config = load_analysis(std::string(STAFFNET_SOURCE_DIR) + "/examples/district/config.yaml");
    const PeopleTable table = read_people(config.people);
    std::vector<TieType> types = config.network.types;
    const TieTable ties = read_ties(config.ties, table, types);
    const std::vector<SheetTie> from_ties = sheet_ties(ties.rows, table.people, types, config.ties);
    const std::string sheet = sheet_csv(sheet_people(table.people), types, from_ties);
    const std::string imported = ties_csv(parse_sheet("s.csv", sheet, table.people, types), types);

    // Worked out from the raw files: each team-leader row of ties.csv, the team member first.
    std::map<std::string, std::string> role;
    const CsvTable people_csv = read_csv(config.people);
    for (const auto& row : people_csv.rows) role[row[0]] = row[people_csv.column("role")];
    const CsvTable ties_csv_raw = read_csv(config.ties);
    std::set<std::string> expected;
    for (const auto& row : ties_csv_raw.rows) {
        const std::string& a = row[0];
        const std::string& b = row[1];
        if (role[a] == "district_team" && role[b] == "school_leader") expected.insert(a + "," + b + "," + row[2] + "," + row[3]);
        if (role[b] == "district_team" && role[a] == "school_leader") expected.insert(b + "," + a + "," + row[2] + "," + row[3]);
    }
    REQUIRE(expected.size() == 160);
    std::set<std::string> got;
    std::size_t lines = 0;
    for (std::size_t start = 0, end; (end = imported.find('\n', start)) != std::string::npos; start = end + 1, ++lines)
        if (start > 0) got.insert(imported.substr(start, end - start));
    CHECK(lines == 161);  // the header and one row per tie
    CHECK(got == expected);
}

TEST_CASE("a weight a cell cannot hold stops the sheet from being filled", "[io][sheet]") {
    const std::vector<TieRow> rows = {{0, 3, 0, 0, 2.5}, {3, 1, 2, 0, 4}, {0, 4, 3, 0, 3}, {0, 1, 0, 0, 7}};
    CHECK_THROWS_WITH(sheet_ties(rows, people(), types, "ties.csv"),
                      "ties.csv: error: the shared_project tie between D01 and P01 has weight 2.5, which a worksheet cannot hold; "
                      "worksheets record strengths 1, 2 or 3; change the weight to one of them first\n"
                      "ties.csv: error: the contact_exchange tie between D02 and P01 has weight 4, which a worksheet cannot hold; "
                      "worksheets record strengths 1, 2 or 3; change the weight to one of them first");
    // The same pair twice keeps the stronger report; ties not between a team member and a leader are left off.
    CHECK(sheet_ties({{0, 3, 0, 0, 1}, {3, 0, 0, 0, 3}, {0, 1, 0, 0, 2}, {3, 7, 1, 0, 1}}, people(), types, "t.csv") ==
          std::vector<SheetTie>{{"D01", "P01", 0, 3}});
}
