// Visits, their schedule on the case page, services and material aid, and the work list (SPEC §8, §10), through
// the HTTP API on both backends.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include <algorithm>
#include <set>

#include <soci/soci.h>

#include "http/lifecycle_fixture.hpp"
#include "storage/assessments.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class HttpVisits : public ::testing::TestWithParam<storage::Backend> {};

using Json = boost::json::value;

HttpResult patch_json(TestClient& client, const std::string& target, const std::string& body) {
  return client.request("PATCH", target, body, {{"Content-Type", "application/json"}});
}

// A family of the department registered under patronage on the start day (2026-11-23), led by `lead`.
struct ActiveCase {
  std::string id;
  std::string path;
  std::string consent_id;
  std::string mother;
  std::string child;
};

ActiveCase activate(LifecycleWorld& w, const std::string& lead, const std::string& last_name,
                    const std::string& consent_until = "") {
  w.add_family(last_name);
  auto specialist = w.client(lead);
  auto secretary = w.client("secretary");
  ActiveCase c;
  c.mother = w.mother;
  c.child = w.child;
  auto opened = specialist.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  EXPECT_EQ(opened.status, 201) << opened.body;
  c.id = text(opened.json(), "id");
  c.path = "/api/v1/cases/" + c.id;
  std::string consent = R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                        R"("],"scope":"patronage","signed_on":"2026-11-23")";
  if (!consent_until.empty()) {
    consent += R"(,"valid_until":")" + consent_until + R"(")";
  }
  auto added = specialist.post_json(c.path + "/consents", consent + "}");
  EXPECT_EQ(added.status, 201) << added.body;
  c.consent_id = text(added.json(), "id");
  const std::string decision =
      R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"17","members_present":["Соколова М. П."],)"
      R"("kind":"register_case","grounds":"заключение консилиума","patronage_types":["psychological"],)"
      R"("lead_specialist_id":")" +
      w.ids[lead] + R"(","intensity":"intensive","planned_end":")" + months_later(6) + R"("})";
  auto recorded = secretary.post_json(c.path + "/decisions", decision);
  EXPECT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(secretary.post_json("/api/v1/decisions/" + text(recorded.json(), "id") + "/sign", "").status, 200);
  for (const char* to : {"assessment", "awaiting_decision", "active"}) {
    auto moved = specialist.post_json(c.path + "/transitions", transition(to));
    EXPECT_EQ(moved.status, 200) << to << ": " << moved.body;
  }
  return c;
}

Json next_visit(TestClient& client, const ActiveCase& c) {
  auto page = client.get(c.path);
  EXPECT_EQ(page.status, 200) << page.body;
  return page.json().at("next_visit");
}

std::string done_visit(const std::string& on, bool closing = false) {
  return R"({"planned_on":")" + on + R"(","actual_on":")" + on + R"(","kind":"home","purpose":"плановое посещение")" +
         (closing ? R"(,"closing":true)" : "") + "}";
}

void move_to(LifecycleWorld& w, const char* timestamp) { w.server.clock().set(*util::parse_timestamp(timestamp)); }

// Several people recording visits of one case at once (the lead, a colleague, an outbox sending): on PostgreSQL
// their row locks on the case's due items and the day's visit counter can deadlock, and the database then aborts
// one of them. Such a transaction is run again, so every visit is recorded, once, and nobody gets an error.
TEST_P(HttpVisits, VisitsRecordedAtOnceOnOneCaseAreAllKept) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "spec", "Иванова");
  constexpr int k_threads = 6;
  constexpr int k_each = 5;
  std::vector<TestClient> clients;
  for (int t = 0; t < k_threads; ++t) {
    clients.push_back(w.client("spec"));
  }
  std::vector<std::vector<HttpResult>> answers(k_threads);
  std::vector<std::thread> threads;
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < k_each; ++i) {
        answers[t].push_back(clients[t].post_json(c.path + "/visits", done_visit("2026-11-23")));
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (const auto& list : answers) {
    for (const auto& answer : list) {
      EXPECT_EQ(answer.status, 201) << answer.body;
    }
  }
  auto spec = w.client("spec");
  auto visits = spec.get(c.path + "/visits");
  ASSERT_EQ(visits.status, 200) << visits.body;
  EXPECT_EQ(visits.json().at("items").as_array().size(), static_cast<size_t>(k_threads * k_each));
}

