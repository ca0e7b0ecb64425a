// libFuzzer harness: Pajek .net (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/formats/fixtures/*.net tests/io/formats/golden/*.net tests/bad-inputs/*.net
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("pajek", data, size);
}
