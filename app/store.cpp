#include "app/store.hpp"

#include "app/app_assets.hpp"
#include "io/csv.hpp"
#include "io/diagnostic.hpp"
#include "io/readers.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <unordered_map>

namespace staffnet {

namespace {

using json = nlohmann::json;

[[noreturn]] void fail(sqlite3* db, const std::string& what) {
    throw std::runtime_error(what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

void exec(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw std::runtime_error("database: " + text);
    }
}

// One prepared statement; values are bound by position (1-based) and read by column (0-based).
class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, std::string("database: ") + sql);
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int i, const std::string& text) {
        check(sqlite3_bind_text(stmt_, i, text.data(), int(text.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(int i, std::int64_t value) {
        check(sqlite3_bind_int64(stmt_, i, value));
        return *this;
    }
    Statement& bind(int i, double value) {
        check(sqlite3_bind_double(stmt_, i, value));
        return *this;
    }
    Statement& bind_null(int i) {
        check(sqlite3_bind_null(stmt_, i));
        return *this;
    }
    /// The next row: true while there is one.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        fail(db_, "database");
    }
    void run() {
        while (step()) {
        }
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    std::string text(int c) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
        return p ? std::string(p, std::size_t(sqlite3_column_bytes(stmt_, c))) : std::string();
    }
    std::int64_t integer(int c) const { return sqlite3_column_int64(stmt_, c); }
    double real(int c) const { return sqlite3_column_double(stmt_, c); }
    bool null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) fail(db_, "database");
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// Runs `body` in one write transaction: committed when it returns, rolled back when it throws.
template <typename Body>
auto transaction(sqlite3* db, Body&& body) {
    exec(db, "BEGIN IMMEDIATE");
    try {
        auto result = body();
        exec(db, "COMMIT");
        return result;
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

sqlite3* open_database(const std::string& path, bool read_only) {
    sqlite3* db = nullptr;
    const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        throw std::runtime_error("cannot open the database " + path + ": " + message);
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

void configure(sqlite3* db) {
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=FULL");  // a commit is on disk before the edit is acknowledged
    exec(db, "PRAGMA foreign_keys=ON");
}

std::string schema_sql() {
    const AppAsset* schema = app_asset("schema.sql");
    if (!schema) throw std::logic_error("schema.sql was not compiled in");
    return schema->body;
}

json measures_json(const std::vector<double>& measures) {
    json out = json::array();
    for (double m : measures) out.push_back(std::isnan(m) ? json(nullptr) : json(m));
    return out;
}

std::string meta_value(sqlite3* db, const std::string& key) {
    Statement s(db, "SELECT value FROM meta WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string();
}

std::vector<std::string> meta_list(sqlite3* db, const std::string& key) {
    const std::string value = meta_value(db, key);
    return value.empty() ? std::vector<std::string>{} : json::parse(value).get<std::vector<std::string>>();
}

void set_meta(sqlite3* db, const std::string& key, const json& value) {
    Statement s(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
    s.bind(1, key).bind(2, value.dump()).run();
}

json tie_json(const StoredTie& t) {
    return {{"id", t.id}, {"source", t.source}, {"target", t.target}, {"type", t.type}, {"weight", t.weight}};
}

// Ties are read with these columns, in this order, by tie_row.
const std::string select_ties = "SELECT id, meeting, source, target, type, weight, removed FROM ties ";

StoredTie tie_row(const Statement& s) {
    return {s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.real(5), s.integer(6) != 0};
}

std::optional<StoredTie> tie_by_id(sqlite3* db, std::int64_t id) {
    Statement s(db, (select_ties + "WHERE id = ?").c_str());
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return tie_row(s);
}

std::vector<Meeting> meetings_in(sqlite3* db) {
    std::vector<Meeting> all;
    Statement s(db, "SELECT id, label, started FROM meetings ORDER BY id");
    while (s.step()) all.push_back({s.integer(0), s.text(1), s.text(2)});
    return all;
}

// What a database holds for one meeting, read in stored order.
struct Contents {
    std::vector<std::string> attribute_names;
    std::vector<Person> people;
    SchoolTable schools;
    Meeting meeting;
    std::vector<StoredTie> ties;  // not removed
};

Meeting read_meeting(sqlite3* db, const std::string& label, const std::string& file) {
    const std::vector<Meeting> all = meetings_in(db);
    if (all.empty()) throw InputError(Diagnostic{file, 0, 0, "the database holds no meeting", "start the server once: staffnet serve CONFIG"});
    if (label.empty()) return all.back();
    for (const Meeting& m : all)
        if (m.label == label) return m;
    std::vector<std::string> labels;
    for (const Meeting& m : all) labels.push_back(m.label);
    std::string list;
    for (const std::string& l : labels) list += (list.empty() ? "'" : ", '") + l + "'";
    throw InputError(Diagnostic{file, 0, 0, "there is no meeting '" + label + "'" + did_you_mean(label, labels),
                                "the database holds meetings " + list});
}

Contents read_contents(sqlite3* db, const std::string& meeting, const std::string& file) {
    Contents c;
    c.attribute_names = meta_list(db, "attribute_names");
    {
        Statement s(db, "SELECT id, name, role, school, responded, attributes FROM people ORDER BY rowid");
        while (s.step()) {
            Person p{s.text(0), Label(s.text(1)), Label(s.text(2)), Label(s.text(3)), std::nullopt,
                     json::parse(s.text(5)).get<std::vector<std::string>>()};
            if (!s.null(4)) p.responded = s.integer(4) != 0;
            p.attributes.resize(c.attribute_names.size());
            c.people.push_back(std::move(p));
        }
    }
    c.schools.measure_names = meta_list(db, "measure_names");
    c.schools.attribute_names = meta_list(db, "school_attribute_names");
    {
        Statement s(db, "SELECT id, name, measures, attributes FROM schools ORDER BY rowid");
        while (s.step()) {
            School school{s.text(0), s.text(1), {}, json::parse(s.text(3)).get<std::vector<std::string>>()};
            for (const json& m : json::parse(s.text(2))) school.measures.push_back(m.is_null() ? std::nan("") : m.get<double>());
            school.measures.resize(c.schools.measure_names.size(), std::nan(""));
            school.attributes.resize(c.schools.attribute_names.size());
            c.schools.schools.push_back(std::move(school));
        }
    }
    c.meeting = read_meeting(db, meeting, file);
    Statement s(db, (select_ties + "WHERE meeting = ? AND removed = 0 ORDER BY id").c_str());
    s.bind(1, c.meeting.id);
    while (s.step()) c.ties.push_back(tie_row(s));
    return c;
}

std::size_t type_index(const std::vector<TieType>& types, const StoredTie& t, const std::string& file) {
    for (std::size_t i = 0; i < types.size(); ++i)
        if (types[i].name == t.type) return i;
    std::vector<std::string> names;
    for (const TieType& type : types) names.push_back(type.name);
    throw InputError(Diagnostic{file, 0, 0, "tie " + std::to_string(t.id) + " has type '" + t.type + "', which the config's tie_types do not name",
                                "add it under tie_types: in the config"});
}

District district_of(const Contents& c, const NetworkOptions& options, const std::string& file) {
    std::unordered_map<std::string, Vertex> index;
    for (std::size_t i = 0; i < c.people.size(); ++i) index.emplace(c.people[i].id, Vertex(i));
    std::vector<TieRow> rows;
    rows.reserve(c.ties.size());
    for (const StoredTie& t : c.ties)
        rows.push_back({index.at(t.source), index.at(t.target), std::uint32_t(type_index(options.types, t, file)), 0, t.weight});
    District d;
    d.schools = c.schools;
    d.network = build_network(c.people, c.attribute_names, std::move(rows), options);
    d.waves = {c.meeting.label};
    return d;
}

// Creates the database at `path` from the config's files (checked by load_district first, so a
// bad file leaves nothing behind), written to a temporary file renamed into place when complete.
void create_database(const std::string& path, const AnalysisConfig& config) {
    const District checked = load_district(config);
    const PeopleTable people = load_people(config);
    std::vector<TieType> types = config.network.types;
    const TieTable ties = load_ties(config, people, types);

    const std::string temporary = path + ".new";
    std::filesystem::remove(temporary);
    sqlite3* db = open_database(temporary, false);
    try {
        exec(db, "PRAGMA journal_mode=DELETE");
        exec(db, schema_sql());
        const std::string now = utc_now();
        transaction(db, [&] {
            set_meta(db, "schema_version", 1);
            set_meta(db, "config", config.file);
            set_meta(db, "attribute_names", people.attribute_names);
            set_meta(db, "measure_names", checked.schools.measure_names);
            set_meta(db, "school_attribute_names", checked.schools.attribute_names);
            Statement person(db, "INSERT INTO people(id, name, role, school, responded, attributes) VALUES (?, ?, ?, ?, ?, ?)");
            for (const Person& p : people.people) {
                person.bind(1, p.id).bind(2, p.name.get()).bind(3, p.role.get()).bind(4, p.school.get());
                if (p.responded) person.bind(5, std::int64_t(*p.responded));
                else person.bind_null(5);
                person.bind(6, json(p.attributes).dump()).run();
            }
            Statement school(db, "INSERT INTO schools(id, name, measures, attributes) VALUES (?, ?, ?, ?)");
            for (const School& s : checked.schools.schools)
                school.bind(1, s.id).bind(2, s.name).bind(3, measures_json(s.measures).dump()).bind(4, json(s.attributes).dump()).run();
            // One meeting per wave of the ties file, in order of first use ("1" when it has none);
            // ties with a blank wave join the first.
            std::vector<std::string> labels(ties.waves.begin() + 1, ties.waves.end());
            if (labels.empty()) labels = {"1"};
            std::vector<std::int64_t> meeting_ids;
            Statement meeting(db, "INSERT INTO meetings(label, started) VALUES (?, ?)");
            for (const std::string& label : labels) {
                meeting.bind(1, label).bind(2, now).run();
                meeting_ids.push_back(sqlite3_last_insert_rowid(db));
            }
            Statement tie(db, "INSERT INTO ties(meeting, source, target, type, weight) VALUES (?, ?, ?, ?, ?)");
            for (const TieRow& t : ties.rows)
                tie.bind(1, meeting_ids[t.wave == 0 ? 0 : t.wave - 1])
                    .bind(2, people.people[t.source].id)
                    .bind(3, people.people[t.target].id)
                    .bind(4, types[t.type].name)
                    .bind(5, t.weight)
                    .run();
            Statement edit(db, "INSERT INTO edits(at, session, action, meeting, detail) VALUES (?, 'import', 'import', ?, ?)");
            edit.bind(1, now).bind(2, meeting_ids.back());
            edit.bind(3, json{{"config", config.file}, {"people", people.people.size()}, {"schools", checked.schools.schools.size()},
                              {"ties", ties.rows.size()}, {"meetings", labels}}
                             .dump());
            edit.run();
            return 0;
        });
        if (sqlite3_close_v2(db) != SQLITE_OK) throw std::runtime_error("cannot close the new database " + temporary);
        db = nullptr;
        std::filesystem::rename(temporary, path);
    } catch (...) {
        sqlite3_close_v2(db);
        std::filesystem::remove(temporary);
        throw;
    }
}

bool control_or_empty(const std::string& text) {
    if (text.empty()) return true;
    return std::any_of(text.begin(), text.end(), [](char ch) { return (unsigned char)ch < 0x20 || ch == 0x7f; });
}

}  // namespace

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                       tm.tm_min, tm.tm_sec, int(millis));
}

// ---------------------------------------------------------------------------------------------
// The lock

DatabaseLock::DatabaseLock(const std::string& db_path) {
    const std::string path = db_path + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot create the lock file " + path + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char pid[32] = {};
        const ssize_t n = ::pread(fd_, pid, sizeof pid - 1, 0);
        ::close(fd_);
        fd_ = -1;
        std::string holder = n > 0 ? std::string(pid, std::size_t(n)) : "";
        while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
        throw std::runtime_error(db_path + " is in use by another staffnet serve" + (holder.empty() ? "" : " (pid " + holder + ")") +
                                 "; stop that server first, or give this one another database with --db");
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, pid.data(), pid.size(), 0) != ssize_t(pid.size())) {
        // The lock is held either way; the pid is only for the message another server prints.
    }
}

DatabaseLock::~DatabaseLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock; the file stays (removing it would race another server)
}

// ---------------------------------------------------------------------------------------------
// The store

struct Store::Cache {
    std::vector<std::string> attribute_names;
    std::vector<Person> people;
    std::unordered_map<std::string, std::size_t> person_index;
    SchoolTable schools;
    std::unordered_map<std::string, std::size_t> school_index;
    Meeting meeting;
    std::map<std::int64_t, StoredTie> ties;  // the current meeting's, not removed
    std::int64_t version = 0;
};

Store::Store(const std::string& path, const AnalysisConfig& config) : path_(path), types_(config.network.types), options_(config.network) {
    options_.types = types_;
    if (!std::filesystem::exists(path)) create_database(path, config);
    db_ = open_database(path, false);
    try {
        configure(db_);
        exec(db_, schema_sql());  // creates nothing on a current database
        load_cache();
    } catch (...) {
        sqlite3_close_v2(db_);
        throw;
    }
}

Store::~Store() { sqlite3_close_v2(db_); }

void Store::load_cache() {
    Contents c = read_contents(db_, "", path_);
    auto cache = std::make_unique<Cache>();
    cache->attribute_names = std::move(c.attribute_names);
    cache->people = std::move(c.people);
    for (std::size_t i = 0; i < cache->people.size(); ++i) cache->person_index.emplace(cache->people[i].id, i);
    cache->schools = std::move(c.schools);
    for (std::size_t i = 0; i < cache->schools.schools.size(); ++i) cache->school_index.emplace(cache->schools.schools[i].id, i);
    cache->meeting = c.meeting;
    for (StoredTie& t : c.ties) {
        type_index(types_, t, path_);
        cache->ties.emplace(t.id, std::move(t));
    }
    Statement s(db_, "SELECT COALESCE(MAX(id), 0) FROM edits");
    s.step();
    cache->version = s.integer(0);
    cache_ = std::move(cache);
}

std::vector<Person> Store::people() const {
    std::lock_guard lock(mutex_);
    return cache_->people;
}

std::vector<std::string> Store::attribute_names() const {
    std::lock_guard lock(mutex_);
    return cache_->attribute_names;
}

SchoolTable Store::schools() const {
    std::lock_guard lock(mutex_);
    return cache_->schools;
}

std::vector<StoredTie> Store::ties() const {
    std::lock_guard lock(mutex_);
    std::vector<StoredTie> out;
    out.reserve(cache_->ties.size());
    for (const auto& [id, t] : cache_->ties) out.push_back(t);
    return out;
}

std::optional<StoredTie> Store::tie(std::int64_t id) const {
    std::lock_guard lock(mutex_);
    return tie_by_id(db_, id);
}

std::vector<Meeting> Store::meetings() const {
    std::lock_guard lock(mutex_);
    return meetings_in(db_);
}

Meeting Store::current_meeting() const {
    std::lock_guard lock(mutex_);
    return cache_->meeting;
}

namespace {

std::vector<EditRecord> read_edits(sqlite3* db, const char* sql, std::int64_t parameter) {
    Statement s(db, sql);
    s.bind(1, parameter);
    std::vector<EditRecord> out;
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5), s.integer(6), s.integer(8) != 0,
                       json::parse(s.text(7))});
    return out;
}

