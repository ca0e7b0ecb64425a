#pragma once
// Plain edge lists for researchers: source,target[,weight][,type], with or without a people file.
#include "engine/network.hpp"
#include "io/readers.hpp"

#include <optional>
#include <string>

namespace staffnet {

struct EdgeListOptions {
    std::string people;             // people.csv; "" = every id in the edge list, in order of appearance
    std::optional<bool> directed;   // unset: the file's own direction (a CSV edge list: undirected)
    bool weighted = false;
    bool drop_self_ties = false;
};

/// The people named in an edge list's source and target columns, in order of first appearance.
PeopleTable people_from_edges(const std::string& path);

/// Reads an edge list into a network; a network file of another program (.graphml, .gexf, .net,
/// .dl, .json, .adj.csv) is read by its format, with its own people and direction. Every tie type in the file is declared as it appears (the
/// type column is optional), duplicates combine by max within a type and types add up.
/// `options.directed` overrides a graph file's direction with a warning: undirected, the arcs a→b
/// and b→a become one tie (the larger weight); directed, each tie is an arc from the person named
/// first to the second.
Network read_edge_list(const std::string& path, const EdgeListOptions& options, std::vector<Diagnostic>& warnings);

}  // namespace staffnet
