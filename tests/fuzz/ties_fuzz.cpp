// libFuzzer harness: ties.csv, against the people of tests/io/fixtures/people.csv (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/fixtures/ties*.csv tests/bad-inputs/ties*.csv
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("ties", data, size);
}
