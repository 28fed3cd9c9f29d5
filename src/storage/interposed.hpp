#pragma once

#include <dlfcn.h>

#include <cstdlib>
#include <string_view>

namespace patronage::storage {

// What the two statement caches (sqlite/statement_cache.cpp, postgres/statement_cache.cpp) share: each defines a
// driver library's functions ahead of it in symbol lookup, and needs the library's own definitions, a switch read
// from the environment, and whether a call comes from SOCI's backend for that library.

// The definition of `name` behind the process's own (the driver library's). Aborts when there is none: the driver
// is not in the process, and nothing could work.
template <typename Fn> Fn next_definition(const char* name) {
  void* found = dlsym(RTLD_NEXT, name);
  if (found == nullptr) {
    std::abort();
  }
  return reinterpret_cast<Fn>(found);
}

// True unless the environment variable is "0".
inline bool switched_on_by_environment(const char* variable) {
  const char* value = std::getenv(variable);
  return value == nullptr || std::string_view(value) != "0";
}

// The load address of the shared library exporting `symbol`, or null.
inline const void* library_base_of(const char* symbol) {
  const void* exported = dlsym(RTLD_DEFAULT, symbol);
  Dl_info info{};
  return exported != nullptr && dladdr(exported, &info) != 0 ? info.dli_fbase : nullptr;
}

// The last answer of `is_code_of`, kept per thread by its caller: a backend calls from one or two places, and
// dladdr is not cheap.
struct LastCaller {
  const void* caller = nullptr;
  bool answer = false;
};

// True when `caller` is code of the library loaded at `library_base`.
inline bool is_code_of(const void* library_base, const void* caller, LastCaller& last) {
  if (caller != last.caller) {
    Dl_info info{};
    last.answer = library_base != nullptr && dladdr(caller, &info) != 0 && info.dli_fbase == library_base;
    last.caller = caller;
  }
  return last.answer;
}

} // namespace patronage::storage
