// Issue 13, points 8 and 1: short case numbers per unit and year, and no parallel cases by default.
#include <set>
#include <thread>

#include <soci/soci.h>

#include "app/cases.hpp"
#include "app/households.hpp"
#include "app/signals.hpp"
#include "app_fixture.hpp"
#include "storage/cases.hpp"
#include "storage/signals.hpp"

namespace patronage::testing {
namespace {

constexpr auto k_address = "г. Самара, ул. Победы, д. 86, кв. 3";

class AppCaseNumbers : public AppTest {
protected:
  void SetUp() override {
    region = add_unit("Region", "region");
    dept = add_unit("Department", "department", region.id);
    other = add_unit("Other department", "department", region.id);
    head = actor(add_user("head", "head", dept.id));
    specialist = actor(add_user("spec", "specialist", dept.id));
    other_head = actor(add_user("otherhead", "head", other.id));
  }

  // A household of `who`'s unit with one person in it.
  std::string household(const app::Actor& who, const std::string& last_name, const std::string& address = k_address,
                        const std::string& birth = "1985-03-14") {
    auto h = app::create_household(services(), who, meta(), {address, "", {}, "", {}});
    EXPECT_TRUE(h) << (h ? "" : h.error().key);
    app::PersonInput person;
    person.last_name = last_name;
    person.first_name = "Ольга";
    person.patronymic = "Ивановна";
    person.birth_date = birth;
    person.sex = "female";
    person.household_role = "mother";
    auto added = app::add_person(services(), who, meta(), h->household.id, person);
    EXPECT_TRUE(added) << (added ? "" : added.error().key);
    return h->household.id;
  }

  storage::CaseRecord open(const app::Actor& who, const std::string& household_id) {
    auto opened = app::open_case(services(), who, meta(), household_id);
    EXPECT_TRUE(opened) << (opened ? "" : opened.error().key);
    return opened.value_or(storage::CaseRecord{});
  }

  static app::SignalInput signal_about_olga() {
    app::SignalInput input;
    input.received_at = "2026-11-23T08:00:00Z";
    input.source = "school";
    input.reported = "The child comes to school hungry";
    input.address = k_address;
    input.persons = {{"Щербакова", "Ольга", "Ивановна", "1985-03-14"}};
    input.urgency = "urgent";
    return input;
  }

  std::optional<storage::SignalRecord> stored_signal(const std::string& id) {
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::optional<storage::SignalRecord>> {
          return storage::find_signal(tx, id);
        })
        .value_or(std::nullopt);
  }

  storage::UnitRecord region, dept, other;
  app::Actor head, specialist, other_head;
};

TEST_P(AppCaseNumbers, NumbersCountPerUnitAndYearAndListsFindThem) {
  const auto first = open(head, household(head, "Иванова"));
  const auto second = open(head, household(head, "Петрова", "ул. Ленина, 1"));
  const auto elsewhere = open(other_head, household(other_head, "Сидорова", "ул. Мира, 2"));
  EXPECT_EQ(first.number, "2026-0001");
  EXPECT_EQ(second.number, "2026-0002");
  EXPECT_EQ(elsewhere.number, "2026-0001") << "each unit counts on its own";
  clock().advance(std::chrono::days{40}); // 2027-01-02
  const auto next_year = open(head, household(head, "Козлова", "ул. Мира, 3"));
  EXPECT_EQ(next_year.number, "2027-0001") << "each year starts again";

  auto view = app::get_case(services(), head, meta(), second.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->record.number, "2026-0002");
  EXPECT_EQ(view->record.family_name, "Петрова");

  for (const std::string typed : {"2026-0002", "2026-2", " 2026-02 "}) {
    auto found = app::list_cases(services(), head, meta(), std::nullopt, typed);
    ASSERT_TRUE(found) << typed;
    ASSERT_EQ(found->size(), 1U) << typed;
    EXPECT_EQ(found->front().id, second.id) << typed;
  }
  auto any_year = app::list_cases(services(), head, meta(), std::nullopt, "1");
  ASSERT_TRUE(any_year);
  std::set<std::string> numbers;
  for (const auto& c : *any_year) {
    numbers.insert(c.number);
  }
  EXPECT_EQ(numbers, (std::set<std::string>{"2026-0001", "2027-0001"})) << "the other unit's 2026-0001 is not shown";
  auto bad = app::list_cases(services(), head, meta(), std::nullopt, "Иванова");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(has_field(bad.error(), "number", "case.number_invalid"));
}

TEST_P(AppCaseNumbers, ParallelCreationGivesEveryCaseItsOwnNumber) {
  constexpr int k_cases = 8;
  std::vector<std::string> households;
  for (int i = 0; i < k_cases; ++i) {
    households.push_back(household(head, "Семья" + std::to_string(i), "ул. Садовая, " + std::to_string(i)));
  }
  std::vector<std::optional<storage::CaseRecord>> opened(k_cases);
  std::vector<std::string> errors(k_cases);
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < k_cases; ++i) {
      threads.emplace_back([&, i] {
        auto result = app::open_case(services(), head, meta(), households[static_cast<size_t>(i)]);
        if (result) {
          opened[static_cast<size_t>(i)] = *result;
        } else {
          errors[static_cast<size_t>(i)] = result.error().key;
        }
      });
    }
  }
  std::set<std::string> numbers;
  for (int i = 0; i < k_cases; ++i) {
    ASSERT_TRUE(opened[static_cast<size_t>(i)]) << errors[static_cast<size_t>(i)];
    numbers.insert(opened[static_cast<size_t>(i)]->number);
  }
  std::set<std::string> expected;
  for (int i = 1; i <= k_cases; ++i) {
    expected.insert(storage::format_case_number(2026, i));
  }
  EXPECT_EQ(numbers, expected);
}

