#pragma once
// Change between two waves of a district: ties made, lost and kept, and how people, schools and
// the school correlations moved. Waves are matched by person and school id.
#include "engine/network.hpp"
#include "engine/risk.hpp"
#include "engine/school_statistics.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace staffnet {

/// Marks an entity (person, school, tie type) that is not in one of the waves.
constexpr std::size_t not_in_wave = std::numeric_limits<std::size_t>::max();

/// Two lists of ids matched: every id of `before` in its order, then the ids only in `after` in
/// theirs. `before[i]` and `after[i]` are the position of `ids[i]` in each list, or not_in_wave.
struct Matching {
    std::vector<std::string> ids;
    std::vector<std::size_t> before, after;
    std::size_t size() const { return ids.size(); }
    bool in_both(std::size_t i) const { return before[i] != not_in_wave && after[i] != not_in_wave; }
};

/// Matches two id lists (each without repeats). O(n log n).
Matching match_ids(const std::vector<std::string>& before, const std::vector<std::string>& after);

/// The people of two networks matched by id.
Matching match_people(const Network& before, const Network& after);

/// What happened to a tie between the waves. A tie of someone who is in only one wave could not
/// have existed in the other, so it is neither new nor dissolved but new_person or person_left.
enum class TieStatus { added, dissolved, stable, new_person, person_left };

/// "new", "dissolved", "stable", "new_person" or "person_left".
const char* status_name(TieStatus status);

/// One tie of either wave. `source` and `target` index the people Matching; when undirected,
/// source comes first in it. `type` indexes TieDiff::types (combined pairs: not_in_wave).
struct TieChange {
    std::size_t source = 0, target = 0;
    std::size_t type = not_in_wave;
    TieStatus status = TieStatus::stable;
    double weight_before = NAN, weight_after = NAN;  // NaN when the tie is not in that wave
};

/// Counts of TieChanges. Jaccard similarity = stable / (stable + new + dissolved): ties of people
/// in only one wave are left out, so joining or leaving is not counted as change in the ties.
struct TieCounts {
    std::size_t stable = 0, added = 0, dissolved = 0, new_person = 0, person_left = 0;
    std::size_t strengthened = 0, weakened = 0;  // stable ties whose weight went up or down
    std::size_t before = 0, after = 0;           // ties in each wave, of everyone
    /// NaN when there are no ties among people in both waves.
    double jaccard() const;
};

/// Every tie of both waves, per type and in the combined network.
struct TieDiff {
    std::vector<std::string> types;  // tie type names: the earlier wave's, then new ones of the later
    std::vector<TieChange> ties;     // one per type and tied pair (arc when directed) in either wave
    std::vector<TieChange> pairs;    // the combined network: one per tied pair, weight = combined weight
    std::vector<TieCounts> per_type;  // aligned with `types`
    TieCounts all_types;             // `ties` counted together (a pair tied in two types counts twice)
    TieCounts combined;              // `pairs` counted
};

/// Compares the ties of two waves; both networks must be directed or both undirected (throws
/// std::invalid_argument otherwise). Ties are ordered by status (new, dissolved, new_person,
/// person_left, stable), then source, target and type in matched order. O(E log E).
TieDiff diff_ties(const Network& before, const Network& after, const Matching& people);

/// A per-person or per-school score in both waves, in Matching order: NaN where the entity is
/// not in the wave or the score is undefined. `change` is after - before, and NaN for labels such
/// as component and community numbers, whose differences mean nothing.
struct ScoreChange {
    std::string name;
    std::vector<double> before, after, change;
};

/// Aligns `before` (indexed as Matching::before) and `after` (as Matching::after).
ScoreChange score_change(std::string name, const std::vector<double>& before, const std::vector<double>& after,
                         const Matching& matching, bool label = false);

/// A person's isolation in one wave under the risk list's isolate rule.
enum class Isolation { isolated, connected, no_data, absent };

/// "isolated", "connected", "no data" (did not take part in the mapping) or "not in this wave".
const char* isolation_name(Isolation state);

/// A person isolated in at least one wave. `reasons` are plain language: the rule that holds, and
/// the colleagues they gained or lost ties to (at most five named, district team members marked).
struct IsolationChange {
    std::size_t person = 0;  // into the people Matching
    Isolation before = Isolation::absent, after = Isolation::absent;
    std::string change;  // out_of_isolation, into_isolation, still_isolated, not_comparable
    std::vector<std::string> reasons;
};

/// Isolation in each wave under `rule` on the given networks (the risk lists' tie types), for
/// everyone isolated in at least one wave. People who did not respond are "no data", never
/// isolated. Ordered into_isolation, still_isolated, out_of_isolation, not_comparable, then by
/// matched order.
std::vector<IsolationChange> isolation_changes(const Network& before, const Network& after, const Matching& people,
                                               IsolateRule rule);

/// A row of the school correlation table in both waves, matched by school and participation
/// measure. `change` is rho after - rho before; its 95% interval is a paired percentile bootstrap
/// over the `paired` schools that have all four values in both waves (schools are resampled
/// together, so each resample recomputes both waves' rho on the same schools).
struct CorrelationChange {
    std::string school_measure, participation_measure;
    bool higher_is_better = true;
    Correlation before, after;  // n = 0 and NaN figures when the row is missing in a wave
    double q_before = NAN, q_after = NAN;
    double change = NAN;
    std::size_t paired = 0;
    double ci_low = NAN, ci_high = NAN;
};

/// The inputs of one wave's correlation table.
struct WaveSchools {
    const SchoolTable* schools = nullptr;
    const std::vector<SchoolColumn>* measures = nullptr;
    const std::vector<CorrelationRow>* correlations = nullptr;
};

/// Matches the two waves' correlation tables (rows in the earlier wave's order, then rows only in
/// the later) and bootstraps each change `options.bootstrap` times from seed + row index.
std::vector<CorrelationChange> correlation_changes(const WaveSchools& before, const WaveSchools& after,
                                                   const Matching& schools, const CorrelationOptions& options);

/// One network over the matched people holding the ties of both waves, for drawing change on one
/// layout. Each person is their later record when they are in the later wave, without attributes.
/// Types are TieDiff::types; options, and how a tie in both waves combines, are the earlier wave's.
Network merged_network(const Network& before, const Network& after, const Matching& people);

}  // namespace staffnet
