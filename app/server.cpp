#include "app/server.hpp"

#include "app/analysis.hpp"

#include "app/app_assets.hpp"
#include "cli/common.hpp"
#include "io/csv.hpp"
#include "io/risk_tables.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <arpa/inet.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace staffnet {

using json = nlohmann::json;

bool is_loopback(const std::string& host) {
    if (host == "localhost" || host == "::1") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    return false;
}

namespace {

std::vector<unsigned char> random_bytes(std::size_t n) {
    std::vector<unsigned char> bytes(n);
    if (RAND_bytes(bytes.data(), int(n)) != 1) throw std::runtime_error("OpenSSL could not produce random bytes");
    return bytes;
}

}  // namespace

std::string random_token(std::size_t bytes) {
    const std::vector<unsigned char> raw = random_bytes(bytes);
    std::string out(4 * ((bytes + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), raw.data(), int(raw.size()));
    out.resize(std::size_t(n));
    return out;
}

std::string random_access_code() {
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";  // 32 symbols: byte % 32 is unbiased
    std::string code;
    for (unsigned char b : random_bytes(8)) code += alphabet[b % 32];
    return code;
}

namespace {

// --------------------------------------------------------------------------------------------
// Live analysis

struct LiveRisk {
    std::vector<RiskEntry> people;
    RiskProvenance how;
};

// The isolation risk of the district as it is now. The one place the server runs the analysis.
LiveRisk live_risk(const std::shared_ptr<const District>& district, const AnalysisConfig& config) {
    Analysis a = analyse(district, config, {},
                         {.layers = false, .ei_test = false, .statistics = false, .graph_measures = false,
                          .only_metrics = std::vector<std::string>{}});
    return {std::move(a.people_risk), a.how};
}

// isolation_risk.csv's rows as JSON objects with its columns; rank and score as numbers.
json risk_rows(const District& d, const LiveRisk& risk) {
    const CsvTable table = parse_csv("isolation_risk.csv", isolation_risk_csv(d.network, risk.people, risk.how));
    json rows = json::array();
    for (const std::vector<std::string>& row : table.rows) {
        json object = json::object();
        for (std::size_t c = 0; c < table.header.size(); ++c) {
            const std::string& name = table.header[c];
            if ((name == "rank" || name == "score") && !row[c].empty()) object[name] = std::stod(row[c]);
            else object[name] = row[c];
        }
        rows.push_back(std::move(object));
    }
    return rows;
}

// The map: each person with their risk level, and each tied pair with its tie types.
json map_json(const District& d, const LiveRisk& risk, std::int64_t version) {
    const Network& net = d.network;
    std::vector<const RiskEntry*> by_person(net.size(), nullptr);
    for (const RiskEntry& e : risk.people) by_person[e.person] = &e;
    json nodes = json::array();
    for (std::size_t v = 0; v < net.size(); ++v) {
        const Person& p = net.people[v];
        const RiskEntry* e = by_person[v];
        nodes.push_back({{"id", p.id}, {"name", p.display_name()}, {"role", p.role.get()}, {"school", p.school.get()},
                         {"level", e ? e->level : ""}, {"score", e ? e->score : 0.0}});
    }
    std::map<std::pair<Vertex, Vertex>, std::vector<std::string>> pairs;
    for (const Tie& t : net.ties) {
        const auto key = std::minmax(t.source, t.target);
        pairs[{key.first, key.second}].push_back(net.options.types[t.type].name);
    }
    json links = json::array();
    for (const auto& [pair, types] : pairs)
        links.push_back({{"source", net.people[pair.first].id}, {"target", net.people[pair.second].id}, {"types", types}});
    return {{"version", version}, {"nodes", nodes}, {"links", links}};
}

json tie_json(const StoredTie& t) {
    return {{"id", t.id}, {"source", t.source}, {"target", t.target}, {"type", t.type}, {"weight", t.weight}};
}

json edit_json(const EditRecord& e) {
    return {{"id", e.id}, {"at", e.at}, {"session", e.session}, {"action", e.action}, {"meeting", e.meeting},
            {"tie", e.tie ? json(e.tie) : json(nullptr)}, {"undoes", e.undoes ? json(e.undoes) : json(nullptr)},
            {"undone", e.undone}, {"detail", e.detail}};
}

// A request refused: the status and the JSON body {"error": ..., "field": ...}.
struct ApiError {
    int status;
    std::string message;
    std::string field;
    json current = nullptr;
};

void send_json(httplib::Response& res, const json& body, int status = 200) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, const ApiError& e) {
    json body{{"error", e.message}, {"field", e.field}};
    if (!e.current.is_null()) body["current"] = e.current;
    send_json(res, body, e.status);
}

// The body of a POST as a JSON object with only the fields in `allowed`.
json body_object(const httplib::Request& req, std::initializer_list<const char*> allowed) {
    const std::string type = req.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) != 0)
        throw ApiError{415, "send the body as application/json", "Content-Type"};
    json body;
    try {
        body = json::parse(req.body);
    } catch (const json::parse_error& e) {
        throw ApiError{400, std::string("malformed JSON: ") + e.what(), "body"};
    }
    if (!body.is_object()) throw ApiError{400, "the body must be a JSON object", "body"};
    for (const auto& [key, value] : body.items())
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
            throw ApiError{400, "unknown field '" + key + "'", key};
    return body;
}

