// Field work without a connection (issue 14, docs/offline.md), server side: writes sent again with an
// Idempotency-Key are applied once, and a visit edited offline merges field by field or answers its conflicts —
// through the HTTP API on both backends.
#include <gtest/gtest.h>

#include <soci/soci.h>

#include "http/lifecycle_fixture.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class HttpOffline : public ::testing::TestWithParam<storage::Backend> {};

using Json = boost::json::value;
using Headers = std::map<std::string, std::string>;

HttpResult send(TestClient& client, const std::string& method, const std::string& target, const std::string& body,
                const std::string& key) {
  Headers headers{{"Content-Type", "application/json"}};
  if (!key.empty()) {
    headers["Idempotency-Key"] = key;
  }
  return client.request(method, target, body, headers);
}

HttpResult post_keyed(TestClient& client, const std::string& target, const std::string& body, const std::string& key) {
  return send(client, "POST", target, body, key);
}

// A case of the department's new family, active, led by "spec", with the consent of the mother.
struct OfflineCase {
  std::string id;
  std::string path;
  std::string consent_id;
};

OfflineCase activate(LifecycleWorld& w, const std::string& last_name) {
  w.add_family(last_name);
  auto spec = w.client("spec");
  auto secretary = w.client("secretary");
  OfflineCase c;
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  EXPECT_EQ(opened.status, 201) << opened.body;
  c.id = text(opened.json(), "id");
  c.path = "/api/v1/cases/" + c.id;
  auto added = spec.post_json(c.path + "/consents", R"({"signed_by":")" + w.mother + R"(","covers":[")" + w.child +
                                                        R"("],"scope":"patronage","signed_on":"2026-11-23"})");
  EXPECT_EQ(added.status, 201) << added.body;
  c.consent_id = text(added.json(), "id");
  const std::string decision =
      R"({"body":"council","meeting_date":"2026-11-23","protocol_number":"17","members_present":["Соколова М. П."],)"
      R"("kind":"register_case","grounds":"заключение консилиума","patronage_types":["psychological"],)"
      R"("lead_specialist_id":")" +
      w.ids["spec"] + R"(","intensity":"intensive","planned_end":")" + months_later(6) + R"("})";
  auto recorded = secretary.post_json(c.path + "/decisions", decision);
  EXPECT_EQ(recorded.status, 201) << recorded.body;
  EXPECT_EQ(secretary.post_json("/api/v1/decisions/" + text(recorded.json(), "id") + "/sign", "").status, 200);
  for (const char* to : {"assessment", "awaiting_decision", "active"}) {
    auto moved = spec.post_json(c.path + "/transitions", transition(to));
    EXPECT_EQ(moved.status, 200) << to << ": " << moved.body;
  }
  return c;
}

const std::string k_visit = R"({"planned_on":"2026-11-23","actual_on":"2026-11-23","kind":"home",)"
                            R"("purpose":"плановое посещение","actions":"консультация матери"})";

const std::string k_visit_other = R"({"planned_on":"2026-11-23","actual_on":"2026-11-23","kind":"home",)"
                                  R"("purpose":"плановое посещение","actions":"другое"})";

size_t visit_count(TestClient& client, const OfflineCase& c) {
  auto list = client.get(c.path + "/visits");
  EXPECT_EQ(list.status, 200) << list.body;
  return list.status == 200 ? list.json().at("items").as_array().size() : 0;
}

long long keys_stored(LifecycleWorld& w) {
  long long count = -1;
  (void)w.server.db().read([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "SELECT COUNT(*) FROM idempotency_keys", soci::into(count);
    return {};
  });
  return count;
}

long long answers_holding(LifecycleWorld& w, const std::string& text) {
  long long count = -1;
  const std::string pattern = "%" + text + "%";
  (void)w.server.db().read([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "SELECT COUNT(*) FROM idempotency_keys WHERE body LIKE :p", soci::use(pattern), soci::into(count);
    return {};
  });
  return count;
}

