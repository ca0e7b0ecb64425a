#include "io/output.hpp"
#include "io/diagnostic.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

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

namespace {
// What a commit may leave beside `dir`: nothing of its own (no staging or old folder).
std::vector<std::string> debris_beside(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir.parent_path()))
        if (entry.path().filename().string().find(".staffnet-") != std::string::npos) names.push_back(entry.path().filename().string());
    return names;
}

OutputSet new_set() {
    OutputSet out;
    out.add("people.csv", "id\nP9\n");
    out.add("diagrams/schools/S1.svg", "<svg/>\n");
    out.add("summary.json", "{\"new\": true}\n");
    return out;
}

// Every step commit() takes to write `outputs` into a copy of `before` (recorded, not failed).
std::vector<std::string> steps_of(const std::map<std::string, std::string>& before, const fs::path& dir, const WriteOptions& base) {
    std::vector<std::string> steps;
    WriteOptions options = base;
    options.fault = [&](std::string_view step) { steps.emplace_back(step); };
    commit(new_set(), dir.string(), options);
    (void)before;
    return steps;
}

// Lays out `files` (relative name -> content; "<dir>" for a folder) under a fresh `dir`.
void lay_out(const fs::path& dir, const std::map<std::string, std::string>& files) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const auto& [name, content] : files) {
        if (content == "<dir>") fs::create_directories(dir / name);
        else {
            fs::create_directories((dir / name).parent_path());
            write(dir / name, content);
        }
    }
}
}  // namespace

TEST_CASE("the marker lists the files written, and a run removes the outputs of the last one", "[io][output]") {
    const fs::path dir = fs::path(test::temp_dir("output_marker")) / "results";
    commit(new_set(), dir.string());
    CHECK(test::slurp((dir / ".staffnet").string()) ==
          "This folder was written by staffnet; it may replace the files here.\n"
          "Files of the last run (the next run replaces them; it keeps any other file):\n"
          "people.csv\ndiagrams/schools/S1.svg\nsummary.json\n");
    commit(two_files(), dir.string());
    CHECK(listing(dir) == std::vector<std::string>{".staffnet", "people.csv", "summary.json"});  // diagrams/ was the last run's
    CHECK(debris_beside(dir).empty());
    SECTION("a file the user adds is kept, and so is a file of an older marker without a list") {
        write(dir / "notes.txt", "mine");
        commit(new_set(), dir.string());
        CHECK(test::slurp((dir / "notes.txt").string()) == "mine");
        CHECK(test::slurp((dir / "summary.json").string()) == "{\"new\": true}\n");
        commit(two_files(), dir.string());
        CHECK(listing(dir) == std::vector<std::string>{".staffnet", "notes.txt", "people.csv", "summary.json"});
        CHECK_FALSE(fs::exists(dir / "diagrams"));  // it held only the dropped diagram
    }
}

TEST_CASE("a failure at any step of a commit leaves exactly the old set or the new set, and no debris", "[io][output]") {
    const fs::path root = test::temp_dir("output_faults");
    const fs::path dir = root / "results";
    // The old set of a previous run (replaced whole), and one with a file of the user's in it
    // (replaced file by file); a new folder too.
    OutputSet old_outputs;
    old_outputs.add("people.csv", "id\nP1\n");
    old_outputs.add("diagrams/schools/S0.svg", "<svg>old</svg>\n");
    const auto setup = [&](const std::string& kind) {
        fs::remove_all(dir);
        if (kind == "new folder") return;
        commit(old_outputs, dir.string());
        if (kind == "with a user file") write(dir / "notes.txt", "mine");
    };
    for (const std::string kind : {"staffnet's folder", "with a user file", "new folder"}) {
        setup(kind);
        const auto before = fs::exists(dir) ? test::snapshot(dir.string()) : std::map<std::string, std::string>{};
        const std::vector<std::string> steps = steps_of(before, dir, {});
        const auto after = test::snapshot(dir.string());
        CHECK(after.count("notes.txt") == (kind == "with a user file" ? 1u : 0u));
        CHECK(after.count("diagrams/schools/S0.svg") == 0);
        CHECK(steps.size() >= 5);  // three files, the marker, and the swap or the moves
        for (std::size_t k = 0; k < steps.size(); ++k) {
            INFO(kind << ", failing at step " << k << ": " << steps[k]);
            setup(kind);
            WriteOptions options;
            std::size_t at = 0;
            options.fault = [&](std::string_view) {
                if (at++ == k) throw std::runtime_error("injected");
            };
            CHECK_THROWS_WITH(commit(new_set(), dir.string(), options), "injected");
            if (kind == "new folder") CHECK(!fs::exists(dir));
            else CHECK(test::snapshot(dir.string()) == before);
            CHECK(debris_beside(dir).empty());
        }
    }
}