#define STAFFNET_EDIT_COLUMNS                                                                          \
    "SELECT e.id, e.at, e.session, e.action, COALESCE(e.meeting, 0), COALESCE(e.tie, 0), COALESCE(e.undoes, 0), e.detail, " \
    "EXISTS (SELECT 1 FROM edits u WHERE u.undoes = e.id) FROM edits e "

}  // namespace

std::vector<EditRecord> Store::history(std::size_t limit) const {
    std::lock_guard lock(mutex_);
    return read_edits(db_, STAFFNET_EDIT_COLUMNS "ORDER BY e.id DESC LIMIT ?", std::int64_t(limit));
}

std::vector<EditRecord> Store::edits_since(std::int64_t after) const {
    std::lock_guard lock(mutex_);
    return read_edits(db_, STAFFNET_EDIT_COLUMNS "WHERE e.id > ? ORDER BY e.id", after);
}

std::int64_t Store::version() const {
    std::lock_guard lock(mutex_);
    return cache_->version;
}

District Store::district() const {
    Contents c;
    {
        std::lock_guard lock(mutex_);
        c.attribute_names = cache_->attribute_names;
        c.people = cache_->people;
        c.schools = cache_->schools;
        c.meeting = cache_->meeting;
        for (const auto& [id, t] : cache_->ties) c.ties.push_back(t);
    }
    return district_of(c, options_, path_);
}