TEST_P(AppCaseNumbers, MigrationNumbersExistingCasesInCreationOrderPerUnitAndYear) {
  const auto a = household(head, "Иванова");
  const auto b = household(other_head, "Петрова", "ул. Ленина, 1");
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    const auto add = [&](const std::string& id, const std::string& unit, const std::string& hh,
                         const std::string& opened, long long created) {
      tx.sql() << "INSERT INTO cases (id, unit_id, household_id, signal_id, state, state_entered_on, opened_on, "
                  "previous_case_id, created_at, updated_at, version) VALUES (:id, :u, :h, '', 'closed', :o, :o2, "
                  "'', :c, :c2, 1)",
          soci::use(id), soci::use(unit), soci::use(hh), soci::use(opened), soci::use(opened), soci::use(created),
          soci::use(created);
    };
    add("c3", dept.id, a, "2025-06-01", 300); // created after c1, same unit and year
    add("c1", dept.id, a, "2025-01-10", 100);
    add("c2", dept.id, a, "2024-12-30", 200); // another year
    add("c4", other.id, b, "2025-02-01", 400); // another unit
    storage::number_existing_cases(tx);
    return {};
  }));
  const auto number = [&](const std::string& id) {
    return db()
        .transact([&](storage::Tx& tx) -> util::Result<std::string> {
          auto found = storage::find_case(tx, id);
          return found ? found->number : std::string("missing");
        })
        .value_or("error");
  };
  EXPECT_EQ(number("c1"), "2025-0001");
  EXPECT_EQ(number("c3"), "2025-0002");
  EXPECT_EQ(number("c2"), "2024-0001");
  EXPECT_EQ(number("c4"), "2025-0001");
  // The counters continue from the migrated numbers.
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    storage::CaseRecord next;
    next.id = "c5";
    next.unit_id = dept.id;
    next.household_id = a;
    next.state = domain::CaseState::closed;
    next.state_entered_on = "2025-07-01";
    next.opened_on = "2025-07-01";
    storage::insert_case(tx, next);
    EXPECT_EQ(next.number, "2025-0003");
    return {};
  }));
}

TEST_P(AppCaseNumbers, ExactMatchWithAnOpenCaseIsOfferedAndTheSignalAttachedToIt) {
  const auto olga = household(head, "Щербакова");
  const auto existing = open(head, olga);
  auto created = app::create_signal(services(), specialist, meta(), signal_about_olga());
  ASSERT_TRUE(created) << created.error().key;
  ASSERT_EQ(created->open_cases.size(), 1U);
  EXPECT_EQ(created->open_cases[0].case_id, existing.id);
  EXPECT_EQ(created->open_cases[0].number, "2026-0001");
  EXPECT_EQ(created->open_cases[0].household_id, olga);
  EXPECT_EQ(created->open_cases[0].family_name, "Щербакова");
  const auto id = created->signal.id;

  // The case id is required; the specialist is not on the case, so may not write it (and may not even read it).
  app::TriageInput attach{"attach", "Same family, new facts", std::nullopt, std::nullopt, ""};
  EXPECT_TRUE(has_field(app::triage_signal(services(), head, meta(), id, attach).error(), "case_id",
                        "validation.required"));
  attach.case_id = existing.id;
  EXPECT_EQ(app::triage_signal(services(), specialist, meta(), id, attach).error().code, util::ErrorCode::not_found);
  // Opening the matched household's case again is the 409 that names the case's number.
  auto again = app::triage_signal(services(), head, meta(), id, {"open_case", "x", olga, std::nullopt, ""});
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "case.already_open");
  EXPECT_EQ(param(again.error(), "case_number"), "2026-0001");

  clock().advance(std::chrono::hours{1});
  auto attached = app::triage_signal(services(), head, meta(), id, attach);
  ASSERT_TRUE(attached) << attached.error().key;
  EXPECT_EQ(attached->triage_outcome, "attach");
  EXPECT_EQ(attached->case_id, existing.id);
  EXPECT_EQ(attached->household_id, olga);
  const auto stored = stored_signal(id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->case_id, existing.id);
  EXPECT_EQ(stored->triage_outcome, "attach");

  // The case shows the signal in its history; the audit log has both sides.
  auto view = app::get_case(services(), head, meta(), existing.id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->signals.size(), 1U);
  EXPECT_EQ(view->signals[0].id, id);
  const auto on_case = audited("case.signal_attached");
  ASSERT_EQ(on_case.size(), 1U);
  EXPECT_EQ(on_case[0].entity_id, existing.id);
  EXPECT_NE(on_case[0].details.find(id), std::string::npos);
  EXPECT_NE(audited("signal.triage").front().details.find(R"("outcome":"attach")"), std::string::npos);
  // No second case was opened.
  auto cases = app::list_cases(services(), head, meta(), std::nullopt);
  ASSERT_TRUE(cases);
  EXPECT_EQ(cases->size(), 1U);
}

