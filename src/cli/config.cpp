#include "cli/config.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>
#include <type_traits>

#include <toml++/toml.h>

#include "domain/risk.hpp"
#include "http/client_address.hpp"
#include "storage/database_url.hpp"
#include "util/time.hpp"
#include "util/time_zone.hpp"

namespace patronage::cli {
namespace {

using Check = std::function<util::Status(const Config&)>;

// One configuration key: what it is, how a TOML value is read into Config (checked), how it is printed.
struct Key {
  ConfigKeyInfo info;
  bool text = false; // an environment or flag value is the string itself, not a TOML literal
  std::function<util::Status(const toml::node&, Config&)> read;
  std::function<std::string(const Config&)> show;
};

Key make_key(ConfigKeyInfo info, bool text = false) {
  Key k;
  k.info = info;
  k.text = text;
  return k;
}

util::Error bad(std::string_view key, std::string reason) {
  return util::Error::invalid("config.invalid", {{std::string(key), std::move(reason)}});
}

template <typename T> std::string literal(const T& value) {
  std::ostringstream out;
  out << toml::value<T>(value);
  return out.str();
}

std::string quoted(const std::string& text) { return literal(text); }

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    out += (out.empty() ? "" : std::string(separator)) + item;
  }
  return out;
}

// A TOML integer in [min, max], else the key's type or range error.
util::Result<long long> integer_in_range(const toml::node& node, std::string_view key, long long min, long long max) {
  if (!node.is_integer()) {
    return util::fail(bad(key, "config.type_integer"));
  }
  const auto value = node.as_integer()->get();
  if (value < min || value > max) {
    return util::fail(
        bad(key, "config.out_of_range").with("min", std::to_string(min)).with("max", std::to_string(max)));
  }
  return value;
}

// An integer key in [min, max]; `field(config)` is the member it sets, of any integral type.
template <typename Field>
Key key_int(std::string_view key, long long min, long long max, Field field, std::string_view meaning,
            std::string_view env = {}) {
  Key k = make_key({key, env, meaning, false});
  k.read = [key, min, max, field](const toml::node& node, Config& config) -> util::Status {
    const auto value = integer_in_range(node, key, min, max);
    if (!value) {
      return util::fail(value.error());
    }
    auto& out = field(config);
    out = static_cast<std::remove_cvref_t<decltype(out)>>(*value);
    return {};
  };
  k.show = [field](const Config& config) { return std::to_string(field(config)); };
  return k;
}

// A duration given as a whole number of `Unit`s in [min, max]; `field(config)` is a std::chrono duration.
template <typename Unit, typename Field>
Key key_duration(std::string_view key, long long min, long long max, Field field, std::string_view meaning) {
  Key k = make_key({key, {}, meaning, false});
  k.read = [key, min, max, field](const toml::node& node, Config& config) -> util::Status {
    const auto value = integer_in_range(node, key, min, max);
    if (!value) {
      return util::fail(value.error());
    }
    auto& out = field(config);
    out = std::chrono::duration_cast<std::remove_cvref_t<decltype(out)>>(Unit{*value});
    return {};
  };
  k.show = [field](const Config& config) {
    return std::to_string(std::chrono::duration_cast<Unit>(field(config)).count());
  };
  return k;
}

// Seconds as a whole or decimal number in [0, max]; `field(config)` is std::chrono::milliseconds.
template <typename Field>
Key key_seconds(std::string_view key, double max, Field field, std::string_view meaning) {
  Key k = make_key({key, {}, meaning, false});
  k.read = [key, max, field](const toml::node& node, Config& config) -> util::Status {
    const auto value = node.value<double>();
    if (!value || (!node.is_integer() && !node.is_floating_point())) {
      return util::fail(bad(key, "config.type_number"));
    }
    if (!(*value >= 0 && *value <= max)) { // NaN too
      return util::fail(bad(key, "config.out_of_range").with("min", "0").with("max", literal(max)));
    }
    field(config) = std::chrono::milliseconds{static_cast<long long>(*value * 1000)};
    return {};
  };
  k.show = [field](const Config& config) { return literal(static_cast<double>(field(config).count()) / 1000); };
  return k;
}

