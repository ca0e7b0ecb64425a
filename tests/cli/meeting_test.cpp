// The meeting workflow end to end, with only the commands the README gives: template, fill in,
// import-sheet --merge, cross a tie out, import again, analyze.
#include "config/analysis.hpp"
#include "io/csv.hpp"
#include "io/district.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace staffnet;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

// A copy of the example district (people, ties, schools, config) in a fresh folder.
fs::path example_copy(const std::string& name) {
    const fs::path dir = test::temp_dir(name);
    const fs::path from = fs::path(STAFFNET_SOURCE_DIR) / "examples" / "district";
    for (const char* file : {"config.yaml", "people.csv", "ties.csv", "schools.csv"}) fs::copy_file(from / file, dir / file);
    return dir;
}

std::size_t rows_with(const std::string& file, const std::string& column, const std::string& value) {
    const CsvTable t = read_csv(file);
    std::size_t n = 0;
    for (const auto& row : t.rows) n += row[t.column(column)] == value;
    return n;
}

}  // namespace

TEST_CASE("a worksheet is imported, edited, re-imported with a tie crossed out, and analysed", "[cli][sheet][meeting]") {
    const fs::path dir = example_copy("meeting_loop");
    const std::string config = (dir / "config.yaml").string(), sheet = (dir / "sheet.csv").string(), ties = (dir / "ties.csv").string();
    const std::string original = test::slurp(ties);
    const std::size_t before = read_csv(ties).rows.size();

    REQUIRE(test::run({"template", config, "--out", sheet}).code == 0);
    std::string text = test::slurp(sheet);
    // Column headings name the school: Bluebird Elementary is S01.
    CHECK(text.find("(Bluebird Elementary, P") != std::string::npos);
    CHECK(text.find("(S01, P") == std::string::npos);
    const std::string row = "Rachel Morgan (D01),";
    REQUIRE(text.find(row) != std::string::npos);
    text.replace(text.find(row), row.size(), row + "P S2");  // D01 and the first leader: a shared project, and social (2)
    write(sheet, text);

    const test::Run first = test::run({"import-sheet", sheet, config, "--merge"});
    REQUIRE(first.code == 0);
    CHECK(test::slurp(ties + ".bak") == original);
    CHECK(read_csv(ties).rows.size() == before + 2);
    CHECK(rows_with(ties, "sheet", "sheet.csv") == 2);

    // In the meeting the social tie is crossed out: the re-import drops it, nothing else changes.
    text.replace(text.find(row + "P S2"), row.size() + 4, row + "P");
    write(sheet, text);
    const test::Run second = test::run({"import-sheet", sheet, config, "--merge"});
    REQUIRE(second.code == 0);
    CHECK_THAT(second.out, Catch::Contains("replacing the 2 ties an earlier import of sheet.csv wrote"));
    CHECK(read_csv(ties).rows.size() == before + 1);
    CHECK(rows_with(ties, "sheet", "sheet.csv") == 1);
    CHECK(rows_with(ties + ".bak", "sheet", "sheet.csv") == 2);  // the .bak is the file as the first import left it

    const std::string out = (dir / "out").string();
    const test::Run analysed = test::run({"analyze", config, "--out", out});
    INFO(analysed.err);
    REQUIRE(analysed.code == 0);
    CHECK(fs::exists(out + "/report.html"));
}

TEST_CASE("data: ties: takes a list of files, and rows without the optional columns read them as blank", "[cli][config][meeting]") {
    const fs::path dir = example_copy("meeting_tie_list");
    // Pasted rows with only source,target,type under a six-column header.
    write(dir / "new_ties.csv", "source,target,type,weight,wave,date\nD01,P001,social\nD02,P001,shared_project,2\n");
    std::string yaml = test::slurp((dir / "config.yaml").string());
    yaml.replace(yaml.find("ties: ties.csv"), 14, "ties: [ties.csv, new_ties.csv]");
    write(dir / "config.yaml", yaml);
    const auto tie_rows = [](const std::string& file) { return load_district(load_analysis(file)).network.ties.size(); };
    const std::size_t both = tie_rows((dir / "config.yaml").string());
    yaml.replace(yaml.find("ties: [ties.csv, new_ties.csv]"), 30, "ties: ties.csv");
    write(dir / "config.yaml", yaml);
    // Two more typed ties (a pair tied by several types holds one tie per type).
    CHECK(both == tie_rows((dir / "config.yaml").string()) + 2);
}
