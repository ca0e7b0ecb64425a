#include "fuzz/targets.hpp"

#include "config/analysis.hpp"
#include "io/csv.hpp"
#include "io/edgelist.hpp"
#include "io/graph_formats.hpp"
#include "io/readers.hpp"
#include "io/sheet.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace staffnet::fuzz {
namespace fs = std::filesystem;
namespace {

// Readers that take a path read the input from this folder, one per process, removed at exit.
struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("staffnet-fuzz-" + std::to_string(::getpid()));
    Scratch() { fs::create_directories(dir); }
    ~Scratch() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

const fs::path& scratch() {
    static const Scratch s;
    return s.dir;
}

std::string fixture(const std::string& relative) { return std::string(STAFFNET_TEST_DIR) + "/" + relative; }

// The people that ties.csv inputs name (the io fixtures: D1, P1-P5) and the default tie types.
const PeopleTable& fixture_people() {
    static const PeopleTable people = read_people(fixture("io/fixtures/people.csv"));
    return people;
}

// The district of the worksheet fixtures (three team members, six school leaders).
const std::vector<Person>& sheet_people() {
    static const std::vector<Person> people = read_people(fixture("io/fixtures/sheets/people.csv")).people;
    return people;
}

// Throws std::logic_error when a diagnostic breaks the promise of outcome().
void check_printable(const Diagnostic& d, const std::string& line) {
    const auto fail = [&](const std::string& why) {
        throw std::logic_error("broken diagnostic (" + why + "): " + line.substr(0, 2000));
    };
    if (d.file.empty()) fail("no file");
    if (d.message.empty()) fail("no message");
    if (d.line < 0 || d.column < 0) fail("negative position");
    if (line.size() > 2000) fail("longer than 2,000 bytes");
    if (!valid_utf8(line)) fail("not UTF-8");
    for (const char c : line)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) fail("control character");
}

}  // namespace

const std::vector<Target>& targets() {
    static const std::vector<Target> table = {
        {"people", "people.csv", [](const std::string& path, const std::string&) { read_people(path); }},
        {"ties", "ties.csv",
         [](const std::string& path, const std::string&) {
             std::vector<TieType> types = default_tie_types();
             read_ties(path, fixture_people(), types);
         }},
        {"schools", "schools.csv", [](const std::string& path, const std::string&) { read_schools(path, {}); }},
        {"config", "config.yaml",
         [](const std::string& path, const std::string& text) { parse_analysis(path, text, scratch().string()); }},
        {"sheet", "sheet.csv",
         [](const std::string& path, const std::string& text) { parse_sheet(path, text, sheet_people(), default_tie_types()); }},
        {"edgelist", "edges.csv",
         [](const std::string& path, const std::string&) {
             std::vector<Diagnostic> warnings;
             read_edge_list(path, {.weighted = true}, warnings);
         }},
        {"graphml", "network.graphml", [](const std::string& path, const std::string& text) { parse_graph(GraphFormat::graphml, path, text); }},
        {"gexf", "network.gexf", [](const std::string& path, const std::string& text) { parse_graph(GraphFormat::gexf, path, text); }},
        {"pajek", "network.net", [](const std::string& path, const std::string& text) { parse_graph(GraphFormat::pajek, path, text); }},
        {"dl", "network.dl", [](const std::string& path, const std::string& text) { parse_graph(GraphFormat::ucinet_dl, path, text); }},
        {"json", "network.json", [](const std::string& path, const std::string& text) { parse_graph(GraphFormat::node_link, path, text); }},
        {"adjacency", "network.adj.csv",
         [](const std::string& path, const std::string& text) { parse_graph(GraphFormat::adjacency_csv, path, text); }},
    };
    return table;
}

const Target& target(const std::string& name) {
    for (const Target& t : targets())
        if (t.name == name) return t;
    throw std::out_of_range("no fuzz target '" + name + "'");
}

std::string outcome(const Target& target, const std::string& text) {
    const fs::path path = scratch() / target.file_name;
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(text.data(), std::streamsize(text.size()));
    }
    try {
        target.read(path.string(), text);
        return "accepted";
    } catch (const InputError& e) {
        std::string lines;
        for (const Diagnostic& d : e.diagnostics()) {
            const std::string line = format(d);
            check_printable(d, line);
            lines += line + "\n";
        }
        // The same on any machine: the input as the user named it, fixtures from tests/.
        for (const auto& [from, to] : {std::pair{scratch().string() + "/", std::string()}, {fixture(""), std::string("tests/")}})
            for (auto at = lines.find(from); at != std::string::npos; at = lines.find(from, at + to.size()))
                lines.replace(at, from.size(), to);
        return lines;
    }
}

int run(const std::string& name, const std::uint8_t* data, std::size_t size) {
    static const Target& chosen = target(name);
    outcome(chosen, std::string(reinterpret_cast<const char*>(data), size));
    return 0;
}

}  // namespace staffnet::fuzz
