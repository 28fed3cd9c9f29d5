// The configuration table: every key reads from the TOML file, defaults are the SPEC's, bad values are refused
// naming the key, and rules set in the file take effect in the running server.

#include "cli/config.hpp"
#include "http/lifecycle_fixture.hpp"
#include "http/messages.hpp"
#include "support/problems.hpp"
#include "support/test_db.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <unistd.h>

namespace patronage::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A TOML file in the temp folder, removed at the end of the test.
class TomlFile {
public:
  explicit TomlFile(const std::string& text) {
    std::string pattern = (fs::temp_directory_path() / "patronage-config-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      throw std::runtime_error("mkstemp failed");
    }
    ::close(fd);
    m_path = pattern;
    std::ofstream(m_path) << text;
  }
  ~TomlFile() {
    std::error_code ec;
    fs::remove(m_path, ec);
  }
  TomlFile(const TomlFile&) = delete;
  TomlFile& operator=(const TomlFile&) = delete;
  std::string path() const { return m_path.string(); }

private:
  fs::path m_path;
};

// The environment variables of the table are cleared for each test (a developer's PATRONAGE_DATABASE must not leak in).
class ConfigTable : public ::testing::Test {
protected:
  void SetUp() override {
    for (const auto& key : config_keys()) {
      if (!key.env.empty()) {
        unsetenv(std::string(key.env).c_str());
      }
    }
  }
};

std::map<std::string, ConfigEntry> by_key(const std::vector<ConfigEntry>& entries) {
  std::map<std::string, ConfigEntry> out;
  for (const auto& entry : entries) {
    out.emplace(std::string(entry.info.key), entry);
  }
  return out;
}

// The field error of a failed load: "key: reason".
std::string field_error(const util::Result<cli::Config>& loaded) {
  if (loaded || loaded.error().fields.empty()) {
    return "";
  }
  return loaded.error().fields.front().field + ": " + loaded.error().fields.front().reason;
}

