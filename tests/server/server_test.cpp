// staffnet serve: the store, the JSON API over HTTP (in-process server on an ephemeral loopback
// port), access codes, and durability under kill -9 (the real binary).
#include "app/server.hpp"
#include "app/store.hpp"
#include "io/csv.hpp"
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

extern char** environ;

using namespace staffnet;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string fixtures = test::fixture("server/fixtures");
const std::string example = std::string(STAFFNET_SOURCE_DIR) + "/examples/district/config.yaml";

// A copy of the five-person fixture config in a fresh folder (so its staffnet.db lands there).
std::string fixture_config(const std::string& name, const std::string& extra = "") {
    const fs::path dir = test::temp_dir(name);
    std::ofstream(dir / "config.yaml") << "data:\n  people: " << fixtures << "/people.csv\n  ties: " << fixtures
                                       << "/ties.csv\n  schools: " << fixtures << "/schools.csv\n"
                                       << extra;
    return (dir / "config.yaml").string();
}

std::string db_beside(const std::string& config) { return (fs::path(config).parent_path() / "staffnet.db").string(); }

// A server on an ephemeral loopback port, serving in a thread, with a client.
struct Running {
    AnalysisConfig config;
    std::string db;
    std::unique_ptr<Store> store;
    std::unique_ptr<Server> server;
    std::thread thread;
    std::unique_ptr<httplib::Client> client;
    int port = 0;

    explicit Running(const std::string& name, ServerOptions options = {}) {
        const std::string path = fixture_config(name);
        config = load_analysis(path);
        db = db_beside(path);
        store = std::make_unique<Store>(db, config);
        options.host = "127.0.0.1";
        options.port = 0;
        server = std::make_unique<Server>(*store, config, options);
        port = server->bind();
        thread = std::thread([this] { server->run(); });
        client = std::make_unique<httplib::Client>("127.0.0.1", port);
        client->set_read_timeout(15, 0);
    }
    ~Running() {
        server->stop();
        thread.join();
    }
    httplib::Headers origin() const { return {{"Origin", "http://127.0.0.1:" + std::to_string(port)}}; }
    httplib::Result post(const std::string& path, const json& body, httplib::Headers headers = {}) {
        return client->Post(path.c_str(), headers, body.dump(), "application/json");
    }
};

json body_of(const httplib::Result& r) {
    REQUIRE(r);
    return json::parse(r->body);
}

json error(const std::string& message, const std::string& field) { return {{"error", message}, {"field", field}}; }

}  // namespace

// ------------------------------------------------------------------------------------------------
// The store

TEST_CASE("the store imports the config's files on first start and keeps every edit across restarts", "[server]") {
    const std::string path = fixture_config("store-import");
    const AnalysisConfig config = load_analysis(path);
    const std::string db = db_beside(path);
    std::int64_t added = 0, removed = 0;
    {
        Store store(db, config);
        CHECK(store.people().size() == 5);
        CHECK(store.schools().schools.size() == 2);
        const std::vector<StoredTie> ties = store.ties();
        REQUIRE(ties.size() == 3);
        CHECK(ties[0].source == "D1");
        CHECK(ties[0].target == "L1");
        CHECK(ties[0].type == "shared_project");
        CHECK(store.current_meeting().label == "1");
        added = store.add_tie({"D2", "L2", "social", 2.0}, "page-a").tie->id;
        removed = ties[1].id;
        store.remove_tie(removed, "page-b");
        CHECK(store.ties().size() == 3);
    }
    Store reopened(db, config);
    const std::vector<StoredTie> ties = reopened.ties();
    REQUIRE(ties.size() == 3);
    CHECK(ties[2].id == added);
    CHECK(ties[2].weight == 2.0);
    // The removed tie is still a row, marked removed.
    REQUIRE(reopened.tie(removed));
    CHECK(reopened.tie(removed)->removed);
    const std::vector<EditRecord> history = reopened.history(10);
    REQUIRE(history.size() == 3);
    CHECK(history[0].action == "remove_tie");
    CHECK(history[0].session == "page-b");
    CHECK(history[1].action == "add_tie");
    CHECK(history[1].session == "page-a");
    CHECK(history[2].action == "import");
    CHECK(history[2].detail["ties"] == 3);
    // The district built from the database: vertex order as people.csv, the current ties.
    const District d = reopened.district();
    CHECK(d.network.size() == 5);
    CHECK(d.network.ties.size() == 3);
}

