// Partners and referrals (storage/partners.hpp), volunteers with their training, status history, contacts and
// wards' wishes (storage/volunteers.hpp) on both backends.
#include "storage/partners.hpp"
#include "storage/storage_contract.hpp"
#include "storage/volunteers.hpp"

namespace patronage::testing {
namespace {

using storage::Tx;
using PartnersContract = RepositoryContract;
using VolunteersContract = RepositoryContract;

storage::PartnerRecord partner(const std::string& id, const std::string& name, const std::string& unit_id = "d") {
  return {id, unit_id, "", name, "school", "+7 3452 40-17-07", "school7@edu.example", "г. Энск", "Петрова И. И.",
          "head", 5000, 5000};
}

storage::ReferralRecord referral(const std::string& id, const std::string& partner_id, const std::string& due_on) {
  return {id, "k", partner_id, "", "Контроль посещаемости", "2026-03-01", due_on, domain::ReferralStatus::sent, "", "lead", 5000, 5000};
}

storage::VolunteerRecord volunteer(const std::string& id, const std::string& last_name) {
  storage::VolunteerRecord v;
  v.id = id;
  v.unit_id = "d";
  v.last_name = last_name;
  v.first_name = "Дарья";
  v.patronymic = "Андреевна";
  v.birth_date = "1998-03-12";
  v.sex = "female";
  v.skills = {"homework", "reading"};
  v.interests = {"chess"};
  v.languages = {"ru", "en"};
  v.district = "Центральный";
  v.availability = "tue.evening";
  v.status = domain::VolunteerStatus::candidate;
  v.status_since = "2026-01-01";
  v.created_by = "head";
  v.created_at = 5000;
  v.updated_at = 5000;
  return v;
}

TEST_P(PartnersContract, PartnerRoundTripUpdateAndSubtree) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_partner(tx, partner("pa2", "Школа № 9"));
    storage::insert_partner(tx, partner("pa1", "Поликлиника", "r"));
    auto found = storage::find_partner(tx, "pa2");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->unit_path, "/r/d/");
      EXPECT_EQ(found->person, "Петрова И. И.");
      found->name = "Школа № 7";
      storage::update_partner(tx, *found);
    }
    EXPECT_EQ(storage::find_partner(tx, "pa2")->name, "Школа № 7");
    EXPECT_EQ(storage::list_partners_under(tx, "/r/").size(), 2U);
    EXPECT_EQ(storage::list_partners_under(tx, "/r/d/").size(), 1U);
    EXPECT_FALSE(storage::find_partner(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_partner(tx, partner("pa3", "Школа", "ghost")); });
}

TEST_P(PartnersContract, ReferralStatusHistoryAndOverdue) {
  must(db(), [](Tx& tx) -> util::Status {
    auto active = *storage::find_case(tx, "k");
    active.state = domain::CaseState::active;
    storage::update_case(tx, active);
    storage::insert_partner(tx, partner("pa", "Школа № 7"));
    auto sent = referral("rf1", "pa", "2026-03-20");
    storage::insert_referral(tx, sent);
    storage::insert_referral(tx, referral("rf2", "pa", "2026-04-20"));
    storage::insert_referral_status(tx, {"rh1", "rf1", "", "sent", "2026-03-01", "", "lead", 5000});
    storage::insert_referral_status(tx, {"rh2", "rf1", "sent", "accepted", "2026-03-03", "Примем", "lead", 5001});
    sent.status = domain::ReferralStatus::accepted;
    sent.response = "Примем";
    storage::update_referral_status(tx, sent);
    const auto found = storage::find_referral(tx, "rf1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->status, domain::ReferralStatus::accepted);
      EXPECT_EQ(found->partner_name, "Школа № 7");
    }
    const auto history = storage::list_referral_history(tx, "rf1");
    EXPECT_EQ(history.size(), 2U);
    if (history.size() == 2) {
      EXPECT_EQ(history[0].from_status, "");
      EXPECT_EQ(history[1].response, "Примем");
    }
    EXPECT_EQ(storage::list_referrals(tx, "k").size(), 2U);
    const auto overdue = storage::list_overdue_referrals_for_lead(tx, "lead", "2026-04-01");
    EXPECT_EQ(overdue.size(), 1U);
    if (!overdue.empty()) {
      EXPECT_EQ(overdue[0].referral.id, "rf1");
      EXPECT_EQ(overdue[0].household_id, "h");
    }
    EXPECT_FALSE(storage::find_referral(tx, "ghost"));
    return {};
  });
  expect_conflict([](Tx& tx) { storage::insert_referral(tx, referral("rf3", "ghost", "2026-03-20")); });
}