TEST_F(ConfigTable, DefaultsAreTheSpecDefaults) {
  // SPEC §3, §4, §5, §7, §8, §9, §10 and §11, as README lists them.
  const std::map<std::string, std::string> spec{
      {"lifecycle.require_consent", "true"},
      {"lifecycle.require_register_decision", "true"},
      {"lifecycle.require_removal_decision", "true"},
      {"lifecycle.require_supervision_decision", "true"},
      {"lifecycle.block_visits_on_withdrawal", "true"},
      {"lifecycle.adult_age", "18"},
      {"lifecycle.intensive_min_months", "4"},
      {"lifecycle.intensive_max_months", "9"},
      {"lifecycle.intensive_warning_months", "9"},
      {"lifecycle.extension_max_months", "9"},
      {"lifecycle.intensive_limit", "2"},
      {"lifecycle.standard_limit", "15"},
      {"lifecycle.foster_children_limit", "5"},
      {"lifecycle.supervision_max_months", "12"},
      {"lifecycle.agenda_notice_days", "30"},
      {"signals.emergency_response_hours", "24"},
      {"signals.urgent_response_days", "3"},
      {"signals.routine_working_days", "10"},
      {"signals.public_holidays", "[]"},
      {"signals.working_weekend_days", "[]"},
      {"risk.immediate_critical_domains", "['child_safety', 'violence']"},
      {"risk.critical_severe_domains", "3"},
      {"risk.critical_total", "18"},
      {"risk.high_total", "12"},
      {"risk.medium_total", "5"},
      {"early_warning.min_domain_rise", "1"},
      {"plans.review_months", "3"},
      {"visits.critical_days", "7"},
      {"visits.high_days", "14"},
      {"visits.medium_days", "30"},
      {"visits.low_days", "90"},
      {"visits.supervision_days", "90"},
      {"visits.pregnancy_first_visit_days", "3"},
      {"visits.after_maternity_discharge_days", "7"},
      {"visits.critical_visit_hours", "24"},
      {"visits.closing_visit_days", "14"},
      {"volunteers.min_age", "18"},
      {"volunteers.required_courses", "['basics', 'child_protection']"},
      {"volunteers.load_limit", "3"},
      {"matching.skill_points", "10"},
      {"matching.shared_interest_points", "3"},
      {"matching.language_points", "6"},
      {"matching.district_points", "4"},
      {"matching.availability_slot_points", "2"},
      {"matching.max_counted_slots", "3"},
      {"matching.wish_met_points", "5"},
      {"matching.wish_unmet_points", "8"},
      {"worklist.visits_days", "7"},
      {"worklist.measures_days", "7"},
      {"worklist.plan_reviews_days", "31"},
      {"worklist.consents_days", "31"},
      {"worklist.terms_days", "31"},
      {"auth.idle_timeout_minutes", "30"},
      {"auth.absolute_timeout_hours", "12"},
      {"auth.lockout_minutes", "15"},
      {"auth.failure_window_minutes", "15"},
      {"auth.account_max_failures", "5"},
      {"auth.address_max_failures", "20"},
      {"auth.address_max_delay_seconds", "5.0"},
      {"auth.password_min_length", "10"},
      {"documents.max_bytes", "5242880"},
      {"database", "'sqlite:data/patronage.db'"},
      {"log.level", "'info'"},
      {"server.listen", "'127.0.0.1'"},
      {"server.port", "8080"},
      {"server.threads", "0"},
      {"server.body_limit", "262144"},
      {"server.trusted_proxies", "[]"},
      {"audit.key_file", "''"},
      {"server.time_zone", "''"},
      {"server.web_root", "'web/dist'"},
      {"server.cookie_secure", "false"},
  };
  auto loaded = load_config("");
  ASSERT_TRUE(loaded) << field_error(loaded);
  const auto entries = by_key(describe(*loaded));
  EXPECT_EQ(entries.size(), spec.size()) << "a key without a SPEC default in this test";
  for (const auto& [key, value] : spec) {
    ASSERT_TRUE(entries.contains(key)) << key;
    EXPECT_EQ(entries.at(key).default_value, value) << key;
    EXPECT_EQ(entries.at(key).value, value) << key;
    EXPECT_EQ(entries.at(key).source, Source::default_value) << key;
  }
  // The structs themselves carry the same defaults.
  EXPECT_EQ(loaded->settings.lifecycle.intensive_limit, 2);
  EXPECT_EQ(loaded->settings.signals.emergency_response, std::chrono::hours{24});
  EXPECT_EQ(loaded->settings.schedule.critical_interval, std::chrono::days{7});
}

