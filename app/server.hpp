#pragma once
// The web server of `staffnet serve` (cpp-httplib): the JSON API, the live event stream, the
// compiled-in page, access codes and sessions, and the live analysis re-run after each edit.
#include "app/store.hpp"
#include "config/analysis.hpp"

#include <cstddef>
#include <memory>
#include <string>

namespace staffnet {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;                       // 0: any free port (tests)
    std::size_t max_body = 64 * 1024;      // bytes of a request body
    std::size_t max_connections = 64;      // connections served at once; more get 503
    std::size_t max_streams = 32;          // open event streams (pages); more get 503
    std::string access_code;               // for a non-loopback host; "" = generate one
    bool require_code = false;             // require the code on a loopback host too (tests)
};

/// True for 127.0.0.0/8, ::1 and localhost: only this machine can connect.
bool is_loopback(const std::string& host);

/// `bytes` random bytes (OpenSSL RAND_bytes) as base64 (EVP), for session tokens.
std::string random_token(std::size_t bytes);

/// An access code of 8 letters and digits without look-alikes (0/O, 1/I), from RAND_bytes.
std::string random_access_code();

class Server {
public:
    /// Serves `store` with the analysis settings of `config`. A non-loopback host requires an
    /// access code (options.access_code, or a random one).
    Server(Store& store, AnalysisConfig config, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Binds the address and computes the first analysis; returns the port. Throws
    /// std::runtime_error when the address cannot be bound.
    int bind();
    /// Serves until stop(); call bind() first.
    void run();
    /// Stops serving (thread-safe; from a signal thread or a test).
    void stop();

    int port() const;
    std::string url() const;
    bool requires_code() const;
    const std::string& access_code() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace staffnet
