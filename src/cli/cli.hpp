#pragma once

namespace patronage::cli {

// The `patronage` command line: parses `argv`, runs one command, returns the
// process exit code (0 on success, 1 on a failure it explains on stderr,
// 2 on a usage error).
int main(int argc, char** argv);

} // namespace patronage::cli