TEST_F(ConfigTable, EveryKeyRoundTripsThroughTheFile) {
  const auto defaults = describe(*load_config(""));
  // Every key written with its default reads back unchanged, from the file.
  std::string sectioned;
  std::map<std::string, std::vector<std::string>> sections;
  for (const auto& entry : defaults) {
    const std::string key(entry.info.key);
    const auto dot = key.find('.');
    if (dot == std::string::npos) {
      sectioned += key + " = " + entry.default_value + "\n";
    } else {
      sections[key.substr(0, dot)].push_back(key.substr(dot + 1) + " = " + entry.default_value);
    }
  }
  for (const auto& [section, lines] : sections) {
    sectioned += "[" + section + "]\n";
    for (const auto& line : lines) {
      sectioned += line + "\n";
    }
  }
  TomlFile file(sectioned);
  auto loaded = load_config(file.path());
  ASSERT_TRUE(loaded) << field_error(loaded) << "\n" << sectioned;
  const auto read = by_key(describe(*loaded));
  for (const auto& entry : defaults) {
    const auto& back = read.at(std::string(entry.info.key));
    EXPECT_EQ(back.value, entry.value) << entry.info.key;
    EXPECT_EQ(back.source, Source::file) << entry.info.key;
  }

  // And a value other than the default reads back as itself, in each kind of key.
  TomlFile changed(R"(
[lifecycle]
intensive_limit = 1
require_consent = false
[signals]
emergency_response_hours = 12
public_holidays = [2027-01-07, "2027-01-01"]
[risk]
immediate_critical_domains = ["violence"]
[visits]
closing_visit_days = 10
[volunteers]
required_courses = ["basics"]
[auth]
idle_timeout_minutes = 45
)");
  auto other = load_config(changed.path());
  ASSERT_TRUE(other) << field_error(other);
  const auto& s = other->settings;
  EXPECT_EQ(s.lifecycle.intensive_limit, 1);
  EXPECT_FALSE(s.lifecycle.require_consent);
  EXPECT_EQ(s.signals.emergency_response, std::chrono::hours{12});
  ASSERT_EQ(s.signals.public_holidays.size(), 2U);
  EXPECT_EQ(util::format_date(s.signals.public_holidays[0]), "2027-01-01");
  EXPECT_EQ(s.assessment.risk.immediate_critical_domains, std::vector{domain::RiskDomain::violence});
  EXPECT_EQ(s.schedule.closing_visit_within, std::chrono::days{10});
  EXPECT_EQ(s.volunteers.required_courses, std::vector<std::string>{"basics"});
  EXPECT_EQ(s.auth.idle_timeout, std::chrono::minutes{45});
  const auto shown = by_key(describe(*other));
  EXPECT_EQ(shown.at("signals.public_holidays").value, "[2027-01-01, 2027-01-07]");
  EXPECT_EQ(shown.at("lifecycle.intensive_limit").source, Source::file);
  EXPECT_EQ(shown.at("lifecycle.standard_limit").source, Source::default_value);
  // The listing the API serves is the same.
  ASSERT_EQ(s.listing.size(), defaults.size());
  EXPECT_EQ(s.listing[0].key, "database");
}

TEST_F(ConfigTable, TheTimeZoneIsResolvedFromItsName) {
  TomlFile file("[server]\ntime_zone = \"Asia/Vladivostok\"\n");
  auto loaded = load_config(file.path());
  ASSERT_TRUE(loaded) << loaded.error().key;
  EXPECT_EQ(loaded->settings.time_zone.name(), "Asia/Vladivostok");
  EXPECT_EQ(util::format_date(loaded->settings.time_zone.date_at(*util::parse_timestamp("2026-12-05T15:00:00Z"))),
            "2026-12-06");
  ASSERT_TRUE(apply_flag(*loaded, "server.time_zone", "UTC"));
  EXPECT_EQ(loaded->settings.time_zone.name(), "UTC");
}

TEST_F(ConfigTable, BadValuesAreRefusedNamingTheKey) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"[lifecycle]\nintensive_limit = \"two\"", "lifecycle.intensive_limit: config.type_integer"},
      {"[lifecycle]\nintensive_limit = -1", "lifecycle.intensive_limit: config.out_of_range"},
      {"[lifecycle]\nintensive_limit = 2.5", "lifecycle.intensive_limit: config.type_integer"},
      {"[lifecycle]\nrequire_consent = 1", "lifecycle.require_consent: config.type_boolean"},
      {"[lifecycle]\nintensive_min_months = 10", "lifecycle.intensive_min_months: config.order_invalid"},
      {"[lifecycle]\nintensive_limt = 1", "lifecycle.intensive_limt: config.unknown_key"},
      {"[lifecylce]\nintensive_limit = 1", "lifecylce.intensive_limit: config.unknown_key"},
      {"[signals]\nemergency_response_hours = 0", "signals.emergency_response_hours: config.out_of_range"},
      {"[signals]\nemergency_response_hours = 100", "signals.emergency_response_hours: config.order_invalid"},
      {"[signals]\npublic_holidays = [\"2027-02-30\"]", "signals.public_holidays: config.date_invalid"},
      {"[risk]\nhigh_total = 20", "risk.high_total: config.order_invalid"},
      {"[risk]\nimmediate_critical_domains = [\"luck\"]", "risk.immediate_critical_domains: config.choice_invalid"},
      {"[visits]\nlow_days = 5", "visits.medium_days: config.order_invalid"},
      {"[volunteers]\nrequired_courses = \"basics\"", "volunteers.required_courses: config.type_string_list"},
      {"[server]\nport = 70000", "server.port: config.out_of_range"},
      {"[log]\nlevel = \"loud\"", "log.level: config.choice_invalid"},
      {"[server]\ntime_zone = \"Europe/Atlantis\"", "server.time_zone: config.time_zone_unknown"},
      {"database = \"mysql://x\"", "database: config.database_url_invalid"},
  };
  for (const auto& [text, expected] : cases) {
    TomlFile file(text);
    auto loaded = load_config(file.path());
    EXPECT_FALSE(loaded) << text;
    EXPECT_EQ(field_error(loaded), expected) << text;
    if (!loaded) {
      EXPECT_EQ(loaded.error().key, "config.invalid");
      // Every reason is translated in both languages.
      for (const auto lang : {http::Lang::ru, http::Lang::en}) {
        EXPECT_NE(http::translate(lang, loaded.error().fields.front().reason, loaded.error().params),
                  loaded.error().fields.front().reason);
      }
    }
  }
}

