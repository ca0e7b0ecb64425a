#include "io/output.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace staffnet;
namespace fs = std::filesystem;

namespace {
void write(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

OutputSet two_files() {
    OutputSet out;
    out.add("people.csv", "id\nP1\n");
    out.add("summary.json", "{}\n");
    return out;
}
}  // namespace

TEST_CASE("number cells read back to the same double", "[io][output]") {
    CHECK(number_cell(0.1) == "0.1");
    CHECK(number_cell(2.0) == "2");
    CHECK(number_cell(1.0 / 3.0) == "0.3333333333333333");
    CHECK(number_cell(-0.0) == "0");
    CHECK(number_cell(std::nan("")) == "");  // not defined: an empty cell
}

TEST_CASE("text cells are quoted when needed and never run as formulas", "[io][output]") {
    CHECK(text_cell("Ann Lee") == "Ann Lee");
    CHECK(text_cell("Bell, Jr.") == "\"Bell, Jr.\"");
    CHECK(text_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(text_cell("two\nlines") == "\"two\nlines\"");
    CHECK(text_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(text_cell("+1") == "'+1");
    CHECK(text_cell("@me") == "'@me");
    CHECK(csv_lines({{"id", "name"}, {"P1", text_cell("Bell, Jr.")}}) == "id,name\nP1,\"Bell, Jr.\"\n");
}

TEST_CASE("a formula after spaces, a tab or a carriage return is guarded, and ; or tab gets quotes", "[io][output]") {
    CHECK(text_cell("-1") == "'-1");
    CHECK(text_cell("  =1+1") == "'  =1+1");                    // some spreadsheets trim spaces on import
    CHECK(text_cell("\t=1+1") == "\"'\t=1+1\"");                // tab: guarded, and quoted as a separator
    CHECK(text_cell("\r=1+1") == "\"'\r=1+1\"");
    CHECK(text_cell("a;=1+1") == "\"a;=1+1\"");                // a ';' locale would start a cell at '='
    CHECK(text_cell("Ann - Lee") == "Ann - Lee");               // a formula character inside is harmless
    CHECK(text_cell("   ") == "   ");
}

TEST_CASE("write_atomically replaces a file whole and leaves no temporary file", "[io][output]") {
    const fs::path dir = test::temp_dir("output_atomic");
    write(dir / "a.txt", "old");
    write_atomically((dir / "a.txt").string(), "new\n");
    CHECK(test::slurp((dir / "a.txt").string()) == "new\n");
    CHECK(listing(dir) == std::vector<std::string>{"a.txt"});
    SECTION("a target that is a folder fails and cleans up") {
        fs::create_directory(dir / "b.txt");
        CHECK_THROWS_WITH(write_atomically((dir / "b.txt").string(), "x"), Catch::StartsWith("cannot write " + (dir / "b.txt").string()));
        CHECK(listing(dir) == std::vector<std::string>{"a.txt", "b.txt"});
    }
}

TEST_CASE("commit creates the folder and marks it as staffnet's", "[io][output]") {
    const fs::path dir = fs::path(test::temp_dir("output_new")) / "results";
    commit(two_files(), dir.string());
    CHECK(listing(dir) == std::vector<std::string>{".staffnet", "people.csv", "summary.json"});
    CHECK(test::slurp((dir / "people.csv").string()) == "id\nP1\n");
    SECTION("a second run may replace its own files") {
        OutputSet again;
        again.add("people.csv", "id\nP2\n");
        commit(again, dir.string());
        CHECK(test::slurp((dir / "people.csv").string()) == "id\nP2\n");
    }
}

TEST_CASE("commit refuses a folder of someone else's files unless forced", "[io][output]") {
    const fs::path dir = test::temp_dir("output_foreign");
    write(dir / "notes.txt", "mine");
    CHECK_THROWS_WITH(commit(two_files(), dir.string()),
                      "output folder " + dir.string() +
                          " already holds files that staffnet did not write; choose an empty or new --out, or add --force");
    CHECK(listing(dir) == std::vector<std::string>{"notes.txt"});
    commit(two_files(), dir.string(), {.force = true});
    CHECK(listing(dir) == std::vector<std::string>{".staffnet", "notes.txt", "people.csv", "summary.json"});
    CHECK(test::slurp((dir / "notes.txt").string()) == "mine");
}

TEST_CASE("commit never overwrites an input file", "[io][output]") {
    const fs::path dir = test::temp_dir("output_inputs");
    write(dir / ".staffnet", "");
    write(dir / "people.csv", "id\nP1\n");  // the user's input, in the output folder
    CHECK_THROWS_WITH(commit(two_files(), dir.string(), {.inputs = {(dir / "people.csv").string()}}),
                      "refusing to overwrite the input file " + (dir / "people.csv").string() + "; choose another --out");
    CHECK(listing(dir) == std::vector<std::string>{".staffnet", "people.csv"});
}

TEST_CASE("commit refuses an output folder that is a file", "[io][output]") {
    const fs::path dir = test::temp_dir("output_file");
    write(dir / "out", "x");
    CHECK_THROWS_WITH(commit(two_files(), (dir / "out").string()),
                      "output folder " + (dir / "out").string() + " is a file; choose another --out");
}

TEST_CASE("a write that fails part-way through the set leaves every earlier file as it was", "[io][output]") {
    const fs::path dir = test::temp_dir("output_partial");
    write(dir / ".staffnet", "");
    write(dir / "people.csv", "old\n");
    write(dir / "blocked", "a file where the set wants a folder");
    OutputSet out;
    out.add("people.csv", "new\n");      // staged first: would be replaced if files were renamed one by one
    out.add("blocked/x.csv", "x\n");     // cannot be written: its folder is a file
    CHECK_THROWS_WITH(commit(out, dir.string()), Catch::StartsWith("cannot write " + (dir / "blocked" / "x.csv").string()));
    CHECK(test::slurp((dir / "people.csv").string()) == "old\n");
    CHECK(listing(dir) == std::vector<std::string>{".staffnet", "blocked", "people.csv"});  // no temporary file left
}

TEST_CASE("commit refuses an output that is a folder before writing anything", "[io][output]") {
    const fs::path dir = test::temp_dir("output_folder_target");
    write(dir / ".staffnet", "");
    write(dir / "people.csv", "old\n");
    fs::create_directory(dir / "summary.json");
    CHECK_THROWS_WITH(commit(two_files(), dir.string()),
                      "cannot write " + (dir / "summary.json").string() + ": it is a folder; choose another --out");
    CHECK(test::slurp((dir / "people.csv").string()) == "old\n");
}