std::string text_field(const json& body, const char* field, bool required, const std::string& fallback = "") {
    if (!body.contains(field)) {
        if (required) throw ApiError{400, std::string(field) + " is required", field};
        return fallback;
    }
    if (!body[field].is_string()) throw ApiError{400, std::string(field) + " must be a string", field};
    return body[field].get<std::string>();
}

// The value of cookie `name` in the Cookie header, or "".
std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string header = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < header.size()) {
        const std::size_t end = std::min(header.find(';', at), header.size());
        std::size_t start = at;
        while (start < end && header[start] == ' ') ++start;
        const std::string pair = header.substr(start, end - start);
        if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
        at = end + 1;
    }
    return "";
}

bool same_text(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Counts the connections being served, so that the pre-routing handler can turn away those over
// the bound (httplib's pool would queue them without limit).
class CountingPool : public httplib::TaskQueue {
public:
    CountingPool(std::size_t threads, std::atomic<std::size_t>& active) : pool_(threads), active_(active) {}
    void enqueue(std::function<void()> fn) override {
        ++active_;
        pool_.enqueue([this, fn = std::move(fn)] {
            fn();
            --active_;
        });
    }
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
    std::atomic<std::size_t>& active_;
};

constexpr const char* session_cookie = "staffnet_session";
constexpr std::size_t event_buffer = 1000;  // edits kept for event streams that fall behind

}  // namespace

// ------------------------------------------------------------------------------------------------

struct Server::Impl {
    Store& store;
    AnalysisConfig config;
    ServerOptions options;
    bool code_required = false;
    httplib::Server http;
    int port = 0;
    std::atomic<bool> stopping{false};
    std::atomic<bool> running{false};
    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> streams{0};

    // Sessions: secret cookie token -> public id written in the edit log.
    std::mutex session_mutex;
    std::map<std::string, std::string> sessions;
    std::map<std::string, int> wrong_codes;  // by remote address

    // Edits for the event streams, and the newest analysis.
    std::mutex event_mutex;
    std::condition_variable event_cv;
    std::deque<std::pair<std::int64_t, std::string>> events;  // (edit id, "event: edit\ndata: ...\n\n")
    std::int64_t analysed = -1;  // version of the newest analysis
    std::string risk_body;       // GET /api/risk
    std::string map_body;        // GET /api/map
    std::condition_variable work_cv;
    std::thread analyser;

    Impl(Store& s, AnalysisConfig c, ServerOptions o) : store(s), config(std::move(c)), options(std::move(o)) {
        code_required = options.require_code || !is_loopback(options.host);
        if (code_required && options.access_code.empty()) options.access_code = random_access_code();
    }

    // ---- analysis

    void analyse_now() {
        const std::int64_t version = store.version();
        auto district = std::make_shared<const District>(store.district());
        const LiveRisk risk = live_risk(district, config);
        std::string risk_text = risk_rows(*district, risk).dump();
        std::string map_text = map_json(*district, risk, version).dump();
        {
            std::lock_guard lock(event_mutex);
            if (version <= analysed) return;
            analysed = version;
            risk_body = std::move(risk_text);
            map_body = std::move(map_text);
        }
        event_cv.notify_all();
    }

