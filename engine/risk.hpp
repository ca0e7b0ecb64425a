#pragma once
// Isolation risk: who and which schools nobody in the district team is reaching, why, and who
// should reach out.
#include "engine/network.hpp"
#include "engine/school_measures.hpp"
#include "engine/school_statistics.hpp"

#include <string>
#include <vector>

namespace staffnet {

/// Which meaning of "isolated" the risk list uses (they differ in practice).
enum class IsolateRule {
    no_ties,       // no ties at all (default)
    never_named,   // no one named them (in-degree 0; the same as no_ties when undirected)
    cut_off,       // in a component without any district team member: only tied to other isolates
    peripheral,    // outside the 2-core
};

/// Weights of each reason in the score; a reason with weight 0 is not reported. The defaults rest
/// on the standard measures: degree, k-core, single points of contact (articulation), constraint,
/// distance to the district team, and the school's participation.
struct RiskWeights {
    double isolated = 4;            // the isolate rule holds
    double one_tie = 2;             // degree 1
    double outside_core = 1;        // not in any 2-core, with two or more ties
    double no_school_ties = 1;      // no ties inside their own school
    double high_constraint = 0.5;   // Burt's constraint above `constraint_threshold`, two or more ties
    double low_participation = 1;   // their school is in the bottom quartile of participation
    // The district team maps its ties to school leaders, so these apply to school leaders only
    // (staff normally reach the district through their leaders):
    double no_district_tie = 4;     // no direct tie to a district team member
    double single_district_tie = 1; // tied to only one district team member
    double single_path = 1.5;       // every shortest route to the district runs through one person
    // Everyone:
    double far_from_district = 1;   // 4 or more steps from the district team, or no path at all
    // Schools:
    double school_no_district_tie = 4;    // no one at the school is tied to the district team
    double school_one_member = 1.5;       // only one district team member is tied to the school
    double school_no_close_tie = 1;       // district ties, but none of a close type
    double school_leaders_unlinked = 1;   // a school leader has no district tie
    double school_staff_isolated = 1;     // a quarter or more of responding staff have no ties
    double school_low_density = 1;        // internal density in the bottom quartile of schools
};

struct RiskOptions {
    IsolateRule rule = IsolateRule::no_ties;
    RiskWeights weights;
    double constraint_threshold = 0.75;
    double high = 4;    // score at or above: level high
    double medium = 2;  // score at or above: medium; above 0: low
    std::size_t contacts = 3;  // suggested contacts per person or school
};

/// A district team member suggested to reach out, and why they are well placed.
struct Contact {
    Vertex member = 0;
    std::string why;  // "already tied", "2 steps away, 1 mutual colleague", "knows 3 at S13", ...
};

struct RiskEntry {
    Vertex person = 0;  // for people; for schools the school index
    double score = 0;
    std::string level;  // high, medium, low, none, or "no data" (did not respond and no one named them)
    std::vector<std::string> reasons;
    std::vector<Contact> contacts;  // best first
};

/// Scores every person who belongs to a school (district team members do the outreach and are
/// not scored). People who did not respond are never called isolated for lacking ties: with no
/// ties they are "no data"; otherwise only the reasons that do not depend on their own answers
/// apply. `low_participation[v]` marks people whose school is in the bottom quartile. Sorted by
/// level (high, medium, low, none, no data), then school leaders before staff, then score (highest
/// first), then id. O(D·(V+E)) for D district team members.
std::vector<RiskEntry> person_risk(const Network& net, const std::vector<char>& low_participation, const RiskOptions& options = {});

/// Scores each school from its measures (see school_measures) and participation.
std::vector<RiskEntry> school_risk(const Network& net, const SchoolTable& schools, const std::vector<SchoolColumn>& measures,
                                   const std::vector<char>& bottom_quartile, const RiskOptions& options = {});

/// Schools whose composite participation (mean percentile over the measures, each turned so that
/// higher is better) is in the bottom quartile. Schools with no measures are not marked.
std::vector<char> bottom_quartile_schools(const SchoolTable& schools, const std::vector<ParticipationMeasure>& participation);

struct CoverageStep {
    Vertex member = 0;                  // a district team member
    std::vector<std::size_t> schools;   // flagged schools this member newly covers
    std::size_t covered = 0;            // flagged schools covered so far, this member included
};

/// Greedy key-player cover: district team members, chosen one at a time to bring the most
/// not-yet-covered flagged schools within one introduction of the district (the member is at most
/// two steps from someone at the school: they can be introduced by a mutual colleague). Ties go
/// to the member closer to those schools, then the lower id. Stops when no member adds coverage;
/// flagged schools left over have no path to any member at all.
std::vector<CoverageStep> outreach_cover(const Network& net, const SchoolTable& schools,
                                         const std::vector<std::size_t>& flagged_schools);

/// "M. Lee": initial and surname, as used in reasons.
std::string short_name(const std::string& name);

const char* rule_name(IsolateRule rule);

/// Who is isolated under `rule` (1) or not (0), as the isolation-risk list decides it, whether or
/// not they took part in the mapping. O(V+E) (peripheral: the k-core decomposition).
std::vector<char> isolated_people(const Network& net, IsolateRule rule);

/// The plain-language reason for `rule`: "no ties at all", "no one named them as a connection", ...
const std::string& isolate_reason(IsolateRule rule);

}  // namespace staffnet
