// libFuzzer harness: UCINET DL (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/formats/fixtures/*.dl tests/io/formats/golden/*.dl tests/bad-inputs/*.dl
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("dl", data, size);
}