TEST_F(ConfigTable, EnvironmentOverridesTheFileAndFlagsOverrideBoth) {
  TomlFile file("[server]\nport = 9000\nlisten = \"0.0.0.0\"\n");
  setenv("PATRONAGE_PORT", "9100", 1);
  auto loaded = load_config(file.path());
  unsetenv("PATRONAGE_PORT");
  ASSERT_TRUE(loaded) << field_error(loaded);
  EXPECT_EQ(loaded->server.port, 9100);
  EXPECT_EQ(loaded->server.address, "0.0.0.0");
  auto shown = by_key(describe(*loaded));
  EXPECT_EQ(shown.at("server.port").source, Source::env);
  EXPECT_EQ(shown.at("server.listen").source, Source::file);

  ASSERT_TRUE(apply_flag(*loaded, "server.port", "9200"));
  EXPECT_EQ(loaded->server.port, 9200);
  EXPECT_EQ(by_key(describe(*loaded)).at("server.port").source, Source::flag);
  EXPECT_EQ(loaded->settings.listing[3].source, "flag");
  // A bad flag is refused naming the key and changes nothing.
  auto bad = apply_flag(*loaded, "server.port", "eighty");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().fields.front().field, "server.port");
  EXPECT_EQ(loaded->server.port, 9200);

  setenv("PATRONAGE_PORT", "-5", 1);
  auto refused = load_config("");
  unsetenv("PATRONAGE_PORT");
  EXPECT_EQ(field_error(refused), "server.port: config.out_of_range");
}

TEST_F(ConfigTable, ShowMasksTheDatabasePassword) {
  TomlFile file("database = \"postgresql://patronage:s3cret@db.local:5432/patronage?password=other\"\n");
  auto loaded = load_config(file.path());
  ASSERT_TRUE(loaded) << field_error(loaded);
  const auto text = format_config(describe(*loaded), false);
  EXPECT_THAT(text,
              HasSubstr("database = 'postgresql://patronage:***@db.local:5432/patronage?password=***'  # file"));
  EXPECT_EQ(text.find("s3cret"), std::string::npos);
  EXPECT_EQ(text.find("other"), std::string::npos);
  EXPECT_EQ(loaded->settings.listing[0].value.find("s3cret"), std::string::npos);
  EXPECT_THAT(text, HasSubstr("lifecycle.intensive_limit = 2  # default\n"));
  const auto markdown = format_config(describe(*loaded), true);
  EXPECT_THAT(markdown, HasSubstr("| `lifecycle.intensive_limit` | `2` |  | Families under intensive patronage"));
  EXPECT_THAT(markdown, HasSubstr("| `server.port` | `8080` | `PATRONAGE_PORT` |"));
}

