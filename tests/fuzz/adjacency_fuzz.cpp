// libFuzzer harness: adjacency-matrix CSV (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/formats/fixtures/*.adj.csv tests/io/formats/golden/*.adj.csv tests/bad-inputs/*.adj.csv
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("adjacency", data, size);
}
