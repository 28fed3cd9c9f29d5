#include "app/households.hpp"

#include "app/audit_trail.hpp"
#include "app/duplicate_search.hpp"
#include "app_fixture.hpp"
#include "storage/cases.hpp"
#include "storage/households.hpp"
#include "support/search_index.hpp"

namespace patronage::testing {
namespace {

class AppHouseholds : public AppTest {
protected:
  void SetUp() override {
    region = add_unit("Region", "region");
    dept = add_unit("Department", "department", region.id);
    other = add_unit("Other department", "department", region.id);
    head = actor(add_user("head", "head", dept.id));
    lead = actor(add_user("lead", "specialist", dept.id));
    stranger = actor(add_user("stranger", "specialist", dept.id));
    secretary = actor(add_user("secretary", "secretary", dept.id));
    volunteer = actor(add_user("volunteer", "volunteer", dept.id));
    other_head = actor(add_user("otherhead", "head", other.id));
  }

  storage::HouseholdRecord household(const std::string& address = "г. Самара, ул. Победы, д. 86, кв. 3") {
    app::HouseholdInput input{address, "+7 900 000-00-00", {"low_income", "single_parent"}, "", std::nullopt};
    auto created = app::create_household(services(), head, meta(), input);
    EXPECT_TRUE(created) << (created ? "" : created.error().key);
    return created->household;
  }

  static app::PersonInput person(const std::string& last, const std::string& first, const std::string& birth,
                                 const std::string& sex = "female", const std::string& role = "mother") {
    app::PersonInput input;
    input.last_name = last;
    input.first_name = first;
    input.birth_date = birth;
    input.sex = sex;
    input.household_role = role;
    return input;
  }

  // Puts `user` on a case of the household with `member_role` (lead, expert, volunteer).
  void put_on_case(const std::string& household_id, const std::string& user_id, const std::string& member_role) {
    auto done = db().transact([&](storage::Tx& tx) -> util::Status {
      storage::CaseRecord record;
      record.id = util::random_id();
      record.unit_id = dept.id;
      record.household_id = household_id;
      record.state = domain::CaseState::assessment;
      record.state_entered_on = "2026-11-01";
      record.opened_on = "2026-11-01";
      storage::insert_case(tx, record);
      storage::upsert_case_member(tx, {record.id, user_id, member_role, now()});
      return {};
    });
    ASSERT_TRUE(done);
  }

  std::vector<storage::PersonRecord> members(const std::string& household_id) {
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::vector<storage::PersonRecord>> {
          return storage::list_persons(tx, household_id);
        })
        .value_or(std::vector<storage::PersonRecord>{});
  }

  storage::UnitRecord region, dept, other;
  app::Actor head, lead, stranger, secretary, volunteer, other_head;
};

TEST_P(AppHouseholds, HeadCreatesAndReadsAndEveryReadIsAudited) {
  const auto h = household();
  EXPECT_EQ(h.unit_id, dept.id);
  EXPECT_EQ(h.version, 1);
  auto added = app::add_person(services(), head, meta(), h.id, person("Иванова", "Анна", "1990-05-01"));
  ASSERT_TRUE(added) << added.error().key;
  const auto reads_before = audited("household.read").size();
  auto view = app::get_household(services(), head, meta(), h.id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->members.size(), 1U);
  EXPECT_EQ(view->members[0].person.last_name, "Иванова");
  EXPECT_TRUE(view->members[0].sensitive.has_value()) << "a head may read sensitive fields";
  const auto reads = audited("household.read");
  ASSERT_EQ(reads.size(), reads_before + 1);
  EXPECT_EQ(reads.front().entity_id, h.id);
  EXPECT_EQ(reads.front().user_id, head.id);
  EXPECT_EQ(audited("person.sensitive_read").front().entity_id, added->member.person.id);

  ASSERT_TRUE(app::household_history(services(), head, meta(), h.id));
  EXPECT_EQ(audited("household.history_read").front().entity_id, h.id);
}

// Issue 16: the quick search reads each unit's own terms, so every term written for a family carries its unit.
TEST_P(AppHouseholds, EveryWriteKeepsTheSearchTermsOfAFamilyInItsUnit) {
  const auto here = household();
  auto there = app::create_household(services(), other_head, meta(),
                                     {"г. Самара, ул. Победы, д. 90", "+7 900 000-00-01", {"low_income"}, "", std::nullopt});
  ASSERT_TRUE(there) << there.error().key;
  auto added = app::add_person(services(), head, meta(), here.id, person("Иванова", "Анна", "1990-05-01"));
  ASSERT_TRUE(added) << added.error().key;
  ASSERT_TRUE(app::add_person(services(), other_head, meta(), there->household.id,
                              person("Иванова", "Мария", "1985-02-11")));
  ASSERT_TRUE(app::update_household(services(), head, meta(), here.id, {1, "ул. Новая, 5", {}, {}, {}}));
  app::PersonPatch rename;
  rename.version = added->member.person.version;
  rename.last_name = "Петрова";
  ASSERT_TRUE(app::update_person(services(), head, meta(), added->member.person.id, rename));
  auto counted = db().transact([](storage::Tx& tx) -> util::Result<SearchTermUnits> { return search_term_units(tx); });
  ASSERT_TRUE(counted);
  EXPECT_GT(counted->rows, 0);
  EXPECT_EQ(counted->off_their_unit, 0);
}

TEST_P(AppHouseholds, SpecialistOffTheCaseGets404AndOnTheCaseSeesIt) {
  const auto h = household();
  EXPECT_TRUE(app::get_household(services(), stranger, meta(), h.id))
      << "no case holds the family yet: the unit's specialists register it at intake";
  put_on_case(h.id, lead.id, "lead");
  auto denied = app::get_household(services(), stranger, meta(), h.id);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, util::ErrorCode::not_found);
  EXPECT_EQ(app::get_household(services(), other_head, meta(), h.id).error().code, util::ErrorCode::not_found)
      << "a head of another department";
  EXPECT_EQ(app::update_household(services(), stranger, meta(), h.id, {1, "x", {}, {}, {}}).error().code,
            util::ErrorCode::not_found);