TEST_P(HttpVisits, RecordsMadePlannedAndMissedVisitsWithTheirOutcome) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "spec", "Иванова");
  auto spec = w.client("spec");

  const std::string full = R"({"planned_on":"2026-11-23","actual_on":"2026-11-23","kind":"home","participants":[")" +
                           w.ids["spec"] + R"(",")" + w.ids["expert"] +
                           R"("],"purpose":"обследование условий","observations":{"home":"чисто, тепло",)"
                           R"("children":[{"person_id":")" +
                           c.child + R"(","note":"здоров, посещает школу"}],"relations":"спокойные"},)"
                           R"("child_safety":{"checked":true,"concern":false,"note":"угроз нет"},)"
                           R"("actions":"консультация матери","next_step":"посещение через месяц"})";
  auto made = spec.post_json(c.path + "/visits", full);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto visit = made.json();
  EXPECT_EQ(text(visit, "status"), "done");
  EXPECT_EQ(text(visit, "actual_on"), "2026-11-23");
  EXPECT_EQ(visit.at("participants").as_array().size(), 2U);
  EXPECT_EQ(text(visit.at("observations").at("children").at(0), "person_id"), c.child);
  EXPECT_TRUE(visit.at("child_safety").at("checked").as_bool());
  EXPECT_FALSE(visit.at("child_safety").at("concern").as_bool());
  EXPECT_TRUE(visit.at("missed").is_null());
  EXPECT_EQ(visit.at("version").as_int64(), 1);

  auto planned = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-30","kind":"office","purpose":"встреча"})");
  ASSERT_EQ(planned.status, 201) << planned.body;
  EXPECT_EQ(text(planned.json(), "status"), "planned");
  const std::string planned_path = "/api/v1/visits/" + text(planned.json(), "id");
  EXPECT_EQ(planned.json().at("participants").at(0).as_string(), w.ids["spec"]) << "the author goes by default";

  auto missed = patch_json(spec, planned_path, R"({"version":1,"missed":{"reason":"семья не открыла дверь"}})");
  ASSERT_EQ(missed.status, 200) << missed.body;
  EXPECT_EQ(text(missed.json(), "status"), "missed");
  EXPECT_EQ(text(missed.json().at("missed"), "reason"), "семья не открыла дверь");
  EXPECT_EQ(missed.json().at("version").as_int64(), 2);
  auto stale = patch_json(spec, planned_path, R"({"version":1,"actual_on":"2026-11-23"})");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(type_of(stale), "urn:patronage:problem:record.stale_version");
  auto again = patch_json(spec, planned_path, R"({"version":2,"actual_on":"2026-11-23"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(type_of(again), "urn:patronage:problem:visit.outcome_recorded");

  auto phone = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-23","kind":"phone","purpose":"звонок"})");
  ASSERT_EQ(phone.status, 201);
  auto outcome = patch_json(spec, "/api/v1/visits/" + text(phone.json(), "id"),
                            R"({"version":1,"actual_on":"2026-11-23","child_safety":{"concern":true,"note":"синяки"}})");
  ASSERT_EQ(outcome.status, 200) << outcome.body;
  EXPECT_EQ(text(outcome.json(), "status"), "done");
  EXPECT_TRUE(outcome.json().at("child_safety").at("checked").as_bool()) << "a concern implies the check";
  EXPECT_EQ(patch_json(spec, "/api/v1/visits/" + text(phone.json(), "id"), R"({"version":2})").status, 422);

  // A concern without saying what it is is refused, naming the field, and changes nothing.
  auto silent = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-23","actual_on":"2026-11-23",)"
                                                   R"("kind":"home","purpose":"контроль",)"
                                                   R"("child_safety":{"checked":true,"concern":true,"note":"  "}})");
  EXPECT_EQ(silent.status, 422) << silent.body;
  EXPECT_EQ(fields_of(silent), (std::vector<std::string>{"child_safety.note"}));
  const auto visits_before = spec.get(c.path + "/visits").json().at("items").as_array().size();
  auto silent_outcome = patch_json(spec, "/api/v1/visits/" + text(phone.json(), "id"),
                                   R"({"version":2,"child_safety":{"concern":true}})");
  EXPECT_EQ(silent_outcome.status, 422);
  // Every problem of the form at once: no outcome (made or missed) and the concern's missing note.
  EXPECT_EQ(fields_of(silent_outcome), (std::vector<std::string>{"actual_on", "child_safety.note"}));
  EXPECT_EQ(spec.get(c.path + "/visits").json().at("items").as_array().size(), visits_before);

  auto missed_directly = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-22","kind":"home",)"
                                                            R"("purpose":"плановое","missed":{"reason":"болезнь"}})");
  ASSERT_EQ(missed_directly.status, 201) << missed_directly.body;
  EXPECT_EQ(text(missed_directly.json(), "status"), "missed");

  auto bad = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-23","actual_on":"2026-12-01",)"
                                                R"("kind":"teleport","purpose":"x"})");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"actual_on", "kind"}));
  auto both = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-23","actual_on":"2026-11-23",)"
                                                 R"("kind":"home","purpose":"x","missed":{"reason":"r"}})");
  EXPECT_EQ(fields_of(both), (std::vector<std::string>{"missed"}));
  auto stranger = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-23","kind":"home","purpose":"x",)"
                                                     R"("participants":[")" + w.ids["other_spec"] +
                                                     R"("],"observations":{"children":[{"person_id":"nobody"}]}})");
  EXPECT_EQ(fields_of(stranger),
            (std::vector<std::string>{"participants[0]", "observations.children[0].person_id"}));
  auto unknown = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-23","kind":"home","purpose":"x","mood":1})");
  EXPECT_EQ(fields_of(unknown), (std::vector<std::string>{"mood"}));

  auto list = spec.get(c.path + "/visits");
  ASSERT_EQ(list.status, 200);
  const auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 4U);
  EXPECT_EQ(text(items[0], "planned_on"), "2026-11-30") << "latest first";
  EXPECT_EQ(text(items[3], "planned_on"), "2026-11-22");

  auto outsider = w.client("other_spec");
  EXPECT_EQ(outsider.get(c.path + "/visits").status, 404);
  EXPECT_EQ(outsider.post_json(c.path + "/visits", done_visit("2026-11-23")).status, 404);
  EXPECT_EQ(patch_json(outsider, planned_path, R"({"version":2,"actual_on":"2026-11-23"})").status, 404);
  auto secretary = w.client("secretary");
  // A secretary sees the case but none of the family's records (docs/permissions.md): its visits are hidden.
  EXPECT_EQ(secretary.get(c.path + "/visits").status, 404) << "visits hold child-safety notes";
  EXPECT_EQ(secretary.post_json(c.path + "/visits", done_visit("2026-11-23")).status, 404);
  auto head = w.client("head");
  EXPECT_EQ(head.post_json(c.path + "/visits", done_visit("2026-11-23")).status, 201);
}

