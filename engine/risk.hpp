#pragma once
// Isolation risk: who and which schools nobody in the district team is reaching, why, and who
// should reach out.
#include "engine/network.hpp"
#include "engine/school_measures.hpp"
#include "engine/school_statistics.hpp"

#include <cmath>
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
/// on the standard measures: degree, k-core, single points of contact (articulation), constraint
/// and distance to the district team. Risk is about connection only: participation, the outcome the
/// report studies, is shown beside it (participation_percentile), never scored.
struct RiskWeights {
    double isolated = 4;            // the isolate rule holds
    double one_tie = 2;             // degree 1
    double outside_core = 1;        // not in any 2-core, with two or more ties
    double no_school_ties = 1;      // no ties inside their own school
    double high_constraint = 0.5;   // Burt's constraint above `constraint_threshold`, two or more ties
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
    std::size_t max_per_member = 0;  // most flagged people and schools first-listed under one member; 0: no cap
};

/// A district team member suggested to reach out, and why they are well placed.
struct Contact {
    Vertex member = 0;
    std::string why;  // "already tied", "2 steps away, through Tara Yazzie", "no one is connected yet; ..."
};

struct RiskEntry {
    Vertex person = 0;  // for people; for schools the school index
    double score = 0;
    std::string level;  // high, medium, low, none, or "no data" (did not respond and no one named them)
    std::vector<std::string> reasons;
    std::vector<Contact> contacts;  // best first (filled by isolation_risk)
    double participation_percentile = NAN;  // the school's (see participation_percentiles); NaN when unknown
};

/// Scores every person who belongs to a school (district team members do the outreach and are
/// not scored). People who did not respond are never called isolated for lacking ties: with no
/// ties they are "no data"; otherwise only the reasons that do not depend on their own answers
/// apply. People are named in full in the reasons. Sorted by level (high, medium, low, none, no
/// data), then school leaders before staff, then score (highest first), then id. Contacts are left
/// empty: isolation_risk suggests them for everyone at once. O(D·(V+E)) for D district members.
std::vector<RiskEntry> person_risk(const Network& net, const RiskOptions& options = {});

/// Scores each school from its connection measures (see school_measures), highest score first.
/// Contacts are left empty (see isolation_risk).
std::vector<RiskEntry> school_risk(const Network& net, const SchoolTable& schools, const std::vector<SchoolColumn>& measures,
                                   const RiskOptions& options = {});

/// Each school's composite participation as a percentile, 0 (lowest) to 100: the mean over the
/// measures of its percentile rank (average ranks, (rank - 1) / (n - 1)), each measure turned so
/// that higher is better. NaN for a school with no values.
std::vector<double> participation_percentiles(const SchoolTable& schools, const std::vector<ParticipationMeasure>& participation);

struct RiskLists {
    std::vector<RiskEntry> people;   // person_risk order
    std::vector<RiskEntry> schools;  // school_risk order; RiskEntry::person is the school index
};

/// person_risk and school_risk with suggested contacts and each entry's school participation
/// percentile (`participation_percentile` by school index; may be empty). Contacts are ranked by
/// how well each district team member is placed: tied directly, then the fewest steps (never
/// through another district member), the most mutual colleagues, the most people known at the
/// school. Flagged schools (by rank), then flagged people (high, medium, no data) are handed out
/// in turn: among equally placed members the first contact is the one with the fewest flagged
/// entries so far (then people.csv order), and a member who has `max_per_member` is skipped while
/// anyone else has room. When no member is connected at all, the entry gets only its assigned
/// member, "no one is connected yet; assigned to spread the outreach": the member with the fewest
/// such entries so far, then the fewest flagged entries, so these first contacts are shared out
/// evenly (no member gets more than one above an equal share).
RiskLists isolation_risk(const Network& net, const SchoolTable& schools, const std::vector<SchoolColumn>& measures,
                         const std::vector<double>& participation_percentile, const RiskOptions& options = {});

/// Whether an entry goes on the outreach sheet: level high or medium, or (people) no data.
bool flagged(const RiskEntry& e);

/// How a member reaches a school: `at` is the person at the school; `via` the colleague between
/// them (== at when the member is tied to `at` directly).
struct Reach {
    Vertex via = 0;
    Vertex at = 0;
};

struct CoverageStep {
    Vertex member = 0;                  // a district team member
    std::vector<std::size_t> schools;   // flagged schools this member newly covers
    std::vector<Reach> how;             // how[i]: how the member reaches schools[i]
    std::size_t covered = 0;            // flagged schools covered so far, this member included
};

/// Greedy key-player cover: district team members, chosen one at a time to cover the most
/// not-yet-covered flagged schools. A member covers a school when tied to someone at it, or tied
/// to a colleague (not on the district team) who is tied to someone at it: one introduction away.
/// Ties go to the member with more direct ties to those schools, then people.csv order. Stops when
/// no member adds coverage; flagged schools left over are reached by no member in two steps.
std::vector<CoverageStep> outreach_cover(const Network& net, const SchoolTable& schools,
                                         const std::vector<std::size_t>& flagged_schools);

/// "M. Lee": initial and surname.
std::string short_name(const std::string& name);

/// A score or measure as people read it: at most two decimals, no trailing zeros ("3.5", "2",
/// "0.67"); "" for NaN.
std::string score_text(double x);

/// "Grace Nguyen (staff)": the display name and the role in plain words.
std::string name_and_role(const Person& p);

const char* rule_name(IsolateRule rule);

/// Who is isolated under `rule` (1) or not (0), as the isolation-risk list decides it, whether or
/// not they took part in the mapping. O(V+E) (peripheral: the k-core decomposition).
std::vector<char> isolated_people(const Network& net, IsolateRule rule);

/// The plain-language reason for `rule`: "no ties at all", "no one named them as a connection", ...
const std::string& isolate_reason(IsolateRule rule);

}  // namespace staffnet