TEST_CASE("a bad file at first start is reported with file:line:col and leaves no database", "[server]") {
    const fs::path dir = test::temp_dir("store-bad");
    std::ofstream(dir / "config.yaml") << "data:\n  people: " << fixtures << "/people.csv\n  ties: " << fixtures
                                       << "/ties_unknown_person.csv\n  schools: " << fixtures << "/schools.csv\n";
    const AnalysisConfig config = load_analysis((dir / "config.yaml").string());
    try {
        Store store((dir / "staffnet.db").string(), config);
        FAIL("no error");
    } catch (const InputError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(format(e.diagnostics()[0]) == fixtures + "/ties_unknown_person.csv:3:2: error: unknown person 'X9'; add them to " + fixtures +
                                                "/people.csv or correct the id");
    }
    CHECK_FALSE(fs::exists(dir / "staffnet.db"));
    CHECK_FALSE(fs::exists(dir / "staffnet.db.new"));
}

TEST_CASE("a second server on one database is refused with the first one's pid", "[server]") {
    const std::string db = db_beside(fixture_config("store-lock"));
    DatabaseLock first(db);
    try {
        DatabaseLock second(db);
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == db + " is in use by another staffnet serve (pid " + std::to_string(::getpid()) +
                                           "); stop that server first, or give this one another database with --db");
    }
}

TEST_CASE("edits the store refuses change nothing", "[server]") {
    const std::string path = fixture_config("store-refuse");
    const AnalysisConfig config = load_analysis(path);
    Store store(db_beside(path), config);
    const std::int64_t version = store.version();
    const auto refused = [&](auto&& edit, const std::string& field, const std::string& message) {
        try {
            edit();
            FAIL("no error");
        } catch (const EditError& e) {
            CHECK(e.field == field);
            CHECK(std::string(e.what()) == message);
        }
    };
    refused([&] { store.add_tie({"D1", "L1", "shared_project", 1}, "s"); }, "type",
            "the tie D1 - L1 of type 'shared_project' exists already (tie 1)");
    refused([&] { store.add_tie({"L1", "D1", "shared_project", 1}, "s"); }, "type",
            "the tie L1 - D1 of type 'shared_project' exists already (tie 1)");
    refused([&] { store.add_tie({"D1", "D1", "social", 1}, "s"); }, "target", "a tie needs two different people");
    refused([&] { store.add_tie({"D1", "L2", "social", 0}, "s"); }, "weight", "weight must be a positive number");
    refused([&] { store.add_person({"L1", "Lena", "school_leader", "S1"}, "s"); }, "id", "there is a person with id 'L1' already");
    refused([&] { store.add_person({"L9", "Lee", "principal", "S1"}, "s"); }, "role",
            "unknown role 'principal'; the roles are district_team, school_leader, staff, other");
    refused([&] { store.add_person({"L9", "Lee", "school_leader", "S9"}, "s"); }, "school", "school 'S9' is not a school");
    refused([&] { store.add_school({"S1", "North"}, "s"); }, "id", "there is a school with id 'S1' already");
    refused([&] { store.undo(0, "s"); }, "edit", "this page has no edit left to undo");
    refused([&] { store.undo(1, "s"); }, "edit", "edit 1 (import) cannot be undone");
    CHECK(store.version() == version);
    CHECK(store.ties().size() == 3);
}

