// libFuzzer harness: schools.csv (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/fixtures/schools*.csv examples/district/schools.csv tests/bad-inputs/schools*.csv
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("schools", data, size);
}