TEST_P(HttpVisits, AfterConsentIsWithdrawnOnlyTheClosingVisitIsAllowed) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "spec", "Петрова");
  auto spec = w.client("spec");
  ASSERT_EQ(spec.post_json(c.path + "/consents/" + c.consent_id + "/withdraw", R"({"withdrawn_on":"2026-11-23"})").status,
            204);

  const auto due = next_visit(spec, c);
  ASSERT_TRUE(due.is_object());
  EXPECT_EQ(text(due.at("reason"), "key"), "visit.closing_only");
  EXPECT_EQ(text(due, "due_on"), "2026-12-07") << "14 days after the withdrawal";

  auto refused = spec.post_json(c.path + "/visits", done_visit("2026-11-23"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), "urn:patronage:problem:case.consent_withdrawn_visits_blocked");
  auto planned = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-25","kind":"home","purpose":"x"})");
  EXPECT_EQ(planned.status, 409) << "planning an ordinary visit is refused too";
  EXPECT_EQ(spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-20","kind":"home","purpose":"x",)"
                                               R"("missed":{"reason":"не застали"}})")
                .status,
            201)
      << "a missed visit is only a record";

  auto closing = spec.post_json(c.path + "/visits", done_visit("2026-11-23", true));
  ASSERT_EQ(closing.status, 201) << closing.body;
  EXPECT_TRUE(closing.json().at("closing").as_bool());
  EXPECT_TRUE(next_visit(spec, c).is_null()) << "nothing more is owed after the closing visit";
}

