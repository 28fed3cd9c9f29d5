// SPEC §9: partner organisations, referrals, volunteers, their training and
// matching, and the volunteer's narrow view of their wards — on both backends.
#include <gtest/gtest.h>

#include <set>

#include "app/partners.hpp"
#include "http/lifecycle_fixture.hpp"
#include "support/problems.hpp"

namespace patronage::testing {
namespace {

class Network : public ::testing::TestWithParam<storage::Backend> {};

std::string first_field_and_reason(const HttpResult& r) {
  auto json = r.json();
  if (!json.is_object() || !json.as_object().contains("errors")) {
    return r.body;
  }
  const auto& error = json.at("errors").at(0);
  return std::string(error.at("field").as_string()) + ":" + std::string(error.at("reason").as_string());
}

std::string id_of(const HttpResult& r) {
  auto json = r.json();
  return json.is_object() && json.as_object().contains("id") ? std::string(json.at("id").as_string()) : "";
}

std::string partner_body(const std::string& name, const std::string& type) {
  return boost::json::serialize(boost::json::object{
      {"name", name},
      {"type", type},
      {"contacts",
       {{"phone", "+7 3452 00-00-01"}, {"email", "info@school7.example"}, {"address", "ул. Школьная, 1"},
        {"person", "Завуч Петрова И. И."}}}});
}

std::string volunteer_body(const std::string& last_name, const std::string& birth_date, const std::string& extra = "") {
  return R"({"last_name":")" + last_name + R"(","first_name":"Мария","birth_date":")" + birth_date +
         R"(","sex":"female","phone":"+7 900 000-00-00","skills":["homework"],"interests":["chess"],)"
         R"("languages":["ru"],"district":"Центральный","availability":"mon.evening,wed.evening")" +
         extra + "}";
}

// Opens a case for the world's current family, led by "spec"; returns its id.
std::string open_case(LifecycleWorld& w, TestClient& spec) {
  auto opened = spec.post_json("/api/v1/cases", R"({"household_id":")" + w.household + R"("})");
  EXPECT_EQ(opened.status, 201) << opened.body;
  return id_of(opened);
}

// A volunteer taken from candidate to active by the coordinator.
std::string active_volunteer(TestClient& coordinator, const std::string& body) {
  auto created = coordinator.post_json("/api/v1/volunteers", body);
  EXPECT_EQ(created.status, 201) << created.body;
  const std::string id = id_of(created);
  for (const char* code : {"basics", "child_protection"}) {
    auto course = coordinator.post_json("/api/v1/volunteers/" + id + "/courses",
                                        std::string(R"({"code":")") + code +
                                            R"(","name":"Курс","hours":8,"taken_on":"2026-11-01"})");
    EXPECT_EQ(course.status, 201) << course.body;
  }
  for (const char* to : {"trained", "active"}) {
    auto moved = coordinator.post_json("/api/v1/volunteers/" + id + "/status", std::string(R"({"to":")") + to + "\"}");
    EXPECT_EQ(moved.status, 200) << moved.body;
  }
  return id;
}