TEST_P(HttpOffline, AnErasureForgetsTheStoredAnswersThatMayHoldThePerson) {
  LifecycleWorld w(GetParam());
  w.add_family("Иванова");
  auto spec = w.client("spec");
  const std::string person = "/api/v1/persons/" + w.child;
  auto patch = send(spec, "PATCH", person, R"({"version":1,"school":"Школа № 5"})", "outbox-erase_01");
  ASSERT_EQ(patch.status, 200) << patch.body;
  ASSERT_NE(patch.body.find("Школа № 5"), std::string::npos) << patch.body;
  EXPECT_EQ(answers_holding(w, "Школа № 5"), 1) << "the answer is kept for a retry";

  auto erased = w.client("head").post_json(person + "/erase", R"({"reason":"заявление законного представителя"})");
  ASSERT_EQ(erased.status, 200) << erased.body;
  EXPECT_EQ(answers_holding(w, "Школа № 5"), 0) << "no stored answer keeps the erased person's data";

  auto again = send(spec, "PATCH", person, R"({"version":1,"school":"Школа № 5"})", "outbox-erase_01");
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(type_of(again), "urn:patronage:problem:request.already_applied");
  EXPECT_EQ(again.body.find("Школа № 5"), std::string::npos) << again.body;
}

TEST_P(HttpOffline, TheSameKeyTwiceRecordsOneVisitAndAnswersTheSameBody) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Иванова");
  auto spec = w.client("spec");

  auto first = post_keyed(spec, c.path + "/visits", k_visit, "outbox-7f3a_01");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.headers.count("idempotent-replayed"), 0U);
  auto again = post_keyed(spec, c.path + "/visits", k_visit, "outbox-7f3a_01");
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.body, first.body) << "the repeat answers the first answer";
  EXPECT_EQ(again.headers["idempotent-replayed"], "true");
  EXPECT_EQ(visit_count(spec, c), 1U) << "and writes nothing";

  // The same key with another request is a mistake of the client, never a silent replay.
  auto other_body = post_keyed(spec, c.path + "/visits", k_visit_other, "outbox-7f3a_01");
  EXPECT_EQ(other_body.status, 422) << other_body.body;
  EXPECT_EQ(type_of(other_body), "urn:patronage:problem:request.idempotency_key_reused");
  EXPECT_EQ(fields_of(other_body), (std::vector<std::string>{"Idempotency-Key"}));
  auto other_target = post_keyed(spec, c.path + "/visits?x=1", k_visit, "outbox-7f3a_01");
  EXPECT_EQ(type_of(other_target), "urn:patronage:problem:request.idempotency_key_reused");
  EXPECT_EQ(visit_count(spec, c), 1U);

  // Keys are per user: another user's same key is another request.
  auto head = w.client("head");
  auto theirs = post_keyed(head, c.path + "/visits", k_visit, "outbox-7f3a_01");
  ASSERT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_NE(text(theirs.json(), "id"), text(first.json(), "id"));
  EXPECT_EQ(theirs.headers.count("idempotent-replayed"), 0U);
  EXPECT_EQ(visit_count(spec, c), 2U);

  // A key on a read is ignored, whatever it is.
  EXPECT_EQ(spec.request("GET", c.path + "/visits", "", {{"Idempotency-Key", "not a key!"}}).status, 200);

  // Kept for 30 days: later the key is free again.
  w.server.clock().set(w.server.clock().now() + std::chrono::seconds(31LL * 24 * 3600));
  auto signed_in_again = w.client("spec");
  auto later = post_keyed(signed_in_again, c.path + "/visits", k_visit, "outbox-7f3a_01");
  EXPECT_EQ(later.status, 201) << later.body;
  EXPECT_NE(text(later.json(), "id"), text(first.json(), "id"));
}

