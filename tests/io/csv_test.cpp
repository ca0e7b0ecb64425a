#include "io/csv.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;
using test::fixture;

TEST_CASE("quoted fields keep delimiters, doubled quotes and line ends", "[io][csv]") {
    const CsvTable t = parse_csv("t.csv", "id,name\nP1,\"Bell, Jr.\"\nP2,\"say \"\"hi\"\"\"\nP3,\"two\nlines\"\n");
    CHECK(t.header == std::vector<std::string>{"id", "name"});
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0][1] == "Bell, Jr.");
    CHECK(t.rows[1][1] == "say \"hi\"");
    CHECK(t.rows[2][1] == "two\nlines");
    CHECK(t.column("name") == 1);
    CHECK(t.column("school") == -1);
}

TEST_CASE("each row keeps the editor line it starts on", "[io][csv]") {
    SECTION("after a field that spans two lines and after blank lines") {
        // line 1 header, 2 P1, 3-4 P2's quoted name, 5 and 6 blank, 7 P3
        const CsvTable t = parse_csv("t.csv", "id,name\nP1,a\nP2,\"b\nc\"\n\n\nP3,d\n");
        CHECK(t.lines == std::vector<int>{2, 3, 7});
        CHECK(t.at(2, 1, "bad").line == 7);
        CHECK(t.at(2, 1, "bad").column == 2);  // at() takes a 0-based field and reports it 1-based
    }
    SECTION("with CRLF line ends, which do not end up in the fields") {
        const CsvTable t = parse_csv("t.csv", "id,name\r\nP1,\"b\r\nc\"\r\n\r\nP2,d\r\n");
        CHECK(t.header == std::vector<std::string>{"id", "name"});
        CHECK(t.lines == std::vector<int>{2, 5});
        CHECK(t.rows[0][1] == "b\r\nc");  // inside quotes the text is kept as written
        CHECK(t.rows[1][1] == "d");
    }
    SECTION("with a lone CR ending each line (old Mac spreadsheets)") {
        const CsvTable t = parse_csv("t.csv", "id,name\rP1,a\r\rP2,b\r");
        CHECK(t.lines == std::vector<int>{2, 4});
    }
    SECTION("when blank lines come before the header") {
        const CsvTable t = parse_csv("t.csv", "\n\nid,name\nP1,a\n");
        CHECK(t.header_line == 3);
        CHECK(t.lines == std::vector<int>{4});
    }
}

TEST_CASE("a UTF-8 byte-order mark is not part of the first column name", "[io][csv]") {
    const CsvTable t = parse_csv("t.csv", "\xEF\xBB\xBFid,name\nP1,a\n");
    CHECK(t.header[0] == "id");
    CHECK(t.header_line == 1);
}

TEST_CASE("the delimiter can be detected from the header line", "[io][csv]") {
    CHECK(parse_csv("t.csv", "id;name\nP1;\"Reyes, Ann\"\n", {.delimiter = 0}).rows[0][1] == "Reyes, Ann");
    CHECK(parse_csv("t.csv", "id\tname\nP1\ta\n", {.delimiter = 0}).delimiter == '\t');
    CHECK(parse_csv("t.csv", "id,name,note;x\nP1,a,b\n", {.delimiter = 0}).delimiter == ',');  // more commas than semicolons
    CHECK(parse_csv("t.csv", "id;name\nP1;a\n").header == std::vector<std::string>{"id;name"});  // default: comma only
}

TEST_CASE("an unterminated quote is reported where the quoted field starts", "[io][csv]") {
    SECTION("the quote on line 3 swallows the rest of the file") {
        const std::string file = fixture("io/fixtures/people_unterminated_quote.csv");
        CHECK_THROWS_WITH(read_csv(file), Catch::Equals(file + ":3:2: error: a quoted field is never closed; "
                                                               "add the closing quote (\") at the end of this field"));
    }
    SECTION("a closed multi-line field earlier in the record does not move the line") {
        // line 2-3: a record with a two-line field; line 4: the bad field 3, then a blank line and one more
        CHECK_THROWS_WITH(parse_csv("t.csv", "a,b,c\n1,\"x\ny\",2\n5,6,\"ab\n\nc"),
                          Catch::StartsWith("t.csv:4:3: error: a quoted field is never closed"));
    }
    SECTION("the open field itself spans lines, in a CRLF file that ends with a line end") {
        CHECK_THROWS_WITH(parse_csv("t.csv", "a,b\r\n1,\"x\r\ny\r\n"), Catch::StartsWith("t.csv:2:2: error"));
    }
}

