// The permission matrix of every route (docs/permissions.md), generated from
// the router's route table: a route without an entry below fails the test, so
// a new route cannot be added without deciding who may call it.
#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <boost/beast/http/verb.hpp>

#include "http/router.hpp"
#include "storage/audit.hpp"
#include "support/test_server.hpp"
#include "util/crypto.hpp"

namespace patronage::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::array<const char*, 8> k_roles{"admin",     "head",        "specialist", "expert",
                                             "secretary", "coordinator", "volunteer",  "auditor"};
// How the record named in the path (or body) stands to the user: on a case the user is on (or a record of
// their own unit), a case of the same unit the user is not on, a case of another unit of the region.
constexpr std::array<const char*, 3> k_memberships{"own", "same unit", "other unit"};

// A: allowed (any status but 401, 403, 404); F: forbidden (403); H: hidden (404, or 422 naming only
// records that are "not found", which is how a body's reference outside one's reach is refused).
// One group per role in the order of k_roles; a group has one letter (the route names no record) or three
// (own, same unit, other unit).
const std::map<std::string, std::string> k_expected{
    // meta and sign-in
    {"GET /healthz", "A A A A A A A A"},
    {"GET /api/openapi.json", "A A A A A A A A"},
    {"POST /api/v1/auth/login", "A A A A A A A A"},
    {"POST /api/v1/auth/logout", "A A A A A A A A"},
    {"GET /api/v1/me", "A A A A A A A A"},
    // accounts and units
    {"GET /api/v1/users", "A A A A A A A A"},
    {"POST /api/v1/users", "AAH F F F F F F F"},
    {"GET /api/v1/users/{id}", "AAH AAH HHH HHH HHH HHH HHH AAH"},
    {"POST /api/v1/users/{id}/password", "AAH FFH HHH HHH HHH HHH HHH FFH"},
    {"POST /api/v1/users/{id}/disable", "AAH FFH HHH HHH HHH HHH HHH FFH"},
    {"POST /api/v1/users/{id}/enable", "AAH FFH HHH HHH HHH HHH HHH FFH"},
    {"POST /api/v1/users/{id}/revoke-sessions", "AAH FFH HHH HHH HHH HHH HHH FFH"},
    {"GET /api/v1/units", "A A A A A A F A"},
    {"POST /api/v1/units", "AAH FFH FFH FFH FFH FFH HHH FFH"},
    {"GET /api/v1/staff", "A A A A A A F A"},
    {"GET /api/v1/audit", "A F F F F F F A"},
    {"GET /api/v1/audit/verify", "A F F F F F F A"},
    {"GET /api/v1/settings", "A F F F F F F F"},
    // cases
    {"POST /api/v1/cases", "FFF AAH AAH FFF FFF FFF FFF FFF"},
    {"GET /api/v1/cases", "A A A A A A A A"},
    {"GET /api/v1/cases/{id}", "HHH AAH AHH AHH AAH HHH FHH HHH"},
    {"POST /api/v1/cases/{id}/transitions", "HHH AAH AHH AHH FFH HHH FHH HHH"},
    {"PUT /api/v1/cases/{id}/team", "HHH AAH FHH FHH FFH HHH FHH HHH"},
    {"POST /api/v1/cases/{id}/consents", "HHH AAH AHH AHH FFH HHH FHH HHH"},
    {"POST /api/v1/cases/{id}/consents/{consent_id}/withdraw", "HHH AAH AHH AHH FFH HHH FHH HHH"},
    {"POST /api/v1/cases/{id}/decisions", "HHH AAH FHH FHH AAH HHH FHH HHH"},
    {"POST /api/v1/decisions/{id}/sign", "HHH AAH FHH FHH AAH HHH FHH HHH"},
    {"GET /api/v1/documents/{id}", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/council/agenda", "F A F F A F F F"},
    {"GET /api/v1/council/meetings", "F A F F A F F F"},
    // family records of a case: the team and the heads only
    {"GET /api/v1/cases/{id}/visits", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/cases/{id}/visits", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"PATCH /api/v1/visits/{id}", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/visits/{id}/history", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/cases/{id}/services", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/cases/{id}/services", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/cases/{id}/referrals", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/cases/{id}/referrals", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"PATCH /api/v1/referrals/{id}/status", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/cases/{id}/assessments", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/cases/{id}/assessments", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/assessments/{id}", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/cases/{id}/map-of-changes", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/cases/{id}/agreements", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/cases/{id}/agreements", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"GET /api/v1/cases/{id}/plans", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/cases/{id}/plans", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/plans/{id}/approve", "HHH AAH FHH FHH HHH HHH HHH HHH"},
    {"PATCH /api/v1/plans/{id}/measures/{measure_id}", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    // households and persons
    {"POST /api/v1/households", "FFH AAH AAH FFH FFH FFH HHH FFH"},
    {"GET /api/v1/households/{id}", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"PATCH /api/v1/households/{id}", "HHH AAH AHH FHH HHH HHH HHH HHH"},
    {"GET /api/v1/households/{id}/history", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/households/{id}/persons", "HHH AAH AHH FHH HHH HHH HHH HHH"},
    {"PATCH /api/v1/persons/{id}", "HHH AAH AHH FHH HHH HHH HHH HHH"},
    {"PUT /api/v1/persons/{id}/sensitive", "HHH AAH AHH AHH HHH HHH HHH HHH"},
    {"POST /api/v1/duplicates/persons", "F A A F F F F F"},
    {"GET /api/v1/search", "A A A A A A A A"},
    {"GET /api/v1/persons/{id}/export", "HHH AAH FHH FHH HHH HHH HHH HHH"},
    {"POST /api/v1/persons/{id}/erase", "HHH AAH FHH FHH HHH HHH HHH HHH"},
    {"GET /api/v1/exports/{list}", "F A F F F F F F"},
    // importing a register: heads, into their own subtree (a unit outside it is "not found")
    {"POST /api/v1/imports/households", "F AAH F F F F F F"},
    {"POST /api/v1/imports/households/report", "F AAH F F F F F F"},
    {"GET /api/v1/imports/matches", "F A F F F F F F"},
    {"GET /api/v1/imports/households/template", "F A F F F F F F"},
    {"POST /api/v1/imports/{batch}/undo", "F HHH F F F F F F"},
    // signals and the work list
    {"POST /api/v1/signals", "F A A F F F F F"},
    {"GET /api/v1/signals", "F A A F F F F F"},
    {"GET /api/v1/signals/{id}", "HHH AAH AAH HHH HHH HHH HHH HHH"},
    {"POST /api/v1/signals/{id}/triage", "HHH AAH AAH HHH HHH HHH HHH HHH"},
    {"GET /api/v1/worklist", "A A A A A A A A"},
    // services catalogue
    {"GET /api/v1/catalogue/services", "A A A A A A A A"},
    {"POST /api/v1/catalogue/services", "A F F F F F F F"},
    {"PATCH /api/v1/catalogue/services/{code}", "A F F F F F F F"},
    // partners
    {"GET /api/v1/partners", "F A A A A A F F"},
    {"POST /api/v1/partners", "F A A F F A F F"},
    {"PATCH /api/v1/partners/{id}", "HHH AAH AAH FFH FFH AAH HHH HHH"},
    // volunteers
    {"GET /api/v1/volunteers", "F A F F F A F F"},
    {"POST /api/v1/volunteers", "F A F F F A F F"},
    {"GET /api/v1/volunteers/{id}", "HHH AAH HHH HHH HHH AAH HHH HHH"},
    {"PATCH /api/v1/volunteers/{id}", "HHH AAH HHH HHH HHH AAH HHH HHH"},
    {"POST /api/v1/volunteers/{id}/status", "HHH AAH HHH HHH HHH AAH HHH HHH"},
    {"POST /api/v1/volunteers/{id}/courses", "HHH AAH HHH HHH HHH AAH HHH HHH"},
    {"POST /api/v1/volunteers/{id}/contacts", "HHH AAH HHH HHH HHH AAH HHH HHH"},
    {"POST /api/v1/volunteers/assign-batch", "F AAH F F F AAH F F"},
    {"GET /api/v1/cases/{id}/volunteer-wishes", "HHH AAH AHH FHH FFH AAH FHH HHH"},
    {"PUT /api/v1/cases/{id}/volunteer-wishes", "HHH AAH AHH FHH FFH AAH FHH HHH"},
    {"GET /api/v1/cases/{id}/volunteer-proposals", "HHH AAH AHH FHH FFH AAH FHH HHH"},
    {"POST /api/v1/cases/{id}/volunteer", "HHH AAH AHH FHH FFH AAH FHH HHH"},
    {"GET /api/v1/my/wards", "A A A A A A A A"},
    // reports
    {"GET /api/v1/reports", "F A F F F F F A"},
    {"GET /api/v1/reports/{name}", "F A F F F F F A"},
};

// A minimal body per write: valid enough to reach the permission check, and refused after it (stale version,
// bad reference, wrong state) or harmless when allowed, so that the fixture stays intact for later checks.
// {placeholders} take the ids of the membership being tested.
const std::map<std::string, std::string> k_bodies{
    {"POST /api/v1/auth/login", R"({"login":"","password":""})"},
    {"POST /api/v1/users",
     R"({"login":"matrix_new","full_name":"Новый Сотрудник","role":"specialist","unit_id":"{unit}",)"
     R"("password":"matrix-horse-battery-9"})"},
    {"POST /api/v1/users/{id}/password", R"({"password":"another-horse-battery-7"})"},
    {"POST /api/v1/units", R"({"name":"Отдел","kind":"department","parent_id":"{unit}"})"},
    {"POST /api/v1/cases", R"({"household_id":"{household}"})"},
    {"POST /api/v1/cases/{id}/transitions", R"({"to":"active","reason":"матрица"})"},
    {"PUT /api/v1/cases/{id}/team", R"({"lead_id":"nobody"})"},
    {"POST /api/v1/cases/{id}/consents",
     R"({"signed_by":"nobody","covers":[],"scope":"patronage","signed_on":"2026-11-20"})"},
    {"POST /api/v1/cases/{id}/consents/{consent_id}/withdraw", R"({"withdrawn_on":"2026-11-01"})"},
    {"POST /api/v1/cases/{id}/decisions",
     R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"5","members_present":["А. Б. Председатель"],)"
     R"("kind":"refer_elsewhere","grounds":"направить в центр занятости"})"},
    {"POST /api/v1/cases/{id}/visits", R"({"planned_on":"2026-11-30","kind":"home","purpose":"контроль"})"},
    {"PATCH /api/v1/visits/{id}", R"({"version":999,"actual_on":"2026-11-23"})"},
    {"POST /api/v1/cases/{id}/services",
     R"({"service_code":"food_sets","delivered_on":"2026-11-20","quantity":1,"provider":"ЦСО"})"},
    {"POST /api/v1/cases/{id}/referrals",
     R"({"partner_id":"{partner}","reason":"помощь","sent_on":"2026-11-20","due_on":"2026-12-20"})"},
    {"PATCH /api/v1/referrals/{id}/status", R"({"status":"done"})"},
    {"POST /api/v1/cases/{id}/assessments", "{needs}"},
    {"POST /api/v1/cases/{id}/agreements",
     R"({"signed_on":"2026-11-23","valid_from":"2026-11-23","valid_until":"2027-05-23",)"
     R"("signatories":[{"name":"Иванова А.","role":"мать"}]})"},
    {"POST /api/v1/cases/{id}/plans", "{plan}"},
    {"PATCH /api/v1/plans/{id}/measures/{measure_id}", R"({"version":999,"status":"done"})"},
    {"POST /api/v1/households", R"({"address":"ул. Матричная, 1","unit_id":"{unit}"})"},
    {"PATCH /api/v1/households/{id}", R"({"version":999,"notes":"матрица"})"},
    {"POST /api/v1/households/{id}/persons",
     R"({"last_name":"Тестова","first_name":"Ира","sex":"female","household_role":"other"})"},
    {"PATCH /api/v1/persons/{id}", R"({"version":999,"school":"Школа"})"},
    {"PUT /api/v1/persons/{id}/sensitive", R"({"health":"матрица"})"},
    {"POST /api/v1/duplicates/persons", R"({"last_name":"Тестова"})"},
    {"POST /api/v1/persons/{id}/erase", R"({"reason":"матрица"})"},
    // A dry run of a one-family CSV ("Адрес;Фамилия;Имя;Пол" and one row) into the membership's unit.
    {"POST /api/v1/imports/households",
     R"({"unit":"{unit}","file":"0JDQtNGA0LXRgTvQpNCw0LzQuNC70LjRjzvQmNC80Y870J/QvtC7DQrRg9C7LiDQnNCw0YLRgNC40YfQvdCw0Y8sIDM70KLQtdGB0YLQvtCy0LA70JjRgNCwO9C2DQo="})"},
    {"POST /api/v1/imports/households/report",
     R"({"unit":"{unit}","file":"0JDQtNGA0LXRgTvQpNCw0LzQuNC70LjRjzvQmNC80Y870J/QvtC7DQrRg9C7LiDQnNCw0YLRgNC40YfQvdCw0Y8sIDM70KLQtdGB0YLQvtCy0LA70JjRgNCwO9C2DQo="})"},
    {"POST /api/v1/signals", "{signal}"},
    {"POST /api/v1/signals/{id}/triage", R"({"outcome":"no_grounds","reason":"матрица"})"},
    {"POST /api/v1/catalogue/services",
     R"({"code":"food_sets","category":"urgent","default_unit":"set","name_ru":"Наборы","name_en":"Sets"})"},
    {"PATCH /api/v1/catalogue/services/{code}", R"({"version":999,"name_en":"Sets"})"},
    {"POST /api/v1/partners", "{partner_body}"},
    {"PATCH /api/v1/partners/{id}", R"({"name":"Центр занятости"})"},
    {"POST /api/v1/volunteers", "{volunteer_body}"},
    {"PATCH /api/v1/volunteers/{id}", R"({"district":"Заречный"})"},
    {"POST /api/v1/volunteers/{id}/status", R"({"to":"active"})"},
    {"POST /api/v1/volunteers/{id}/courses", R"({"code":"basics","name":"Основы","hours":8,"taken_on":"2026-11-01"})"},
    {"POST /api/v1/volunteers/{id}/contacts", R"({"case_id":"{case}","on":"2026-11-20","minutes":30,"what":"звонок"})"},
    {"POST /api/v1/volunteers/assign-batch", R"({"case_ids":["{case}"]})"},
    {"PUT /api/v1/cases/{id}/volunteer-wishes", R"({"needs":["sport"]})"},
    {"POST /api/v1/cases/{id}/volunteer", R"({"volunteer_id":"{volunteer}"})"},
};

// Query strings of reads that need one.
const std::map<std::string, std::string> k_queries{
    {"GET /api/v1/search", "?q=Тестова"},
    {"GET /api/v1/reports/{name}", "?from=2026-01-01&to=2026-11-23"},
    {"GET /api/v1/exports/{list}", "?from=2026-01-01&to=2026-11-23"},
};

const std::string k_needs = [] {
  boost::json::array items;
  for (const char* domain : {"child_safety", "health", "housing", "income", "employment", "parenting", "addiction",
                             "violence", "social_ties", "education"}) {
    items.push_back({{"domain", domain}, {"score", 0}, {"note", ""}});
  }
  return boost::json::serialize(
      boost::json::object{{"kind", "needs"}, {"date", "2026-11-20"}, {"data", {{"scores", std::move(items)}}}});
}();

const std::string k_plan =
    R"({"period_from":"2026-12-01","period_to":"2026-12-31","term":"short",)"
    R"("goals":[{"id":"g1","text":"Безопасность ребёнка","domain":"child_safety"}],)"
    R"("measures":[{"goal_id":"g1","patronage_type":"psychological","what":"Консультации психолога",)"
    R"("responsible_kind":"specialist","responsible_ref":"","due_on":"2026-12-15"}]})";

const std::string k_signal = R"({"received_at":"2026-11-23T08:00:00Z","source":"police_juvenile_unit",)"
                             R"("reported":"Дети одни дома","address":"ул. Матричная, 2","urgency":"emergency"})";

const std::string k_partner = R"({"name":"Центр занятости","type":"employment_centre"})";

const std::string k_volunteer =
    R"({"last_name":"Волонтёрова","first_name":"Мария","birth_date":"1990-01-01","sex":"female",)"
    R"("phone":"+7 900 000-00-00","skills":["homework"],"interests":["chess"],"languages":["ru"],)"
    R"("district":"Центральный","availability":"mon.evening,wed.evening"})";

std::string key_of(const http::Route& route) {
  return std::string(boost::beast::http::to_string(route.method)) + " " + route.pattern;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

using Ids = std::map<std::string, std::string>; // placeholder name -> id

// Region -> two departments; a case in each department (two in the first) with its records; a user of every
// role in the first department, on the team of its first case where the role can be.
class PermissionMatrix : public ::testing::TestWithParam<storage::Backend> {
protected:
  PermissionMatrix()
      : m_web(fs::temp_directory_path() / ("patronage-matrix-" + util::random_id())),
        server(GetParam(), make_web(m_web)) {}
  ~PermissionMatrix() override {
    std::error_code ec;
    fs::remove_all(m_web, ec);
  }

  static http::ApiOptions make_web(const fs::path& folder) {
    fs::create_directories(folder / "dist");
    std::ofstream(folder / "dist" / "index.html") << "<html>app</html>";
    std::ofstream(folder / "secret.txt") << "TOP-SECRET";
    return test_api_options((folder / "dist").string());
  }

  TestClient signed_in(const std::string& login) {
    TestClient c(server.port());
    const auto r = c.login(login);
    if (r.status != 200) {
      throw std::runtime_error("login failed for " + login + ": " + r.body);
    }
    return c;
  }

  static std::string id_of(const HttpResult& r, const std::string& what) {
    if (r.status != 201 && r.status != 200) {
      throw std::runtime_error("fixture " + what + ": " + std::to_string(r.status) + " " + r.body);
    }
    return std::string(r.json().at("id").as_string());
  }

  static HttpResult send(TestClient& c, const std::string& method, const std::string& target,
                         const std::string& body) {
    return c.request(method, target, body, {{"Content-Type", "application/json"}});
  }

  // The records of one case of `unit`, made by `head` (a head of that unit); `team` is the team's JSON.
  Ids make_case(TestClient& head, const std::string& unit, const std::string& team) {
    Ids ids;
    ids["unit"] = unit;
    ids["household"] = id_of(send(head, "POST", "/api/v1/households", R"({"address":"ул. Ленина, 1"})"), "household");
    const std::string h = "/api/v1/households/" + ids["household"];
    ids["person"] = id_of(send(head, "POST", h + "/persons",
                               R"({"last_name":"Иванова","first_name":"Анна","birth_date":"1990-01-01",)"
                               R"("sex":"female","household_role":"mother"})"),
                          "mother");
    const std::string child = id_of(send(head, "POST", h + "/persons",
                                         R"({"last_name":"Иванов","first_name":"Пётр","birth_date":"2015-05-05",)"
                                         R"("sex":"male","household_role":"child"})"),
                                    "child");
    ids["case"] = id_of(send(head, "POST", "/api/v1/cases", R"({"household_id":")" + ids["household"] + "\"}"), "case");
    const std::string c = "/api/v1/cases/" + ids["case"];
    if (auto r = send(head, "PUT", c + "/team", team); r.status != 200) {
      throw std::runtime_error("fixture team: " + r.body);
    }
    const std::string pdf = "JVBERi0xLjQgbWF0cml4"; // "%PDF-1.4 matrix"
    auto consent = send(head, "POST", c + "/consents",
                        R"({"signed_by":")" + ids["person"] + R"(","covers":[")" + child +
                            R"("],"scope":"patronage","signed_on":"2026-11-20","document":{"file_name":"c.pdf",)"
                            R"("content_type":"application/pdf","content_base64":")" +
                            pdf + R"("}})");
    ids["consent"] = id_of(consent, "consent");
    ids["document"] = std::string(consent.json().at("document_id").as_string());
    ids["decision"] = id_of(send(head, "POST", c + "/decisions", k_bodies.at("POST /api/v1/cases/{id}/decisions")),
                            "decision");
    ids["visit"] = id_of(send(head, "POST", c + "/visits", R"({"planned_on":"2026-11-29","kind":"home","purpose":"контроль"})"),
                         "visit");
    ids["partner"] = id_of(send(head, "POST", "/api/v1/partners", k_partner), "partner");
    ids["referral"] = id_of(send(head, "POST", c + "/referrals",
                                 R"({"partner_id":")" + ids["partner"] +
                                     R"(","reason":"помощь","sent_on":"2026-11-20","due_on":"2026-12-20"})"),
                            "referral");
    ids["assessment"] = id_of(send(head, "POST", c + "/assessments", k_needs), "assessment");
    auto plan = send(head, "POST", c + "/plans", k_plan);
    ids["plan"] = id_of(plan, "plan");
    ids["measure"] = std::string(plan.json().at("measures").at(0).at("id").as_string());
    ids["signal"] = id_of(send(head, "POST", "/api/v1/signals", k_signal), "signal");
    ids["volunteer"] = id_of(send(head, "POST", "/api/v1/volunteers", k_volunteer), "volunteer");
    if (auto r = send(head, "PUT", c + "/volunteer-wishes", R"({"needs":["sport"]})"); r.status != 200) {
      throw std::runtime_error("fixture wishes: " + r.body); // so that reading them answers 200, not "none yet"
    }
    return ids;
  }

  void build_fixture() {
    const auto region = server.add_unit("Регион", "region");
    const auto first = server.add_unit("Отдел 1", "department", region);
    const auto second = server.add_unit("Отдел 2", "department", region);
    for (const char* role : k_roles) {
      users[role] = server.add_user(role, role, first);
    }
    const auto spec_b = server.add_user("spec_b", "specialist", first);
    server.add_user("head_2", "head", second);
    const auto spec_c = server.add_user("spec_c", "specialist", second);
    auto head = signed_in("head");
    auto head_2 = signed_in("head_2");
    fixture[0] = make_case(head, first,
                           R"({"lead_id":")" + users["specialist"] + R"(","experts":[")" + users["expert"] +
                               R"("],"volunteers":[")" + users["volunteer"] + R"("]})");
    fixture[1] = make_case(head, first, R"({"lead_id":")" + spec_b + R"("})");
    fixture[2] = make_case(head_2, second, R"({"lead_id":")" + spec_c + R"("})");
    // Accounts to act on (never the signed-in users themselves).
    fixture[0]["user"] = server.add_user("colleague_1", "specialist", first);
    fixture[1]["user"] = server.add_user("colleague_2", "expert", first);
    fixture[2]["user"] = server.add_user("colleague_3", "specialist", second);
  }

  long long audit_seq() {
    return server.db()
        .transact([&](storage::Tx& tx) -> util::Result<long long> {
          storage::AuditFilter filter;
          filter.limit = 1;
          const auto last = storage::list_audit(tx, filter);
          return last.empty() ? 0 : last.front().seq;
        })
        .value_or(-1);
  }

  fs::path m_web;
  TestServer server;
  std::map<std::string, std::string> users;
  std::array<Ids, 3> fixture;
};