TEST_P(HttpOffline, AnInvalidKeyIsRefusedNamingTheHeaderAndWritesNothing) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Петрова");
  auto spec = w.client("spec");
  const std::vector<std::string> bad{"",
                                     std::string(101, 'a'),
                                     std::string(4000, 'k'),
                                     "two words",
                                     "a,b",
                                     "ключ",
                                     "key/1",
                                     "key\t1",
                                     "%00",
                                     "../../etc/passwd"};
  for (const auto& key : bad) {
    SCOPED_TRACE("key of " + std::to_string(key.size()) + " bytes: " + key.substr(0, 20));
    Headers headers{{"Content-Type", "application/json"}, {"Idempotency-Key", key}};
    auto refused = spec.request("POST", c.path + "/visits", k_visit, headers);
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(fields_of(refused), (std::vector<std::string>{"Idempotency-Key"}));
  }
  EXPECT_EQ(visit_count(spec, c), 0U);
  EXPECT_EQ(keys_stored(w), 0);
  auto longest = post_keyed(spec, c.path + "/visits", k_visit, std::string(100, 'Z'));
  EXPECT_EQ(longest.status, 201) << longest.body;
}

TEST_P(HttpOffline, ARefusedWriteKeepsNoKeySoTheCorrectedRequestRuns) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Сидорова");
  auto spec = w.client("spec");
  auto bad = post_keyed(spec, c.path + "/visits", R"({"planned_on":"2026-11-23","kind":"teleport","purpose":"x"})",
                        "fix-then-send");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(keys_stored(w), 0);
  auto fixed = post_keyed(spec, c.path + "/visits", k_visit, "fix-then-send");
  ASSERT_EQ(fixed.status, 201) << fixed.body;
  auto again = post_keyed(spec, c.path + "/visits", k_visit, "fix-then-send");
  EXPECT_EQ(again.body, fixed.body);
  EXPECT_EQ(visit_count(spec, c), 1U);

  // A write that committed but whose answer was never kept (a crash between the two) is not made again.
  ASSERT_TRUE(w.server.db()
                  .transact([](storage::Tx& tx) -> util::Status {
                    tx.sql() << "UPDATE idempotency_keys SET status = 0, content_type = '', body = ''";
                    return {};
                  })
                  .has_value());
  auto after_crash = post_keyed(spec, c.path + "/visits", k_visit, "fix-then-send");
  EXPECT_EQ(after_crash.status, 409) << after_crash.body;
  EXPECT_EQ(type_of(after_crash), "urn:patronage:problem:request.already_applied");
  EXPECT_EQ(text(after_crash.json().at("params"), "entity_id"), text(fixed.json(), "id"));
  EXPECT_EQ(visit_count(spec, c), 1U);
}

TEST_P(HttpOffline, AVisitToACaseWhoseConsentWasWithdrawnMeanwhileIsRefusedByTheRule) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Орлова");
  auto spec = w.client("spec");
  // The visit waits in the outbox while the consent is withdrawn.
  ASSERT_EQ(spec.post_json(c.path + "/consents/" + c.consent_id + "/withdraw", R"({"withdrawn_on":"2026-11-23"})")
                .status,
            204);
  auto refused = post_keyed(spec, c.path + "/visits", k_visit, "offline-visit-1");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(type_of(refused), "urn:patronage:problem:case.consent_withdrawn_visits_blocked");
  EXPECT_EQ(keys_stored(w), 0) << "a refused write keeps no answer";
  auto retried = post_keyed(spec, c.path + "/visits", k_visit, "offline-visit-1");
  EXPECT_EQ(type_of(retried), "urn:patronage:problem:case.consent_withdrawn_visits_blocked") << "the rule again";
  EXPECT_EQ(visit_count(spec, c), 0U);
}