  auto seen = app::get_household(services(), lead, meta(), h.id);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->household.id, h.id);
  EXPECT_FALSE(app::get_household(services(), stranger, meta(), h.id)) << "still not on the case";
}

TEST_P(AppHouseholds, SecretaryAndVolunteerSeeNoFamilyDataAtAll) {
  const auto h = household();
  app::PersonInput input = person("Петрова", "Мария", "1988-01-01");
  input.sensitive = app::SensitiveInput{"diabetes", "alcohol", "", ""};
  auto added = app::add_person(services(), head, meta(), h.id, input);
  ASSERT_TRUE(added);
  put_on_case(h.id, volunteer.id, "volunteer");
  for (const auto& who : {secretary, volunteer}) {
    SCOPED_TRACE(who.login);
    EXPECT_EQ(app::get_household(services(), who, meta(), h.id).error().code, util::ErrorCode::not_found);
    EXPECT_EQ(app::household_history(services(), who, meta(), h.id).error().code, util::ErrorCode::not_found);
    EXPECT_EQ(app::set_sensitive(services(), who, meta(), added->member.person.id, {}).error().code,
              util::ErrorCode::not_found);
  }
}

TEST_P(AppHouseholds, SpecialistRegistersAFamilyAtIntakeButNotInAnotherUnit) {
  app::HouseholdInput input{"ул. Ленина, 1", "", {}, "", std::nullopt};
  auto created = app::create_household(services(), lead, meta(), input);
  ASSERT_TRUE(created) << created.error().key;
  EXPECT_TRUE(app::add_person(services(), lead, meta(), created->household.id, person("Петрова", "Мария", "1988-01-01")));
  input.unit_id = other.id;
  auto elsewhere = app::create_household(services(), lead, meta(), input);
  ASSERT_FALSE(elsewhere);
}

TEST_P(AppHouseholds, BadHouseholdInputNamesTheFieldAndWritesNothing) {
  const auto before = audit_count();
  app::HouseholdInput input{"  ", "", {"low_income", "rich"}, "", std::nullopt};
  auto created = app::create_household(services(), head, meta(), input);
  ASSERT_FALSE(created);
  EXPECT_TRUE(has_field(created.error(), "address", "validation.required"));
  EXPECT_TRUE(has_field(created.error(), "categories[1]", "household.category_invalid"));
  input = {"ул. Ленина, 1", "", {}, "", other.id};
  EXPECT_EQ(app::create_household(services(), head, meta(), input).error().fields.at(0).field, "unit_id");
  EXPECT_EQ(audit_count(), before);
}