TEST_P(HttpVisits, TheCasePageShowsTheNextVisitByRiskPregnancyAndOverdueDays) {
  LifecycleWorld w(GetParam());
  w.add_family("Сидорова");
  auto spec = w.client("spec");
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  ASSERT_EQ(opened.status, 201);
  EXPECT_TRUE(spec.get("/api/v1/cases/" + text(opened.json(), "id")).json().at("next_visit").is_null())
      << "no regular visits before registration";

  // Not assessed yet: the medium rate, 30 days from registration.
  const auto c = activate(w, "spec", "Медведева");
  spec = w.client("spec");
  auto due = next_visit(spec, c);
  ASSERT_TRUE(due.is_object());
  EXPECT_EQ(text(due, "due_on"), "2026-12-23");
  EXPECT_EQ(text(due.at("reason"), "key"), "visit.due_by_risk");
  EXPECT_FALSE(text(due.at("reason"), "message").empty());
  EXPECT_EQ(due.at("overdue_days").as_int64(), 0);

  // A needs assessment with a severe (3) housing problem: high risk, visits every 14 days from the last one.
  auto stored = w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    storage::AssessmentRecord a;
    a.id = util::random_id();
    a.case_id = c.id;
    a.kind = "needs";
    a.on_date = "2026-11-23";
    a.author_id = w.ids["spec"];
    std::string scores;
    for (const char* domain : {"child_safety", "health", "housing", "income", "employment", "parenting", "addiction",
                               "violence", "social_ties", "education"}) {
      scores += std::string(scores.empty() ? "" : ",") + R"({"domain":")" + domain + R"(","score":)" +
                (std::string(domain) == "housing" ? "3" : "0") + "}";
    }
    a.data = R"({"scores":[)" + scores + "]}";
    a.sensitive = "{}";
    storage::insert_assessment(tx, a);
    return {};
  });
  ASSERT_TRUE(stored);
  ASSERT_EQ(spec.post_json(c.path + "/visits", done_visit("2026-11-23")).status, 201);
  due = next_visit(spec, c);
  EXPECT_EQ(text(due, "due_on"), "2026-12-07");

  move_to(w, "2026-12-10T09:00:00Z");
  spec = w.client("spec");
  due = next_visit(spec, c);
  EXPECT_EQ(text(due, "due_on"), "2026-12-07");
  EXPECT_EQ(due.at("overdue_days").as_int64(), 3);

  // SPEC §8: a pregnant client is first visited within 3 days of registration.
  move_to(w, "2026-11-23T09:00:00Z");
  const auto pregnant = activate(w, "spec2", "Козлова");
  auto marked = w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "UPDATE persons SET pregnant = 1 WHERE id = :id", soci::use(pregnant.mother);
    return {};
  });
  ASSERT_TRUE(marked);
  auto spec2 = w.client("spec2");
  due = next_visit(spec2, pregnant);
  EXPECT_EQ(text(due, "due_on"), "2026-11-26");
  EXPECT_EQ(text(due.at("reason"), "key"), "visit.pregnancy_first_visit");
}