TEST_P(Network, PartnersAreKeptByTheirUnitAndReadByItsStaff) {
  LifecycleWorld w(GetParam());
  auto coordinator = w.client("coordinator");
  auto spec = w.client("spec");
  auto expert = w.client("expert");

  auto school = coordinator.post_json("/api/v1/partners", partner_body("Школа № 7", "school"));
  ASSERT_EQ(school.status, 201) << school.body;
  EXPECT_EQ(school.json().at("contacts").at("person").as_string(), "Завуч Петрова И. И.");
  EXPECT_EQ(school.json().at("unit_id").as_string(), w.department);
  ASSERT_EQ(spec.post_json("/api/v1/partners", partner_body("Детская поликлиника № 2", "clinic")).status, 201);

  auto bad = spec.post_json("/api/v1/partners", partner_body("Неизвестно кто", "circus"));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(first_field_and_reason(bad), "type:partner.type_invalid");
  auto bad_mail = spec.post_json(
      "/api/v1/partners", R"({"name":"НКО «Доброе дело»","type":"ngo","contacts":{"email":"no-at-sign"}})");
  EXPECT_EQ(first_field_and_reason(bad_mail), "contacts.email:partner.email_invalid");
  EXPECT_EQ(spec.post_json("/api/v1/partners", R"({"name":"X","type":"ngo","colour":"red"})").status, 422);

  EXPECT_EQ(expert.post_json("/api/v1/partners", partner_body("ПДН", "police_juvenile_unit")).status, 403);
  auto listed = expert.get("/api/v1/partners");
  ASSERT_EQ(listed.status, 200);
  const auto items = listed.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  EXPECT_EQ(items[0].at("name").as_string(), "Детская поликлиника № 2"); // by name

  EXPECT_EQ(w.client("volunteer").get("/api/v1/partners").status, 403);
  EXPECT_EQ(w.client("auditor").get("/api/v1/partners").status, 403);
  EXPECT_TRUE(w.client("other_spec").get("/api/v1/partners").json().at("items").as_array().empty());

  const std::string path = "/api/v1/partners/" + id_of(school);
  auto patched = spec.request("PATCH", path, R"({"name":"МБОУ СОШ № 7","contacts":{"phone":"+7 3452 11-11-11"}})",
                              {{"Content-Type", "application/json"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("name").as_string(), "МБОУ СОШ № 7");
  EXPECT_EQ(patched.json().at("type").as_string(), "school");
  EXPECT_EQ(patched.json().at("contacts").at("phone").as_string(), "+7 3452 11-11-11");
  auto other = w.client("other_head");
  EXPECT_EQ(other.request("PATCH", path, R"({"name":"x"})", {{"Content-Type", "application/json"}}).status, 404);
  EXPECT_EQ(expert.request("PATCH", path, R"({"name":"x"})", {{"Content-Type", "application/json"}}).status, 403);
}

TEST_P(Network, ReferralWalksItsLifecycleAndAnOverdueOneReachesTheLeadsWorkList) {
  LifecycleWorld w(GetParam());
  w.add_family();
  auto spec = w.client("spec");
  const std::string case_id = open_case(w, spec);
  const std::string partner = id_of(spec.post_json("/api/v1/partners", partner_body("Центр занятости", "employment_centre")));
  const std::string referrals = "/api/v1/cases/" + case_id + "/referrals";
  auto referral = [&](const std::string& sent, const std::string& due) {
    return spec.post_json(referrals, R"({"partner_id":")" + partner + R"(","reason":"Помощь в трудоустройстве матери",)"
                                                                      R"("sent_on":")" +
                                         sent + R"(","due_on":")" + due + R"("})");
  };

  auto backwards = referral("2026-11-20", "2026-11-10");
  EXPECT_EQ(backwards.status, 422);
  EXPECT_EQ(first_field_and_reason(backwards), "due_on:referral.due_before_sent");
  auto unknown = spec.post_json(referrals, R"({"partner_id":"nope","reason":"x","sent_on":"2026-11-20",)"
                                           R"("due_on":"2026-11-30"})");
  EXPECT_EQ(first_field_and_reason(unknown), "partner_id:partner.not_found");

  auto sent = referral("2026-11-20", "2026-12-10");
  ASSERT_EQ(sent.status, 201) << sent.body;
  EXPECT_EQ(sent.json().at("status").as_string(), "sent");
  EXPECT_FALSE(sent.json().at("overdue").as_bool());
  const std::string status = "/api/v1/referrals/" + id_of(sent) + "/status";
  auto patch = [&](const std::string& body) {
    return spec.request("PATCH", status, body, {{"Content-Type", "application/json"}});
  };
  auto skipped = patch(R"({"status":"in_progress"})");
  EXPECT_EQ(skipped.status, 409);
  EXPECT_EQ(type_of(skipped), "urn:patronage:problem:referral.transition_not_allowed");
  EXPECT_EQ(patch(R"({"status":"sideways"})").status, 422);
  ASSERT_EQ(patch(R"({"status":"accepted","response":"Принято, назначен куратор"})").status, 200);
  ASSERT_EQ(patch(R"({"status":"in_progress"})").status, 200);
  auto done = patch(R"({"status":"done","response":"Мать трудоустроена"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json().at("response").as_string(), "Мать трудоустроена");
  EXPECT_EQ(done.json().at("history").as_array().size(), 4U);
  EXPECT_TRUE(done.json().at("next_statuses").as_array().empty());
  EXPECT_EQ(patch(R"({"status":"declined"})").status, 409);

  auto late = referral("2026-11-20", "2026-11-25");
  ASSERT_EQ(late.status, 201);
  w.server.clock().advance(std::chrono::days{5}); // 2026-11-28: three days past due
  spec = w.client("spec"); // the earlier session has expired

  auto list = spec.get(referrals);
  ASSERT_EQ(list.status, 200);
  const auto items = list.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U);
  for (const auto& item : items) {
    EXPECT_EQ(item.at("overdue").as_bool(), item.at("id").as_string() == id_of(late)) << boost::json::serialize(item);
  }

  auto overdue = w.server.db().transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::OverdueReferral>> {
    return app::overdue_referrals_for_lead(tx, w.ids["spec"], *util::parse_date("2026-11-28"));
  });
  ASSERT_TRUE(overdue);
  ASSERT_EQ(overdue->size(), 1U);
  EXPECT_EQ(overdue->front().referral.id, id_of(late));
  EXPECT_EQ(overdue->front().household_id, w.household);

  auto work = spec.get("/api/v1/worklist");
  ASSERT_EQ(work.status, 200) << work.body;
  int found = 0;
  const auto work_items = work.json().at("items").as_array();
  for (const auto& item : work_items) {
    if (item.at("kind") == "referral_overdue") {
      ++found;
      EXPECT_EQ(item.at("case_id").as_string(), case_id);
    }
  }
  EXPECT_EQ(found, 1) << work.body;
  auto spec2_work = w.client("spec2").get("/api/v1/worklist").body;
  EXPECT_EQ(spec2_work.find("referral_overdue"), std::string::npos);

  EXPECT_EQ(w.client("spec2").get(referrals).status, 404);
  EXPECT_EQ(w.client("coordinator").get(referrals).status, 404);
  EXPECT_EQ(w.client("volunteer").request("PATCH", status, R"({"status":"declined"})",
                                          {{"Content-Type", "application/json"}})
                .status,
            404);
}