TEST_P(VolunteersContract, VolunteerRoundTripUpdateAndAccount) {
  must(db(), [](Tx& tx) -> util::Status {
    auto record = volunteer("v1", "Лебедева");
    record.user_id = "head";
    storage::insert_volunteer(tx, record);
    storage::insert_volunteer(tx, volunteer("v2", "Галиева"));
    auto found = storage::find_volunteer(tx, "v1");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->unit_path, "/r/d/");
      EXPECT_EQ(found->languages, (std::vector<std::string>{"ru", "en"}));
      EXPECT_FALSE(found->coordinator_id);
      found->status = domain::VolunteerStatus::trained;
      found->coordinator_id = "lead";
      storage::update_volunteer(tx, *found);
    }
    found = storage::find_volunteer_by_user(tx, "head");
    EXPECT_TRUE(found);
    if (found) {
      EXPECT_EQ(found->id, "v1");
      EXPECT_EQ(found->status, domain::VolunteerStatus::trained);
      EXPECT_EQ(found->coordinator_id, std::optional<std::string>("lead"));
      EXPECT_EQ(found->version, 2);
    }
    const auto listed = storage::list_volunteers_under(tx, "/r/");
    EXPECT_EQ(listed.size(), 2U);
    if (listed.size() == 2) {
      EXPECT_EQ(listed[0].last_name, "Галиева") << "by name";
    }
    EXPECT_EQ(storage::list_volunteers_for_unit(tx, "/r/d/").size(), 2U);
    EXPECT_FALSE(storage::find_volunteer(tx, "ghost"));
    EXPECT_FALSE(storage::find_volunteer_by_user(tx, "lead"));
    return {};
  });
  expect_conflict([](Tx& tx) {
    auto orphan = volunteer("v3", "Жукова");
    orphan.unit_id = "ghost";
    storage::insert_volunteer(tx, orphan);
  });
}

TEST_P(VolunteersContract, TrainingStatusHistoryContactsAndWishes) {
  must(db(), [](Tx& tx) -> util::Status {
    storage::insert_volunteer(tx, volunteer("v1", "Лебедева"));
    storage::insert_course(tx, {"co1", "v1", "basics", "Основы", 8, "2026-01-10", "ДОБ-100", "head", 5000});
    storage::insert_volunteer_status(tx, {"vs1", "v1", "", "candidate", "2026-01-01", "head", 5000});
    storage::insert_volunteer_status(tx, {"vs2", "v1", "candidate", "trained", "2026-01-20", "head", 5001});
    storage::upsert_case_member(tx, {"k", "head", "volunteer", 5000});
    storage::insert_contact(tx, {"ct1", "v1", "k", "2026-02-01", 90, "Уроки", "head", 5000});
    storage::insert_contact(tx, {"ct2", "v1", "k", "2026-02-08", 60, "Прогулка", "head", 5001});
    EXPECT_EQ(storage::list_courses(tx, "v1").size(), 1U);
    const auto history = storage::list_volunteer_status_history(tx, "v1");
    EXPECT_EQ(history.size(), 2U);
    if (history.size() == 2) {
      EXPECT_EQ(history[1].to_status, "trained");
    }
    const auto contacts = storage::list_contacts(tx, "v1");
    EXPECT_EQ(contacts.size(), 2U);
    if (contacts.size() == 2) {
      EXPECT_EQ(contacts[0].id, "ct2") << "newest first";
    }
    EXPECT_TRUE(storage::list_contacts(tx, "v1", "ghost").empty());
    EXPECT_EQ(storage::count_open_wards(tx, "head"), 1);
    EXPECT_EQ(storage::list_ward_case_ids(tx, "head"), std::vector<std::string>{"k"});
    EXPECT_FALSE(storage::find_wishes(tx, "k"));
    storage::upsert_wishes(tx, {"k", std::string("female"), std::nullopt, {"chess"}, std::nullopt, {"homework"},
                                "tue.evening", "lead", 5000});
    storage::upsert_wishes(tx, {"k", std::nullopt, std::string("tt"), {"football"}, std::nullopt, {"sport"},
                                "sat.morning", "lead", 6000});
    const auto wishes = storage::find_wishes(tx, "k");
    EXPECT_TRUE(wishes);
    if (wishes) {
      EXPECT_FALSE(wishes->gender) << "an upsert replaces every field";
      EXPECT_EQ(wishes->language, std::optional<std::string>("tt"));
      EXPECT_EQ(wishes->interests, std::vector<std::string>{"football"});
    }
    return {};
  });
  expect_conflict([](Tx& tx) {
    storage::insert_course(tx, {"co2", "ghost", "basics", "Основы", 8, "2026-01-10", "", "head", 5000});
  });
  expect_conflict([](Tx& tx) { storage::insert_contact(tx, {"ct3", "ghost", "k", "2026-02-01", 90, "", "head", 5000}); });
}

PATRONAGE_CONTRACT_BACKENDS(PartnersContract);
PATRONAGE_CONTRACT_BACKENDS(VolunteersContract);

} // namespace
} // namespace patronage::testing