TEST_CASE("undo reverts a page's newest tie edit; a new meeting copies the ties forward", "[server]") {
    const std::string path = fixture_config("store-meetings");
    AnalysisConfig config = load_analysis(path);
    const std::string db = db_beside(path);
    {
        Store store(db, config);
        const StoredTie tie = *store.add_tie({"D2", "L2", "social", 1}, "page-a").tie;
        store.remove_tie(1, "page-a");
        store.add_tie({"D1", "T1", "social", 1}, "page-b");
        EditResult undone = store.undo(0, "page-a");  // page-a's newest: the removal of tie 1
        CHECK(undone.edit.undoes == 3);
        CHECK_FALSE(undone.tie->removed);
        undone = store.undo(0, "page-a");  // then the tie it added
        CHECK(undone.tie->id == tie.id);
        CHECK(undone.tie->removed);
        CHECK(store.ties().size() == 4);  // 3 imported + page-b's
        store.start_meeting("2", "page-a");
        CHECK(store.current_meeting().label == "2");
        CHECK(store.ties().size() == 4);
        CHECK(store.ties()[0].id == 6);  // copies get new ids
        store.add_tie({"D1", "L2", "contact_exchange", 1}, "page-a");
        CHECK_THROWS_AS(store.remove_tie(1, "page-a"), EditError);  // meeting 1's tie
    }
    // analyze and compare read either meeting from the database.
    config.database = db;
    CHECK(load_database(db, config, "1").network.ties.size() == 4);
    CHECK(load_database(db, config).network.ties.size() == 5);
    CHECK(load_input(config).network.ties.size() == 5);
    try {
        load_database(db, config, "3");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(format(e.diagnostics()[0]) == db + ": error: there is no meeting '3'; the database holds meetings '1', '2'");
    }
}

TEST_CASE("analyze reads data: database, and export writes files analyze reads to the same results", "[server]") {
    const std::string path = fixture_config("export");
    const AnalysisConfig config = load_analysis(path);
    const std::string db = db_beside(path);
    {
        Store store(db, config);
        store.add_tie({"D2", "L2", "social", 1}, "page");
    }
    const fs::path dir = fs::path(path).parent_path();
    std::ofstream(dir / "db.yaml") << "data:\n  database: staffnet.db\n";
    const test::Run from_db = test::run({"analyze", (dir / "db.yaml").string(), "--out", (dir / "from-db").string()});
    INFO(from_db.err);
    REQUIRE(from_db.code == 0);
    const test::Run exported = test::run({"export", "--db", db, "--out", (dir / "exported").string()});
    INFO(exported.err);
    REQUIRE(exported.code == 0);
    CHECK(test::slurp((dir / "exported/ties.csv").string()) ==
          "source,target,type,weight,wave\nD1,L1,shared_project,1,1\nL1,T1,social,1,1\nD1,D2,past_collaboration,1,1\nD2,L2,social,1,1\n");
    CHECK(test::slurp((dir / "exported/people.csv").string()) ==
          "id,name,role,school,responded\nD1,Dana Reed,district_team,,yes\nD2,Omar Diaz,district_team,,yes\n"
          "L1,Lena Fox,school_leader,S1,yes\nL2,Ravi Shah,school_leader,S2,yes\nT1,Tom Ng,staff,S1,yes\n");
    CHECK(test::slurp((dir / "exported/schools.csv").string()) == "id,name\nS1,North Elementary\nS2,South High\n");
    std::ofstream(dir / "exported/config.yaml") << "data:\n  people: people.csv\n  ties: ties.csv\n  schools: schools.csv\n";
    const test::Run from_files = test::run({"analyze", (dir / "exported/config.yaml").string(), "--out", (dir / "from-files").string()});
    REQUIRE(from_files.code == 0);
    for (const char* file : {"people.csv", "isolation_risk.csv", "schools_at_risk.csv"})
        CHECK(test::slurp((dir / "from-db" / file).string()) == test::slurp((dir / "from-files" / file).string()));
    const test::Run missing = test::run({"export", "--db", (dir / "nothing.db").string(), "--out", (dir / "x").string()});
    CHECK(missing.code == 2);
    CHECK(missing.err.find((dir / "nothing.db").string() + ": error: there is no database here") != std::string::npos);
}

// ------------------------------------------------------------------------------------------------
// The API