TEST_P(Network, VolunteersAreAdultsAndTrainedOnlyAfterTheRequiredCourses) {
  LifecycleWorld w(GetParam());
  auto coordinator = w.client("coordinator");

  auto minor = coordinator.post_json("/api/v1/volunteers", volunteer_body("Юная", "2010-01-01"));
  EXPECT_EQ(minor.status, 422);
  EXPECT_EQ(first_field_and_reason(minor), "birth_date:volunteer.must_be_adult");
  auto seventeen = coordinator.post_json("/api/v1/volunteers", volunteer_body("Почти", "2008-11-24"));
  EXPECT_EQ(first_field_and_reason(seventeen), "birth_date:volunteer.must_be_adult");
  auto bad_time = coordinator.post_json("/api/v1/volunteers",
                                        R"({"last_name":"А","first_name":"Б","birth_date":"1990-01-01",)"
                                        R"("sex":"female","availability":"someday.noon"})");
  EXPECT_EQ(first_field_and_reason(bad_time), "availability:volunteer.availability_invalid");
  auto missing = coordinator.post_json("/api/v1/volunteers", R"({"last_name":"А"})");
  EXPECT_EQ(missing.status, 422);

  EXPECT_EQ(w.client("spec").post_json("/api/v1/volunteers", volunteer_body("Чужая", "1990-01-01")).status, 403);

  auto created = coordinator.post_json("/api/v1/volunteers", volunteer_body("Лебедева", "2008-11-23"));
  ASSERT_EQ(created.status, 201) << created.body; // 18 today
  const std::string id = id_of(created);
  const std::string base = "/api/v1/volunteers/" + id;
  EXPECT_EQ(created.json().at("status").as_string(), "candidate");
  EXPECT_EQ(created.json().at("coordinator_id").as_string(), w.ids["coordinator"]);
  EXPECT_EQ(created.json().at("availability").as_string(), "mon.evening,wed.evening");
  EXPECT_EQ(created.json().at("missing_courses").as_array().size(), 2U);

  auto untrained = coordinator.post_json(base + "/status", R"({"to":"trained"})");
  EXPECT_EQ(untrained.status, 409);
  EXPECT_EQ(type_of(untrained), "urn:patronage:problem:volunteer.training_incomplete");
  EXPECT_EQ(type_of(coordinator.post_json(base + "/status", R"({"to":"active"})")),
            "urn:patronage:problem:volunteer.transition_not_allowed");

  auto future = coordinator.post_json(base + "/courses",
                                      R"({"code":"basics","name":"Основы","hours":8,"taken_on":"2026-12-01"})");
  EXPECT_EQ(first_field_and_reason(future), "taken_on:volunteer.course_date_in_future");
  auto no_hours = coordinator.post_json(base + "/courses",
                                        R"({"code":"basics","name":"Основы","hours":0,"taken_on":"2026-11-01"})");
  EXPECT_EQ(first_field_and_reason(no_hours), "hours:volunteer.course_hours_invalid");
  ASSERT_EQ(coordinator
                .post_json(base + "/courses", R"({"code":"basics","name":"Основы добровольчества","hours":8,)"
                                              R"("taken_on":"2026-11-01","certificate":"С-17"})")
                .status,
            201);
  auto half = coordinator.post_json(base + "/status", R"({"to":"trained"})");
  EXPECT_EQ(half.status, 409);
  EXPECT_NE(half.body.find("child_protection"), std::string::npos) << half.body;
  ASSERT_EQ(coordinator
                .post_json(base + "/courses", R"({"code":"child_protection","name":"Защита детей","hours":6,)"
                                              R"("taken_on":"2026-11-02"})")
                .status,
            201);
  auto trained = coordinator.post_json(base + "/status", R"({"to":"trained","on":"2026-11-23"})");
  ASSERT_EQ(trained.status, 200) << trained.body;
  EXPECT_TRUE(trained.json().at("missing_courses").as_array().empty());
  auto active = coordinator.post_json(base + "/status", R"({"to":"active"})");
  ASSERT_EQ(active.status, 200);
  const auto history = active.json().at("status_history").as_array();
  ASSERT_EQ(history.size(), 3U);
  EXPECT_TRUE(history[0].at("from").is_null());
  EXPECT_EQ(history[2].at("to").as_string(), "active");
  EXPECT_EQ(active.json().at("courses").as_array().size(), 2U);

  auto patched = coordinator.request("PATCH", base, R"({"district":"Заречный","languages":["ru","tt"]})",
                                     {{"Content-Type", "application/json"}});
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.json().at("district").as_string(), "Заречный");
  EXPECT_EQ(patched.json().at("languages").as_array().size(), 2U);
  EXPECT_EQ(patched.json().at("status").as_string(), "active");
  EXPECT_EQ(coordinator.request("PATCH", base, R"({"birth_date":"2015-01-01"})", {{"Content-Type", "application/json"}})
                .status,
            422);

  EXPECT_EQ(coordinator.get("/api/v1/volunteers").json().at("items").as_array().size(), 1U);
  EXPECT_EQ(w.client("head").get(base).status, 200);
  EXPECT_EQ(w.client("other_head").get(base).status, 404);
  EXPECT_EQ(w.client("spec").get("/api/v1/volunteers").status, 403);
}

