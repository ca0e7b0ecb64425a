// staffnet and the peers read each other's files: NetworkX and igraph wrote fixtures/, staffnet wrote
// golden/, and golden/peer_view.json records what the peers saw in it (tests/io/formats/make_fixtures.py).
#include "io/formats/views.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

using namespace staffnet;
using namespace staffnet::test;
namespace fs = std::filesystem;

namespace {

std::string formats(const std::string& name) { return fixture("io/formats/" + name); }

// "zachary_karate.networkx.graphml" -> {"zachary_karate", "networkx.graphml"}
std::pair<std::string, std::string> split_name(const std::string& file) {
    const auto dot = file.find('.');
    return {file.substr(0, dot), file.substr(dot + 1)};
}

std::map<std::string, std::size_t> type_counts(const GraphFile& g) {
    std::map<std::string, std::size_t> counts;
    for (const GraphTie& t : g.ties) ++counts[t.type];
    return counts;
}

// The value a peer recorded: numbers as staffnet writes them, null as missing.
std::string recorded(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    return number_cell(v.get<double>());
}

// What NetworkX writes in Pajek: the string attributes (a value NetworkX holds as a number is not
// written), no waves.
View string_attributes(const GraphFile& source) {
    View v = without_attributes(view_of(source));
    for (std::size_t a = 0; a < source.attributes.size(); ++a) {
        if (source.attributes[a].type != ValueType::string) continue;
        for (const GraphNode& n : source.nodes) v.attributes[source.attributes[a].name].push_back(n.values[a]);
    }
    return v;
}

}  // namespace

TEST_CASE("staffnet reads the files NetworkX and igraph wrote of the datasets", "[io][formats][peers]") {
    std::size_t read = 0;
    for (const auto& entry : fs::directory_iterator(formats("fixtures"))) {
        const std::string file = entry.path().filename().string();
        const auto [name, kind] = split_name(file);
        INFO(file);
        const GraphFile source = dataset(name);
        const GraphFile peer = read_graph_file(entry.path().string(), format_for_path(file));
        // NetworkX's Pajek writer puts only string attributes on vertex lines, after coordinates
        // (staffnet reads them back as attributes); igraph's writes no tie types.
        const View expected = kind == "networkx.net" ? string_attributes(source)
                              : kind == "igraph.net" ? untyped(without_attributes(view_of(source)))
                                                     : view_of(source);
        CHECK(view_of(peer) == expected);
        ++read;
    }
    CHECK(read == 32);
}

TEST_CASE("staffnet writes the golden files byte for byte", "[io][formats][peers]") {
    const std::map<std::string, GraphFormat> endings = {{"graphml", GraphFormat::graphml}, {"gexf", GraphFormat::gexf},
                                                        {"net", GraphFormat::pajek},       {"dl", GraphFormat::ucinet_dl},
                                                        {"adj.csv", GraphFormat::adjacency_csv}, {"json", GraphFormat::node_link}};
    std::size_t compared = 0;
    for (const auto& entry : fs::directory_iterator(formats("golden"))) {
        const auto [name, ending] = split_name(entry.path().filename().string());
        if (name == "peer_view") continue;
        INFO(entry.path().filename().string() << " (regenerate with tests/io/formats/make_fixtures.py)");
        std::vector<std::string> dropped;
        CHECK(write_graph(endings.at(ending), dataset(name), dropped) == slurp(entry.path().string()));
        ++compared;
    }
    CHECK(compared == 24);
}

TEST_CASE("NetworkX and igraph see in staffnet's files the people, ties, weights, types and attributes of the CSVs",
          "[io][formats][peers]") {
    const nlohmann::json views = nlohmann::json::parse(slurp(formats("golden/peer_view.json")));
    CHECK(views["made_with"]["networkx"] == "2.8.8");
    CHECK(views["made_with"]["igraph"] == "0.10.2");
    std::size_t checked = 0;
    for (const auto& [file, tools] : views["files"].items()) {
        const auto [name, ending] = split_name(file);
        const GraphFile source = dataset(name);
        const GraphFormat format = format_for_path(file);
        for (const auto& [tool, seen] : tools.items()) {
            INFO(file << " read by " << tool);
            if (seen.contains("unreadable")) {  // igraph reads one DL matrix only
                CHECK(format == GraphFormat::ucinet_dl);
                CHECK(type_counts(source).size() > 1);
                continue;
            }
            std::vector<std::string> ids;
            for (const GraphNode& n : source.nodes) ids.push_back(n.id);
            CHECK(seen["nodes"].get<std::vector<std::string>>() == ids);
            CHECK(seen["directed"] == (source.directed || format == GraphFormat::ucinet_dl));  // igraph is told DL is directed
            // A matrix holds cells: a DL edge list writes an undirected tie both ways.
            View kept = kept_by(format, source);
            if (format == GraphFormat::ucinet_dl && !source.directed)
                for (const TieView& t : std::vector<TieView>(kept.ties))
                    if (t.source != t.target) kept.ties.push_back({t.target, t.source, t.type, t.weight, t.wave});
            double weight = 0;
            for (const TieView& t : kept.ties) weight += t.weight;
            CHECK(seen["edges"] == kept.ties.size());
            CHECK(seen["weight"].get<double>() == Approx(weight));
            if (seen.contains("types")) {
                std::map<std::string, std::size_t> types = seen["types"];
                CHECK(types == type_counts(source));
            }
            const bool attributes = format == GraphFormat::graphml || format == GraphFormat::gexf || format == GraphFormat::node_link;
            CHECK(seen.contains("attributes") == attributes);
            if (attributes) {
                for (const auto& [attribute, values] : view_of(source).attributes) {
                    INFO("attribute " << attribute);
                    REQUIRE(seen["attributes"].contains(attribute));
                    std::vector<std::string> got;
                    for (const auto& v : seen["attributes"][attribute]) got.push_back(recorded(v));
                    CHECK(got == values);
                }
                CHECK(seen["attributes"].size() == view_of(source).attributes.size());
            }
            ++checked;
        }
    }
    CHECK(checked == 4 * 7 + 1);  // 4 datasets: GraphML and Pajek by both, GEXF, JSON, adjacency; the one DL of one matrix
}
