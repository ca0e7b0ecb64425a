// Inputs that are bounded and unambiguous: weights, tie type names, look-alike ids, NUL bytes,
// UTF-16, empty paths, symbolic-link loops and over-long paths. Each is refused with exit 2, at
// its file and line, and nothing is written.
#include "bad-inputs/refused.hpp"

#include <filesystem>
#include <fstream>

using namespace staffnet;
using test::config_for;
using test::refused;
namespace fs = std::filesystem;

namespace {

const std::string people = test::fixture("io/fixtures/people.csv");  // D1, P1-P5
const std::string ties = test::fixture("io/fixtures/ties.csv");

// Writes `bytes` to a new file `name` in a fresh folder; returns its path.
std::string file_with(const std::string& folder, const std::string& name, const std::string& bytes) {
    const std::string path = test::temp_dir(folder) + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string ties_with_weight(const std::string& folder, const std::string& weight) {
    return file_with(folder, "ties.csv", "source,target,type,weight\nD1,P1,shared_project,1\nP1,P2,social," + weight + "\n");
}

}  // namespace

TEST_CASE("a weight in hexadecimal, not finite or above a million is refused at its field", "[bad-inputs][bounds]") {
    const std::string fix = "; write a number above 0 (for example 1, 2 or 0.5), or leave it blank for 1\n";
    for (const std::string weight : {"0x10", "0X1p4", "inf", "nan", "1e999"}) {
        INFO(weight);
        const std::string file = ties_with_weight("weight_bad", weight);
        CHECK(refused(config_for("weight_bad_config", people, file)) ==
              file + ":3:4: error: weight must be a positive number, got '" + weight + "'" + fix);
    }
    const std::string file = ties_with_weight("weight_huge", "1e308");
    CHECK(refused(config_for("weight_huge_config", people, file)) ==
          file + ":3:4: error: weight '1e308' is above the largest staffnet reads, 1000000; use weights between 0 and 1000000 "
                 "(rescale them if they come from another scale)\n");
    const std::string top = ties_with_weight("weight_top", "1000000");
    CHECK(test::run({"validate", config_for("weight_top_config", people, top)}).code == 0);  // the bound itself is read
}

TEST_CASE("tie types declared as null: and ~: are one name declared twice", "[bad-inputs][bounds]") {
    const std::string config = file_with("tie_type_null", "config.yaml",
                                         "data:\n  people: \"" + people + "\"\n  ties: \"" + ties +
                                             "\"\ntie_types:\n  null: {weight: 1}\n  ~: {weight: 2}\n");
    CHECK(refused(config) == config + ":6:3: error: tie type 'null' is declared twice (first on line 5); keep one entry for each tie type\n");
}

TEST_CASE("ids that differ only by normalisation, an invisible character or end spaces are refused, naming both lines",
          "[bad-inputs][bounds]") {
    const std::string fix = "; write the id the same way in both rows if they are one person, or give them ids that differ visibly\n";
    SECTION("é composed (U+00E9) and decomposed (e + U+0301)") {
        const std::string file = file_with("ids_nfc", "people.csv", "id,name\nJos\xC3\xA9,A\nJose\xCC\x81,B\n");
        CHECK(refused(config_for("ids_nfc_config", file, ties)) ==
              file + ":3:1: error: id 'Jose\xCC\x81' looks the same as 'Jos\xC3\xA9' on line 2: they differ only by Unicode "
                     "normalisation (an accent composed in one, a separate combining mark in the other)" + fix);
    }
    SECTION("a zero-width space, printed escaped") {
        const std::string file = file_with("ids_zwsp", "people.csv", "id,name\nP1,A\nP\xE2\x80\x8B" "1,B\n");
        CHECK(refused(config_for("ids_zwsp_config", file, ties)) ==
              file + ":3:1: error: id 'P\\u200B1' looks the same as 'P1' on line 2: they differ only by an invisible or "
                     "direction-control character" + fix);
    }
    SECTION("a right-to-left override, printed escaped, never raw") {
        const std::string file = file_with("ids_bidi", "people.csv", "id,name\n\xE2\x80\xAEP1,A\nP1,B\n");
        const std::string err = refused(config_for("ids_bidi_config", file, ties));
        CHECK(err == file + ":3:1: error: id 'P1' looks the same as '\\u202EP1' on line 2: they differ only by an invisible or "
                            "direction-control character" + fix);
        CHECK(err.find("\xE2\x80\xAE") == std::string::npos);
    }
    SECTION("a trailing space inside quotes") {
        const std::string file = file_with("ids_space", "people.csv", "id,name\nP1,A\n\"P1 \",B\n");
        CHECK(refused(config_for("ids_space_config", file, ties)) ==
              file + ":3:1: error: id 'P1 ' looks the same as 'P1' on line 2: they differ only by spaces at either end" + fix);
    }
}

TEST_CASE("a NUL byte in a quoted field and a UTF-16 file are refused", "[bad-inputs][bounds]") {
    const std::string nul = file_with("nul", "people.csv", std::string("id,name\nP1,\"A\0B\"\n", 17));
    CHECK(refused(config_for("nul_config", nul, ties)) ==
          nul + ":2:2: error: field 2 holds a NUL byte (\\x00); remove it; check that this is a text file saved as UTF-8\n");
    // "id,name\nP1,A\n" in UTF-16LE with its byte-order mark (the literal holds NULs: sized, not
    // read up to the first one).
    static const char utf16_bytes[] = "\xFF\xFEi\0d\0,\0n\0a\0m\0e\0\n\0P\0001\0,\0A\0\n\0";
    const std::string utf16(utf16_bytes, sizeof utf16_bytes - 1);
    for (const std::string name : {"people.csv", "ties.csv"}) {
        const std::string file = file_with("utf16", name, utf16);
        CHECK(refused(name == "people.csv" ? config_for("utf16_people", file, ties) : config_for("utf16_ties", people, file)) ==
              file + ": error: the file is UTF-16, not UTF-8; save the file as UTF-8 (in Excel: 'CSV UTF-8')\n");
    }
    static const char no_bom_bytes[] = "i\0d\0\n\0P\0001\0\n\0";  // "id\nP1\n" in UTF-16LE, no byte-order mark
    const std::string no_bom = file_with("utf16_no_bom", "people.csv", std::string(no_bom_bytes, sizeof no_bom_bytes - 1));
    CHECK(refused(config_for("utf16_no_bom_config", no_bom, ties)) ==
          no_bom + ": error: the file is UTF-16, not UTF-8; save the file as UTF-8 (in Excel: 'CSV UTF-8')\n");
}

TEST_CASE("an empty data path names the config's line", "[bad-inputs][bounds]") {
    const std::string config = file_with("empty_path", "config.yaml", "data:\n  people: \"\"\n  ties: \"" + ties + "\"\n");
    CHECK(refused(config) == config + ":2:11: error: data: people is an empty path; give the path of the file, or remove the line to "
                                      "use the default\n");
}

TEST_CASE("a symbolic-link loop or an over-long path is a plain message, exit 2", "[bad-inputs][bounds]") {
    const fs::path dir = test::temp_dir("loop");
    fs::create_symlink(dir / "b.csv", dir / "a.csv");
    fs::create_symlink(dir / "a.csv", dir / "b.csv");
    CHECK(refused(config_for("loop_config", (dir / "a.csv").string(), ties)) ==
          (dir / "a.csv").string() + ": error: the path is a loop of symbolic links; give the path of a file\n");
    std::string deep = dir.string();
    while (deep.size() < 6000) deep += "/" + std::string(100, 'd');
    const std::string err = refused(config_for("long_config", deep + "/people.csv", ties));
    CHECK(err.find("filesystem error") == std::string::npos);
    CHECK_THAT(err, Catch::EndsWith(": error: the path is too long; give a shorter path to the file\n"));
    CHECK(err.size() < 600);  // at most 500 bytes of the path
}

TEST_CASE("an --out that is a file, a loop or too long is refused before the analysis, exit 2", "[bad-inputs][bounds][output]") {
    const fs::path dir = test::temp_dir("out_checks");
    std::ofstream(dir / "file") << "x";
    const test::Run file = test::run({"analyze", config_for("out_file_config", people, ties), "--out", (dir / "file").string()});
    CHECK(file.code == 2);
    CHECK(file.out.empty());  // nothing loaded or analysed: the check comes first
    CHECK(file.err == "--out: error: the output folder '" + (dir / "file").string() +
                          "' is a file; choose another --out\nstaffnet: stopped; no output was written\n");
    fs::create_symlink(dir / "l2", dir / "l1");
    fs::create_symlink(dir / "l1", dir / "l2");
    const test::Run loop = test::run({"render", config_for("out_loop_config", people, ties), "--out", (dir / "l1").string()});
    CHECK(loop.code == 2);
    CHECK(loop.err == "--out: error: the output folder '" + (dir / "l1").string() +
                          "' is a loop of symbolic links; choose another --out\nstaffnet: stopped; no output was written\n");
    const test::Run long_out = test::run({"analyze", config_for("out_long_config", people, ties), "--out", std::string(5000, 'o')});
    CHECK(long_out.code == 2);
    CHECK(long_out.err.size() < 600);
    CHECK_THAT(long_out.err, Catch::Contains("' is too long (5000 bytes); choose a shorter --out"));
}
