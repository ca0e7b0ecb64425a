#include "io/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace staffnet;

TEST_CASE("printable escapes line breaks, control characters and bytes that are not UTF-8", "[io][diagnostic]") {
    CHECK(printable("Ann Lee") == "Ann Lee");
    CHECK(printable("José Núñez, 東京") == "José Núñez, 東京");                // UTF-8 is kept
    CHECK(printable("a\nb\r\tc") == "a\\nb\\r\\tc");
    CHECK(printable(std::string("\x1B[2J\0\x7F", 6)) == "\\x1B[2J\\x00\\x7F");  // terminal escapes, NUL, DEL
    CHECK(printable("\xC2\x9B" "31m") == "\\u009B31m");                       // C1 control (CSI)
    CHECK(printable("Jos\xE9") == "Jos\\xE9");                                // Latin-1, not UTF-8
    CHECK(printable("\xED\xA0\x80") == "\\xED\\xA0\\x80");                    // a surrogate
}

TEST_CASE("printable cuts a long text in the middle, whole characters only", "[io][diagnostic]") {
    CHECK(printable(std::string(10, 'a'), 10) == std::string(10, 'a'));
    // 12 bytes into 10: 6 from the start (two thirds), "...", 1 from the end.
    CHECK(printable("abcdefghijkl", 10) == "abcdef...l");
    // A character is never split: 'é' is two bytes, an escape four.
    CHECK(printable("aaaaaé\nbbbbbbbb", 10) == "aaaaa...bb");
    CHECK(printable(std::string(3'000'000, 'x') + "'").size() == 500);
    CHECK(printable(std::string(3'000'000, 'x') + "'").substr(330) == "xxx..." + std::string(163, 'x') + "'");
}

TEST_CASE("a diagnostic is one printable line whatever the file puts in it", "[io][diagnostic]") {
    const Diagnostic d{"people.csv", 3, 2, "unknown role 'staff\n\x1B[31m'", "use one of staff, other"};
    CHECK(format(d) == "people.csv:3:2: error: unknown role 'staff\\n\\x1B[31m'; use one of staff, other");
}

TEST_CASE("a diagnostic list keeps 100 errors and counts the rest", "[io][diagnostic]") {
    DiagnosticList list;
    for (int i = 1; i <= 250; ++i) list.error({"t.csv", i, 1, "bad"});
    list.warn({"t.csv", 1, 0, "odd"});
    CHECK(list.items.size() == 101);
    try {
        list.check();
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 101);
        CHECK(format(e.diagnostics()[99]) == "t.csv:100:1: error: bad");
        CHECK(format(e.diagnostics()[100]) == "t.csv: error: and at least 150 more errors not listed; correct the ones above and run again");
    }
    DiagnosticList warnings;
    for (int i = 1; i <= 101; ++i) warnings.warn({"t.csv", i, 0, "odd"});
    const std::vector<Diagnostic> kept = warnings.check();
    REQUIRE(kept.size() == 101);
    CHECK(format(kept.back()) == "t.csv: warning: and at least 1 more warning not listed; correct the ones above and run again");
}

TEST_CASE("a suggestion for a megabyte-long word skips what cannot be close", "[io][diagnostic]") {
    CHECK(closest(std::string(1'000'000, 'x'), {"P1", "P2"}).empty());
    CHECK(closest("socail", {"shared_project", "social"}) == "social");
}