TEST_CASE("GET /api/people, /api/schools and /api/ties return the district", "[server]") {
    Running s("api-get");
    CHECK(body_of(s.client->Get("/api/people"))[2] == json{{"id", "L1"}, {"name", "Lena Fox"}, {"role", "school_leader"}, {"school", "S1"}});
    CHECK(body_of(s.client->Get("/api/people")).size() == 5);
    CHECK(body_of(s.client->Get("/api/schools")) ==
          json::array({{{"id", "S1"}, {"name", "North Elementary"}}, {{"id", "S2"}, {"name", "South High"}}}));
    CHECK(body_of(s.client->Get("/api/ties")) ==
          json::array({{{"id", 1}, {"source", "D1"}, {"target", "L1"}, {"type", "shared_project"}, {"weight", 1.0}},
                       {{"id", 2}, {"source", "L1"}, {"target", "T1"}, {"type", "social"}, {"weight", 1.0}},
                       {{"id", 3}, {"source", "D1"}, {"target", "D2"}, {"type", "past_collaboration"}, {"weight", 1.0}}}));
    const auto page = s.client->Get("/");
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(page->body.find("<title>staffnet: mapping connections live</title>") != std::string::npos);
    CHECK(s.client->Get("/lib/d3-force.min.js")->status == 200);
    // Only compiled-in assets: no path reaches the disk.
    const auto outside = s.client->Get("/../../../etc/passwd");
    CHECK(outside->status == 404);
    CHECK(s.client->Get("/schema.sql")->status == 404);
    CHECK(body_of(s.client->Get("/api/nothing")) == error("there is nothing at /api/nothing", "path"));
}

TEST_CASE("POST /api/ties answers 201 with the stored tie; DELETE /api/ties/{id} removes it", "[server]") {
    Running s("api-post");
    const auto created = s.post("/api/ties", {{"source", "D2"}, {"target", "L2"}, {"type", "social"}, {"weight", 2}});
    REQUIRE(created);
    CHECK(created->status == 201);
    CHECK(json::parse(created->body) == json{{"id", 4}, {"source", "D2"}, {"target", "L2"}, {"type", "social"}, {"weight", 2.0}});
    CHECK(body_of(s.client->Get("/api/ties")).size() == 4);
    // Weight is optional.
    CHECK(body_of(s.post("/api/ties", {{"source", "D2"}, {"target", "L1"}, {"type", "social"}}))["weight"] == 1.0);

    const auto removed = s.client->Delete("/api/ties/4");
    REQUIRE(removed);
    CHECK(removed->status == 200);
    CHECK(json::parse(removed->body)["removed"] == true);
    CHECK(body_of(s.client->Get("/api/ties")).size() == 4);
    // The same cell edited twice: the second is told.
    const auto again = s.client->Delete("/api/ties/4");
    CHECK(again->status == 409);
    CHECK(json::parse(again->body) == json{{"error", "tie 4 was removed already"}, {"field", "id"},
                                           {"current", {{"id", 4}, {"source", "D2"}, {"target", "L2"}, {"type", "social"}, {"weight", 2.0}}}});
    const auto twice = s.post("/api/ties", {{"source", "L1"}, {"target", "D1"}, {"type", "shared_project"}});
    CHECK(twice->status == 409);
    CHECK(json::parse(twice->body)["error"] == "the tie L1 - D1 of type 'shared_project' exists already (tie 1)");
    CHECK(json::parse(twice->body)["current"]["id"] == 1);
    CHECK(s.client->Delete("/api/ties/999")->status == 404);
    CHECK(body_of(s.client->Delete("/api/ties/999")) == error("there is no tie 999", "id"));
    CHECK(body_of(s.client->Delete("/api/ties/abc")) == error("there is no tie 'abc'", "id"));
    // Every edit is in the history, newest first.
    const json history = body_of(s.client->Get("/api/history?limit=3"));
    REQUIRE(history.size() == 3);
    CHECK(history[0]["action"] == "remove_tie");
    CHECK(history[0]["tie"] == 4);
    CHECK(history[0]["session"] == "api");
    CHECK(history[1]["action"] == "add_tie");
}

