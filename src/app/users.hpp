#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "storage/users.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct NewUser {
  std::string login;
  std::string full_name;
  std::string role;
  std::string unit_id;
  std::string password_hash; // already hashed off the request thread
};

// Admins create users in their subtree. Field errors for a bad login, name,
// role or unit; "user.login_taken" on "login" when the login exists.
util::Result<storage::UserRecord> create_user(const Services& services, const Actor& actor, const RequestMeta& meta,
                                              const NewUser& input);

// The users `actor` may see (user_read), ordered by login.
util::Result<std::vector<storage::UserRecord>> list_users(const Services& services, const Actor& actor,
                                                          const RequestMeta& meta);

// 404 when the user does not exist or lies outside what `actor` may see.
util::Result<storage::UserRecord> get_user(const Services& services, const Actor& actor, const RequestMeta& meta,
                                           const std::string& id);
util::Result<storage::UserRecord> get_user_by_login(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::string& login);

// Whether `actor` manages accounts at all (403 otherwise). The HTTP layer asks
// before it spends a password hash on a request that would be refused.
util::Status check_may_create_users(const Actor& actor);
// The answer set_password would give on permission alone: 404 when the user
// lies outside what `actor` may see, 403 when they may not manage it.
util::Status check_may_manage_user(const Services& services, const Actor& actor, const std::string& id);

// Sets a new password hash and revokes the user's sessions.
util::Status set_password(const Services& services, const Actor& actor, const RequestMeta& meta,
                          const std::string& id, const std::string& password_hash);

// Disables the account (or enables it again) and revokes its sessions.
util::Status set_disabled(const Services& services, const Actor& actor, const RequestMeta& meta, const std::string& id,
                          bool disabled);

// Revokes every session of the user; returns how many.
util::Result<int> revoke_sessions(const Services& services, const Actor& actor, const RequestMeta& meta,
                                  const std::string& id);

} // namespace patronage::app