template <typename Field> Key key_bool(std::string_view key, Field field, std::string_view meaning) {
  Key k = make_key({key, {}, meaning, false});
  k.read = [key, field](const toml::node& node, Config& config) -> util::Status {
    if (!node.is_boolean()) {
      return util::fail(bad(key, "config.type_boolean"));
    }
    field(config) = node.as_boolean()->get();
    return {};
  };
  k.show = [field](const Config& config) { return field(config) ? std::string("true") : std::string("false"); };
  return k;
}

// A string key; `check` (may be empty) refuses a bad value with its own error.
template <typename Field>
Key key_text(std::string_view key, Field field, std::string_view meaning, std::string_view env = {},
             std::function<util::Status(std::string_view, const std::string&)> check = {}) {
  Key k = make_key({key, env, meaning, false}, true);
  k.read = [key, field, check](const toml::node& node, Config& config) -> util::Status {
    if (!node.is_string()) {
      return util::fail(bad(key, "config.type_string"));
    }
    const auto& value = node.as_string()->get();
    if (check) {
      if (auto ok = check(key, value); !ok) {
        return ok;
      }
    }
    field(config) = value;
    return {};
  };
  k.show = [field](const Config& config) { return quoted(field(config)); };
  return k;
}

std::function<util::Status(std::string_view, const std::string&)> one_of(std::vector<std::string> choices) {
  return [choices](std::string_view key, const std::string& value) -> util::Status {
    if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
      return util::fail(bad(key, "config.choice_invalid").with("choices", joined(choices, ", ")));
    }
    return {};
  };
}

util::Status database_url(std::string_view key, const std::string& value) {
  if (auto url = storage::parse_database_url(value); !url) {
    return util::fail(bad(key, "config.database_url_invalid"));
  }
  return {};
}

util::Status ip_address(std::string_view key, const std::string& value) {
  if (!http::parse_ip(value)) {
    return util::fail(bad(key, "config.trusted_proxy_invalid").with("value", value));
  }
  return {};
}

util::Status time_zone_name(std::string_view key, const std::string& value) {
  if (!value.empty() && !util::TimeZone::named(value)) {
    return util::fail(bad(key, "config.time_zone_unknown").with("value", value));
  }
  return {};
}

util::Status not_empty(std::string_view key, const std::string& value) {
  if (value.empty()) {
    return util::fail(bad(key, "config.type_string"));
  }
  return {};
}

// The items of a TOML array, each passed to `item` (which fails with the key's error); a non-array fails with
// `type_reason`.
util::Status each_item(const toml::node& node, std::string_view key, const char* type_reason,
                       const std::function<util::Status(const toml::node&)>& item) {
  const auto* array = node.as_array();
  if (array == nullptr) {
    return util::fail(bad(key, type_reason));
  }
  for (const auto& element : *array) {
    if (auto ok = item(element); !ok) {
      return ok;
    }
  }
  return {};
}

template <typename Field>
Key key_texts(std::string_view key, Field field, std::string_view meaning,
              std::function<util::Status(std::string_view, const std::string&)> check = {}) {
  Key k = make_key({key, {}, meaning, false});
  k.read = [key, field, check](const toml::node& node, Config& config) -> util::Status {
    std::vector<std::string> out;
    auto ok = each_item(node, key, "config.type_string_list", [&](const toml::node& item) -> util::Status {
      if (!item.is_string() || item.as_string()->get().empty()) {
        return util::fail(bad(key, "config.type_string_list"));
      }
      if (check) {
        if (auto checked = check(key, item.as_string()->get()); !checked) {
          return checked;
        }
      }
      out.push_back(item.as_string()->get());
      return {};
    });
    if (!ok) {
      return ok;
    }
    field(config) = std::move(out);
    return {};
  };
  k.show = [field](const Config& config) {
    std::vector<std::string> items;
    for (const auto& item : field(config)) {
      items.push_back(quoted(item));
    }
    return "[" + joined(items, ", ") + "]";
  };
  return k;
}

