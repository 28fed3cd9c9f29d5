#pragma once

#include "app/context.hpp"
#include "util/error.hpp"

#include <functional>
#include <string>
#include <vector>

namespace patronage::demo {

struct Account {
  std::string login;
  std::string password;
  std::string role;
  std::string full_name;
};

// The demo accounts `load` creates (their passwords are public: demo only).
const std::vector<Account>& accounts();

// Loads a realistic demo service: a region, an institution, departments, one user per role, and the families,
// casework and network of families.hpp, casework.hpp and network.hpp. Returns false without changes when the
// database already has users. `hash` turns a password into its stored hash.
util::Result<bool> load(const app::Services& services, const std::function<std::string(const std::string&)>& hash);

} // namespace patronage::demo
