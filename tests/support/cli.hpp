#pragma once
// Running the staffnet command line in-process, as a user would, for CLI tests.
#include <string>
#include <vector>

namespace staffnet::test {

struct Run {
    int code = 0;
    std::string out, err;
};

/// Runs `staffnet args...` through run_cli with std::cout and std::cerr captured.
Run run(std::vector<std::string> args);

}  // namespace staffnet::test