TEST_CASE("a quote in the middle of a field is malformed CSV", "[io][csv]") {
    const std::string fix = "; quote the whole field and double each quote inside it, like \"say \"\"hi\"\"\"";
    SECTION("inside a field that does not start with a quote") {
        const std::string file = fixture("io/fixtures/people_stray_quote.csv");
        CHECK_THROWS_WITH(read_csv(file), Catch::Equals(file + ":3:2: error: malformed CSV: a quote (\") inside field 2, "
                                                               "which does not start with one" + fix));
    }
    SECTION("text after the closing quote, on the line after a multi-line field") {
        CHECK_THROWS_WITH(parse_csv("t.csv", "a,b\n\"x\ny\",1\n\"ab\"c,2\n"),
                          Catch::Equals("t.csv:4:1: error: malformed CSV: 'c' after the closing quote of field 1" + fix));
    }
}

TEST_CASE("a row with the wrong number of fields names its line", "[io][csv]") {
    const std::string file = fixture("io/fixtures/people_wrong_field_count.csv");
    CHECK_THROWS_WITH(read_csv(file), Catch::Equals(file + ":3: error: expected 5 fields, found 4; check for a missing "
                                                           "or extra ',', or quote fields that contain one"));
    CHECK_THROWS_WITH(parse_csv("t.csv", "a;b\n1;2;3\n", {.delimiter = 0}),
                      Catch::Contains("t.csv:2: error: expected 2 fields, found 3; check for a missing or extra ';'"));
}

TEST_CASE("every bad row is reported, not just the first", "[io][csv]") {
    try {
        parse_csv("t.csv", "a,b\n1\n2,2\n3,3,3\n");
        FAIL("no InputError");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 2);
        CHECK(e.diagnostics()[0].line == 2);
        CHECK(e.diagnostics()[1].line == 4);
    }
}

TEST_CASE("an empty file is refused", "[io][csv]") {
    const std::string file = fixture("io/fixtures/people_empty.csv");
    CHECK_THROWS_WITH(read_csv(file), Catch::Equals(file + ": error: the file is empty; it needs a header line and at least one row"));
    CHECK_THROWS_WITH(parse_csv("t.csv", "\xEF\xBB\xBF"), Catch::StartsWith("t.csv: error: the file is empty"));
    CHECK_THROWS_WITH(parse_csv("t.csv", " \r\n\n"), Catch::StartsWith("t.csv: error: the file is empty"));
}

TEST_CASE("a missing file is reported with its path", "[io][csv]") {
    CHECK_THROWS_WITH(read_csv("no/such/people.csv"),
                      Catch::Equals("no/such/people.csv: error: cannot open the file; check that the path is right and the file is readable"));
}

TEST_CASE("text that is not UTF-8 is reported at its field with the bad bytes in hex", "[io][csv]") {
    const std::string file = fixture("io/fixtures/people_bad_utf8.csv");  // José Núñez saved as Latin-1
    CHECK_THROWS_WITH(read_csv(file), Catch::Equals(file + ":3:2: error: field 'Jos\\xE9 N\\xFA\\xF1ez' is not valid UTF-8; "
                                                           "save the file as UTF-8 (in Excel: 'CSV UTF-8')"));
    CHECK_THROWS_WITH(parse_csv("t.csv", "id,caf\xE9\n1,2\n"), Catch::StartsWith("t.csv:1:2: error: column name 'caf\\xE9' is not valid UTF-8"));
}

TEST_CASE("valid_utf8 follows the standard", "[io][csv]") {
    CHECK(valid_utf8("Jos\xC3\xA9 \xE9\x99\x88\xE4\xBC\x9F \xF0\x9F\x98\x80"));  // José, 陈伟, an emoji
    CHECK_FALSE(valid_utf8("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
    CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
    CHECK_FALSE(valid_utf8("\xE2\x82"));          // cut short
}

TEST_CASE("column names must be present and distinct", "[io][csv]") {
    CHECK_THROWS_WITH(parse_csv("t.csv", "id,,name\n1,2,3\n"),
                      Catch::Equals("t.csv:1:2: error: column 2 has no name; give every column a name in the header line"));
    CHECK_THROWS_WITH(parse_csv("t.csv", "\nid, name ,name\n1,2,3\n"),  // names are trimmed; the header is on line 2
                      Catch::Equals("t.csv:2:3: error: column 'name' appears twice; rename or remove one of them"));
}