TEST_F(ConfigTable, EveryKeyHasAMeaningInBothLanguages) {
  std::set<std::string> seen;
  for (const auto& key : config_keys()) {
    EXPECT_TRUE(seen.insert(std::string(key.key)).second) << "declared twice: " << key.key;
    const std::string message = "setting." + std::string(key.key);
    EXPECT_EQ(http::translate(http::Lang::en, message), key.meaning) << key.key;
    EXPECT_NE(http::translate(http::Lang::ru, message), message) << key.key;
  }
}

// SPEC issue 15, done when: rules set in the TOML file hold in the running server.
class ConfiguredRules : public ::testing::TestWithParam<storage::Backend> {};

TEST_P(ConfiguredRules, CaseloadLimitAndEmergencyDeadlineFromTheFile) {
  TomlFile file("[lifecycle]\nintensive_limit = 1\n\n[signals]\nemergency_response_hours = 12\n");
  auto config = load_config(file.path());
  ASSERT_TRUE(config) << field_error(config);
  testing::LifecycleWorld w(GetParam());
  w.server.settings() = config->settings;
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");

  // An emergency signal received at 08:00 is due at 20:00 (12 hours), not the next morning.
  auto signal = spec.post_json("/api/v1/signals", R"({"received_at":"2026-11-23T08:00:00Z","source":"hotline",)"
                                                  R"("reported":"Дети одни дома","urgency":"emergency"})");
  ASSERT_EQ(signal.status, 201) << signal.body;
  EXPECT_EQ(signal.json().at("deadline_at").as_string(), "2026-11-23T20:00:00Z");

  // Two families made ready for intensive patronage led by the same specialist: the second is refused.
  std::vector<std::string> cases;
  for (int i = 0; i < 2; ++i) {
    w.add_family("Семья" + std::to_string(i));
    auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
    ASSERT_EQ(opened.status, 201) << opened.body;
    const std::string path = "/api/v1/cases/" + testing::text(opened.json(), "id");
    ASSERT_EQ(spec.post_json(path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                     R"("],"scope":"patronage","signed_on":"2026-11-23"})")
                  .status,
              201);
    ASSERT_EQ(spec.post_json(path + "/transitions", testing::transition("assessment")).status, 200);
    ASSERT_EQ(spec.post_json(path + "/transitions", testing::transition("awaiting_decision")).status, 200);
    cases.push_back(path);
  }
  auto register_case = [&](const std::string& path) {
    const std::string body =
        R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"17","members_present":["Соколова М. П."],)"
        R"("kind":"register_case","grounds":"заключение консилиума","patronage_types":["psychological"],)"
        R"("lead_specialist_id":")" +
        w.ids["spec"] + R"(","intensity":"intensive","planned_end":")" + testing::months_later(6) + R"("})";
    auto recorded = secretary.post_json(path + "/decisions", body);
    if (recorded.status != 201) {
      return recorded;
    }
    return secretary.post_json("/api/v1/decisions/" + testing::text(recorded.json(), "id") + "/sign",
                               "");
  };
  auto first = register_case(cases[0]);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(spec.post_json(cases[0] + "/transitions", testing::transition("active")).status, 200);

  // The limit holds on every path that makes the specialist responsible: naming them in the decision, or
  // activating the case.
  auto second = register_case(cases[1]);
  auto refused =
      second.status == 200 ? spec.post_json(cases[1] + "/transitions", testing::transition("active")) : second;
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), "urn:patronage:problem:case.caseload_exceeded");
  EXPECT_EQ(spec.get(cases[1]).json().at("state").as_string(), "awaiting_decision");
}

INSTANTIATE_TEST_SUITE_P(Backends, ConfiguredRules, ::testing::ValuesIn(testing::test_backends()),
                         [](const auto& info) { return testing::backend_name(info.param); });

} // namespace
} // namespace patronage::cli