TEST_CASE("bad input gets a 4xx JSON error naming the field, and nothing is written", "[server]") {
    Running s("api-bad", {.max_body = 1024});
    const std::int64_t version = s.store->version();
    struct Case {
        std::string body;
        int status;
        json expected;
    };
    const std::vector<Case> cases = {
        {R"({"source":"D1","target":"X9","type":"social"})", 400, error("target 'X9' is not a person", "target")},
        {R"({"source":"Q","target":"L2","type":"social"})", 400, error("source 'Q' is not a person", "source")},
        {R"({"source":"D1","target":"L2","type":"friendship"})", 400,
         error("unknown tie type 'friendship'; the tie types are shared_project, past_collaboration, contact_exchange, social", "type")},
        {R"({"source":"D1","target":"L2","type":"social","weight":-1})", 400, error("weight must be a positive number", "weight")},
        {R"({"source":"D1","target":"L2","type":"social","weight":"2"})", 400, error("weight must be a positive number", "weight")},
        {R"({"source":"D1","type":"social"})", 400, error("target is required", "target")},
        {R"({"source":"D1","target":7,"type":"social"})", 400, error("target must be a string", "target")},
        {R"({"source":"D1","target":"L2","type":"social","colour":"red"})", 400, error("unknown field 'colour'", "colour")},
        {R"([1, 2])", 400, error("the body must be a JSON object", "body")},
        {R"({"source":"D1",)", 400,
         error("malformed JSON: [json.exception.parse_error.101] parse error at line 1, column 16: syntax error while parsing object key - "
               "unexpected end of input; expected string literal",
               "body")},
        {"{\"source\":\"" + std::string(2000, 'x') + "\"}", 413, error("the request body is larger than 1024 bytes", "body")},
    };
    for (const Case& c : cases) {
        INFO(c.body.substr(0, 80));
        const auto r = s.client->Post("/api/ties", c.body, "application/json");
        REQUIRE(r);
        CHECK(r->status == c.status);
        CHECK(json::parse(r->body) == c.expected);
    }
    const auto plain = s.client->Post("/api/ties", R"({"source":"D1","target":"L2","type":"social"})", "text/plain");
    CHECK(plain->status == 415);
    CHECK(json::parse(plain->body) == error("send the body as application/json", "Content-Type"));
    CHECK(body_of(s.client->Get("/api/history?limit=0")) == error("limit must be a whole number from 1 to 1000", "limit"));
    CHECK(body_of(s.post("/api/people", {{"id", "N1"}, {"role", "coach"}})) ==
          error("unknown role 'coach'; the roles are district_team, school_leader, staff, other", "role"));
    CHECK(body_of(s.post("/api/schools", {{"id", ""}})) == error("an id must be 1 to 100 characters without control characters", "id"));
    CHECK(body_of(s.post("/api/undo", {{"edit", "x"}})) == error("edit must be an edit id (a positive whole number)", "edit"));
    CHECK(body_of(s.post("/api/meetings", {{"label", "1"}})) == error("there is a meeting '1' already", "label"));
    // Nothing was written.
    CHECK(s.store->version() == version);
    CHECK(body_of(s.client->Get("/api/ties")).size() == 3);
}

TEST_CASE("writes from another origin or to another host name are refused", "[server]") {
    Running s("api-origin");
    const json tie{{"source", "D2"}, {"target", "L2"}, {"type", "social"}};
    const auto foreign = s.post("/api/ties", tie, {{"Origin", "http://evil.example"}});
    CHECK(foreign->status == 403);
    CHECK(json::parse(foreign->body) == error("cross-origin write refused: Origin 'http://evil.example' is not this server", "Origin"));
    const auto site = s.post("/api/ties", tie, {{"Sec-Fetch-Site", "cross-site"}});
    CHECK(site->status == 403);
    CHECK(json::parse(site->body) == error("cross-origin write refused: the request came from another site", "Origin"));
    // DNS rebinding: a page of another name that resolves to 127.0.0.1.
    const auto rebound = s.client->Get("/api/people", {{"Host", "evil.example:" + std::to_string(s.port)}});
    CHECK(rebound->status == 403);
    CHECK(json::parse(rebound->body) ==
          error("this server answers only to 127.0.0.1, localhost or [::1] on port " + std::to_string(s.port), "Host"));
    CHECK(body_of(s.client->Get("/api/ties")).size() == 3);
    // The same origin may write.
    CHECK(s.post("/api/ties", tie, s.origin())->status == 201);
}

