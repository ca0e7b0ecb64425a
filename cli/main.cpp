#include "cli/commands.hpp"

int main(int argc, char** argv) { return staffnet::run_cli(argc, argv); }
