// libFuzzer harness: the plain edge list of staffnet metrics (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/fixtures/ties*.csv examples/district/ties.csv ../shared/data/*/ties.csv
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("edgelist", data, size);
}
