// libFuzzer harness: GraphML (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/formats/fixtures/*.graphml tests/io/formats/golden/*.graphml tests/bad-inputs/*.graphml
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("graphml", data, size);
}
