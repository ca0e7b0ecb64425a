// libFuzzer harness: GEXF (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/formats/fixtures/*.gexf tests/io/formats/golden/*.gexf tests/bad-inputs/*.gexf
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("gexf", data, size);
}