// A volunteer taken from candidate to active by the coordinator, with the account "volunteer".
std::string active_volunteer(LifecycleWorld& w, TestClient& coordinator) {
  auto created = coordinator.post_json(
      "/api/v1/volunteers",
      R"({"last_name":"Лебедева","first_name":"Мария","birth_date":"1996-06-06","sex":"female",)"
      R"("phone":"+7 900 000-00-00","skills":["homework"],"interests":["chess"],"languages":["ru"],)"
      R"("district":"Центральный","availability":"mon.evening","user_id":")" +
          w.ids["volunteer"] + R"("})");
  EXPECT_EQ(created.status, 201) << created.body;
  const std::string id = text(created.json(), "id");
  for (const char* code : {"basics", "child_protection"}) {
    EXPECT_EQ(coordinator
                  .post_json("/api/v1/volunteers/" + id + "/courses",
                             std::string(R"({"code":")") + code + R"(","name":"Курс","hours":8,"taken_on":"2026-11-01"})")
                  .status,
              201);
  }
  for (const char* to : {"trained", "active"}) {
    EXPECT_EQ(
        coordinator.post_json("/api/v1/volunteers/" + id + "/status", std::string(R"({"to":")") + to + "\"}").status,
        200);
  }
  return id;
}

TEST_P(HttpOffline, AVolunteersContactSentTwiceIsLoggedOnce) {
  LifecycleWorld w(GetParam());
  w.add_family("Смирнова");
  auto spec = w.client("spec");
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string case_id = text(opened.json(), "id");
  auto coordinator = w.client("coordinator");
  const std::string mine = active_volunteer(w, coordinator);
  ASSERT_EQ(coordinator.post_json("/api/v1/cases/" + case_id + "/volunteer", R"({"volunteer_id":")" + mine + R"("})")
                .status,
            200);
  auto volunteer = w.client("volunteer");
  const std::string contact =
      R"({"case_id":")" + case_id + R"(","on":"2026-11-22","minutes":90,"what":"Помогла с уроками"})";
  auto first = post_keyed(volunteer, "/api/v1/volunteers/" + mine + "/contacts", contact, "contact-1");
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = post_keyed(volunteer, "/api/v1/volunteers/" + mine + "/contacts", contact, "contact-1");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  auto wards = volunteer.get("/api/v1/my/wards");
  ASSERT_EQ(wards.status, 200) << wards.body;
  EXPECT_EQ(wards.json().at("items").at(0).at("contacts").as_array().size(), 1U);
}

// A done visit recorded by "spec"; returns its path.
std::string recorded_visit(TestClient& spec, const OfflineCase& c) {
  auto made = spec.post_json(c.path + "/visits",
                             R"({"planned_on":"2026-11-23","actual_on":"2026-11-23","kind":"home","purpose":"обследование",)"
                             R"("observations":{"home":"чисто"},"actions":"консультация","next_step":"звонок"})");
  EXPECT_EQ(made.status, 201) << made.body;
  return "/api/v1/visits/" + text(made.json(), "id");
}

HttpResult patch(TestClient& client, const std::string& target, const std::string& body) {
  return send(client, "PATCH", target, body, "");
}

const Json& visit_of(TestClient& client, const OfflineCase& c, const std::string& path, HttpResult& holder) {
  holder = client.get(c.path + "/visits");
  for (const auto& v : holder.json().at("items").as_array()) {
    if ("/api/v1/visits/" + text(v, "id") == path) {
      return v;
    }
  }
  throw std::runtime_error("visit not listed");
}