TEST_P(HttpVisits, OnlyAdminsEditTheCatalogueOfServices) {
  LifecycleWorld w(GetParam());
  auto spec = w.client("spec");
  auto list = spec.get("/api/v1/catalogue/services");
  ASSERT_EQ(list.status, 200);
  const auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 17U);
  EXPECT_EQ(text(items[0], "code"), "consultation");
  EXPECT_EQ(text(items[0], "name"), "Консультация");
  EXPECT_EQ(text(items[0], "category"), "ordinary");
  EXPECT_EQ(text(items[16], "category"), "urgent");
  spec.language() = "en";
  EXPECT_EQ(text(spec.get("/api/v1/catalogue/services").json().at("items").at(14), "name"), "Food sets");

  const std::string entry = R"({"code":"home_repair","category":"ordinary","default_unit":"occasion",)"
                            R"("name_ru":"Мелкий ремонт","name_en":"Small home repairs"})";
  EXPECT_EQ(spec.post_json("/api/v1/catalogue/services", entry).status, 403);
  EXPECT_EQ(w.client("head").post_json("/api/v1/catalogue/services", entry).status, 403);
  auto admin = w.client("admin");
  auto added = admin.post_json("/api/v1/catalogue/services", entry);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(text(added.json(), "name"), "Мелкий ремонт");
  EXPECT_EQ(added.json().at("version").as_int64(), 1);
  auto taken = admin.post_json("/api/v1/catalogue/services", entry);
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(type_of(taken), "urn:patronage:problem:catalogue.code_taken");
  auto bad = admin.post_json("/api/v1/catalogue/services", R"({"code":"Bad Code","category":"luxury",)"
                                                           R"("default_unit":"x","name_ru":"x","name_en":"x"})");
  EXPECT_EQ(fields_of(bad), (std::vector<std::string>{"code", "category"}));

  EXPECT_EQ(patch_json(spec, "/api/v1/catalogue/services/home_repair", R"({"version":1,"active":false})").status, 403);
  auto paused = patch_json(admin, "/api/v1/catalogue/services/home_repair", R"({"version":1,"active":false})");
  ASSERT_EQ(paused.status, 200) << paused.body;
  EXPECT_FALSE(paused.json().at("active").as_bool());
  EXPECT_EQ(paused.json().at("version").as_int64(), 2);
  EXPECT_EQ(type_of(patch_json(admin, "/api/v1/catalogue/services/home_repair", R"({"version":1,"name_en":"x"})")),
            "urn:patronage:problem:record.stale_version");
  EXPECT_EQ(patch_json(admin, "/api/v1/catalogue/services/nothing", R"({"version":1})").status, 404);

  const auto c = activate(w, "spec", "Орлова");
  spec = w.client("spec");
  auto inactive = spec.post_json(c.path + "/services", R"({"service_code":"home_repair","delivered_on":"2026-11-23",)"
                                                       R"("quantity":1,"provider":"ЦСО"})");
  EXPECT_EQ(fields_of(inactive), (std::vector<std::string>{"service_code"}));
}

