#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct DemoAccount {
  std::string login;
  std::string password;
  std::string role;
  std::string full_name;
};

// The demo accounts `load_demo` creates (their passwords are public: demo only).
const std::vector<DemoAccount>& demo_accounts();

// Loads a realistic demo service: a region, an institution, departments and
// one user per role. Returns false without changes when the database already
// has users. `hash` turns a password into its stored hash.
util::Result<bool> load_demo(const Services& services, const std::function<std::string(const std::string&)>& hash);

} // namespace patronage::app