    void analysis_loop() {
        while (!stopping) {
            {
                std::unique_lock lock(event_mutex);
                work_cv.wait_for(lock, std::chrono::seconds(1), [&] { return stopping || store.version() > analysed; });
                if (stopping) return;
                if (store.version() <= analysed) continue;
            }
            try {
                analyse_now();
            } catch (const std::exception& e) {
                std::fprintf(stderr, "staffnet serve: the analysis failed: %s\n", e.what());
                std::this_thread::sleep_for(std::chrono::seconds(1));
            }
        }
    }

    // ---- edits

    void published(const EditResult& r) {
        json event{{"edit", edit_json(r.edit)}};
        if (r.tie) event["tie"] = tie_json(*r.tie), event["tie"]["removed"] = r.tie->removed;
        {
            std::lock_guard lock(event_mutex);
            events.emplace_back(r.edit.id, "id: " + std::to_string(r.edit.id) + "\nevent: edit\ndata: " + event.dump() + "\n\n");
            while (events.size() > event_buffer) events.pop_front();
        }
        event_cv.notify_all();
        work_cv.notify_all();
    }

    // ---- sessions and checks

    std::string session_of(const httplib::Request& req) {
        const std::string token = cookie(req, session_cookie);
        if (token.empty()) return "";
        std::lock_guard lock(session_mutex);
        const auto found = sessions.find(token);
        return found == sessions.end() ? "" : found->second;
    }

    // Runs before every route: bounds connections, refuses other hosts (DNS rebinding), writes
    // from other origins, and API calls without a session when a code is in force.
    bool refuse(const httplib::Request& req, httplib::Response& res) {
        try {
            if (connections > options.max_connections) {
                res.set_header("Connection", "close");
                throw ApiError{503, "the server is serving " + std::to_string(options.max_connections) + " connections; try again", "connection"};
            }
            const std::string host = req.get_header_value("Host");
            if (!code_required) {
                const std::string port_text = ":" + std::to_string(port);
                if (host != "127.0.0.1" + port_text && host != "localhost" + port_text && host != "[::1]" + port_text)
                    throw ApiError{403, "this server answers only to 127.0.0.1, localhost or [::1] on port " + std::to_string(port), "Host"};
            }
            const bool write = req.method != "GET" && req.method != "HEAD";
            if (write) {
                const std::string origin = req.get_header_value("Origin");
                if (!origin.empty() && origin != "http://" + host)
                    throw ApiError{403, "cross-origin write refused: Origin '" + origin + "' is not this server", "Origin"};
                const std::string site = req.get_header_value("Sec-Fetch-Site");
                if (origin.empty() && !site.empty() && site != "same-origin" && site != "none")
                    throw ApiError{403, "cross-origin write refused: the request came from another site", "Origin"};
            }
            const bool api = req.path.rfind("/api/", 0) == 0;
            const bool opening_session = req.path == "/api/session" && req.method == "POST";
            if (code_required && api && !opening_session && session_of(req).empty())
                throw ApiError{401, "enter the access code shown on the host's terminal", "code"};
            return false;
        } catch (const ApiError& e) {
            send_error(res, e);
            return true;
        }
    }

    // ---- routes

    template <typename Handler>
    auto guarded(Handler handler) {
        return [this, handler](const httplib::Request& req, httplib::Response& res) {
            try {
                handler(req, res);
            } catch (const ApiError& e) {
                send_error(res, e);
            } catch (const EditError& e) {
                const int status = e.kind == EditError::Kind::invalid ? 400 : e.kind == EditError::Kind::not_found ? 404 : 409;
                send_error(res, {status, e.what(), e.field, e.current});
            } catch (const std::exception& e) {
                send_error(res, {500, std::string("server error: ") + e.what(), ""});
            }
        };
    }

    std::string editor(const httplib::Request& req) {
        const std::string session = session_of(req);
        return session.empty() ? "api" : session;
    }