TEST_P(HttpVisits, DeliveriesOfServicesAndAidAreValidated) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "spec", "Лебедева");
  auto spec = w.client("spec");
  auto delivered = spec.post_json(c.path + "/services", R"({"service_code":"food_sets","delivered_on":"2026-11-23",)"
                                                        R"("quantity":2,"provider":"ЦСО «Надежда»","cost":150000})");
  ASSERT_EQ(delivered.status, 201) << delivered.body;
  EXPECT_EQ(text(delivered.json(), "unit"), "set") << "the catalogue's unit by default";
  EXPECT_EQ(delivered.json().at("cost").as_int64(), 150000);
  auto no_cost = spec.post_json(c.path + "/services", R"({"service_code":"consultation","delivered_on":"2026-11-22",)"
                                                      R"("quantity":1,"unit":"hour","provider":"психолог"})");
  ASSERT_EQ(no_cost.status, 201) << no_cost.body;
  EXPECT_TRUE(no_cost.json().at("cost").is_null());

  const auto bad = [&](const std::string& body) { return fields_of(spec.post_json(c.path + "/services", body)); };
  EXPECT_EQ(bad(R"({"service_code":"food_sets","delivered_on":"2026-11-23","quantity":0,"provider":"x"})"),
            (std::vector<std::string>{"quantity"}));
  EXPECT_EQ(bad(R"({"service_code":"food_sets","delivered_on":"2026-11-23","quantity":-3,"provider":"x"})"),
            (std::vector<std::string>{"quantity"}));
  EXPECT_EQ(bad(R"({"service_code":"food_sets","delivered_on":"2026-11-23","quantity":1,"provider":"x","cost":-1})"),
            (std::vector<std::string>{"cost"}));
  EXPECT_EQ(bad(R"({"service_code":"food_sets","delivered_on":"2027-01-01","quantity":1,"provider":"x"})"),
            (std::vector<std::string>{"delivered_on"}));
  EXPECT_EQ(bad(R"({"service_code":"caviar","delivered_on":"2026-11-23","quantity":1,"provider":"x"})"),
            (std::vector<std::string>{"service_code"}));
  EXPECT_EQ(bad(R"({"service_code":"food_sets","delivered_on":"2026-11-23","quantity":1.5,"provider":"x"})"),
            (std::vector<std::string>{"quantity"}));

  auto list = spec.get(c.path + "/services");
  ASSERT_EQ(list.status, 200);
  const auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(text(items[0], "service_code"), "food_sets") << "latest first";
  EXPECT_EQ(w.client("other_spec").get(c.path + "/services").status, 404);
  EXPECT_EQ(w.client("volunteer").post_json(c.path + "/services", R"({"service_code":"food_sets",)"
                                                                   R"("delivered_on":"2026-11-23","quantity":1,)"
                                                                   R"("provider":"x"})")
                .status,
            404);
}

// The kinds and case/signal ids of a work list, in order.
std::vector<std::string> entries(TestClient& client) {
  auto res = client.get("/api/v1/worklist");
  EXPECT_EQ(res.status, 200) << res.body;
  std::vector<std::string> out;
  const auto json = res.json();
  for (const auto& item : json.at("items").as_array()) {
    const auto& o = item.as_object();
    EXPECT_FALSE(o.at("title").as_string().empty());
    std::string id = o.contains("case_id") ? std::string(o.at("case_id").as_string())
                                           : std::string(o.at("signal_id").as_string());
    out.push_back(std::string(o.at("kind").as_string()) + ":" + id + (o.at("overdue").as_bool() ? ":overdue" : ""));
  }
  return out;
}

std::vector<std::string> entries_of(LifecycleWorld& w, const std::string& login) {
  auto client = w.client(login);
  return entries(client);
}

std::string create_signal(TestClient& client, const std::string& received_at, const std::string& urgency,
                          const std::string& address) {
  auto created = client.post_json("/api/v1/signals",
                                  boost::json::serialize(boost::json::object{{"received_at", received_at},
                                                                              {"source", "school"},
                                                                              {"reported", "Ребёнок не ходит в школу"},
                                                                              {"address", address},
                                                                              {"urgency", urgency}}));
  EXPECT_EQ(created.status, 201) << created.body;
  return text(created.json(), "id");
}