EditRecord Store::log_edit(const std::string& session, const std::string& action, std::int64_t tie, std::int64_t undoes,
                           const json& detail) {
    EditRecord e{0, utc_now(), session, action, cache_->meeting.id, tie, undoes, false, detail};
    Statement s(db_, "INSERT INTO edits(at, session, action, meeting, tie, undoes, detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, e.at).bind(2, e.session).bind(3, e.action).bind(4, e.meeting);
    if (tie) s.bind(5, tie);
    else s.bind_null(5);
    if (undoes) s.bind(6, undoes);
    else s.bind_null(6);
    s.bind(7, detail.dump()).run();
    e.id = sqlite3_last_insert_rowid(db_);
    return e;
}

void Store::check_tie(const NewTie& t) const {
    for (const auto& [field, id] : {std::pair{"source", &t.source}, std::pair{"target", &t.target}})
        if (!cache_->person_index.count(*id))
            throw EditError(EditError::Kind::invalid, field, std::string(field) + " '" + *id + "' is not a person");
    if (t.source == t.target) throw EditError(EditError::Kind::invalid, "target", "a tie needs two different people");
    if (std::none_of(types_.begin(), types_.end(), [&](const TieType& type) { return type.name == t.type; })) {
        std::string names;
        for (const TieType& type : types_) names += (names.empty() ? "" : ", ") + type.name;
        throw EditError(EditError::Kind::invalid, "type", "unknown tie type '" + t.type + "'; the tie types are " + names);
    }
    if (!std::isfinite(t.weight) || t.weight <= 0)
        throw EditError(EditError::Kind::invalid, "weight", "weight must be a positive number");
}

std::optional<StoredTie> Store::duplicate_of(const StoredTie& tie) const {
    for (const auto& [id, t] : cache_->ties) {
        if (id == tie.id || t.type != tie.type) continue;
        const bool same = t.source == tie.source && t.target == tie.target;
        const bool reversed = !options_.directed && t.source == tie.target && t.target == tie.source;
        if (same || reversed) return t;
    }
    return std::nullopt;
}

StoredTie Store::set_removed(const StoredTie& tie, bool removed) {
    Statement s(db_, "UPDATE ties SET removed = ? WHERE id = ?");
    s.bind(1, std::int64_t(removed)).bind(2, tie.id).run();
    StoredTie out = tie;
    out.removed = removed;
    return out;
}

EditResult Store::add_tie(const NewTie& tie, const std::string& session) {
    std::lock_guard lock(mutex_);
    check_tie(tie);
    StoredTie t{0, cache_->meeting.id, tie.source, tie.target, tie.type, tie.weight, false};
    if (const auto existing = duplicate_of(t))
        throw EditError(EditError::Kind::conflict, "type",
                        "the tie " + tie.source + " - " + tie.target + " of type '" + tie.type + "' exists already (tie " +
                            std::to_string(existing->id) + ")",
                        tie_json(*existing));
    EditResult result = transaction(db_, [&] {
        Statement s(db_, "INSERT INTO ties(meeting, source, target, type, weight) VALUES (?, ?, ?, ?, ?)");
        s.bind(1, t.meeting).bind(2, t.source).bind(3, t.target).bind(4, t.type).bind(5, t.weight).run();
        t.id = sqlite3_last_insert_rowid(db_);
        return EditResult{log_edit(session, "add_tie", t.id, 0, {{"tie", tie_json(t)}}), t};
    });
    cache_->ties.emplace(t.id, t);
    cache_->version = result.edit.id;
    return result;
}

EditResult Store::remove_tie(std::int64_t id, const std::string& session) {
    std::lock_guard lock(mutex_);
    const auto found = cache_->ties.find(id);
    if (found == cache_->ties.end()) {
        const std::optional<StoredTie> stored = tie_by_id(db_, id);
        if (!stored) throw EditError(EditError::Kind::not_found, "id", "there is no tie " + std::to_string(id));
        const StoredTie& t = *stored;
        if (t.meeting != cache_->meeting.id)
            throw EditError(EditError::Kind::conflict, "id",
                            "tie " + std::to_string(id) + " belongs to an earlier meeting; only the current meeting's ties can change");
        throw EditError(EditError::Kind::conflict, "id", "tie " + std::to_string(id) + " was removed already", tie_json(t));
    }
    const StoredTie before = found->second;
    EditResult result = transaction(db_, [&] {
        const StoredTie after = set_removed(before, true);
        return EditResult{log_edit(session, "remove_tie", id, 0, {{"tie", tie_json(before)}}), after};
    });
    cache_->ties.erase(id);
    cache_->version = result.edit.id;
    return result;
}

EditResult Store::add_person(const NewPerson& p, const std::string& session) {
    std::lock_guard lock(mutex_);
    if (control_or_empty(p.id) || p.id.size() > 100)
        throw EditError(EditError::Kind::invalid, "id", "an id must be 1 to 100 characters without control characters");
    if (!valid_utf8(p.id) || !valid_utf8(p.name)) throw EditError(EditError::Kind::invalid, "name", "text must be UTF-8");
    if (cache_->person_index.count(p.id))
        throw EditError(EditError::Kind::conflict, "id", "there is a person with id '" + p.id + "' already");
    if (p.name.size() > 200 || (!p.name.empty() && control_or_empty(p.name)))
        throw EditError(EditError::Kind::invalid, "name", "a name must be at most 200 characters without control characters");
    const std::vector<std::string>& allowed = roles();
    if (std::find(allowed.begin(), allowed.end(), p.role) == allowed.end()) {
        std::string list;
        for (const std::string& r : allowed) list += (list.empty() ? "" : ", ") + r;
        throw EditError(EditError::Kind::invalid, "role", "unknown role '" + p.role + "'; the roles are " + list);
    }
    if (!p.school.empty() && !cache_->school_index.count(p.school))
        throw EditError(EditError::Kind::invalid, "school", "school '" + p.school + "' is not a school");
    Person person{p.id, Label(p.name), Label(p.role), Label(p.school), std::nullopt,
                  std::vector<std::string>(cache_->attribute_names.size())};
    const json row{{"id", p.id}, {"name", p.name}, {"role", p.role}, {"school", p.school}};
    EditResult result = transaction(db_, [&] {
        Statement s(db_, "INSERT INTO people(id, name, role, school, responded, attributes) VALUES (?, ?, ?, ?, NULL, ?)");
        s.bind(1, p.id).bind(2, p.name).bind(3, p.role).bind(4, p.school).bind(5, json(person.attributes).dump()).run();
        return EditResult{log_edit(session, "add_person", 0, 0, {{"person", row}}), std::nullopt};
    });
    cache_->person_index.emplace(p.id, cache_->people.size());
    cache_->people.push_back(std::move(person));
    cache_->version = result.edit.id;
    return result;
}

EditResult Store::add_school(const NewSchool& school, const std::string& session) {
    std::lock_guard lock(mutex_);
    if (control_or_empty(school.id) || school.id.size() > 100 || !valid_utf8(school.id))
        throw EditError(EditError::Kind::invalid, "id", "an id must be 1 to 100 characters without control characters");
    if (cache_->school_index.count(school.id))
        throw EditError(EditError::Kind::conflict, "id", "there is a school with id '" + school.id + "' already");
    if (school.name.size() > 200 || !valid_utf8(school.name) || (!school.name.empty() && control_or_empty(school.name)))
        throw EditError(EditError::Kind::invalid, "name", "a name must be at most 200 characters without control characters");
    School s{school.id, school.name, std::vector<double>(cache_->schools.measure_names.size(), std::nan("")),
             std::vector<std::string>(cache_->schools.attribute_names.size())};
    EditResult result = transaction(db_, [&] {
        Statement insert(db_, "INSERT INTO schools(id, name, measures, attributes) VALUES (?, ?, ?, ?)");
        insert.bind(1, s.id).bind(2, s.name).bind(3, measures_json(s.measures).dump()).bind(4, json(s.attributes).dump()).run();
        return EditResult{log_edit(session, "add_school", 0, 0, {{"school", {{"id", s.id}, {"name", s.name}}}}), std::nullopt};
    });
    cache_->school_index.emplace(s.id, cache_->schools.schools.size());
    cache_->schools.schools.push_back(std::move(s));
    cache_->version = result.edit.id;
    return result;
}

EditResult Store::start_meeting(const std::string& label, const std::string& session) {
    std::lock_guard lock(mutex_);
    if (control_or_empty(label) || label.size() > 100 || !valid_utf8(label))
        throw EditError(EditError::Kind::invalid, "label", "a meeting label must be 1 to 100 characters without control characters");
    {
        Statement s(db_, "SELECT 1 FROM meetings WHERE label = ?");
        s.bind(1, label);
        if (s.step()) throw EditError(EditError::Kind::conflict, "label", "there is a meeting '" + label + "' already");
    }
    std::map<std::int64_t, StoredTie> copied;
    Meeting meeting{0, label, utc_now()};
    const Meeting previous = cache_->meeting;
    EditResult result;
    try {
    result = transaction(db_, [&] {
        Statement insert(db_, "INSERT INTO meetings(label, started) VALUES (?, ?)");
        insert.bind(1, label).bind(2, meeting.started).run();
        meeting.id = sqlite3_last_insert_rowid(db_);
        Statement tie(db_, "INSERT INTO ties(meeting, source, target, type, weight) VALUES (?, ?, ?, ?, ?)");
        for (const auto& [id, t] : cache_->ties) {
            tie.bind(1, meeting.id).bind(2, t.source).bind(3, t.target).bind(4, t.type).bind(5, t.weight).run();
            StoredTie c = t;
            c.id = sqlite3_last_insert_rowid(db_);
            c.meeting = meeting.id;
            copied.emplace(c.id, c);
        }
        cache_->meeting = meeting;  // the edit belongs to the new meeting
        return EditResult{log_edit(session, "start_meeting", 0, 0,
                                   {{"label", label}, {"previous", previous.label}, {"copied", copied.size()}}),
                          std::nullopt};
    });
    } catch (...) {
        cache_->meeting = previous;
        throw;
    }
    cache_->ties = std::move(copied);
    cache_->version = result.edit.id;
    return result;
}

EditResult Store::undo(std::int64_t edit, const std::string& session) {
    std::lock_guard lock(mutex_);
    std::vector<EditRecord> found;
    if (edit == 0) {
        Statement s(db_, "SELECT e.id FROM edits e WHERE e.session = ? AND e.action IN ('add_tie', 'remove_tie') "
                         "AND NOT EXISTS (SELECT 1 FROM edits u WHERE u.undoes = e.id) ORDER BY e.id DESC LIMIT 1");
        s.bind(1, session);
        if (!s.step()) throw EditError(EditError::Kind::not_found, "edit", "this page has no edit left to undo");
        edit = s.integer(0);
    }
    found = read_edits(db_, STAFFNET_EDIT_COLUMNS "WHERE e.id = ?", edit);
    if (found.empty()) throw EditError(EditError::Kind::not_found, "edit", "there is no edit " + std::to_string(edit));
    const EditRecord& target = found.front();
    if (target.action != "add_tie" && target.action != "remove_tie")
        throw EditError(EditError::Kind::invalid, "edit", "edit " + std::to_string(edit) + " (" + target.action + ") cannot be undone");
    if (target.undone) throw EditError(EditError::Kind::conflict, "edit", "edit " + std::to_string(edit) + " was undone already");
    const std::optional<StoredTie> stored = tie_by_id(db_, target.tie);
    if (!stored) throw EditError(EditError::Kind::not_found, "edit", "edit " + std::to_string(edit) + " names tie " + std::to_string(target.tie) + ", which is not in the database");
    const StoredTie& tie = *stored;
    if (tie.meeting != cache_->meeting.id)
        throw EditError(EditError::Kind::conflict, "edit", "edit " + std::to_string(edit) + " belongs to an earlier meeting");
    const bool remove = target.action == "add_tie";
    if (remove && tie.removed)
        throw EditError(EditError::Kind::conflict, "edit", "tie " + std::to_string(tie.id) + " was removed already", tie_json(tie));
    if (!remove) {
        if (!tie.removed) throw EditError(EditError::Kind::conflict, "edit", "tie " + std::to_string(tie.id) + " is in place already");
        if (const auto existing = duplicate_of(tie))
            throw EditError(EditError::Kind::conflict, "edit",
                            "the tie " + tie.source + " - " + tie.target + " of type '" + tie.type + "' exists again (tie " +
                                std::to_string(existing->id) + ")",
                            tie_json(*existing));
    }
    EditResult result = transaction(db_, [&] {
        const StoredTie after = set_removed(tie, remove);
        return EditResult{log_edit(session, "undo", tie.id, edit, {{"undid", target.action}, {"tie", tie_json(tie)}}), after};
    });
    if (remove) cache_->ties.erase(tie.id);
    else cache_->ties.emplace(tie.id, *result.tie);
    cache_->version = result.edit.id;
    return result;
}

// ---------------------------------------------------------------------------------------------
// Reading a database for analyze, compare and export

District load_database(const std::string& path, const AnalysisConfig& config, const std::string& meeting) {
    if (!std::filesystem::is_regular_file(path))
        throw InputError(Diagnostic{path, 0, 0, "there is no database here",
                                    "start `staffnet serve CONFIG --db " + path + "` once to create it from the config's files"});
    sqlite3* db = open_database(path, true);
    try {
        if (meta_value(db, "schema_version").empty())
            throw InputError(Diagnostic{path, 0, 0, "this is not a staffnet serve database", "give the file staffnet serve wrote"});
        Contents c = read_contents(db, meeting, path);
        sqlite3_close_v2(db);
        db = nullptr;
        NetworkOptions options = config.network;
        District d = district_of(c, options, path);
        std::size_t isolated = 0;
        std::vector<int> degree(d.network.size(), 0);
        for (const Tie& t : d.network.ties) ++degree[t.source], ++degree[t.target];
        for (int k : degree) isolated += k == 0;
        if (isolated > 0)
            d.warnings.push_back({path, 0, 0, std::to_string(isolated) + " people have no ties in meeting '" + c.meeting.label + "'",
                                  "they are kept and reported as isolates", true});
        return d;
    } catch (...) {
        sqlite3_close_v2(db);
        throw;
    }
}

OutputSet export_database(const std::string& path, const std::string& meeting, bool all_meetings) {
    if (!std::filesystem::is_regular_file(path))
        throw InputError(Diagnostic{path, 0, 0, "there is no database here", "give the --db file that staffnet serve wrote"});
    sqlite3* db = open_database(path, true);
    try {
        if (meta_value(db, "schema_version").empty())
            throw InputError(Diagnostic{path, 0, 0, "this is not a staffnet serve database", "give the file staffnet serve wrote"});
        const Contents c = read_contents(db, meeting, path);
        OutputSet out;

        std::vector<std::vector<std::string>> rows;
        std::vector<std::string> header{"id", "name", "role", "school", "responded"};
        header.insert(header.end(), c.attribute_names.begin(), c.attribute_names.end());
        rows.push_back(header);
        for (const Person& p : c.people) {
            std::vector<std::string> row{text_cell(p.id), text_cell(p.name), text_cell(p.role), text_cell(p.school),
                                         p.responded ? (*p.responded ? "yes" : "no") : ""};
            for (const std::string& a : p.attributes) row.push_back(text_cell(a));
            rows.push_back(std::move(row));
        }
        out.add("people.csv", csv_lines(rows));

        rows = {{"source", "target", "type", "weight", "wave"}};
        Statement s(db, all_meetings ? "SELECT t.source, t.target, t.type, t.weight, m.label FROM ties t JOIN meetings m ON m.id = t.meeting "
                                       "WHERE t.removed = 0 ORDER BY m.id, t.id"
                                     : "SELECT t.source, t.target, t.type, t.weight, m.label FROM ties t JOIN meetings m ON m.id = t.meeting "
                                       "WHERE t.removed = 0 AND t.meeting = ? ORDER BY t.id");
        if (!all_meetings) s.bind(1, c.meeting.id);
        while (s.step()) rows.push_back({text_cell(s.text(0)), text_cell(s.text(1)), text_cell(s.text(2)), number_cell(s.real(3)), text_cell(s.text(4))});
        out.add("ties.csv", csv_lines(rows));

        if (!c.schools.schools.empty()) {
            header = {"id", "name"};
            header.insert(header.end(), c.schools.measure_names.begin(), c.schools.measure_names.end());
            header.insert(header.end(), c.schools.attribute_names.begin(), c.schools.attribute_names.end());
            rows = {header};
            for (const School& school : c.schools.schools) {
                std::vector<std::string> row{text_cell(school.id), text_cell(school.name)};
                for (double m : school.measures) row.push_back(number_cell(m));
                for (const std::string& a : school.attributes) row.push_back(text_cell(a));
                rows.push_back(std::move(row));
            }
            out.add("schools.csv", csv_lines(rows));
        }
        sqlite3_close_v2(db);
        return out;
    } catch (...) {
        sqlite3_close_v2(db);
        throw;
    }
}

District load_input(const AnalysisConfig& config) {
    return config.database.empty() ? load_district(config) : load_database(config.database, config);
}

std::vector<District> load_input_waves(const AnalysisConfig& config, const std::vector<std::string>& labels) {
    if (config.database.empty()) return load_waves(config, labels);
    std::vector<District> out;
    for (const std::string& label : labels) out.push_back(load_database(config.database, config, label));
    return out;
}

}  // namespace staffnet
