// libFuzzer harness: people.csv (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/fixtures/people*.csv tests/io/fixtures/sheets/people.csv examples/district/people.csv ../shared/data/*/people.csv tests/bad-inputs/people*.csv
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("people", data, size);
}
