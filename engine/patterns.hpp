#pragma once
// Pattern probes: are some groups of people (by role, race, age, grade band, hire date) less
// connected than others?
#include "engine/network.hpp"

#include <string>
#include <vector>

namespace staffnet {

struct GroupPattern {
    std::string attribute;
    std::string group;
    std::size_t people = 0;       // kept when suppressed, for the writers' reason; never shown then
    bool suppressed = false;      // every figure below is NaN: fewer than min_group_size people, or
                                  // the next-smallest group of an attribute with one such group
    double isolation_rate = 0;    // share with no ties, among people not known to be non-respondents
    double mean_degree = 0;
    double mean_district_ties = 0;  // ties to district team members per person
    double ei_index = 0;          // group-level E-I by this attribute
};

struct PatternOptions {
    std::size_t min_group_size = 5;  // smaller groups are suppressed so no one can be singled out
    std::size_t max_groups = 12;     // attributes with more distinct values are skipped
};

/// One row per group of role and of every attribute column. ISO dates (YYYY-MM-DD) are grouped
/// into five-year bands ("2015-2019"); blank values form the group "(blank)". Attributes with more
/// than `max_groups` groups after banding (names, free text, exact ages) are skipped. The district
/// team is one row under role and left out of every other attribute's groups, so staff groups
/// compare school people with school people. A group of fewer than `min_group_size` people is
/// suppressed; when it is the only one of its attribute, the next-smallest group (then the first by
/// name) is suppressed too (complementary suppression), so that no hidden size, tie count or
/// isolation count follows from the shown ones by subtraction.
std::vector<GroupPattern> pattern_probes(const Network& net, const PatternOptions& options = {});

/// Why a pattern row shows no figures, as patterns.csv and the report say it: "fewer than N
/// people", or hidden with a smaller group of its attribute (complementary suppression); "" when shown.
std::string suppression_reason(const GroupPattern& g, std::size_t min_group_size);

}  // namespace staffnet