TEST_P(Network, ProposalsAreRankedWithReasonsAndBatchMatchingOnlyProposes) {
  LifecycleWorld w(GetParam());
  auto spec = w.client("spec");
  auto coordinator = w.client("coordinator");
  w.add_family("Каримова");
  const std::string first_case = open_case(w, spec);
  w.add_family("Орлова");
  const std::string second_case = open_case(w, spec);

  const std::string tatar = active_volunteer(
      coordinator, volunteer_body("Галиева", "1995-03-03", R"(,"user_id":")" + w.ids["volunteer"] + R"(")"));
  ASSERT_EQ(coordinator
                .request("PATCH", "/api/v1/volunteers/" + tatar, R"({"languages":["ru","tt"]})",
                         {{"Content-Type", "application/json"}})
                .status,
            200);
  const std::string russian = active_volunteer(
      coordinator, R"({"last_name":"Смирнова","first_name":"Ольга","birth_date":"1980-05-05","sex":"female",)"
                   R"("skills":["sport"],"interests":["music"],"languages":["ru"],"district":"Заречный"})");
  auto candidate = coordinator.post_json("/api/v1/volunteers", volunteer_body("Новикова", "1999-09-09"));
  ASSERT_EQ(candidate.status, 201);

  const std::string wishes = "/api/v1/cases/" + first_case + "/volunteer-wishes";
  auto put = [&](TestClient c, const std::string& path, const std::string& body) {
    return c.request("PUT", path, body, {{"Content-Type", "application/json"}});
  };
  EXPECT_EQ(first_field_and_reason(put(spec, wishes, R"({"gender":"robot"})")), "gender:volunteer.sex_invalid");
  auto stated = put(spec, wishes, R"({"gender":"female","language":"tt","interests":["chess"],)"
                                  R"("needs":["homework"],"availability":"wed.evening"})");
  ASSERT_EQ(stated.status, 200) << stated.body;
  EXPECT_EQ(put(w.client("expert2"), wishes, R"({"needs":[]})").status, 404);
  EXPECT_EQ(coordinator.get(wishes).json().at("language").as_string(), "tt");

  const std::string proposals = "/api/v1/cases/" + first_case + "/volunteer-proposals";
  auto ranked = coordinator.get(proposals);
  ASSERT_EQ(ranked.status, 200) << ranked.body;
  const auto items = ranked.json().at("items").as_array();
  ASSERT_EQ(items.size(), 2U) << ranked.body; // the candidate is not active
  EXPECT_EQ(items[0].at("volunteer_id").as_string(), tatar);
  EXPECT_EQ(items[0].at("name").as_string(), "Галиева Мария");
  EXPECT_EQ(items[1].at("volunteer_id").as_string(), russian);
  EXPECT_GT(items[0].at("score").as_int64(), items[1].at("score").as_int64());
  std::set<std::string> keys;
  long long total = 0;
  for (const auto& reason : items[0].at("reasons").as_array()) {
    keys.insert(std::string(reason.at("key").as_string()));
    total += reason.at("points").as_int64();
    EXPECT_FALSE(reason.at("message").as_string().empty());
  }
  EXPECT_EQ(total, items[0].at("score").as_int64());
  EXPECT_TRUE(keys.contains("match.skill") && keys.contains("match.wish_language") &&
              keys.contains("match.wish_interests") && keys.contains("match.availability"))
      << ranked.body;
  const auto& skill = items[0].at("reasons").at(0);
  EXPECT_EQ(skill.at("key").as_string(), "match.skill");
  EXPECT_EQ(skill.at("points").as_int64(), 10);
  // Codes of the catalogue in words, in the request's language (issue 13: no English words on a Russian screen).
  EXPECT_EQ(skill.at("message").as_string(), "Может помочь: помощь с уроками");
  EXPECT_EQ(ranked.body.find("homework"), std::string::npos) << ranked.body;
  EXPECT_NE(ranked.body.find("татарский"), std::string::npos) << ranked.body;
  EXPECT_EQ(spec.get(proposals).status, 200); // the lead
  EXPECT_EQ(w.client("expert2").get(proposals).status, 404);
  EXPECT_EQ(w.client("other_head").get(proposals).status, 404);

  // Issue 13 point 8: the coordinator names the ward by its number, as people write it; the answer carries both.
  const std::string first_number(ranked.json().at("case_number").as_string());
  EXPECT_EQ(ranked.json().at("case_id").as_string(), first_case);
  ASSERT_EQ(first_number.size(), 9U) << ranked.body; // "2026-0042"
  auto by_number = coordinator.get("/api/v1/cases/" + first_number + "/volunteer-proposals");
  ASSERT_EQ(by_number.status, 200) << by_number.body;
  EXPECT_EQ(by_number.json().at("case_id").as_string(), first_case);
  EXPECT_EQ(by_number.json().at("items"), ranked.json().at("items"));
  // Someone who may not match for that case learns nothing from its number either.
  EXPECT_EQ(w.client("other_head").get("/api/v1/cases/" + first_number + "/volunteer-proposals").status, 404);
  EXPECT_EQ(coordinator.get("/api/v1/cases/2026-9999/volunteer-proposals").status, 404);

  ASSERT_EQ(put(spec, "/api/v1/cases/" + second_case + "/volunteer-wishes", R"({"needs":["sport"]})").status, 200);
  const std::string batch_body =
      R"({"case_ids":[")" + first_case + R"(",")" + second_case + R"("]})";
  auto batch = coordinator.post_json("/api/v1/volunteers/assign-batch", batch_body);
  ASSERT_EQ(batch.status, 200) << batch.body;
  const auto matches = batch.json().at("matches").as_array();
  ASSERT_EQ(matches.size(), 2U) << batch.body;
  EXPECT_EQ(matches[0].at("case_id").as_string(), first_case);
  EXPECT_EQ(matches[0].at("volunteer_id").as_string(), tatar);
  EXPECT_EQ(matches[1].at("volunteer_id").as_string(), russian);
  EXPECT_EQ(batch.json().at("total_score").as_int64(),
            matches[0].at("score").as_int64() + matches[1].at("score").as_int64());
  EXPECT_EQ(matches[0].at("case_number").as_string(), first_number);
  // The same batch typed as numbers; a case named twice (by id and by number) is one duplicate.
  const std::string second_number(matches[1].at("case_number").as_string());
  auto by_numbers = coordinator.post_json("/api/v1/volunteers/assign-batch",
                                          R"({"case_ids":[")" + first_number + R"(",")" + second_number + R"("]})");
  ASSERT_EQ(by_numbers.status, 200) << by_numbers.body;
  EXPECT_EQ(by_numbers.json().at("matches"), batch.json().at("matches"));
  auto twice = coordinator.post_json("/api/v1/volunteers/assign-batch",
                                     R"({"case_ids":[")" + first_case + R"(",")" + first_number + R"("]})");
  EXPECT_EQ(first_field_and_reason(twice), "case_ids[1]:validation.duplicate");
  // Only a proposal: nobody was assigned.
  EXPECT_TRUE(w.client("volunteer").get("/api/v1/my/wards").json().at("items").as_array().empty());
  EXPECT_EQ(spec.post_json("/api/v1/volunteers/assign-batch", batch_body).status, 403);
  auto unknown = coordinator.post_json("/api/v1/volunteers/assign-batch", R"({"case_ids":["nope"]})");
  EXPECT_EQ(first_field_and_reason(unknown), "case_ids[0]:case.not_found");

  auto no_account = coordinator.post_json("/api/v1/cases/" + second_case + "/volunteer",
                                          R"({"volunteer_id":")" + russian + R"("})");
  EXPECT_EQ(type_of(no_account), "urn:patronage:problem:volunteer.no_account");
  auto not_active = coordinator.post_json("/api/v1/cases/" + second_case + "/volunteer",
                                          R"({"volunteer_id":")" + id_of(candidate) + R"("})");
  EXPECT_EQ(not_active.status, 409);
  auto assigned = coordinator.post_json("/api/v1/cases/" + first_case + "/volunteer",
                                        R"({"volunteer_id":")" + tatar + R"("})");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(w.client("volunteer").get("/api/v1/my/wards").json().at("items").as_array().size(), 1U);
}