TEST_P(HttpOffline, AnErasureRemovesTheNameFromTheHistoryOfAVisitsText) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Орлова");
  auto spec = w.client("spec");
  const std::string path = recorded_visit(spec, c);
  auto edited = patch(spec, path, R"({"version":1,"actions":"Пётр рисовал с психологом",)"
                                  R"("base":{"actions":"консультация"}})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto again = patch(spec, path, R"({"version":2,"actions":"занятие с психологом","base":{"actions":"Пётр рисовал с психологом"}})");
  ASSERT_EQ(again.status, 200) << again.body;
  auto before = spec.get(path + "/history");
  ASSERT_EQ(before.status, 200) << before.body;
  ASSERT_NE(before.body.find("Пётр"), std::string::npos) << before.body;

  auto closed = w.server.db().transact([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "UPDATE cases SET state = 'closed' WHERE id = :c", soci::use(c.id);
    return {};
  });
  ASSERT_TRUE(closed);
  auto erased = w.client("head").post_json("/api/v1/persons/" + w.child + "/erase", R"({"reason":"заявление"})");
  ASSERT_EQ(erased.status, 200) << erased.body;
  auto after = w.client("head").get(path + "/history");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(after.body.find("Пётр"), std::string::npos) << after.body;
}

TEST_P(HttpOffline, AStaleEditMergesFieldsChangedOnOneSideAndAnswersConflictsFieldByField) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Кузнецова");
  auto spec = w.client("spec");
  auto head = w.client("head");
  const std::string path = recorded_visit(spec, c);

  // Online, the head corrects what was done and the home (version 1 -> 2).
  auto online = patch(head, path, R"({"version":1,"actions":"консультация и выдача продуктов",)"
                                  R"("observations":{"home":"чисто, тепло"},)"
                                  R"("base":{"actions":"консультация","observations":{"home":"чисто"}}})");
  ASSERT_EQ(online.status, 200) << online.body;
  EXPECT_EQ(online.json().at("version").as_int64(), 2);

  // Offline, on version 1, the specialist changed what was done too, and the next step.
  const std::string offline = R"({"version":1,"actions":"консультация матери","next_step":"посещение через неделю",)"
                              R"("base":{"actions":"консультация","next_step":"звонок"}})";
  auto conflict = patch(spec, path, offline);
  ASSERT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(type_of(conflict), "urn:patronage:problem:record.conflict");
  const auto& body = conflict.json();
  ASSERT_EQ(body.at("conflicts").as_array().size(), 1U) << "next_step changed on one side only";
  const auto& field = body.at("conflicts").at(0);
  EXPECT_EQ(text(field, "field"), "actions");
  EXPECT_EQ(text(field, "base"), "консультация");
  EXPECT_EQ(text(field, "theirs"), "консультация и выдача продуктов");
  EXPECT_EQ(text(field, "mine"), "консультация матери");
  EXPECT_EQ(text(field, "changed_by"), w.ids["head"]);
  EXPECT_FALSE(text(field, "changed_by_name").empty());
  EXPECT_EQ(text(field, "changed_at"), text(online.json(), "updated_at"));
  EXPECT_EQ(body.at("current").at("version").as_int64(), 2);
  EXPECT_EQ(text(body.at("current"), "next_step"), "звонок");
  HttpResult holder;
  EXPECT_EQ(text(visit_of(spec, c, path, holder), "next_step"), "звонок") << "nothing written";
  EXPECT_EQ(visit_of(spec, c, path, holder).at("version").as_int64(), 2);

  // A stale edit of fields changed on its side only merges.
  auto merged = patch(spec, path, R"({"version":1,"next_step":"посещение через неделю","base":{"next_step":"звонок"}})");
  ASSERT_EQ(merged.status, 200) << merged.body;
  EXPECT_EQ(merged.json().at("version").as_int64(), 3);
  EXPECT_EQ(text(merged.json(), "next_step"), "посещение через неделю");
  EXPECT_EQ(text(merged.json(), "actions"), "консультация и выдача продуктов") << "the other edit stays";
  EXPECT_EQ(text(merged.json().at("observations"), "home"), "чисто, тепло");

  // The specialist resolves the conflict: their value wins, the head's is kept in the history.
  auto resolved = patch(spec, path, R"({"version":3,"actions":"консультация матери",)"
                                    R"("base":{"actions":"консультация и выдача продуктов"},)"
                                    R"("rejected":{"actions":"консультация и выдача продуктов"}})");
  ASSERT_EQ(resolved.status, 200) << resolved.body;
  EXPECT_EQ(resolved.json().at("version").as_int64(), 4);
  EXPECT_EQ(text(resolved.json(), "actions"), "консультация матери");

  auto history = spec.get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const auto& items = history.json().at("items").as_array();
  ASSERT_EQ(items.size(), 3U) << history.body;
  EXPECT_EQ(text(items[0], "user_id"), w.ids["head"]);
  EXPECT_EQ(text(items[1], "user_id"), w.ids["spec"]);
  const auto& last = items[2].at("changes").as_array();
  ASSERT_EQ(last.size(), 2U) << history.body;
  EXPECT_EQ(text(last[0], "field"), "actions");
  EXPECT_EQ(text(last[0], "old"), "консультация и выдача продуктов");
  EXPECT_EQ(text(last[0], "new"), "консультация матери");
  EXPECT_EQ(text(last[1], "field"), "actions");
  EXPECT_EQ(text(last[1], "rejected"), "консультация и выдача продуктов") << "the losing value is kept";

  // The audit names the fields, never their text.
  std::string details;
  (void)w.server.db().read([&](storage::Tx& tx) -> util::Status {
    soci::rowset<std::string> rows = (tx.sql().prepare << "SELECT details FROM audit_log WHERE action IN "
                                                          "('visit.edit', 'visit.edit_conflict') ORDER BY seq");
    for (const auto& row : rows) {
      details += row + "\n";
    }
    return {};
  });
  EXPECT_NE(details.find("\"actions\""), std::string::npos) << details;
  EXPECT_EQ(details.find("консультация"), std::string::npos) << details;
  EXPECT_EQ(details.find("посещение"), std::string::npos) << details;
}