// Dates as TOML local dates (2026-01-07) or "YYYY-MM-DD" strings.
template <typename Field>
Key key_dates(std::string_view key, Field field, std::string_view meaning) {
  Key k = make_key({key, {}, meaning, false});
  k.read = [key, field](const toml::node& node, Config& config) -> util::Status {
    std::vector<util::Date> out;
    auto ok = each_item(node, key, "config.date_invalid", [&](const toml::node& item) -> util::Status {
      std::optional<util::Date> day;
      if (const auto* date = item.as_date()) {
        const auto& d = date->get();
        const std::chrono::year_month_day ymd{std::chrono::year{d.year}, std::chrono::month{d.month},
                                              std::chrono::day{d.day}};
        if (ymd.ok()) {
          day = util::Date{std::chrono::sys_days{ymd}};
        }
      } else if (item.is_string()) {
        day = util::parse_date(item.as_string()->get());
      }
      if (!day) {
        return util::fail(bad(key, "config.date_invalid"));
      }
      out.push_back(*day);
      return {};
    });
    if (!ok) {
      return ok;
    }
    std::sort(out.begin(), out.end());
    field(config) = std::move(out);
    return {};
  };
  k.show = [field](const Config& config) {
    std::vector<std::string> items;
    for (const auto& day : field(config)) {
      items.push_back(util::format_date(day));
    }
    return "[" + joined(items, ", ") + "]";
  };
  return k;
}

std::vector<std::string> risk_domain_names() {
  std::vector<std::string> out;
  for (const auto domain : domain::k_risk_domains) {
    out.emplace_back(domain::to_string(domain));
  }
  return out;
}

template <typename Field>
Key key_domains(std::string_view key, Field field, std::string_view meaning) {
  Key k = make_key({key, {}, meaning, false});
  k.read = [key, field](const toml::node& node, Config& config) -> util::Status {
    std::vector<domain::RiskDomain> out;
    auto ok = each_item(node, key, "config.type_string_list", [&](const toml::node& item) -> util::Status {
      const auto parsed = item.is_string() ? domain::parse_risk_domain(item.as_string()->get()) : std::nullopt;
      if (!parsed) {
        return util::fail(bad(key, "config.choice_invalid").with("choices", joined(risk_domain_names(), ", ")));
      }
      if (std::find(out.begin(), out.end(), *parsed) == out.end()) {
        out.push_back(*parsed);
      }
      return {};
    });
    if (!ok) {
      return ok;
    }
    field(config) = std::move(out);
    return {};
  };
  k.show = [field](const Config& config) {
    std::vector<std::string> items;
    for (const auto domain : field(config)) {
      items.push_back(quoted(std::string(domain::to_string(domain))));
    }
    return "[" + joined(items, ", ") + "]";
  };
  return k;
}

// Shorthands for the fields of Config; each works on a const and a mutable Config.
#define PATRONAGE_FIELD(path) [](auto& c) -> auto& { return c.path; }

