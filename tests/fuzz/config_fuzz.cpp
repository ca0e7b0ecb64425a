// libFuzzer harness: the YAML config (the reader is in fuzz/targets.cpp; run with tests/fuzz/run.sh).
// seeds: tests/config/fixtures/*.yaml tests/cli/fixtures/*.yaml tests/io/fixtures/sheets/config.yaml examples/district/config.yaml tests/bad-inputs/*.yaml
#include "fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return staffnet::fuzz::run("config", data, size);
}
