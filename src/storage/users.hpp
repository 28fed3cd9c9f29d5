#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/role.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

struct UserRecord {
  std::string id;
  std::string login;
  std::string full_name;
  domain::Role role = domain::Role::specialist;
  std::string unit_id;
  std::string unit_path; // filled on read from the user's unit
  std::string unit_name; // filled on read
  std::string password_hash;
  bool disabled = false;
  long long created_at = 0;
  long long updated_at = 0;
};

void insert_user(Tx& tx, const UserRecord& user);
std::optional<UserRecord> find_user(Tx& tx, const std::string& id);
std::optional<UserRecord> find_user_by_login(Tx& tx, const std::string& login);
// Users whose unit lies under `unit_path_prefix`, ordered by login.
std::vector<UserRecord> list_users_under(Tx& tx, const std::string& unit_path_prefix);
int count_users(Tx& tx);
void update_password_hash(Tx& tx, const std::string& user_id, const std::string& hash, long long at);
// Replaces the hash only while it is still `old_hash` (a rehash at sign-in must
// not undo a password changed meanwhile); true when replaced. `updated_at` stays:
// the password is the same.
bool replace_password_hash(Tx& tx, const std::string& user_id, const std::string& old_hash,
                           const std::string& new_hash);
void set_user_disabled(Tx& tx, const std::string& user_id, bool disabled, long long at);

} // namespace patronage::storage
