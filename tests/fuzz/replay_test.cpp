#include "fuzz/targets.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace staffnet;

// Every input a fuzzer once crashed on is kept in tests/fuzz/regressions/<target>/ beside
// <input>.expected: what reading it must give now ("accepted" or the exact diagnostics).
TEST_CASE("every input the fuzzers crashed on now reads as expected", "[fuzz]") {
    namespace fs = std::filesystem;
    std::size_t replayed = 0;
    for (const fuzz::Target& target : fuzz::targets()) {
        const fs::path dir = test::fixture("fuzz/regressions/" + target.name);
        if (!fs::is_directory(dir)) continue;
        for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
            if (entry.path().extension() == ".expected") continue;
            INFO(entry.path().string());
            REQUIRE(fs::exists(entry.path().string() + ".expected"));
            CHECK(fuzz::outcome(target, test::slurp(entry.path().string())) == test::slurp(entry.path().string() + ".expected"));
            ++replayed;
        }
    }
    CHECK(replayed > 0);
}

TEST_CASE("a fuzz target reports a good file as accepted and a bad one by its diagnostics", "[fuzz]") {
    const fuzz::Target& people = fuzz::target("people");
    CHECK(fuzz::outcome(people, "id,name\na,Ann\n") == "accepted");
    CHECK(fuzz::outcome(people, "id,name\na,Ann\na,Bo\n") ==
          "people.csv:3:1: error: duplicate id 'a', first used on line 2; give each person one row with a unique id\n");
    CHECK_THROWS_AS(fuzz::target("nothing"), std::out_of_range);
}
