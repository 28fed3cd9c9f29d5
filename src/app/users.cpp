#include "app/users.hpp"

#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/clock.hpp"
#include "storage/sessions.hpp"
#include "storage/units.hpp"
#include "util/crypto.hpp"

namespace patronage::app {
namespace {

constexpr size_t k_min_login = 3;
constexpr size_t k_max_login = 64;
constexpr size_t k_max_full_name = 200;

bool valid_login(const std::string& login) {
  return login.size() >= k_min_login && login.size() <= k_max_login &&
         std::all_of(login.begin(), login.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
         });
}

domain::Resource resource_of(const storage::UserRecord& user) { return {user.unit_path, user.id}; }

// Loads a user `actor` may act on with `action`; 404 otherwise, so that
// ids outside one's reach cannot be probed.
util::Result<storage::UserRecord> load_user(storage::Tx& tx, const Actor& actor, const std::string& id,
                                            domain::Action action) {
  auto user = storage::find_user(tx, id);
  if (!user || !domain::can(actor.subject(), domain::Action::user_read, resource_of(*user))) {
    return util::fail(util::Error::not_found("user.not_found"));
  }
  if (!domain::can(actor.subject(), action, resource_of(*user))) {
    return util::fail(util::Error::forbidden());
  }
  return *user;
}

} // namespace

util::Status check_may_create_users(const Actor& actor) {
  if (!domain::can(actor.subject(), domain::Action::user_manage, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  return {};
}

util::Status check_may_manage_user(const Services& services, const Actor& actor, const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    auto user = load_user(tx, actor, id, domain::Action::user_manage);
    if (!user) {
      return util::fail(user.error());
    }
    return {};
  });
}

util::Result<storage::UserRecord> create_user(const Services& services, const Actor& actor, const RequestMeta& meta,
                                              const NewUser& input) {
  if (auto may = check_may_create_users(actor); !may) {
    return util::fail(may.error());
  }
  std::vector<util::FieldError> fields;
  if (!valid_login(input.login)) {
    fields.push_back({"login", "user.login_invalid"});
  }
  if (input.full_name.empty() || input.full_name.size() > k_max_full_name) {
    fields.push_back({"full_name", input.full_name.empty() ? "validation.required" : "validation.too_long"});
  }
  const auto role = domain::parse_role(input.role);
  if (!role) {
    fields.push_back({"role", "user.role_invalid"});
  }
  if (input.unit_id.empty()) {
    fields.push_back({"unit_id", "validation.required"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::UserRecord> {
    auto unit = storage::find_unit(tx, input.unit_id);
    if (!unit || !domain::can(actor.subject(), domain::Action::unit_read, {unit->path, ""})) {
      return util::fail(util::Error::field("unit_id", "unit.not_found"));
    }
    if (!domain::can(actor.subject(), domain::Action::user_manage, {unit->path, ""})) {
      return util::fail(util::Error::forbidden());
    }
    if (storage::find_user_by_login(tx, input.login)) {
      return util::fail(util::Error::field("login", "user.login_taken"));
    }
    const long long now = now_of(services);
    storage::UserRecord user{util::random_id(), input.login, input.full_name, *role, unit->id, unit->path,
                             unit->name,        input.password_hash, false,        now,       now};
    storage::insert_user(tx, user);
    audit(tx, services, actor.id, meta, "user.create", "user", user.id, {{"role", input.role}, {"unit_id", unit->id}});
    return user;
  });
}

util::Result<std::vector<storage::UserRecord>> list_users(const Services& services, const Actor& actor,
                                                          const RequestMeta& meta) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::UserRecord>> {
    auto users = storage::list_users_under(tx, actor.unit_path);
    std::erase_if(users, [&](const storage::UserRecord& u) {
      return !domain::can(actor.subject(), domain::Action::user_read, resource_of(u));
    });
    audit(tx, services, actor.id, meta, "user.list", "user", "", {{"count", users.size()}});
    return users;
  });
}

util::Result<storage::UserRecord> get_user(const Services& services, const Actor& actor, const RequestMeta& meta,
                                           const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::UserRecord> {
    auto user = load_user(tx, actor, id, domain::Action::user_read);
    if (user) {
      audit(tx, services, actor.id, meta, "user.read", "user", user->id);
    }
    return user;
  });
}

util::Result<storage::UserRecord> get_user_by_login(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::string& login) {
  auto id = services.db.transact([&](storage::Tx& tx) -> util::Result<std::string> {
    auto user = storage::find_user_by_login(tx, login);
    if (!user) {
      return util::fail(util::Error::not_found("user.not_found"));
    }
    return user->id;
  });
  if (!id) {
    return util::fail(id.error());
  }
  return get_user(services, actor, meta, *id);
}

util::Status set_password(const Services& services, const Actor& actor, const RequestMeta& meta,
                          const std::string& id, const std::string& password_hash) {
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    auto user = load_user(tx, actor, id, domain::Action::user_manage);
    if (!user) {
      return util::fail(user.error());
    }
    const long long now = now_of(services);
    storage::update_password_hash(tx, id, password_hash, now);
    storage::revoke_user_sessions(tx, id, now);
    audit(tx, services, actor.id, meta, "user.password_set", "user", id);
    return {};
  });
}

util::Status set_disabled(const Services& services, const Actor& actor, const RequestMeta& meta, const std::string& id,
                          bool disabled) {
  if (id == actor.id) {
    return util::fail(util::Error::conflict("user.cannot_disable_self"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    auto user = load_user(tx, actor, id, domain::Action::user_manage);
    if (!user) {
      return util::fail(user.error());
    }
    const long long now = now_of(services);
    storage::set_user_disabled(tx, id, disabled, now);
    storage::revoke_user_sessions(tx, id, now);
    audit(tx, services, actor.id, meta, disabled ? "user.disable" : "user.enable", "user", id);
    return {};
  });
}

util::Result<int> revoke_sessions(const Services& services, const Actor& actor, const RequestMeta& meta,
                                  const std::string& id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<int> {
    auto user = load_user(tx, actor, id, domain::Action::user_manage);
    if (!user) {
      return util::fail(user.error());
    }
    const int revoked = storage::revoke_user_sessions(tx, id, now_of(services));
    audit(tx, services, actor.id, meta, "user.sessions_revoke", "user", id, {{"count", revoked}});
    return revoked;
  });
}

} // namespace patronage::app
