#include "support/graphs.hpp"

#include "io/readers.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace staffnet::test {

Network graph(std::size_t n, const std::vector<std::pair<Vertex, Vertex>>& ties, bool directed,
              const std::vector<double>& weights, bool weighted) {
    std::vector<Person> people(n);
    for (std::size_t i = 0; i < n; ++i) people[i].id = people[i].name = std::string(1, char('a' + i % 26)) + (i >= 26 ? std::to_string(i) : "");
    std::vector<TieRow> rows;
    for (std::size_t i = 0; i < ties.size(); ++i)
        rows.push_back({ties[i].first, ties[i].second, 0, 0, weights.empty() ? 1.0 : weights[i]});
    NetworkOptions options;
    options.directed = directed;
    options.weighted = weighted;
    options.types = {{"tie", 1.0, true, "T"}};
    return build_network(std::move(people), {}, rows, options);
}

Network path(std::size_t n) {
    std::vector<std::pair<Vertex, Vertex>> ties;
    for (Vertex i = 0; i + 1 < n; ++i) ties.emplace_back(i, i + 1);
    return graph(n, ties);
}

Network star(std::size_t leaves) {
    std::vector<std::pair<Vertex, Vertex>> ties;
    for (Vertex i = 1; i <= leaves; ++i) ties.emplace_back(0, i);
    return graph(leaves + 1, ties);
}

Network bridged_triangles() { return graph(6, {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}}); }

const std::vector<std::string>& classic_datasets() {
    static const std::vector<std::string> names = {"bankwiring_room",     "freeman_eies",     "kapferer_tailorshop",
                                                   "krackhardt_hightech", "lazega_lawfirm",   "padgett_florentine",
                                                   "sampson_monastery",   "zachary_karate"};
    return names;
}

Network classic_network(const std::string& dataset, bool directed, bool weighted) {
    PeopleTable people = read_people(shared_data(dataset + "/people.csv"), false);
    std::vector<TieType> types;
    const TieTable ties =
        read_ties(shared_data(dataset + "/ties.csv"), people, types, {.declare_types = true, .drop_self_ties = true});
    NetworkOptions options;
    options.directed = directed;
    options.weighted = weighted;
    options.types = types;
    return build_network(std::move(people.people), std::move(people.attribute_names), ties.rows, options);
}

std::string fixture(const std::string& relative) { return std::string(STAFFNET_TEST_DIR) + "/" + relative; }

std::string shared_data(const std::string& relative) { return std::string(STAFFNET_SHARED_DATA) + "/" + relative; }

namespace {
struct TempRoot {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("staffnet-test-" + std::to_string(::getpid()));
    ~TempRoot() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};
}  // namespace

std::string temp_dir(const std::string& name) {
    namespace fs = std::filesystem;
    static TempRoot root;
    const fs::path dir = root.path / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir.string();
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::map<std::string, std::string> snapshot(const std::string& dir) {
    namespace fs = std::filesystem;
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        files[fs::relative(entry.path(), dir).string()] = entry.is_regular_file() ? slurp(entry.path().string()) : "<dir>";
    return files;
}

}  // namespace staffnet::test
