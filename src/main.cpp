#include "cli/cli.hpp"

int main(int argc, char** argv) { return patronage::cli::main(argc, argv); }
