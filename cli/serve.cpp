#include "app/server.hpp"
#include "app/store.hpp"
#include "cli/commands.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

extern char** environ;

namespace staffnet {

namespace {

struct ServeArgs {
    std::string config;
    std::string db;
    std::string host = "127.0.0.1";
    int port = 8080;
    bool no_browser = false;
};

// Opens `url` in the default browser (xdg-open), without waiting for it.
void open_browser(const std::string& url) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const char* argv[] = {"xdg-open", url.c_str(), nullptr};
    if (posix_spawnp(&pid, "xdg-open", &actions, nullptr, const_cast<char* const*>(argv), environ) != 0)
        std::cout << "(could not start a browser with xdg-open; open the address above)\n";
    posix_spawn_file_actions_destroy(&actions);
}

void serve(const ServeArgs& args) {
    const AnalysisConfig config = load_analysis(args.config.empty() ? default_config() : args.config);
    std::string db = args.db;
    if (db.empty())
        db = !config.database.empty() ? config.database
                                      : (std::filesystem::path(config.file).parent_path() / "staffnet.db").string();
    if (args.port < 0 || args.port > 65535)
        throw InputError(Diagnostic{"--port", 0, 0, "port must be from 0 to 65535, got " + std::to_string(args.port), "for example --port 8080"});
    DatabaseLock lock(db);
    const bool created = !std::filesystem::exists(db);
    Store store(db, config);
    if (created) std::cout << "created " << db << " from " << config.file << "'s files\n";
    std::cout << "database: " << db << " (meeting '" << store.current_meeting().label << "', " << store.people().size() << " people, "
              << store.ties().size() << " ties)\n";

    // SIGINT and SIGTERM are taken by one thread with sigwait, which stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    ServerOptions options;
    options.host = args.host;
    options.port = args.port;
    Server server(store, config, options);
    server.bind();
    std::cout << "staffnet serve: " << server.url() << "  (Ctrl-C stops)\n";
    if (server.requires_code())
        std::cout << "access code: " << server.access_code() << "  (serving the local network: enter it once in each browser)\n";
    std::cout.flush();
    if (!args.no_browser) open_browser(server.url());
    std::thread waiter([&] {
        int signal = 0;
        sigwait(&signals, &signal);
        server.stop();
    });
    server.run();
    pthread_kill(waiter.native_handle(), SIGTERM);  // when run() ended for another reason
    waiter.join();
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    std::cout << "staffnet serve: stopped; every edit is in " << db << "\n";
}

}  // namespace

void add_serve_command(CLI::App& app) {
    auto args = std::make_shared<ServeArgs>();
    auto* cmd = app.add_subcommand("serve", "map connections live in a meeting: a local web page over an embedded database");
    cmd->add_option("config", args->config, "config.yaml (default: the bundled example district)");
    cmd->add_option("--db", args->db, "the database (default: data: database: of the config, else staffnet.db beside it)");
    cmd->add_option("--host", args->host, "address to listen on; any but a loopback one requires an access code")->capture_default_str();
    cmd->add_option("--port", args->port, "port (0: any free port)")->capture_default_str();
    cmd->add_flag("--no-browser", args->no_browser, "do not open the page in the default browser");
    cmd->callback([args] { serve(*args); });
}

}  // namespace staffnet
