#pragma once
// Krackhardt & Stern's E-I index: do ties stay inside groups (schools, roles) or cross them?
#include "engine/network.hpp"

#include <string>
#include <utility>
#include <vector>

namespace staffnet {

struct EIIndex {
    double network = 0;    // (E - I) / (E + I) over all ties; NaN with no ties
    double expected = 0;   // mean over the permutations
    double p_greater = 1;  // share of permutations with an index >= the observed one
    double p_less = 1;     // share of permutations with an index <= the observed one
    std::size_t permutations = 0;
    std::vector<std::pair<std::string, double>> groups;  // per group, sorted by name
};

/// E-I index as Krackhardt & Stern (1988) and UCINET, from tie counts: E ties join two groups,
/// I ties stay inside one; -1 all inside, +1 all across. Each undirected tie counts once, each arc
/// once when directed. Group level: E = ties with one end in the group, I = ties with both. The
/// permutation test shuffles group labels among people (keeping group sizes) `permutations` times
/// with `seed`. A blank label is a group of its own (for example the central office).
/// O(permutations · E).
EIIndex ei_index(const Network& net, const std::vector<std::string>& groups, std::size_t permutations = 5000,
                 unsigned seed = 42);

/// Actor-level E-I: (E - I) / (E + I) over each person's own ties. On a directed network E and I
/// count arcs sent and received, so a mutual tie counts twice (as UCINET on the matrix). NaN
/// (blank) for someone with no ties.
VertexScores ei_actor(const Network& net, const std::vector<std::string>& groups);

/// Actor-level E-I over the people each person is tied to: each contact counts once, whichever
/// way the ties run. Equal to ei_actor on an undirected network. NaN (blank) with no ties.
VertexScores ei_actor_contacts(const Network& net, const std::vector<std::string>& groups);

}  // namespace staffnet
