#pragma once
// What a network file holds, in a form two files can be compared by: people in order, attribute
// values (numbers compared as numbers), and ties sorted (an undirected tie's ends in people's order).
#include "io/graph_formats.hpp"
#include "io/output.hpp"
#include "support/graphs.hpp"

#include <algorithm>
#include <map>
#include <ostream>
#include <tuple>

namespace staffnet::test {

/// The datasets of ../shared/data; all but the two wholly undirected ones are read as directed, so
/// that every tie keeps the direction the CSV lists it in.
inline const std::vector<std::string> datasets = {"bankwiring_room",    "freeman_eies",       "kapferer_tailorshop",
                                                  "krackhardt_hightech", "lazega_lawfirm",     "padgett_florentine",
                                                  "sampson_monastery",  "zachary_karate"};
inline bool undirected(const std::string& dataset) { return dataset == "padgett_florentine" || dataset == "zachary_karate"; }

inline GraphFile dataset(const std::string& name) {
    return read_graph_file(shared_data(name + "/ties.csv"), GraphFormat::staffnet_csv, {.directed = !undirected(name)});
}

struct TieView {
    std::string source, target, type;
    double weight = 1;
    std::string wave;
    auto operator<=>(const TieView&) const = default;
};

struct View {
    bool directed = false;
    std::vector<std::string> ids;
    std::map<std::string, std::vector<std::string>> attributes;
    std::vector<TieView> ties;
    bool operator==(const View&) const = default;
};

inline std::ostream& operator<<(std::ostream& out, const View& v) {
    out << (v.directed ? "directed, " : "undirected, ") << v.ids.size() << " people, " << v.attributes.size() << " attributes, "
        << v.ties.size() << " ties";
    for (std::size_t i = 0; i < std::min<std::size_t>(v.ties.size(), 3); ++i)
        out << "; " << v.ties[i].source << "->" << v.ties[i].target << " " << v.ties[i].type << " " << v.ties[i].weight;
    return out;
}

inline View view_of(const GraphFile& g) {
    View v;
    v.directed = g.directed;
    for (const GraphNode& n : g.nodes) v.ids.push_back(n.id);
    for (std::size_t a = 0; a < g.attributes.size(); ++a) {
        const bool number = g.attributes[a].type == ValueType::integer || g.attributes[a].type == ValueType::real;
        auto& values = v.attributes[g.attributes[a].name];
        for (const GraphNode& n : g.nodes)
            values.push_back(number && !n.values[a].empty() ? number_cell(parse_number(n.values[a])) : n.values[a]);
    }
    for (const GraphTie& t : g.ties) {
        const bool swap = !g.directed && t.target < t.source;
        v.ties.push_back({g.nodes[swap ? t.target : t.source].id, g.nodes[swap ? t.source : t.target].id, t.type, t.weight, t.wave});
    }
    std::sort(v.ties.begin(), v.ties.end());
    return v;
}

/// What a format without attributes or waves keeps.
inline View without_attributes(View v) {
    v.attributes.clear();
    for (TieView& t : v.ties) t.wave.clear();
    return v;
}

inline View untyped(View v) {
    for (TieView& t : v.ties) t.type.clear();
    std::sort(v.ties.begin(), v.ties.end());
    return v;
}

/// What a matrix keeps: one tie per type and pair (the largest weight), or with `one_relation`, one
/// tie per pair holding the sum over types (those maxima added).
inline View as_matrix(View v, bool one_relation) {
    std::map<std::tuple<std::string, std::string, std::string>, double> most;
    for (const TieView& t : v.ties) {
        double& w = most[{t.type, t.source, t.target}];
        w = std::max(w, t.weight);
    }
    std::map<std::tuple<std::string, std::string, std::string>, double> cells;
    for (const auto& [key, w] : most) cells[{one_relation ? "" : std::get<0>(key), std::get<1>(key), std::get<2>(key)}] += w;
    v = without_attributes(v);
    v.ties.clear();
    for (const auto& [key, w] : cells) v.ties.push_back({std::get<1>(key), std::get<2>(key), std::get<0>(key), w, ""});
    std::sort(v.ties.begin(), v.ties.end());
    return v;
}

/// The view a file in `format` keeps of a network, by what the format holds (see docs-formats.md).
inline View kept_by(GraphFormat format, const GraphFile& g) {
    const View v = view_of(g);
    switch (format) {
    case GraphFormat::pajek:
        return without_attributes(v);
    case GraphFormat::ucinet_dl: {
        std::vector<std::string> types;
        for (const GraphTie& t : g.ties)
            if (std::find(types.begin(), types.end(), t.type) == types.end()) types.push_back(t.type);
        return as_matrix(types.size() == 1 ? untyped(v) : v, false);
    }
    case GraphFormat::adjacency_csv:
        return as_matrix(v, true);
    default:
        return v;
    }
}

}  // namespace staffnet::test