TEST_P(AppHouseholds, StalePatchIsAConflictAndChangesNothing) {
  const auto h = household();
  clock().advance(std::chrono::minutes{1});
  auto first = app::update_household(services(), head, meta(), h.id, {1, "ул. Новая, 5", {}, {}, {}});
  ASSERT_TRUE(first) << first.error().key;
  EXPECT_EQ(first->household.version, 2);
  auto stale = app::update_household(services(), head, meta(), h.id, {1, "ул. Старая, 7", {}, {}, {}});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, util::ErrorCode::conflict);
  EXPECT_EQ(stale.error().key, "record.stale_version");
  auto now_seen = app::get_household(services(), head, meta(), h.id);
  EXPECT_EQ(now_seen->household.address, "ул. Новая, 5");
  EXPECT_EQ(now_seen->household.version, 2);

  auto history = app::household_history(services(), head, meta(), h.id);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2U) << "creation and one update";
  const auto& update = history->back();
  ASSERT_EQ(update.changes.size(), 1U);
  EXPECT_EQ(update.changes[0].field, "address");
  EXPECT_EQ(update.changes[0].old_value, "г. Самара, ул. Победы, д. 86, кв. 3");
  EXPECT_EQ(update.changes[0].new_value, "ул. Новая, 5");
  EXPECT_EQ(update.user_id, head.id);
}

TEST_P(AppHouseholds, TodayIsTheDayWhereTheServiceWorks) {
  const auto h = household();
  clock().set(*util::parse_timestamp("2026-12-05T21:30:00Z")); // 00:30 on 6 December in Moscow
  const auto newborn = person("Иванова", "Вера", "2026-12-06", "female", "child");
  auto refused = app::add_person(services(), head, meta(), h.id, newborn);
  ASSERT_FALSE(refused) << "the UTC day is still the 5th";
  EXPECT_TRUE(has_field(refused.error(), "birth_date", "validation.date_in_future"));
  settings().time_zone = *util::TimeZone::named("Europe/Moscow");
  EXPECT_TRUE(app::add_person(services(), head, meta(), h.id, newborn));
  auto tomorrow = app::add_person(services(), head, meta(), h.id, person("Иванова", "Ева", "2026-12-07", "female", "child"));
  ASSERT_FALSE(tomorrow);
  EXPECT_TRUE(has_field(tomorrow.error(), "birth_date", "validation.date_in_future"));
}

TEST_P(AppHouseholds, BadPersonInputNamesTheFieldsAndWritesNothing) {
  const auto h = household();
  auto child = app::add_person(services(), head, meta(), h.id, person("Иванов", "Петя", "2015-02-02", "male", "child"));
  ASSERT_TRUE(child);
  auto adult = app::add_person(services(), head, meta(), h.id, person("Иванов", "Олег", "1980-02-02", "male", "father"));
  ASSERT_TRUE(adult);
  const auto before = audit_count();
  auto input = person("", "Анна", "2027-01-01", "unknown", "aunt");
  input.pregnant = true;
  input.represents = {child->member.person.id, adult->member.person.id, "nope"};
  auto bad = app::add_person(services(), head, meta(), h.id, input);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, util::ErrorCode::invalid);
  EXPECT_TRUE(has_field(bad.error(), "last_name", "validation.required"));
  EXPECT_TRUE(has_field(bad.error(), "birth_date", "validation.date_in_future"));
  EXPECT_TRUE(has_field(bad.error(), "sex", "person.sex_invalid"));
  EXPECT_TRUE(has_field(bad.error(), "household_role", "person.household_role_invalid"));
  EXPECT_TRUE(has_field(bad.error(), "pregnant", "person.pregnancy_invalid"));
  EXPECT_FALSE(has_field(bad.error(), "represents[0]", "person.represents_invalid")) << "a minor of the household";
  EXPECT_TRUE(has_field(bad.error(), "represents[1]", "person.represents_invalid")) << "an adult";
  EXPECT_TRUE(has_field(bad.error(), "represents[2]", "person.represents_invalid")) << "not a member";
  EXPECT_EQ(members(h.id).size(), 2U);
  EXPECT_EQ(audit_count(), before);

  auto mother = person("Иванова", "Анна", "1985-13-40");
  EXPECT_TRUE(has_field(app::add_person(services(), head, meta(), h.id, mother).error(), "birth_date",
                        "validation.date_invalid"));
  mother.birth_date = "1985-01-13";
  mother.represents = {child->member.person.id};
  auto ok = app::add_person(services(), head, meta(), h.id, mother);
  ASSERT_TRUE(ok) << ok.error().key;
  EXPECT_EQ(ok->member.person.represents, std::vector<std::string>{child->member.person.id});
}

