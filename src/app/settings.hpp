#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/case_facts.hpp"
#include "domain/early_warning.hpp"
#include "domain/risk.hpp"
#include "domain/signal_deadline.hpp"
#include "domain/visit_schedule.hpp"
#include "domain/matching.hpp"
#include "domain/volunteer.hpp"
#include "util/password.hpp"
#include "util/time_zone.hpp"

namespace patronage::app {

// SPEC §11: sessions expire, logins are rate-limited. Defaults are the
// production values; the config file may change them.
struct AuthSettings {
  std::chrono::seconds idle_timeout{std::chrono::minutes{30}};
  std::chrono::seconds absolute_timeout{std::chrono::hours{12}};
  // At most this often a request writes the session's last_seen_at; never
  // less often than a third of the idle timeout (see authenticate).
  std::chrono::seconds touch_interval{std::chrono::seconds{60}};
  // Attempts (reserved before the password is checked) after which the
  // account is locked for `lockout`; a success clears the count.
  int account_max_failures = 5;
  // Failures from one client address (any accounts) after which its sign-ins
  // are slowed down: each waits `address_delay_step` doubled per further
  // failure, at most `address_max_delay`. An address is never refused, so a
  // right password from a shared address (a proxy, an office) still signs in.
  int address_max_failures = 20;
  std::chrono::milliseconds address_delay_step{250};
  std::chrono::milliseconds address_max_delay{std::chrono::seconds{5}};
  std::chrono::seconds failure_window{std::chrono::minutes{15}};
  std::chrono::seconds lockout{std::chrono::minutes{15}};
  size_t password_min_length = 10;
  // The current argon2id cost: new hashes use it, and a stored hash of a
  // different cost is replaced at the next successful sign-in.
  util::PasswordCost password_cost;
};

// Documents attached to a record (a scanned consent).
struct DocumentSettings {
  size_t max_bytes = size_t{5} << 20;
};

// SPEC §5, §7, §10: how scores become a risk level, when a worse assessment
// warns, and when a plan is reviewed by default.
struct AssessmentSettings {
  domain::RiskSettings risk;
  domain::EarlyWarningSettings warnings;
  int plan_review_months = 3;
};

// SPEC §3, §10: how far ahead the work list looks ("warns a month before any term ends").
struct WorkListHorizon {
  std::chrono::days visits{7};
  std::chrono::days measures{7};
  std::chrono::days plan_reviews{31};
  std::chrono::days consents{31};
  std::chrono::days terms{31}; // the planned end of patronage and the end of supervision
};

// One configuration key as it is in effect, for the admin's read-only view (GET /api/v1/settings). Values are
// TOML literals; sensitive values are masked. `source`: "default", "file", "env" or "flag".
struct SettingEntry {
  std::string key;
  std::string value;
  std::string default_value;
  std::string source;
};

struct Settings {
  AuthSettings auth;
  domain::LifecycleSettings lifecycle;
  domain::SignalSettings signals;
  DocumentSettings documents;
  domain::ScheduleSettings schedule; // SPEC §8: visit rates
  domain::VolunteerSettings volunteers;
  domain::MatchSettings matching;
  AssessmentSettings assessment;
  WorkListHorizon worklist;
  // Where the service works: "today" for dates that may not lie in the future, and the day of a timestamp.
  util::TimeZone time_zone;
  // Every configuration key with its value and source, filled by the configuration loader; settings are global
  // to the deployment (one set for every unit).
  std::vector<SettingEntry> listing;
};

} // namespace patronage::app