TEST_P(Network, AVolunteerSeesExactlyTheirWardsAllowedFieldsAndNothingElse) {
  LifecycleWorld w(GetParam());
  auto spec = w.client("spec");
  auto coordinator = w.client("coordinator");
  w.add_family("Смирнова");
  const std::string ward_case = open_case(w, spec);
  const std::string ward_household = w.household;
  const std::string mother = w.mother;
  w.add_family("Орлова");
  const std::string other_case = open_case(w, spec);
  const std::string other_household = w.household;

  const std::string mine = active_volunteer(
      coordinator, volunteer_body("Лебедева", "1996-06-06", R"(,"user_id":")" + w.ids["volunteer"] + R"(")"));
  const std::string theirs = active_volunteer(
      coordinator, volunteer_body("Зайцева", "1991-01-01", R"(,"user_id":")" + w.ids["volunteer2"] + R"(")"));
  ASSERT_EQ(coordinator.post_json("/api/v1/cases/" + ward_case + "/volunteer", R"({"volunteer_id":")" + mine + R"("})")
                .status,
            200);
  ASSERT_EQ(coordinator.post_json("/api/v1/cases/" + other_case + "/volunteer",
                                  R"({"volunteer_id":")" + theirs + R"("})")
                .status,
            200);

  auto volunteer = w.client("volunteer");
  auto contact = volunteer.post_json("/api/v1/volunteers/" + mine + "/contacts",
                                     R"({"case_id":")" + ward_case +
                                         R"(","on":"2026-11-22","minutes":90,"what":"Помогла с уроками"})");
  ASSERT_EQ(contact.status, 201) << contact.body;
  auto not_ward = volunteer.post_json("/api/v1/volunteers/" + mine + "/contacts",
                                      R"({"case_id":")" + other_case +
                                          R"(","on":"2026-11-22","minutes":30,"what":"Звонок"})");
  EXPECT_EQ(not_ward.status, 422);
  EXPECT_EQ(first_field_and_reason(not_ward), "case_id:volunteer.not_ward");
  auto no_minutes = volunteer.post_json("/api/v1/volunteers/" + mine + "/contacts",
                                        R"({"case_id":")" + ward_case +
                                            R"(","on":"2026-11-22","minutes":null,"what":"Звонок"})");
  EXPECT_EQ(no_minutes.status, 422);
  EXPECT_EQ(first_field_and_reason(no_minutes), "minutes:validation.required") << "null is no number of minutes";
  EXPECT_EQ(volunteer
                .post_json("/api/v1/volunteers/" + theirs + "/contacts",
                           R"({"case_id":")" + other_case + R"(","on":"2026-11-22","minutes":30,"what":"x"})")
                .status,
            404);

  auto wards = volunteer.get("/api/v1/my/wards");
  ASSERT_EQ(wards.status, 200) << wards.body;
  const auto body = wards.json();
  EXPECT_EQ(body.at("volunteer_id").as_string(), mine);
  const auto items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1U);
  const auto& ward = items[0].as_object();
  std::set<std::string> fields;
  for (const auto& field : ward) {
    fields.insert(std::string(field.key()));
  }
  EXPECT_EQ(fields, (std::set<std::string>{"case_id", "state", "address", "phone", "members", "measures",
                                           "contacts"}));
  EXPECT_EQ(ward.at("case_id").as_string(), ward_case);
  EXPECT_EQ(ward.at("address").as_string(), "г. Энск, ул. Ленина, д. 1");
  ASSERT_EQ(ward.at("members").as_array().size(), 2U);
  for (const auto& member : ward.at("members").as_array()) {
    EXPECT_EQ(member.as_object().size(), 2U) << boost::json::serialize(member); // first and last name only
    EXPECT_EQ(member.at("last_name").as_string(), "Смирнова");
  }
  ASSERT_EQ(ward.at("contacts").as_array().size(), 1U);
  EXPECT_EQ(ward.at("contacts").at(0).at("minutes").as_int64(), 90);
  for (const char* secret : {"1990-01-01", "2015-05-05", "birth", "decision", "consent", "Орлова", other_case.c_str()}) {
    EXPECT_EQ(wards.body.find(secret), std::string::npos) << secret;
  }

  // Everything else is closed to the volunteer.
  for (const std::string& path : std::vector<std::string>{
           "/api/v1/cases/" + ward_case, "/api/v1/cases/" + other_case, "/api/v1/cases/" + ward_case + "/referrals",
        "/api/v1/households/" + ward_household, "/api/v1/households/" + other_household,
        "/api/v1/households/" + ward_household + "/history", "/api/v1/signals",
        "/api/v1/users/" + w.ids["spec"], "/api/v1/audit", "/api/v1/units", "/api/v1/partners",
        "/api/v1/volunteers", "/api/v1/volunteers/" + mine, "/api/v1/volunteers/" + theirs,
        "/api/v1/cases/" + ward_case + "/volunteer-proposals", "/api/v1/cases/" + ward_case + "/volunteer-wishes"}) {
    const int status = volunteer.get(path).status;
    EXPECT_TRUE(status == 403 || status == 404) << path << " answered " << status;
  }
  EXPECT_TRUE(volunteer.get("/api/v1/cases").json().at("items").as_array().empty());
  auto accounts = volunteer.get("/api/v1/users").json().at("items").as_array(); // only their own account
  ASSERT_EQ(accounts.size(), 1U);
  EXPECT_EQ(accounts[0].at("id").as_string(), w.ids["volunteer"]);
  const int sensitive = volunteer.request("PUT", "/api/v1/persons/" + mother + "/sensitive",
                                          R"({"health":"x"})", {{"Content-Type", "application/json"}})
                            .status;
  EXPECT_TRUE(sensitive == 403 || sensitive == 404) << sensitive;
  EXPECT_EQ(volunteer.post_json("/api/v1/cases/" + ward_case + "/volunteer", R"({"volunteer_id":")" + theirs + R"("})")
                .status,
            403);

  // The other volunteer sees only their own ward.
  auto other = w.client("volunteer2").get("/api/v1/my/wards").json();
  ASSERT_EQ(other.at("items").as_array().size(), 1U);
  EXPECT_EQ(other.at("items").at(0).at("case_id").as_string(), other_case);
  EXPECT_TRUE(other.at("items").at(0).at("contacts").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, Network, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
