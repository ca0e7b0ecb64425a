#pragma once
// What every bad-input test checks: staffnet exits 2, prints the diagnostics, and writes nothing.
#include "support/cli.hpp"
#include "support/graphs.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace staffnet::test {

/// tests/bad-inputs/<name>.
inline std::string bad_input(const std::string& name) { return fixture("bad-inputs/" + name); }

/// Runs `staffnet analyze CONFIG --out <a new folder>`, checks that it exits 2, prints nothing on
/// stdout, ends stderr with the "stopped" line and creates no folder; returns stderr without that line.
inline std::string refused(const std::string& config) {
    const std::filesystem::path out = std::filesystem::path(temp_dir("refused")) / "out";
    const Run r = run({"analyze", config, "--out", out.string()});
    CHECK(r.code == 2);
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(out));
    const std::string stopped = "staffnet: stopped; no output was written\n";
    REQUIRE(r.err.size() >= stopped.size());
    CHECK(r.err.substr(r.err.size() - stopped.size()) == stopped);
    return r.err.substr(0, r.err.size() - stopped.size());
}

/// A config in a fresh folder `name` naming these files (absolute paths; "" leaves a key out).
inline std::string config_for(const std::string& name, const std::string& people, const std::string& ties,
                              const std::string& schools = "") {
    const std::string path = temp_dir(name) + "/config.yaml";
    std::ofstream out(path);
    out << "data:\n  people: \"" << people << "\"\n  ties: \"" << ties << "\"\n";
    if (!schools.empty()) out << "  schools: \"" << schools << "\"\n";
    return path;
}

}  // namespace staffnet::test
