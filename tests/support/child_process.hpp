#pragma once

// For the tests that run the real `patronage` binary as a child process.

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

namespace patronage::testing {

// The binary under test: $PATRONAGE_BIN, else <build>/patronage beside <build>/tests/<this executable>.
inline std::filesystem::path patronage_binary() {
  if (const char* env = std::getenv("PATRONAGE_BIN"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    return {};
  }
  return self.parent_path().parent_path() / "patronage";
}

// An argv or envp for exec: pointers into `items`, then a null pointer.
inline std::vector<char*> c_strings(std::vector<std::string>& items) {
  std::vector<char*> out;
  for (auto& item : items) {
    out.push_back(item.data());
  }
  out.push_back(nullptr);
  return out;
}

} // namespace patronage::testing