    void routes() {
        http.Get("/api/config", guarded([this](const httplib::Request& req, httplib::Response& res) {
            json types = json::array();
            for (const TieType& t : store.types()) types.push_back({{"name", t.name}, {"code", t.code}, {"close", t.close}});
            const std::string session = session_of(req);
            send_json(res, {{"tie_types", types}, {"roles", roles()}, {"requires_code", code_required},
                            {"directed", config.network.directed}, {"meeting", store.current_meeting().label},
                            {"version", store.version()}, {"session", session.empty() ? json(nullptr) : json(session)}});
        }));
        http.Get("/api/people", guarded([this](const httplib::Request&, httplib::Response& res) {
            json out = json::array();
            for (const Person& p : store.people())
                out.push_back({{"id", p.id}, {"name", p.name.get()}, {"role", p.role.get()}, {"school", p.school.get()}});
            send_json(res, out);
        }));
        http.Get("/api/schools", guarded([this](const httplib::Request&, httplib::Response& res) {
            json out = json::array();
            for (const School& s : store.schools().schools) out.push_back({{"id", s.id}, {"name", s.name}});
            send_json(res, out);
        }));
        http.Get("/api/ties", guarded([this](const httplib::Request&, httplib::Response& res) {
            json out = json::array();
            for (const StoredTie& t : store.ties()) out.push_back(tie_json(t));
            send_json(res, out);
        }));
        http.Post("/api/ties", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const json body = body_object(req, {"source", "target", "type", "weight"});
            NewTie tie{text_field(body, "source", true), text_field(body, "target", true), text_field(body, "type", true), 1.0};
            if (body.contains("weight")) {
                if (!body["weight"].is_number()) throw ApiError{400, "weight must be a positive number", "weight"};
                tie.weight = body["weight"].get<double>();
            }
            const EditResult r = store.add_tie(tie, editor(req));
            published(r);
            send_json(res, tie_json(*r.tie), 201);
        }));
        http.Delete(R"(/api/ties/([^/]*))", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const std::string text = req.matches[1];
            std::int64_t id = 0;
            const bool number = !text.empty() && text.size() <= 18 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
            if (number) id = std::stoll(text);
            if (!number || id == 0) throw ApiError{404, "there is no tie '" + text + "'", "id"};
            const EditResult r = store.remove_tie(id, editor(req));
            published(r);
            json out = tie_json(*r.tie);
            out["removed"] = true;
            send_json(res, out);
        }));
        http.Post("/api/people", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const json body = body_object(req, {"id", "name", "role", "school"});
            NewPerson p{text_field(body, "id", true), text_field(body, "name", false), text_field(body, "role", false, "school_leader"),
                        text_field(body, "school", false)};
            const EditResult r = store.add_person(p, editor(req));
            published(r);
            send_json(res, r.edit.detail["person"], 201);
        }));
        http.Post("/api/schools", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const json body = body_object(req, {"id", "name"});
            const EditResult r = store.add_school({text_field(body, "id", true), text_field(body, "name", false)}, editor(req));
            published(r);
            send_json(res, r.edit.detail["school"], 201);
        }));
        http.Get("/api/meetings", guarded([this](const httplib::Request&, httplib::Response& res) {
            json out = json::array();
            for (const Meeting& m : store.meetings()) out.push_back({{"id", m.id}, {"label", m.label}, {"started", m.started}});
            send_json(res, out);
        }));
        http.Post("/api/meetings", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const json body = body_object(req, {"label"});
            const EditResult r = store.start_meeting(text_field(body, "label", true), editor(req));
            published(r);
            const Meeting m = store.current_meeting();
            send_json(res, {{"id", m.id}, {"label", m.label}, {"started", m.started}}, 201);
        }));
        http.Post("/api/undo", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const json body = body_object(req, {"edit"});
            std::int64_t edit = 0;
            if (body.contains("edit")) {
                if (!body["edit"].is_number_integer() || body["edit"].get<std::int64_t>() <= 0)
                    throw ApiError{400, "edit must be an edit id (a positive whole number)", "edit"};
                edit = body["edit"].get<std::int64_t>();
            }
            const EditResult r = store.undo(edit, editor(req));
            published(r);
            json out{{"edit", edit_json(r.edit)}};
            if (r.tie) out["tie"] = tie_json(*r.tie), out["tie"]["removed"] = r.tie->removed;
            send_json(res, out);
        }));
        http.Get("/api/history", guarded([this](const httplib::Request& req, httplib::Response& res) {
            std::size_t limit = 50;
            if (req.has_param("limit")) {
                const std::string text = req.get_param_value("limit");
                if (text.empty() || text.size() > 4 || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
                    std::stoul(text) == 0 || std::stoul(text) > 1000)
                    throw ApiError{400, "limit must be a whole number from 1 to 1000", "limit"};
                limit = std::stoul(text);
            }
            json out = json::array();
            for (const EditRecord& e : store.history(limit)) out.push_back(edit_json(e));
            send_json(res, out);
        }));
        http.Get("/api/risk", guarded([this](const httplib::Request&, httplib::Response& res) {
            const std::int64_t wanted = store.version();
            std::unique_lock lock(event_mutex);
            if (!event_cv.wait_for(lock, std::chrono::seconds(10), [&] { return stopping || analysed >= wanted; }))
                throw ApiError{503, "the analysis of the latest edit is not ready yet; try again", "risk"};
            res.set_header("X-Staffnet-Version", std::to_string(analysed));
            res.set_content(risk_body, "application/json");
        }));
        http.Get("/api/map", guarded([this](const httplib::Request&, httplib::Response& res) {
            const std::int64_t wanted = store.version();
            std::unique_lock lock(event_mutex);
            if (!event_cv.wait_for(lock, std::chrono::seconds(10), [&] { return stopping || analysed >= wanted; }))
                throw ApiError{503, "the analysis of the latest edit is not ready yet; try again", "map"};
            res.set_content(map_body, "application/json");
        }));
        http.Post("/api/session", guarded([this](const httplib::Request& req, httplib::Response& res) {
            const json body = body_object(req, {"code"});
            if (code_required) {
                std::lock_guard lock(session_mutex);
                int& wrong = wrong_codes[req.remote_addr];
                if (wrong >= 10) throw ApiError{429, "too many wrong codes from this computer; restart the server for a new code", "code"};
                const std::string code = body.contains("code") && body["code"].is_string() ? body["code"].get<std::string>() : "";
                if (code.empty()) throw ApiError{400, "code is required", "code"};
                if (!same_text(code, options.access_code)) {
                    ++wrong;
                    throw ApiError{403, "wrong access code", "code"};
                }
            }
            const std::string token = random_token(32);
            std::string id = random_token(6);
            for (char& c : id)
                if (c == '+' || c == '/') c = 'x';
            {
                std::lock_guard lock(session_mutex);
                sessions.emplace(token, id);
            }
            res.set_header("Set-Cookie", std::string(session_cookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
            send_json(res, {{"session", id}});
        }));
        http.Get("/api/events", [this](const httplib::Request& req, httplib::Response& res) {
            if (++streams > options.max_streams) {
                --streams;
                return send_error(res, {503, "too many pages are open (" + std::to_string(options.max_streams) + ")", "events"});
            }
            std::int64_t last_edit = store.version();
            if (req.has_header("Last-Event-ID")) {
                try {
                    last_edit = std::stoll(req.get_header_value("Last-Event-ID"));
                } catch (const std::exception&) {
                }
            }
            auto state = std::make_shared<std::pair<std::int64_t, std::int64_t>>(last_edit, -1);  // edit sent, analysis sent
            res.set_header("Cache-Control", "no-store");
            // httplib 0.11 would gzip a text/* stream, holding events back in the compressor until
            // its buffer fills: answer this request uncompressed. (The request is httplib's own
            // mutable object, handed to handlers as const.)
            const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
            res.set_chunked_content_provider(
                "text/event-stream",
                [this, state](std::size_t, httplib::DataSink& sink) {
                    std::string out;
                    {
                        std::unique_lock lock(event_mutex);
                        const auto ready = [&] {
                            return stopping || analysed > state->second || (!events.empty() && events.back().first > state->first);
                        };
                        if (!event_cv.wait_for(lock, std::chrono::seconds(10), ready)) out = ": ping\n\n";
                        if (stopping) return false;
                        for (const auto& [id, text] : events)
                            if (id > state->first) out += text;
                        if (!events.empty()) state->first = std::max(state->first, events.back().first);
                        if (analysed > state->second) {
                            state->second = analysed;
                            out += "event: analysis\ndata: {\"version\":" + std::to_string(analysed) + "}\n\n";
                        }
                    }
                    return sink.is_writable() && sink.write(out.data(), out.size());
                },
                [this](bool) { --streams; });
        });
        // Static files: only the compiled-in assets.
        http.Get("/(.*)", [](const httplib::Request& req, httplib::Response& res) {
            const std::string path = req.matches[1];
            const AppAsset* asset = path.empty() ? app_asset("serve/index.html")
                                    : path.rfind("lib/", 0) == 0 ? app_asset(path)
                                                                 : app_asset("serve/" + path);
            if (path.rfind("api/", 0) == 0 || !asset) return send_error(res, {404, "there is nothing at /" + path, "path"});
            res.set_header("Cache-Control", "no-cache");
            res.set_header("X-Content-Type-Options", "nosniff");
            res.set_header("Content-Security-Policy",
                           "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
            res.set_content(asset->body, asset->content_type);
        });
        const auto unknown = [](const httplib::Request& req, httplib::Response& res) {
            send_error(res, {404, "there is no " + req.method + " " + req.path, "path"});
        };
        http.Post("/(.*)", unknown);
        http.Delete("/(.*)", unknown);
        http.Put("/(.*)", unknown);
        http.Patch("/(.*)", unknown);
        http.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty()) return;
            if (res.status == 413)
                send_error(res, {413, "the request body is larger than " + std::to_string(options.max_body) + " bytes", "body"});
            else
                send_error(res, {res.status, "the request was refused (HTTP " + std::to_string(res.status) + ")", "request"});
        });
    }
};

