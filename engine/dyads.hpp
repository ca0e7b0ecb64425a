#pragma once
// Dyadic variables: one value per ordered pair of people, built from ties or attributes, for the
// QAP tests of engine/qap.hpp.
#include "engine/network.hpp"

#include <Eigen/Core>

#include <optional>
#include <string>

namespace staffnet {

/// One value per ordered pair of people: entry (i, j) is about person i (row, the sender) and
/// person j (column, the receiver), in vertex order. NaN marks a missing dyad. The diagonal (a
/// person with themselves) is never used. n people take 8·n² bytes (2 MB for 500 people).
using DyadMatrix = Eigen::MatrixXd;

struct TieMatrixOptions {
    bool valued = false;  // the arc's combined weight instead of 1
};

/// The tie matrix: 1 where i has a tie to j, 0 where not. Symmetric when the network is
/// undirected. For one tie type pass `layer(net, type)`. O(n² + E).
DyadMatrix tie_matrix(const Network& net, const TieMatrixOptions& options = {});

/// Homophily on a categorical attribute ("school", "role" or a people.csv column): 1 where i and j
/// share a value, 0 where they differ. A blank school is the central office, a group like any
/// school (as in the E-I index); any other blank value is unknown, so every dyad of that person
/// is missing. Throws std::invalid_argument for an unknown attribute. O(n²).
DyadMatrix same_matrix(const Network& net, const std::string& attribute);

/// Distance on a numeric attribute: |a_i - a_j|, where ISO dates (YYYY-MM-DD, for example
/// hire_date) count in days. A blank or unreadable value makes every dyad of that person missing.
/// Throws std::invalid_argument for an unknown attribute. O(n²).
DyadMatrix difference_matrix(const Network& net, const std::string& attribute);

/// A people.csv value as a number: a decimal number, or an ISO date (YYYY-MM-DD) as days since
/// 1970-01-01. Surrounding spaces are ignored. nullopt for a blank or anything else.
std::optional<double> numeric_value(const std::string& text);

/// Number of missing (NaN) dyads off the diagonal.
std::size_t missing_dyads(const DyadMatrix& m);

}  // namespace staffnet
