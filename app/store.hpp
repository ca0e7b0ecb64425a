#pragma once
// The database of `staffnet serve` (SQLite, schema in app/assets/schema.sql): people, schools,
// meetings and their ties, and an append-only log of every edit. Ties are never deleted: removing
// one marks it removed. Every edit is one transaction, committed (WAL, synchronous=FULL) before
// the call returns, so an acknowledged edit survives kill -9.
#include "config/analysis.hpp"
#include "io/district.hpp"
#include "io/output.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

struct sqlite3;

namespace staffnet {

/// A tie as stored: `meeting` is the meetings row it belongs to.
struct StoredTie {
    std::int64_t id = 0;
    std::int64_t meeting = 0;
    std::string source;
    std::string target;
    std::string type;  // a tie type name of the config
    double weight = 1.0;
    bool removed = false;
};

struct Meeting {
    std::int64_t id = 0;
    std::string label;
    std::string started;  // UTC, ISO 8601
};

/// A row of the edit log.
struct EditRecord {
    std::int64_t id = 0;
    std::string at;       // UTC, ISO 8601 with milliseconds
    std::string session;  // the page session's public id
    std::string action;   // import, add_tie, remove_tie, add_person, add_school, start_meeting, undo
    std::int64_t meeting = 0;
    std::int64_t tie = 0;     // 0 when the edit is not about one tie
    std::int64_t undoes = 0;  // the edit an undo reverted, else 0
    bool undone = false;      // a later undo reverted this edit
    nlohmann::json detail;
};

/// An edit the store refused; nothing was written. `field` names the request field at fault.
class EditError : public std::runtime_error {
public:
    enum class Kind { invalid, not_found, conflict };
    EditError(Kind kind, std::string field, const std::string& message, nlohmann::json current = nullptr)
        : std::runtime_error(message), kind(kind), field(std::move(field)), current(std::move(current)) {}
    Kind kind;
    std::string field;
    nlohmann::json current;  // the row as it is now, for a conflict
};

struct NewTie {
    std::string source;
    std::string target;
    std::string type;
    double weight = 1.0;
};

struct NewPerson {
    std::string id;
    std::string name;
    std::string role = "school_leader";
    std::string school;
};

struct NewSchool {
    std::string id;
    std::string name;
};

/// The outcome of an edit: the edit log row and the tie it touched (when it touched one).
struct EditResult {
    EditRecord edit;
    std::optional<StoredTie> tie;
};

/// Holds the exclusive lock of a database (a lock file beside it, held with flock, so that it is
/// released when the process dies, even by kill -9). Throws std::runtime_error naming the holder's
/// pid when another process holds it.
class DatabaseLock {
public:
    explicit DatabaseLock(const std::string& db_path);
    ~DatabaseLock();
    DatabaseLock(const DatabaseLock&) = delete;
    DatabaseLock& operator=(const DatabaseLock&) = delete;

private:
    int fd_ = -1;
};

/// The database of one district. Reads come from memory (people, schools and the current
/// meeting's ties are kept there); writes go to the database first. Thread-safe.
class Store {
public:
    /// Opens the database at `path`, creating it from the config's people, ties and schools files
    /// when it does not exist (load_district's checks: InputError with file:line:col, and then no
    /// database file is left behind). Tie types come from `config`.
    Store(const std::string& path, const AnalysisConfig& config);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return path_; }
    const std::vector<TieType>& types() const { return types_; }

    std::vector<Person> people() const;
    std::vector<std::string> attribute_names() const;
    SchoolTable schools() const;
    /// The current (latest) meeting's ties that are not removed, by id.
    std::vector<StoredTie> ties() const;
    /// Any tie of any meeting, removed or not.
    std::optional<StoredTie> tie(std::int64_t id) const;
    std::vector<Meeting> meetings() const;
    Meeting current_meeting() const;
    /// The newest `limit` edits, newest first.
    std::vector<EditRecord> history(std::size_t limit) const;
    /// Edits after `after`, oldest first (for tests and clients catching up).
    std::vector<EditRecord> edits_since(std::int64_t after) const;
    /// The id of the newest edit: it grows with every edit, so it versions the data.
    std::int64_t version() const;

    /// The district as of now: the current meeting's ties, people and schools in stored order.
    District district() const;

    EditResult add_tie(const NewTie& tie, const std::string& session);
    EditResult remove_tie(std::int64_t id, const std::string& session);
    EditResult add_person(const NewPerson& person, const std::string& session);
    EditResult add_school(const NewSchool& school, const std::string& session);
    /// Starts a meeting with a copy of the current meeting's ties (new ids).
    EditResult start_meeting(const std::string& label, const std::string& session);
    /// Reverts edit `edit` (0: this session's newest tie edit not undone yet), as a new edit.
    EditResult undo(std::int64_t edit, const std::string& session);

private:
    struct Cache;
    void load_cache();
    EditRecord log_edit(const std::string& session, const std::string& action, std::int64_t tie, std::int64_t undoes,
                        const nlohmann::json& detail);
    void check_tie(const NewTie& tie) const;
    std::optional<StoredTie> duplicate_of(const StoredTie& tie) const;
    StoredTie set_removed(const StoredTie& tie, bool removed);

    std::string path_;
    std::vector<TieType> types_;
    NetworkOptions options_;
    sqlite3* db_ = nullptr;
    mutable std::mutex mutex_;
    std::unique_ptr<Cache> cache_;
};

/// The district kept in a staffnet serve database: the meeting labelled `meeting`, or the latest
/// one when `meeting` is empty. Network settings and tie types come from `config`. Opens the
/// database read-only (a running server may hold it). Throws InputError when there is no such
/// database or meeting, or a tie type is not in the config.
District load_database(const std::string& path, const AnalysisConfig& config, const std::string& meeting = "");

/// The config's district: load_database when it names `data: database:`, else load_district.
District load_input(const AnalysisConfig& config);

/// The config's district once per label: meetings of its database, else waves of its ties file.
std::vector<District> load_input_waves(const AnalysisConfig& config, const std::vector<std::string>& labels);

/// people.csv, ties.csv and schools.csv of a database, as `analyze` reads them: the ties of the
/// meeting labelled `meeting` (the latest when empty), or of every meeting with `all_meetings`;
/// the ties' wave column holds the meeting's label. Throws InputError as load_database does.
OutputSet export_database(const std::string& path, const std::string& meeting = "", bool all_meetings = false);

/// The current time, UTC, ISO 8601 with milliseconds ("2026-12-04T19:30:00.123Z").
std::string utc_now();

}  // namespace staffnet
