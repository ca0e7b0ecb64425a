#pragma once
// The fuzz targets: one per input reader, each turning a file's bytes into a read. Shared by the
// libFuzzer harnesses (tests/fuzz/*_fuzz.cpp, built with -DSTAFFNET_FUZZ=ON by run.sh) and by the
// Catch2 test that replays every input the fuzzers once crashed on (tests/fuzz/regressions/).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace staffnet::fuzz {

struct Target {
    std::string name;       // harness <name>_fuzz, regressions in tests/fuzz/regressions/<name>/
    std::string file_name;  // what the input is called in diagnostics, such as people.csv
    void (*read)(const std::string& path, const std::string& text);  // path: `text` saved as file_name
};

/// Every fuzz target. This table is the only list of them.
const std::vector<Target>& targets();

/// The target called `name`; std::out_of_range when there is none.
const Target& target(const std::string& name);

/// What reading `text` gives: "accepted", or the InputError's diagnostics one per line as the CLI
/// prints them, the same on every machine (the input called target.file_name, fixtures tests/...).
/// Bad input may only raise InputError, and each diagnostic must name a file and say what is wrong
/// on one line of at most 2,000 bytes of UTF-8 without control characters; a broken diagnostic
/// throws std::logic_error. Any exception but InputError escapes, so that libFuzzer reports the
/// input as a crash.
std::string outcome(const Target& target, const std::string& text);

/// The libFuzzer entry for a target: outcome() on the bytes; always returns 0.
int run(const std::string& name, const std::uint8_t* data, std::size_t size);

}  // namespace staffnet::fuzz