TEST_P(HttpOffline, OnlyTheTeamEditsTheTextOfARecordedVisit) {
  LifecycleWorld w(GetParam());
  const auto c = activate(w, "Волкова");
  auto spec = w.client("spec");
  const std::string path = recorded_visit(spec, c);
  const std::string edit = R"({"version":1,"actions":"другое","base":{"actions":"консультация"}})";
  auto outsider = w.client("other_spec");
  auto secretary = w.client("secretary");
  EXPECT_EQ(patch(outsider, path, edit).status, 404);
  EXPECT_EQ(patch(secretary, path, edit).status, 404);
  EXPECT_EQ(outsider.get(path + "/history").status, 404);
  EXPECT_EQ(secretary.get(path + "/history").status, 404) << "visits hold child-safety notes";
  auto not_missed = patch(spec, path, R"({"version":1,"missed":{"reason":"x"},"base":{}})");
  EXPECT_EQ(not_missed.status, 422) << not_missed.body;
  EXPECT_EQ(fields_of(not_missed), (std::vector<std::string>{"missed.reason"}));
  auto unknown = patch(spec, path, R"({"version":1,"kind":"phone","base":{}})");
  EXPECT_EQ(fields_of(unknown), (std::vector<std::string>{"kind"}));
  auto empty = patch(spec, path, R"({"version":1,"base":{}})");
  EXPECT_EQ(type_of(empty), "urn:patronage:problem:visit.edit_empty");
  auto planned = spec.post_json(c.path + "/visits", R"({"planned_on":"2026-11-30","kind":"home","purpose":"x"})");
  ASSERT_EQ(planned.status, 201);
  auto edit_planned = patch(spec, "/api/v1/visits/" + text(planned.json(), "id"),
                            R"({"version":1,"purpose":"y","base":{"purpose":"x"}})");
  EXPECT_EQ(fields_of(edit_planned), (std::vector<std::string>{"actual_on"})) << "a planned visit needs its outcome";
  auto ok = patch(spec, path, edit);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(patch(spec, path, edit).status, 200) << "the same edit again, on the old version, changes nothing";
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpOffline, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