TEST_CASE("GET /api/risk has isolation_risk.csv's rows as of the latest edit", "[server]") {
    Running s("api-risk");
    const auto check_against_analyze = [&](const std::string& name) {
        const json risk = body_of(s.client->Get("/api/risk"));
        const fs::path dir = test::temp_dir(name);
        REQUIRE(test::run({"export", "--db", s.db, "--out", (dir / "in").string()}).code == 0);
        std::ofstream(dir / "in/config.yaml") << "data:\n  people: people.csv\n  ties: ties.csv\n  schools: schools.csv\n";
        REQUIRE(test::run({"analyze", (dir / "in/config.yaml").string(), "--out", (dir / "out").string()}).code == 0);
        const CsvTable csv = read_csv((dir / "out/isolation_risk.csv").string());
        REQUIRE(risk.size() == csv.rows.size());
        for (std::size_t r = 0; r < csv.rows.size(); ++r)
            for (std::size_t c = 0; c < csv.header.size(); ++c) {
                const std::string& column = csv.header[c];
                const json& value = risk[r][column];
                if (value.is_number()) CHECK(value.get<double>() == std::stod(csv.rows[r][c]));
                else CHECK(value.get<std::string>() == csv.rows[r][c]);
            }
        return risk;
    };
    const json before = check_against_analyze("risk-before");
    // Ravi Shah (L2) has no ties: isolated, no district tie, far from the district.
    const auto ravi = [](const json& rows) {
        for (const json& row : rows)
            if (row["id"] == "L2") return row;
        return json();
    };
    CHECK(ravi(before)["level"] == "high");
    CHECK(ravi(before)["score"] == 8.0);  // no ties at all (4) + no tie to any district team member (4)
    CHECK(ravi(before)["reasons"] == "no ties at all; no tie to any district team member");
    REQUIRE(s.post("/api/ties", {{"source", "D2"}, {"target", "L2"}, {"type", "social"}})->status == 201);
    const json after = check_against_analyze("risk-after");
    CHECK(ravi(after)["score"] < 8.0);
}

TEST_CASE("GET /api/events streams every edit to every open page", "[server]") {
    Running s("api-events");
    std::string seen_a, seen_b;
    std::atomic<int> open{0};
    const auto listen = [&](std::string& seen) {
        httplib::Client c("127.0.0.1", s.port);
        c.set_read_timeout(15, 0);
        c.Get("/api/events", [&](const char* data, std::size_t size) {
            if (seen.empty()) ++open;
            seen.append(data, size);
            return seen.find("\"action\":\"add_tie\"") == std::string::npos;
        });
    };
    std::thread a([&] { listen(seen_a); }), b([&] { listen(seen_b); });
    while (open < 2) std::this_thread::sleep_for(std::chrono::milliseconds(10));  // both hold the first analysis event
    REQUIRE(s.post("/api/ties", {{"source", "D2"}, {"target", "L2"}, {"type", "social"}})->status == 201);
    a.join();
    b.join();
    for (const std::string& seen : {seen_a, seen_b}) {
        CHECK(seen.find("event: analysis\ndata: {\"version\":1}\n\n") != std::string::npos);
        CHECK(seen.find("id: 2\nevent: edit\ndata: {\"edit\":{\"action\":\"add_tie\"") != std::string::npos);
        CHECK(seen.find("\"tie\":{\"id\":4,\"removed\":false,\"source\":\"D2\",\"target\":\"L2\",\"type\":\"social\",\"weight\":1.0}") !=
              std::string::npos);
    }
}

TEST_CASE("a page session's undo reverts its own newest edit", "[server]") {
    Running s("api-undo");
    const auto opened = s.post("/api/session", json::object());
    REQUIRE(opened->status == 200);
    const std::string session = json::parse(opened->body)["session"];
    const std::string set_cookie = opened->get_header_value("Set-Cookie");
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    const httplib::Headers mine{{"Cookie", cookie}};
    REQUIRE(s.post("/api/ties", {{"source", "D2"}, {"target", "L2"}, {"type", "social"}}, mine)->status == 201);
    REQUIRE(s.post("/api/ties", {{"source", "D1"}, {"target", "L2"}, {"type", "social"}})->status == 201);  // another client
    const auto undone = s.post("/api/undo", json::object(), mine);
    REQUIRE(undone->status == 200);
    const json body = json::parse(undone->body);
    CHECK(body["edit"]["action"] == "undo");
    CHECK(body["edit"]["undoes"] == 2);
    CHECK(body["edit"]["session"] == session);
    CHECK(body["tie"]["id"] == 4);
    CHECK(body["tie"]["removed"] == true);
    const json ties = body_of(s.client->Get("/api/ties"));
    REQUIRE(ties.size() == 4);
    CHECK(ties[3]["id"] == 5);
    CHECK(body_of(s.client->Get("/api/history"))[2]["undone"] == true);
    CHECK(body_of(s.post("/api/undo", json::object(), mine)) == error("this page has no edit left to undo", "edit"));
    CHECK(body_of(s.post("/api/undo", {{"edit", 2}})) == error("edit 2 was undone already", "edit"));
}

