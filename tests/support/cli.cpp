#include "support/cli.hpp"

#include "cli/commands.hpp"

#include <iostream>
#include <sstream>

namespace staffnet::test {

Run run(std::vector<std::string> args) {
    args.insert(args.begin(), "staffnet");
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    std::streambuf* const old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* const old_err = std::cerr.rdbuf(err.rdbuf());
    Run r;
    try {
        r.code = run_cli(int(argv.size()), argv.data());
    } catch (...) {
        std::cout.rdbuf(old_out);
        std::cerr.rdbuf(old_err);
        throw;
    }
    std::cout.rdbuf(old_out);
    std::cerr.rdbuf(old_err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace staffnet::test