// The id a path parameter takes: by the collection segment before it.
std::string param_value(const std::vector<std::string>& segments, size_t at, const Ids& ids) {
  const std::string& name = segments[at];
  if (name == "{consent_id}") {
    return ids.at("consent");
  }
  if (name == "{measure_id}") {
    return ids.at("measure");
  }
  if (name == "{code}") {
    return "food_sets";
  }
  if (name == "{list}") {
    return "households";
  }
  if (name == "{name}") {
    return "caseload";
  }
  if (name == "{batch}") {
    return "nosuchbatchnosuchbat"; // no batch: a head gets 404, everyone else 403 first
  }
  static const std::map<std::string, std::string> k_collections{
      {"users", "user"},         {"cases", "case"},         {"households", "household"}, {"persons", "person"},
      {"visits", "visit"},       {"decisions", "decision"}, {"documents", "document"},   {"referrals", "referral"},
      {"assessments", "assessment"}, {"plans", "plan"},     {"partners", "partner"},     {"signals", "signal"},
      {"volunteers", "volunteer"}};
  return ids.at(k_collections.at(segments.at(at - 1)));
}

std::string fill(const std::string& text, const Ids& ids) {
  std::string out = text;
  out = replace_all(out, "{needs}", k_needs);
  out = replace_all(out, "{plan}", k_plan);
  out = replace_all(out, "{signal}", k_signal);
  out = replace_all(out, "{partner_body}", k_partner);
  out = replace_all(out, "{volunteer_body}", k_volunteer);
  for (const auto& [name, id] : ids) {
    out = replace_all(out, "{" + name + "}", id);
  }
  return out;
}