TEST_P(HttpVisits, TheWorkListShowsWhatEachUserMayActOnMostUrgentFirst) {
  LifecycleWorld w(GetParam());
  const auto ours = activate(w, "spec", "Смирнова", "2026-12-31");
  const auto theirs = activate(w, "spec2", "Кузьмина");
  EXPECT_TRUE(entries_of(w, "spec").empty())
      << "nothing due within a week on the day of registration";

  // 2026-12-20: both regular visits (due 2026-12-23) are within a week; the consent ends within 30 days.
  move_to(w, "2026-12-20T09:00:00Z");
  auto spec = w.client("spec");
  const auto routine = create_signal(spec, "2026-12-20T08:00:00Z", "routine", "ул. Мира, 1");
  const auto emergency = create_signal(spec, "2026-12-20T08:30:00Z", "emergency", "ул. Мира, 2");
  EXPECT_EQ(entries(spec), (std::vector<std::string>{"signal_triage:" + emergency, "visit_due:" + ours.id,
                                                     "consent_expiring:" + ours.id, "signal_triage:" + routine}));
  auto head = w.client("head");
  const auto head_items = entries(head);
  ASSERT_EQ(head_items.size(), 5U);
  EXPECT_EQ(head_items[0], "signal_triage:" + emergency);
  EXPECT_EQ(std::set<std::string>(head_items.begin() + 1, head_items.begin() + 3),
            (std::set<std::string>{"visit_due:" + ours.id, "visit_due:" + theirs.id}));
  EXPECT_EQ(head_items[3], "consent_expiring:" + ours.id);
  EXPECT_EQ(head_items[4], "signal_triage:" + routine);
  auto spec2 = w.client("spec2");
  EXPECT_EQ(entries(spec2), (std::vector<std::string>{"signal_triage:" + emergency, "visit_due:" + theirs.id,
                                                      "signal_triage:" + routine}));
  auto other = w.client("other_spec");
  EXPECT_TRUE(entries(other).empty()) << "a specialist of another unit sees none of ours";
  EXPECT_TRUE(entries_of(w, "volunteer").empty());
  EXPECT_TRUE(entries_of(w, "secretary").empty());

  // Titles are translated on the server.
  auto titled = spec.get("/api/v1/worklist").json().at("items").as_array();
  EXPECT_NE(std::string(titled[0].at("title").as_string()).find("ул. Мира, 2"), std::string::npos);
  EXPECT_EQ(titled[0].at("due_at").as_string(), "2026-12-21T08:30:00Z");
  EXPECT_EQ(titled[0].at("urgency").as_int64(), 1);

  // 2026-12-26: our visit and the first emergency signal are overdue and come first, by due time; a new
  // emergency signal follows them; a child-safety concern at a visit raises an early warning.
  move_to(w, "2026-12-26T09:00:00Z");
  spec = w.client("spec");
  const auto fresh = create_signal(spec, "2026-12-26T08:00:00Z", "emergency", "ул. Мира, 3");
  const auto listed = entries(spec);
  ASSERT_GE(listed.size(), 4U);
  EXPECT_EQ(listed[0], "signal_triage:" + emergency + ":overdue");
  EXPECT_EQ(listed[1], "visit_due:" + ours.id + ":overdue");
  EXPECT_EQ(listed[2], "signal_triage:" + fresh);
  const auto page = spec.get(ours.path).json();
  EXPECT_EQ(page.at("next_visit").at("overdue_days").as_int64(), 3);

  ASSERT_EQ(spec.post_json(ours.path + "/visits", R"({"planned_on":"2026-12-26","actual_on":"2026-12-26",)"
                                                  R"("kind":"home","purpose":"контроль",)"
                                                  R"("child_safety":{"checked":true,"concern":true,"note":"синяк"}})")
                .status,
            201);
  const auto after = entries(spec);
  EXPECT_EQ(std::count(after.begin(), after.end(), "visit_due:" + ours.id + ":overdue"), 0);
  EXPECT_EQ(std::count(after.begin(), after.end(), "early_warning:" + ours.id), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpVisits, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