Server::Server(Store& store, AnalysisConfig config, ServerOptions options)
    : impl_(std::make_unique<Impl>(store, std::move(config), std::move(options))) {
    Impl& s = *impl_;
    s.http.new_task_queue = [&s] { return new CountingPool(s.options.max_streams + 16, s.connections); };
    s.http.set_payload_max_length(s.options.max_body);
    s.http.set_read_timeout(5, 0);
    s.http.set_write_timeout(5, 0);
    s.http.set_keep_alive_timeout(5);
    s.http.set_keep_alive_max_count(1000);
    s.http.set_pre_routing_handler([&s](const httplib::Request& req, httplib::Response& res) {
        return s.refuse(req, res) ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
    });
    s.http.set_default_headers({{"X-Frame-Options", "DENY"}, {"Referrer-Policy", "no-referrer"}});
    s.routes();
}

Server::~Server() {
    stop();
    if (impl_->analyser.joinable()) impl_->analyser.join();
}

int Server::bind() {
    Impl& s = *impl_;
    if (s.options.port == 0) s.port = s.http.bind_to_any_port(s.options.host);
    else s.port = s.http.bind_to_port(s.options.host, s.options.port) ? s.options.port : -1;
    if (s.port <= 0)
        throw std::runtime_error("cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
                                 " (in use, or not an address of this computer); choose another with --port or --host");
    s.analyse_now();
    s.analyser = std::thread([&s] { s.analysis_loop(); });
    return s.port;
}

void Server::run() {
    impl_->running = true;
    if (!impl_->stopping) impl_->http.listen_after_bind();
    impl_->running = false;
}

void Server::stop() {
    Impl& s = *impl_;
    {
        std::lock_guard lock(s.event_mutex);
        s.stopping = true;
    }
    s.event_cv.notify_all();
    s.work_cv.notify_all();
    // run() may be between its check of `stopping` and listening: wait for it to listen.
    for (int i = 0; i < 1000 && s.running && !s.http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    s.http.stop();
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
    const std::string& host = impl_->options.host;
    const std::string shown = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host;
    return "http://" + (shown.find(':') != std::string::npos ? "[" + shown + "]" : shown) + ":" + std::to_string(impl_->port) + "/";
}

bool Server::requires_code() const { return impl_->code_required; }
const std::string& Server::access_code() const { return impl_->options.access_code; }

}  // namespace staffnet
