#include "storage/users.hpp"

#include <soci/soci.h>

namespace patronage::storage {
namespace {

constexpr auto k_select_users =
    "SELECT u.id, u.login, u.full_name, u.role, u.unit_id, n.path, n.name, u.password_hash, "
    "u.disabled, u.created_at, u.updated_at FROM users u JOIN units n ON n.id = u.unit_id ";

struct UserRow {
  UserRecord user;
  std::string role;
  int disabled = 0;

  template <typename Target> void bind(Target& target) {
    target, soci::into(user.id), soci::into(user.login), soci::into(user.full_name), soci::into(role),
        soci::into(user.unit_id), soci::into(user.unit_path), soci::into(user.unit_name),
        soci::into(user.password_hash), soci::into(disabled), soci::into(user.created_at),
        soci::into(user.updated_at);
  }

  UserRecord take() {
    user.role = domain::parse_role(role).value_or(domain::Role::volunteer);
    user.disabled = disabled != 0;
    return user;
  }
};

std::optional<UserRecord> find_one(Tx& tx, const std::string& where, const std::string& value) {
  UserRow row;
  auto prepared = (tx.sql().prepare << std::string(k_select_users) + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  if (!st.fetch()) {
    return std::nullopt;
  }
  return row.take();
}

} // namespace

void insert_user(Tx& tx, const UserRecord& user) {
  const std::string role(domain::to_string(user.role));
  const int disabled = user.disabled ? 1 : 0;
  tx.sql() << "INSERT INTO users (id, login, full_name, role, unit_id, password_hash, disabled, created_at, "
              "updated_at) VALUES (:id, :login, :name, :role, :unit, :hash, :disabled, :created, :updated)",
      soci::use(user.id), soci::use(user.login), soci::use(user.full_name), soci::use(role), soci::use(user.unit_id),
      soci::use(user.password_hash), soci::use(disabled), soci::use(user.created_at), soci::use(user.updated_at);
}

std::optional<UserRecord> find_user(Tx& tx, const std::string& id) { return find_one(tx, "WHERE u.id = :v", id); }

std::optional<UserRecord> find_user_by_login(Tx& tx, const std::string& login) {
  return find_one(tx, "WHERE u.login = :v", login);
}

std::vector<UserRecord> list_users_under(Tx& tx, const std::string& unit_path_prefix) {
  UserRow row;
  std::string pattern = unit_path_prefix + "%";
  auto prepared =
      (tx.sql().prepare << std::string(k_select_users) + "WHERE n.path LIKE :p ORDER BY u.login", soci::use(pattern));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<UserRecord> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

int count_users(Tx& tx) {
  int count = 0;
  tx.sql() << "SELECT COUNT(*) FROM users", soci::into(count);
  return count;
}

void update_password_hash(Tx& tx, const std::string& user_id, const std::string& hash, long long at) {
  tx.sql() << "UPDATE users SET password_hash = :h, updated_at = :t WHERE id = :id", soci::use(hash), soci::use(at),
      soci::use(user_id);
}

bool replace_password_hash(Tx& tx, const std::string& user_id, const std::string& old_hash,
                           const std::string& new_hash) {
  soci::statement st = (tx.sql().prepare << "UPDATE users SET password_hash = :new WHERE id = :id AND "
                                            "password_hash = :old",
                        soci::use(new_hash), soci::use(user_id), soci::use(old_hash));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

void set_user_disabled(Tx& tx, const std::string& user_id, bool disabled, long long at) {
  const int flag = disabled ? 1 : 0;
  tx.sql() << "UPDATE users SET disabled = :d, updated_at = :t WHERE id = :id", soci::use(flag), soci::use(at),
      soci::use(user_id);
}

} // namespace patronage::storage