TEST_CASE("with an access code, the API needs a session opened with the code", "[server]") {
    Running s("api-code", {.access_code = "K7M2Q9XZ", .require_code = true});
    const json tie{{"source", "D2"}, {"target", "L2"}, {"type", "social"}};
    const json needs_code = error("enter the access code shown on the host's terminal", "code");
    CHECK(s.client->Get("/api/people")->status == 401);
    CHECK(body_of(s.client->Get("/api/people")) == needs_code);
    const auto anonymous = s.post("/api/ties", tie);
    CHECK(anonymous->status == 401);
    CHECK(json::parse(anonymous->body) == needs_code);
    CHECK(s.client->Get("/")->status == 200);  // the page, which asks for the code
    const auto wrong = s.post("/api/session", {{"code", "AAAAAAAA"}});
    CHECK(wrong->status == 403);
    CHECK(json::parse(wrong->body) == error("wrong access code", "code"));
    CHECK(body_of(s.post("/api/session", json::object())) == error("code is required", "code"));
    const auto right = s.post("/api/session", {{"code", "K7M2Q9XZ"}});
    REQUIRE(right->status == 200);
    const std::string set_cookie = right->get_header_value("Set-Cookie");
    CHECK(set_cookie.find("; Path=/; HttpOnly; SameSite=Strict") != std::string::npos);
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    CHECK(cookie.size() == std::string("staffnet_session=").size() + 44);  // 32 random bytes in base64
    const httplib::Headers mine{{"Cookie", cookie}};
    CHECK(s.client->Get("/api/people", mine)->status == 200);
    const auto written = s.post("/api/ties", tie, mine);
    CHECK(written->status == 201);
    CHECK(body_of(s.client->Get("/api/history?limit=1", mine))[0]["session"] == json::parse(right->body)["session"]);
    CHECK(s.post("/api/ties", {{"source", "D1"}, {"target", "L2"}, {"type", "social"}}, {{"Cookie", "staffnet_session=forged"}})->status == 401);
    // A session does not make another origin's write acceptable.
    httplib::Headers foreign = mine;
    foreign.emplace("Origin", "http://evil.example");
    CHECK(s.post("/api/ties", {{"source", "D1"}, {"target", "L2"}, {"type", "social"}}, foreign)->status == 403);
    CHECK(body_of(s.client->Get("/api/ties", mine)).size() == 4);
    // Guessing is cut off after ten wrong codes from one address.
    for (int i = 0; i < 9; ++i) s.post("/api/session", {{"code", "AAAAAAAA"}});
    const auto blocked = s.post("/api/session", {{"code", "K7M2Q9XZ"}});
    CHECK(blocked->status == 429);
    CHECK(json::parse(blocked->body) == error("too many wrong codes from this computer; restart the server for a new code", "code"));
}

TEST_CASE("access codes and tokens come from OpenSSL's random bytes", "[server]") {
    const std::string code = random_access_code();
    CHECK(code.size() == 8);
    CHECK(code.find_first_not_of("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") == std::string::npos);
    CHECK(random_token(32).size() == 44);
    CHECK(random_token(32) != random_token(32));
    CHECK(is_loopback("127.0.0.1"));
    CHECK(is_loopback("127.1.2.3"));
    CHECK(is_loopback("localhost"));
    CHECK(is_loopback("::1"));
    CHECK_FALSE(is_loopback("0.0.0.0"));
    CHECK_FALSE(is_loopback("192.168.1.20"));
}

// ------------------------------------------------------------------------------------------------
// Durability: the real binary, killed with SIGKILL while clients post edits