TEST_P(AppHouseholds, ADuplicateIsFoundAcrossScripts) {
  const auto first = household("Самара, ул. Победы, 86-3");
  auto existing = app::add_person(services(), head, meta(), first.id, person("Shcherbakova", "Olga", "1985-03-14"));
  ASSERT_TRUE(existing);
  EXPECT_TRUE(existing->duplicates.empty());

  const auto second = household("Тольятти, ул. Мира, 1");
  auto input = person("Щербакова", "Ольга", "1985-03-14");
  input.patronymic = "Ивановна";
  auto added = app::add_person(services(), head, meta(), second.id, input);
  ASSERT_TRUE(added);
  ASSERT_EQ(added->duplicates.size(), 1U);
  const auto& match = added->duplicates[0];
  EXPECT_EQ(match.person_id, existing->member.person.id);
  EXPECT_EQ(match.household_id, first.id);
  EXPECT_EQ(match.name, "Shcherbakova Olga");
  EXPECT_EQ(match.birth_date, "1985-03-14");
  EXPECT_GE(match.score, 0.6);
  EXPECT_NE(std::find(match.reasons.begin(), match.reasons.end(), "same_birth_date"), match.reasons.end());
  EXPECT_NE(std::find(match.reasons.begin(), match.reasons.end(), "name_transliterated"), match.reasons.end());
  EXPECT_EQ(audited("person.duplicate_search").front().entity_id, added->member.person.id);

  // The live check of the intake form, without saving.
  const auto persons_before = members(second.id).size();
  auto found = app::search_person_duplicates(services(), head, meta(),
                                             {"Щербакова", "Ольга", "Ивановна", "1985-03-14", ""});
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2U) << "both records of Olga";
  EXPECT_EQ(members(second.id).size(), persons_before);

  // Unrelated people are not matches.
  auto nobody = app::search_person_duplicates(services(), head, meta(), {"Сидоров", "Иван", "", "1970-07-07", ""});
  ASSERT_TRUE(nobody);
  EXPECT_TRUE(nobody->empty());

  // Another department's head does not see these households through the search.
  auto elsewhere = app::search_person_duplicates(services(), other_head, meta(),
                                                 {"Щербакова", "Ольга", "", "1985-03-14", ""});
  ASSERT_TRUE(elsewhere);
  EXPECT_TRUE(elsewhere->empty());
  EXPECT_EQ(app::search_person_duplicates(services(), volunteer, meta(), {"Щербакова", "", "", {}, ""}).error().code,
            util::ErrorCode::forbidden);
  EXPECT_TRUE(has_field(app::search_person_duplicates(services(), head, meta(), {"", "", "", {}, ""}).error(),
                        "last_name", "duplicates.query_empty"));
}

TEST_P(AppHouseholds, SnilsIsCheckedUniqueAndACertainDuplicate) {
  const auto first = household("Самара, ул. Победы, 86-3");
  auto bad = person("Иванова", "Мария", "1990-01-01");
  bad.snils = "112-233-445 96";
  EXPECT_TRUE(has_field(app::add_person(services(), head, meta(), first.id, bad).error(), "snils",
                        "person.snils_invalid"));
  EXPECT_TRUE(members(first.id).empty());

  auto input = person("Иванова", "Мария", "1990-01-01");
  input.snils = "112-233-445 95";
  auto existing = app::add_person(services(), head, meta(), first.id, input);
  ASSERT_TRUE(existing) << existing.error().key;
  EXPECT_EQ(existing->member.person.snils, "11223344595");
  EXPECT_EQ(members(first.id).front().snils, "11223344595");

  // Another name, another birth date, another family: the number alone finds her.
  const auto second = household("Тольятти, ул. Мира, 1");
  auto married = person("Petrova", "Maria", "1991-06-06");
  married.snils = "11223344595";
  EXPECT_TRUE(has_field(app::add_person(services(), head, meta(), second.id, married).error(), "snils",
                        "person.snils_taken"));
  married.snils.clear();
  auto added = app::add_person(services(), head, meta(), second.id, married);
  ASSERT_TRUE(added);
  EXPECT_TRUE(added->duplicates.empty());
  app::PersonPatch patch;
  patch.version = added->member.person.version;
  patch.snils = "11223344595";
  EXPECT_TRUE(has_field(app::update_person(services(), head, meta(), added->member.person.id, patch).error(), "snils",
                        "person.snils_taken"));
  patch.snils = "";
  EXPECT_TRUE(app::update_person(services(), head, meta(), added->member.person.id, patch));

  auto twin = person("Smirnova", "Daria", "2001-02-03");
  twin.snils = "99999999901";
  ASSERT_TRUE(app::add_person(services(), head, meta(), second.id, twin));
  auto found = db().transact([&](storage::Tx& tx) -> util::Result<std::vector<app::PersonDuplicate>> {
    domain::PersonIdentity query{"", "Petrova", "Maria", "", util::parse_date("1991-06-06"), "", "11223344595"};
    return app::person_duplicates_in_tx(tx, head, query);
  });
  ASSERT_TRUE(found);
  ASSERT_FALSE(found->empty());
  EXPECT_EQ(found->front().person_id, existing->member.person.id);
  EXPECT_DOUBLE_EQ(found->front().score, 1.0);
  EXPECT_EQ(found->front().reasons.front(), "same_snils");
}

