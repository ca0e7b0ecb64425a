// libFuzzer harness: the meeting worksheet, against the district of tests/io/fixtures/sheets/ (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/io/fixtures/sheets/*.csv
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("sheet", data, size);
}