namespace {

struct Child {
    pid_t pid = 0;
    FILE* out = nullptr;
    int port = 0;
};

// Starts `staffnet serve` and reads the port from the line it prints.
Child start_server(const std::vector<std::string>& args) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    std::vector<std::string> all = {STAFFNET_BINARY};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    Child c;
    REQUIRE(posix_spawn(&c.pid, STAFFNET_BINARY, &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fds[1]);
    c.out = fdopen(pipe_fds[0], "r");
    char line[512];
    const std::string marker = "staffnet serve: http://127.0.0.1:";
    while (std::fgets(line, sizeof line, c.out)) {
        const std::string text = line;
        if (text.rfind(marker, 0) == 0) {
            c.port = std::stoi(text.substr(marker.size()));
            break;
        }
    }
    return c;
}

int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return status;
}

}  // namespace

TEST_CASE("kill -9 while clients post edits loses no acknowledged edit, and the server restarts", "[server][durability]") {
    const fs::path dir = test::temp_dir("durability");
    const std::string db = (dir / "staffnet.db").string();
    Child first = start_server({"serve", example, "--db", db, "--port", "0", "--no-browser"});
    REQUIRE(first.port > 0);
    const json people = json::parse(httplib::Client("127.0.0.1", first.port).Get("/api/people")->body);
    std::vector<std::string> team, staff;
    for (const json& p : people) (p["role"] == "district_team" ? team : staff).push_back(p["id"]);

    std::mutex mutex;
    std::map<std::int64_t, json> acknowledged;
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (std::size_t k = 0; k < 4; ++k)
        clients.emplace_back([&, k] {
            httplib::Client c("127.0.0.1", first.port);
            c.set_read_timeout(5, 0);
            for (std::size_t i = 0; !stop && i < staff.size(); ++i) {
                const json tie{{"source", team[k]}, {"target", staff[i]}, {"type", "contact_exchange"}, {"weight", 1}};
                const auto r = c.Post("/api/ties", tie.dump(), "application/json");
                if (!r) break;  // the server is gone
                if (r->status == 201) {
                    std::lock_guard lock(mutex);
                    const json stored = json::parse(r->body);
                    acknowledged[stored["id"]] = stored;
                }
            }
        });
    for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        std::lock_guard lock(mutex);
        if (acknowledged.size() >= 60) break;
    }
    ::kill(first.pid, SIGKILL);
    const int killed = wait_for(first.pid);
    CHECK(WIFSIGNALED(killed));
    stop = true;
    for (std::thread& t : clients) t.join();
    std::fclose(first.out);

    Child second = start_server({"serve", example, "--db", db, "--port", "0", "--no-browser"});
    REQUIRE(second.port > 0);
    std::map<std::int64_t, json> stored;
    for (const json& t : json::parse(httplib::Client("127.0.0.1", second.port).Get("/api/ties")->body)) stored[t["id"]] = t;
    std::size_t missing = 0;
    for (const auto& [id, tie] : acknowledged) missing += !stored.count(id) || stored[id] != tie;
    CHECK(acknowledged.size() >= 60);
    CHECK(missing == 0);

    // A second server on the same database is refused.
    int err_pipe[2];
    REQUIRE(::pipe(err_pipe) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> args = {STAFFNET_BINARY, "serve", example, "--db", db, "--port", "0", "--no-browser"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t third = 0;
    REQUIRE(posix_spawn(&third, STAFFNET_BINARY, &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    ::close(err_pipe[1]);
    std::string err;
    char buffer[512];
    for (ssize_t n; (n = ::read(err_pipe[0], buffer, sizeof buffer)) > 0;) err.append(buffer, std::size_t(n));
    ::close(err_pipe[0]);
    const int third_status = wait_for(third);
    CHECK(WEXITSTATUS(third_status) == 1);
    CHECK(err == "staffnet: error: " + db + " is in use by another staffnet serve (pid " + std::to_string(second.pid) +
                     "); stop that server first, or give this one another database with --db\n");

    // SIGTERM (as Ctrl-C) stops the server cleanly.
    ::kill(second.pid, SIGTERM);
    const int status = wait_for(second.pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    std::string rest;
    while (std::fgets(buffer, sizeof buffer, second.out)) rest += buffer;
    std::fclose(second.out);
    CHECK(rest == "staffnet serve: stopped; every edit is in " + db + "\n");
}
