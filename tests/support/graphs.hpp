#pragma once
// Small graphs whose metric values can be worked out by hand, and paths to fixtures.
#include "engine/network.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace staffnet::test {

/// A network over people "a", "b", ... (n of them) with the given ties, each of one type "tie".
Network graph(std::size_t n, const std::vector<std::pair<Vertex, Vertex>>& ties, bool directed = false,
              const std::vector<double>& weights = {}, bool weighted = false);

/// 0-1-2-...-(n-1).
Network path(std::size_t n);
/// Hub 0 with leaves 1..leaves.
Network star(std::size_t leaves);
/// Triangles {0,1,2} and {3,4,5} joined by the bridge 2-3.
Network bridged_triangles();

/// The eight classic networks in ../shared/data, in alphabetical order.
const std::vector<std::string>& classic_datasets();
/// One of them built by the reference rules (tests/reference/README.md): every type declared as it
/// appears, duplicates of a type by max, types summed, self-ties dropped.
Network classic_network(const std::string& dataset, bool directed, bool weighted);

/// Absolute path of a file under tests/.
std::string fixture(const std::string& relative);
/// Absolute path of a file under ../shared/data/.
std::string shared_data(const std::string& relative);

/// A fresh, empty temporary folder, removed at exit of the test process.
std::string temp_dir(const std::string& name);

/// The whole content of a file ("" if it does not exist).
std::string slurp(const std::string& path);

/// Every file under a folder (path relative to it) with its bytes; "<dir>" for a folder.
std::map<std::string, std::string> snapshot(const std::string& dir);

}  // namespace staffnet::test