TEST_CASE("a run killed at any step leaves the old set or the new set, and the next run clears the debris", "[io][output]") {
    const fs::path root = test::temp_dir("output_kills");
    const fs::path dir = root / "results";
    OutputSet old_outputs;
    old_outputs.add("people.csv", "id\nP1\n");
    old_outputs.add("summary.json", "{}\n");
    for (const bool user_file : {false, true}) {
        fs::remove_all(dir);
        commit(old_outputs, dir.string());
        if (user_file) write(dir / "notes.txt", "mine");
        const auto before = test::snapshot(dir.string());
        const std::vector<std::string> steps = steps_of(before, dir, {});
        const auto after = test::snapshot(dir.string());
        for (std::size_t k = 0; k <= steps.size(); ++k) {
            INFO((user_file ? "with a user file" : "staffnet's folder") << ", killed at step " << k);
            fs::remove_all(dir);
            commit(old_outputs, dir.string());
            if (user_file) write(dir / "notes.txt", "mine");
            const pid_t child = ::fork();
            REQUIRE(child >= 0);
            if (child == 0) {
                std::size_t at = 0;
                WriteOptions options;
                options.fault = [&](std::string_view) {
                    if (at++ == k) ::_exit(9);  // as kill -9: no unwinding, no clean-up
                };
                commit(new_set(), dir.string(), options);
                ::_exit(0);
            }
            int status = 0;
            ::waitpid(child, &status, 0);
            REQUIRE(WIFEXITED(status));
            check_output_folder(dir.string());  // what the next run does first
            const auto now = test::snapshot(dir.string());
            CHECK((now == before || now == after));
            CHECK(debris_beside(dir).empty());
        }
    }
}

TEST_CASE("the --out folder is checked before any analysis, with a plain message", "[io][output]") {
    const fs::path root = test::temp_dir("output_check");
    write(root / "file", "x");
    CHECK_THROWS_WITH(check_output_folder((root / "file").string()),
                      "--out: error: the output folder '" + (root / "file").string() + "' is a file; choose another --out");
    CHECK_THROWS_WITH(check_output_folder((root / "file" / "out").string()),
                      "--out: error: the output folder '" + (root / "file" / "out").string() + "' is inside a file, not a folder; choose another --out");
    fs::create_symlink(root / "loop_a", root / "loop_b");
    fs::create_symlink(root / "loop_b", root / "loop_a");
    CHECK_THROWS_WITH(check_output_folder((root / "loop_a").string()),
                      "--out: error: the output folder '" + (root / "loop_a").string() + "' is a loop of symbolic links; choose another --out");
    const std::string long_name = (root / std::string(300, 'x')).string();
    CHECK_THROWS_WITH(check_output_folder(long_name),
                      "--out: error: the output folder '" + printable(long_name, 300) + "' has a name longer than 255 bytes; choose a shorter --out");
    std::string deep = root.string();
    while (deep.size() < 5000) deep += "/" + std::string(200, 'd');
    try {
        check_output_folder(deep);
        FAIL("a 5000-byte path was accepted");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::EndsWith("' is too long (" + std::to_string(deep.size()) + " bytes); choose a shorter --out"));
        CHECK(std::string(e.what()).size() < 500);
    }
    SECTION("a folder of someone else's files is refused unless forced; a new folder below a writable one is fine") {
        write(root / "notes.txt", "mine");
        CHECK_THROWS_WITH(check_output_folder(root.string()),
                          "output folder " + root.string() +
                              " already holds files that staffnet did not write; choose an empty or new --out, or add --force");
        CHECK_NOTHROW(check_output_folder(root.string(), true));
        CHECK_NOTHROW(check_output_folder((root / "new" / "results").string()));
    }
}