TEST_P(AppCaseNumbers, AnotherUnitsCaseCannotBeAttachedNorAClosedOne) {
  const auto elsewhere = open(other_head, household(other_head, "Щербакова"));
  auto created = app::create_signal(services(), head, meta(), signal_about_olga());
  ASSERT_TRUE(created);
  EXPECT_TRUE(created->open_cases.empty()) << "the other unit's family is outside the head's duplicate search";
  app::TriageInput attach{"attach", "Same family", std::nullopt, elsewhere.id, ""};
  auto refused = app::triage_signal(services(), head, meta(), created->signal.id, attach);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, util::ErrorCode::not_found);
  EXPECT_EQ(refused.error().key, "case.not_found");
  attach.case_id = "no-such-case";
  EXPECT_EQ(app::triage_signal(services(), head, meta(), created->signal.id, attach).error().code,
            util::ErrorCode::not_found);

  const auto mine = open(head, household(head, "Петрова", "ул. Ленина, 1"));
  ASSERT_TRUE(db().transact([&](storage::Tx& tx) -> util::Status {
    tx.sql() << "UPDATE cases SET state = 'closed' WHERE id = :id", soci::use(mine.id);
    return {};
  }));
  attach.case_id = mine.id;
  auto closed = app::triage_signal(services(), head, meta(), created->signal.id, attach);
  ASSERT_FALSE(closed);
  EXPECT_EQ(closed.error().key, "signal.attach_case_closed");
  EXPECT_FALSE(stored_signal(created->signal.id)->triaged_at) << "nothing was recorded";
}

TEST_P(AppCaseNumbers, ANewFamilyDespiteAnExactMatchNeedsARecordedReason) {
  const auto olga = household(head, "Щербакова");
  const auto existing = open(head, olga);
  auto created = app::create_signal(services(), head, meta(), signal_about_olga());
  ASSERT_TRUE(created);
  const auto id = created->signal.id;
  // What the triage form does for "new family": a household first, then the triage with it.
  const auto second = household(head, "Щербакова");

  auto refused = app::triage_signal(services(), head, meta(), id, {"open_case", "Neglect", second, std::nullopt, " "});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(has_field(refused.error(), "parallel_reason", "signal.parallel_reason_required"));
  EXPECT_EQ(param(refused.error(), "case_number"), existing.number);
  EXPECT_FALSE(stored_signal(id)->triaged_at) << "nothing was recorded";

  auto opened = app::triage_signal(services(), head, meta(), id,
                                   {"open_case", "Neglect", second, std::nullopt, "A namesake: another family"});
  ASSERT_TRUE(opened) << opened.error().key;
  ASSERT_TRUE(opened->case_id);
  EXPECT_NE(*opened->case_id, existing.id);
  EXPECT_EQ(stored_signal(id)->parallel_reason, "A namesake: another family");
  // The choice is recorded with the signal; the audit log says a parallel case was opened, never the free text.
  const auto details = audited("signal.triage").front().details;
  EXPECT_NE(details.find(R"("parallel":true)"), std::string::npos) << details;
  EXPECT_EQ(details.find("namesake"), std::string::npos) << details;

  // Without an exact match no reason is asked for.
  auto plain = app::create_signal(services(), head, meta(), signal_about_olga());
  ASSERT_TRUE(plain);
  const auto unrelated = household(head, "Ветрова", "ул. Мира, 9", "1990-01-01");
  auto input = signal_about_olga();
  input.persons = {{"Ветрова", "Ольга", "Ивановна", "1990-01-01"}};
  input.address = "ул. Мира, 9";
  auto other_signal = app::create_signal(services(), head, meta(), input);
  ASSERT_TRUE(other_signal);
  EXPECT_TRUE(other_signal->open_cases.empty());
  EXPECT_TRUE(app::triage_signal(services(), head, meta(), other_signal->signal.id,
                                 {"open_case", "Neglect", unrelated, std::nullopt, ""}));
}

INSTANTIATE_TEST_SUITE_P(Backends, AppCaseNumbers, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