char outcome_of(const HttpResult& r) {
  if (r.status == 403) {
    return 'F';
  }
  if (r.status == 404) {
    return 'H';
  }
  if (r.status == 401) {
    return '?';
  }
  if (r.status == 422) {
    // A reference to a record outside one's reach is refused as "not found", like a path id.
    const auto& json = r.json();
    if (json.is_object() && json.as_object().contains("errors")) {
      const auto& errors = json.at("errors").as_array();
      bool all_not_found = !errors.empty();
      for (const auto& e : errors) {
        const std::string reason(e.at("reason").as_string());
        all_not_found = all_not_found && reason.ends_with("not_found");
      }
      if (all_not_found) {
        return 'H';
      }
    }
  }
  return 'A';
}

// The expected letter of `role_index` and membership `m`; `cells` is the table entry.
char expected_of(const std::string& cells, size_t role_index, size_t m) {
  std::istringstream in(cells);
  std::string group;
  for (size_t i = 0; i <= role_index; ++i) {
    in >> group;
  }
  return group.size() == 1 ? group[0] : group.at(m);
}

TEST_P(PermissionMatrix, EveryRouteAnswersEveryRoleAsDocumented) {
  build_fixture();
  // The route table: a second Api on the same services builds the very router the server runs.
  const http::Api api(server.services(), test_api_options());
  const auto& routes = api.router().routes();
  std::vector<const http::Route*> ordered;
  for (const auto& route : routes) {
    const std::string key = key_of(route);
    const auto entry = k_expected.find(key);
    ASSERT_NE(entry, k_expected.end()) << "no permission-matrix entry for " << key
                                       << ": add it to k_expected (and docs/permissions.md)";
    std::istringstream in(entry->second);
    std::string group;
    size_t groups = 0;
    while (in >> group) {
      ASSERT_TRUE(group.size() == 1 || group.size() == 3) << key;
      ++groups;
    }
    ASSERT_EQ(groups, k_roles.size()) << key;
    ordered.push_back(&route);
  }
  for (const auto& entry : k_expected) {
    const std::string& key = entry.first;
    EXPECT_TRUE(std::any_of(routes.begin(), routes.end(), [&key](const auto& r) { return key_of(r) == key; }))
        << "k_expected names a route the router does not have: " << key;
  }
  // Signing out ends the session the other checks use: last.
  std::stable_partition(ordered.begin(), ordered.end(),
                        [](const http::Route* r) { return r->pattern != "/api/v1/auth/logout"; });

  // Anonymous: every session route wants a session.
  TestClient anonymous(server.port());
  for (const auto* route : ordered) {
    const std::string key = key_of(*route);
    std::string target;
    for (size_t i = 0; i < route->segments.size(); ++i) {
      target += "/" + (route->segments[i].starts_with("{") ? param_value(route->segments, i, fixture[0])
                                                           : route->segments[i]);
    }
    const auto body = k_bodies.contains(key) ? fill(k_bodies.at(key), fixture[0]) : "";
    const auto r = anonymous.request(std::string(boost::beast::http::to_string(route->method)), target, body,
                                     {{"Content-Type", "application/json"}});
    if (route->access == http::Access::session) {
      EXPECT_EQ(r.status, 401) << key << " without a session: " << r.body;
    } else {
      EXPECT_TRUE(r.status != 401 && r.status != 403 && r.status != 404) << key << ": " << r.status;
    }
  }
  // The static files: a hostile path never leaves the web root (tests/http/static_files_test.cpp has the rest).
  for (const char* hostile : {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt"}) {
    const auto r = anonymous.get(hostile);
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << hostile;
  }

  std::vector<std::string> mismatches;
  for (size_t role_index = 0; role_index < k_roles.size(); ++role_index) {
    const std::string role = k_roles[role_index];
    auto client = signed_in(role);
    for (const auto* route : ordered) {
      const std::string key = key_of(*route);
      const std::string& cells = k_expected.at(key);
      const bool by_record = route->segments.end() != std::find_if(route->segments.begin(), route->segments.end(),
                                                                   [](const auto& s) { return s.starts_with("{"); }) ||
                             (k_bodies.contains(key) && k_bodies.at(key).find("\"{") != std::string::npos);
      for (size_t m = 0; m < (by_record ? 3U : 1U); ++m) {
        const Ids& ids = fixture[m];
        std::string target;
        for (size_t i = 0; i < route->segments.size(); ++i) {
          target += "/" + (route->segments[i].starts_with("{") ? param_value(route->segments, i, ids)
                                                               : route->segments[i]);
        }
        if (target.empty()) {
          target = "/";
        }
        if (k_queries.contains(key)) {
          target += k_queries.at(key);
        }
        const std::string body = k_bodies.contains(key) ? fill(k_bodies.at(key), ids) : "";
        const char expected = expected_of(cells, role_index, m);
        const long long before = expected == 'A' ? 0 : audit_seq();
        const auto r = client.request(std::string(boost::beast::http::to_string(route->method)), target, body,
                                      {{"Content-Type", "application/json"}});
        const char got = outcome_of(r);
        if (got != expected) {
          mismatches.push_back(key + " as " + role + " on " + k_memberships[m] + ": expected " + expected + ", got " +
                               std::to_string(r.status) + " " + r.body.substr(0, 160));
        } else if (expected != 'A') {
          EXPECT_EQ(audit_seq(), before) << key << " as " << role << " on " << k_memberships[m]
                                         << ": a refused request changed something";
        }
      }
    }
  }
  for (const auto& line : mismatches) {
    ADD_FAILURE() << line;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, PermissionMatrix, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
