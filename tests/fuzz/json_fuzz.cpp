// libFuzzer harness: JSON node-link (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/formats/fixtures/*.json tests/io/formats/golden/*.json tests/bad-inputs/*.json
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("json", data, size);
}