// The configuration table: every key once, with its default (from the structs), meaning and check.
// SPEC §3-§10 rules cite their section; limits are broad sanity bounds, not policy.
// Each line names its key first; scripts/check-messages.py skips lines of these helpers.
const std::vector<Key>& keys() {
  using std::chrono::days;
  using std::chrono::hours;
  using std::chrono::minutes;
  constexpr long long k_large = 1'000'000;
  // clang-format off
  static const std::vector<Key> table = [] {
    std::vector<Key> t;
    // Server and storage.
    t.push_back(key_text("database", PATRONAGE_FIELD(database), "Database URL: sqlite:PATH or postgresql://user:password@host/db", "PATRONAGE_DATABASE", database_url));
    t.back().info.sensitive = true;
    t.push_back(key_text("log.level", PATRONAGE_FIELD(log_level), "Log level", "PATRONAGE_LOG_LEVEL", one_of({"trace", "debug", "info", "warn", "error", "critical", "off"})));
    t.push_back(key_text("server.listen", PATRONAGE_FIELD(server.address), "Address to listen on", "PATRONAGE_LISTEN", not_empty));
    t.push_back(key_int("server.port", 0, 65535, PATRONAGE_FIELD(server.port), "Port; 0 picks a free one", "PATRONAGE_PORT"));
    t.push_back(key_int("server.threads", 0, 1024, PATRONAGE_FIELD(server.threads), "Request threads; 0: one per core"));
    t.push_back(key_int("server.body_limit", 1024, 1LL << 30, PATRONAGE_FIELD(server.body_limit), "Body limit of ordinary JSON requests, bytes (sign-in, plans and scans have their own)"));
    t.push_back(key_text("server.web_root", PATRONAGE_FIELD(api.web_root), "Folder of the built web application", "PATRONAGE_WEB_ROOT"));
    t.push_back(key_bool("server.cookie_secure", PATRONAGE_FIELD(api.cookie_secure), "Mark the session cookie Secure (behind HTTPS)"));
    t.push_back(key_texts("server.trusted_proxies", PATRONAGE_FIELD(api.trusted_proxies), "Reverse proxies (IP addresses) whose X-Forwarded-For is believed", ip_address));
    t.push_back(key_text("server.time_zone", PATRONAGE_FIELD(time_zone), "Time zone of the service (IANA name, e.g. Europe/Moscow): which day is today for dates that may not lie in the future; empty: the machine's", "PATRONAGE_TIME_ZONE", time_zone_name));
    t.push_back(key_text("audit.key_file", PATRONAGE_FIELD(audit_key_file), "File of the audit log's MAC key; empty: beside the SQLite file or the config file", "PATRONAGE_AUDIT_KEY_FILE"));
    // SPEC §11: sessions expire, logins are rate-limited.
    t.push_back(key_duration<minutes>("auth.idle_timeout_minutes", 1, 7 * 24 * 60, PATRONAGE_FIELD(settings.auth.idle_timeout), "A session ends after this long without requests"));
    t.push_back(key_duration<hours>("auth.absolute_timeout_hours", 1, 24 * 30, PATRONAGE_FIELD(settings.auth.absolute_timeout), "A session ends this long after sign-in"));
    t.push_back(key_duration<minutes>("auth.lockout_minutes", 1, 24 * 60, PATRONAGE_FIELD(settings.auth.lockout), "How long sign-in stays locked after too many failures"));
    t.push_back(key_duration<minutes>("auth.failure_window_minutes", 1, 24 * 60, PATRONAGE_FIELD(settings.auth.failure_window), "Failed sign-ins are counted over this window"));
    t.push_back(key_int("auth.account_max_failures", 1, 1000, PATRONAGE_FIELD(settings.auth.account_max_failures), "Failed sign-ins to one account before it is locked"));
    t.push_back(key_int("auth.address_max_failures", 1, k_large, PATRONAGE_FIELD(settings.auth.address_max_failures), "Failed sign-ins from one address before its sign-ins are slowed down"));
    t.push_back(key_seconds("auth.address_max_delay_seconds", 60, PATRONAGE_FIELD(settings.auth.address_max_delay), "The longest delay of a sign-in from such an address, seconds"));
    t.push_back(key_int("auth.password_min_length", 8, 1024, PATRONAGE_FIELD(settings.auth.password_min_length), "Shortest password accepted, characters"));
    t.push_back(key_int("documents.max_bytes", 1024, 1LL << 30, PATRONAGE_FIELD(settings.documents.max_bytes), "Largest attached document (a scanned consent), bytes"));
    // SPEC §3: the lifecycle.
    t.push_back(key_bool("lifecycle.require_consent", PATRONAGE_FIELD(settings.lifecycle.require_consent), "A case becomes active only with a written consent valid on that day"));
    t.push_back(key_bool("lifecycle.require_register_decision", PATRONAGE_FIELD(settings.lifecycle.require_register_decision), "A case becomes active only with a signed council decision to register"));
    t.push_back(key_bool("lifecycle.require_removal_decision", PATRONAGE_FIELD(settings.lifecycle.require_removal_decision), "A case leaves active only with a signed decision to remove from the register"));
    t.push_back(key_bool("lifecycle.require_supervision_decision", PATRONAGE_FIELD(settings.lifecycle.require_supervision_decision), "A case enters supervision only with a signed decision"));
    t.push_back(key_bool("lifecycle.block_visits_on_withdrawal", PATRONAGE_FIELD(settings.lifecycle.block_visits_on_withdrawal), "A withdrawn consent blocks every visit but a closing one"));
    t.push_back(key_int("lifecycle.adult_age", 14, 25, PATRONAGE_FIELD(settings.lifecycle.adult_age), "Age from which a client signs their own consent"));
    t.push_back(key_int("lifecycle.intensive_min_months", 1, 120, PATRONAGE_FIELD(settings.lifecycle.intensive_min_months), "Intensive patronage lasts at least this many months (planned end)"));
    t.push_back(key_int("lifecycle.intensive_max_months", 1, 120, PATRONAGE_FIELD(settings.lifecycle.intensive_max_months), "Intensive patronage lasts at most this many months (planned end)"));
    t.push_back(key_int("lifecycle.intensive_warning_months", 1, 120, PATRONAGE_FIELD(settings.lifecycle.intensive_warning_months), "Warn after this many months of active intensive patronage"));
    t.push_back(key_int("lifecycle.extension_max_months", 1, 120, PATRONAGE_FIELD(settings.lifecycle.extension_max_months), "An extension moves the planned end at most this many months past its decision"));
    t.push_back(key_int("lifecycle.intensive_limit", 1, 1000, PATRONAGE_FIELD(settings.lifecycle.intensive_limit), "Families under intensive patronage one specialist may lead at once"));
    t.push_back(key_int("lifecycle.standard_limit", 1, 1000, PATRONAGE_FIELD(settings.lifecycle.standard_limit), "Families under standard patronage one specialist may lead at once"));
    t.push_back(key_int("lifecycle.foster_children_limit", 1, 1000, PATRONAGE_FIELD(settings.lifecycle.foster_children_limit), "Children one foster educator may have"));
    t.push_back(key_int("lifecycle.supervision_max_months", 1, 120, PATRONAGE_FIELD(settings.lifecycle.supervision_max_months), "Supervision after patronage lasts at most this many months"));
    t.push_back(key_int("lifecycle.agenda_notice_days", 0, 366, PATRONAGE_FIELD(settings.lifecycle.agenda_notice_days), "A term ending within this many days puts the case on the council's agenda"));
    // SPEC §4: signal response times.
    t.push_back(key_duration<hours>("signals.emergency_response_hours", 1, 24 * 60, PATRONAGE_FIELD(settings.signals.emergency_response), "An emergency signal is answered with a visit within this many hours"));
    t.push_back(key_duration<days>("signals.urgent_response_days", 1, 366, PATRONAGE_FIELD(settings.signals.urgent_response), "An urgent signal is answered within this many calendar days"));
    t.push_back(key_int("signals.routine_working_days", 1, 366, PATRONAGE_FIELD(settings.signals.routine_working_days), "A routine signal is answered within this many working days"));
    t.push_back(key_dates("signals.public_holidays", PATRONAGE_FIELD(settings.signals.public_holidays), "Public holidays, not working days (dates)"));
    t.push_back(key_dates("signals.working_weekend_days", PATRONAGE_FIELD(settings.signals.working_weekend_days), "Saturdays or Sundays that are working days (dates)"));
    // SPEC §5: risk level from the scores; SPEC §10: early warning; SPEC §7: plan review.
    t.push_back(key_domains("risk.immediate_critical_domains", PATRONAGE_FIELD(settings.assessment.risk.immediate_critical_domains), "Domains that make a case critical at once when scored 3"));
    t.push_back(key_int("risk.critical_severe_domains", 1, 10, PATRONAGE_FIELD(settings.assessment.risk.critical_severe_domains), "Critical: at least this many domains scored 3"));
    t.push_back(key_int("risk.critical_total", 0, 30, PATRONAGE_FIELD(settings.assessment.risk.critical_total), "Critical: total score (of 30) at least this"));
    t.push_back(key_int("risk.high_total", 0, 30, PATRONAGE_FIELD(settings.assessment.risk.high_total), "High: a domain scored 3 or the total at least this"));
    t.push_back(key_int("risk.medium_total", 0, 30, PATRONAGE_FIELD(settings.assessment.risk.medium_total), "Medium: a domain scored 2 or the total at least this"));
    t.push_back(key_int("early_warning.min_domain_rise", 1, 3, PATRONAGE_FIELD(settings.assessment.warnings.min_domain_rise), "Warn when a domain's score rose by at least this between two assessments"));
    t.push_back(key_int("plans.review_months", 1, 60, PATRONAGE_FIELD(settings.assessment.plan_review_months), "A plan is reviewed this many months after it starts, by default"));
    // SPEC §8: visit rates.
    t.push_back(key_duration<days>("visits.critical_days", 1, 366, PATRONAGE_FIELD(settings.schedule.critical_interval), "Days between visits at critical risk"));
    t.push_back(key_duration<days>("visits.high_days", 1, 366, PATRONAGE_FIELD(settings.schedule.high_interval), "Days between visits at high risk"));
    t.push_back(key_duration<days>("visits.medium_days", 1, 366, PATRONAGE_FIELD(settings.schedule.medium_interval), "Days between visits at medium risk"));
    t.push_back(key_duration<days>("visits.low_days", 1, 366, PATRONAGE_FIELD(settings.schedule.low_interval), "Days between visits at low risk"));
    t.push_back(key_duration<days>("visits.supervision_days", 1, 366, PATRONAGE_FIELD(settings.schedule.supervision_interval), "Days between visits under supervision"));
    t.push_back(key_duration<days>("visits.pregnancy_first_visit_days", 1, 366, PATRONAGE_FIELD(settings.schedule.pregnancy_first_visit_within), "A pregnant client is first visited within this many days of registration"));
    t.push_back(key_duration<days>("visits.after_maternity_discharge_days", 1, 366, PATRONAGE_FIELD(settings.schedule.after_maternity_discharge_within), "A visit within this many days after discharge from the maternity hospital"));
    t.push_back(key_duration<hours>("visits.critical_visit_hours", 1, 24 * 60, PATRONAGE_FIELD(settings.schedule.critical_visit_within), "A case that became critical is visited within this many hours"));
    t.push_back(key_duration<days>("visits.closing_visit_days", 1, 366, PATRONAGE_FIELD(settings.schedule.closing_visit_within), "After consent is withdrawn, the closing visit is due within this many days"));
    // SPEC §9: volunteers and matching.
    t.push_back(key_int("volunteers.min_age", 14, 100, PATRONAGE_FIELD(settings.volunteers.min_age), "Youngest age of a volunteer"));
    t.push_back(key_texts("volunteers.required_courses", PATRONAGE_FIELD(settings.volunteers.required_courses), "Course codes a candidate completes to become trained"));
    t.push_back(key_int("volunteers.load_limit", 1, 1000, PATRONAGE_FIELD(settings.matching.load_limit), "Wards one volunteer may have at once"));
    t.push_back(key_int("matching.skill_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.skill), "Points per ward need the volunteer has as a skill"));
    t.push_back(key_int("matching.shared_interest_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.shared_interest), "Points per shared interest"));
    t.push_back(key_int("matching.language_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.language), "Points for a common language"));
    t.push_back(key_int("matching.district_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.district), "Points for the same district"));
    t.push_back(key_int("matching.availability_slot_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.availability_slot), "Points per common weekly time slot"));
    t.push_back(key_int("matching.max_counted_slots", 0, 21, PATRONAGE_FIELD(settings.matching.weights.max_counted_slots), "Common time slots counted at most"));
    t.push_back(key_int("matching.wish_met_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.wish_met), "Points per ward's wish met"));
    t.push_back(key_int("matching.wish_unmet_points", 0, 1000, PATRONAGE_FIELD(settings.matching.weights.wish_unmet), "Points taken off per ward's wish not met"));
    // SPEC §3, §10: the work list warns ahead of terms.
    t.push_back(key_duration<days>("worklist.visits_days", 0, 366, PATRONAGE_FIELD(settings.worklist.visits), "The work list shows visits due within this many days"));
    t.push_back(key_duration<days>("worklist.measures_days", 0, 366, PATRONAGE_FIELD(settings.worklist.measures), "The work list shows plan measures due within this many days"));
    t.push_back(key_duration<days>("worklist.plan_reviews_days", 0, 366, PATRONAGE_FIELD(settings.worklist.plan_reviews), "The work list shows plan reviews due within this many days"));
    t.push_back(key_duration<days>("worklist.consents_days", 0, 366, PATRONAGE_FIELD(settings.worklist.consents), "The work list shows consents expiring within this many days"));
    t.push_back(key_duration<days>("worklist.terms_days", 0, 366, PATRONAGE_FIELD(settings.worklist.terms), "The work list shows the end of patronage or supervision within this many days (SPEC §3: a month)"));
    return t;
  }();
  // clang-format on
  return table;
}

#undef PATRONAGE_FIELD

// Ok when the value of `low` does not exceed the value of `high`; else names `low`.
Check not_above(std::string_view low, std::string_view high, std::function<long long(const Config&)> low_value,
                std::function<long long(const Config&)> high_value) {
  return [=](const Config& config) -> util::Status {
    if (low_value(config) > high_value(config)) {
      return util::fail(bad(low, "config.order_invalid").with("other", std::string(high)));
    }
    return {};
  };
}

// Rules between keys, checked once every source is applied.
const std::vector<Check>& cross_checks() {
  static const std::vector<Check> checks{
      not_above("lifecycle.intensive_min_months", "lifecycle.intensive_max_months",
                [](const Config& c) { return c.settings.lifecycle.intensive_min_months; },
                [](const Config& c) { return c.settings.lifecycle.intensive_max_months; }),
      not_above("risk.medium_total", "risk.high_total",
                [](const Config& c) { return c.settings.assessment.risk.medium_total; },
                [](const Config& c) { return c.settings.assessment.risk.high_total; }),
      not_above("risk.high_total", "risk.critical_total",
                [](const Config& c) { return c.settings.assessment.risk.high_total; },
                [](const Config& c) { return c.settings.assessment.risk.critical_total; }),
      // A graver risk is never visited less often.
      not_above("visits.critical_days", "visits.high_days",
                [](const Config& c) { return c.settings.schedule.critical_interval.count(); },
                [](const Config& c) { return c.settings.schedule.high_interval.count(); }),
      not_above("visits.high_days", "visits.medium_days",
                [](const Config& c) { return c.settings.schedule.high_interval.count(); },
                [](const Config& c) { return c.settings.schedule.medium_interval.count(); }),
      not_above("visits.medium_days", "visits.low_days",
                [](const Config& c) { return c.settings.schedule.medium_interval.count(); },
                [](const Config& c) { return c.settings.schedule.low_interval.count(); }),
      // An emergency is answered no later than an urgent signal.
      not_above("signals.emergency_response_hours", "signals.urgent_response_days",
                [](const Config& c) { return c.settings.signals.emergency_response.count(); },
                [](const Config& c) { return std::chrono::hours{c.settings.signals.urgent_response}.count(); }),
  };
  return checks;
}

const Key* find_key(std::string_view name) {
  for (const auto& key : keys()) {
    if (key.info.key == name) {
      return &key;
    }
  }
  return nullptr;
}

Config defaults() {
  Config config;
  config.api.web_root = "web/dist";
  return config;
}

std::optional<std::string> env(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  return value != nullptr && *value != '\0' ? std::optional<std::string>(value) : std::nullopt;
}

// An environment or flag value as a TOML node: the string itself for a text key, else a TOML literal (a value
// that is no literal is read as a string and fails the key's type check).
util::Status read_text(const Key& key, std::string_view text, Config& config) {
  if (!key.text) {
    try {
      const auto document = toml::parse("v = " + std::string(text));
      if (const auto* node = document.get("v")) {
        return key.read(*node, config);
      }
    } catch (const toml::parse_error&) {
    }
  }
  return key.read(toml::value<std::string>(std::string(text)), config);
}

util::Status read_file(const std::string& path, Config& config) {
  if (!std::filesystem::exists(path)) {
    return util::fail(util::Error::field("config", "config.file_missing").with("path", path));
  }
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return util::fail(util::Error::field("config", "config.file_invalid")
                          .with("path", path)
                          .with("reason", std::string(e.description())));
  }
  // Every key of the file must be in the table: a misspelt key would silently leave the default in force.
  std::vector<std::pair<std::string, const toml::node*>> present;
  for (const auto& [name, node] : table) {
    const std::string section(name.str());
    if (const auto* inner = node.as_table(); inner != nullptr && find_key(section) == nullptr) {
      for (const auto& [inner_name, inner_node] : *inner) {
        present.emplace_back(section + "." + std::string(inner_name.str()), &inner_node);
      }
    } else {
      present.emplace_back(section, &node);
    }
  }
  for (const auto& [name, node] : present) {
    const Key* key = find_key(name);
    if (key == nullptr) {
      return util::fail(bad(name, "config.unknown_key").with("path", path));
    }
    if (auto ok = key->read(*node, config); !ok) {
      return util::fail(std::move(ok.error()).with("path", path));
    }
    config.sources[name] = Source::file;
  }
  return {};
}

util::Status check_all(const Config& config) {
  for (const auto& check : cross_checks()) {
    if (auto ok = check(config); !ok) {
      return ok;
    }
  }
  return {};
}

// The values read as text that the settings hold resolved, and the listing of every key.
void refresh_listing(Config& config) {
  config.settings.time_zone =
      config.time_zone.empty() ? util::TimeZone::of_machine() : util::TimeZone::named(config.time_zone).value();
  config.settings.listing.clear();
  for (const auto& entry : describe(config)) {
    config.settings.listing.push_back(
        {std::string(entry.info.key), entry.value, entry.default_value, std::string(to_string(entry.source))});
  }
}

} // namespace

std::string_view to_string(Source source) {
  switch (source) {
  case Source::default_value:
    return "default";
  case Source::file:
    return "file";
  case Source::env:
    return "env";
  case Source::flag:
    return "flag";
  }
  return "default";
}

std::vector<ConfigKeyInfo> config_keys() {
  std::vector<ConfigKeyInfo> out;
  for (const auto& key : keys()) {
    out.push_back(key.info);
  }
  return out;
}

util::Result<Config> load_config(const std::string& path) {
  Config config = defaults();
  if (!path.empty()) {
    if (auto read = read_file(path, config); !read) {
      return util::fail(read.error());
    }
    config.config_file = path;
  }
  for (const auto& key : keys()) {
    if (key.info.env.empty()) {
      continue;
    }
    if (auto value = env(key.info.env)) {
      if (auto ok = read_text(key, *value, config); !ok) {
        return util::fail(std::move(ok.error()).with("env", std::string(key.info.env)));
      }
      config.sources[std::string(key.info.key)] = Source::env;
    }
  }
  if (auto ok = check_all(config); !ok) {
    return util::fail(ok.error());
  }
  refresh_listing(config);
  return config;
}

util::Status apply_flag(Config& config, std::string_view name, std::string_view value) {
  const Key* key = find_key(name);
  if (key == nullptr) {
    return util::fail(bad(name, "config.unknown_key"));
  }
  Config changed = config;
  if (auto ok = read_text(*key, value, changed); !ok) {
    return ok;
  }
  if (auto ok = check_all(changed); !ok) {
    return ok;
  }
  changed.sources[std::string(name)] = Source::flag;
  config = std::move(changed);
  refresh_listing(config);
  return {};
}

std::vector<ConfigEntry> describe(const Config& config) {
  static const Config fallback = defaults();
  std::vector<ConfigEntry> out;
  for (const auto& key : keys()) {
    ConfigEntry entry{key.info, key.show(config), key.show(fallback), Source::default_value};
    if (key.info.sensitive) {
      entry.value = mask_database_url(entry.value);
      entry.default_value = mask_database_url(entry.default_value);
    }
    if (const auto it = config.sources.find(key.info.key); it != config.sources.end()) {
      entry.source = it->second;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

std::string format_config(const std::vector<ConfigEntry>& entries, bool markdown) {
  std::string out;
  if (markdown) {
    out = "| Key | Default | Environment | Meaning |\n|---|---|---|---|\n";
    auto cell = [](std::string_view text) {
      std::string escaped;
      for (const char c : text) {
        escaped += c == '|' ? std::string("\\|") : std::string(1, c);
      }
      return escaped;
    };
    for (const auto& entry : entries) {
      out += "| `" + std::string(entry.info.key) + "` | `" + cell(entry.default_value) + "` | " +
             (entry.info.env.empty() ? std::string() : "`" + std::string(entry.info.env) + "`") + " | " +
             cell(entry.info.meaning) + " |\n";
    }
    return out;
  }
  for (const auto& entry : entries) {
    out += std::string(entry.info.key) + " = " + entry.value + "  # " + std::string(to_string(entry.source)) + "\n";
  }
  return out;
}

std::string mask_database_url(std::string_view url) {
  std::string out(url);
  const auto scheme = out.find("://");
  if (scheme != std::string::npos) {
    const auto authority = scheme + 3;
    const auto end = out.find_first_of("/?", authority);
    const auto at = out.rfind('@', end == std::string::npos ? std::string::npos : end);
    if (at != std::string::npos && at > authority) {
      const auto colon = out.find(':', authority);
      if (colon != std::string::npos && colon < at) {
        out.replace(colon + 1, at - colon - 1, "***");
      }
    }
  }
  for (auto pos = out.find("password="); pos != std::string::npos; pos = out.find("password=", pos + 1)) {
    const auto start = pos + 9;
    const auto end = out.find_first_of("& \"'", start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, "***");
  }
  return out;
}

} // namespace patronage::cli