TEST_P(AppHouseholds, PatchKeepsDuplicateKeysInStepAndIsVersioned) {
  const auto h = household();
  auto added = app::add_person(services(), head, meta(), h.id, person("Shcherbakova", "Olga", "1985-03-14"));
  ASSERT_TRUE(added);
  const auto id = added->member.person.id;
  app::PersonPatch patch;
  patch.version = 1;
  patch.last_name = "Kuznetsova";
  patch.birth_date = "1979-09-09";
  auto updated = app::update_person(services(), head, meta(), id, patch);
  ASSERT_TRUE(updated) << updated.error().key;
  EXPECT_EQ(updated->person.version, 2);
  EXPECT_TRUE(app::search_person_duplicates(services(), head, meta(), {"Щербакова", "Ольга", "", "1985-03-14", ""})
                  ->empty());
  EXPECT_EQ(app::search_person_duplicates(services(), head, meta(), {"Кузнецова", "Ольга", "", "1979-09-09", ""})
                ->size(),
            1U);
  patch.last_name = "Stale";
  auto stale = app::update_person(services(), head, meta(), id, patch);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().key, "record.stale_version");
  EXPECT_EQ(members(h.id).at(0).last_name, "Kuznetsova");
}

TEST_P(AppHouseholds, SensitiveHistoryKeepsOnlyFieldNames) {
  const auto h = household();
  put_on_case(h.id, lead.id, "lead");
  auto added = app::add_person(services(), lead, meta(), h.id, person("Петрова", "Мария", "1988-01-01"));
  ASSERT_TRUE(added) << added.error().key;
  ASSERT_TRUE(added->member.sensitive.has_value()) << "a lead reads sensitive fields";
  clock().advance(std::chrono::minutes{1});
  auto saved = app::set_sensitive(services(), lead, meta(), added->member.person.id,
                                  {"diabetes", "alcohol dependence", "", ""});
  ASSERT_TRUE(saved) << saved.error().key;
  EXPECT_EQ(audited("person.sensitive_write").front().entity_id, added->member.person.id);
  auto view = app::get_household(services(), lead, meta(), h.id);
  EXPECT_EQ(view->members.at(0).sensitive->addiction, "alcohol dependence");

  auto history = app::household_history(services(), lead, meta(), h.id);
  ASSERT_TRUE(history);
  const auto& last = history->back();
  EXPECT_EQ(last.entity, "person");
  ASSERT_EQ(last.changes.size(), 2U);
  for (const auto& change : last.changes) {
    EXPECT_TRUE(change.sensitive);
    EXPECT_FALSE(change.old_value);
    EXPECT_FALSE(change.new_value);
  }
  EXPECT_EQ(last.changes[0].field, "health");
  EXPECT_EQ(last.changes[1].field, "addiction");
  for (const auto& entry : audit_entries()) {
    EXPECT_EQ(entry.details.find("alcohol"), std::string::npos) << entry.action;
  }

  // A stranger may not write sensitive fields, nor smuggle them in with a new person.
  EXPECT_EQ(app::set_sensitive(services(), stranger, meta(), added->member.person.id, {}).error().code,
            util::ErrorCode::not_found);
}

INSTANTIATE_TEST_SUITE_P(Backends, AppHouseholds, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
