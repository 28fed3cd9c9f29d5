#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/volunteer.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// A volunteer (patron, SPEC §9), optionally with a user account of role
// volunteer. Lists are comma-joined codes; `availability` is the canonical
// text of domain::format_availability.
struct VolunteerRecord {
  std::string id;
  std::string unit_id;
  std::string unit_path; // filled on read
  std::optional<std::string> user_id;
  std::string last_name;
  std::string first_name;
  std::string patronymic;
  std::string birth_date;
  std::string sex;
  std::string phone;
  std::vector<std::string> skills;
  std::vector<std::string> interests;
  std::vector<std::string> languages;
  std::string district;
  std::string availability;
  std::optional<std::string> coordinator_id;
  domain::VolunteerStatus status = domain::VolunteerStatus::candidate;
  std::string status_since;
  std::string created_by;
  long long created_at = 0;
  long long updated_at = 0;
  int version = 1;
};

void insert_volunteer(Tx& tx, const VolunteerRecord& record);
// Stores every field but id, created_*; bumps `version`.
void update_volunteer(Tx& tx, const VolunteerRecord& record);
std::optional<VolunteerRecord> find_volunteer(Tx& tx, const std::string& id);
std::optional<VolunteerRecord> find_volunteer_by_user(Tx& tx, const std::string& user_id);
// Volunteers whose unit lies under `unit_path_prefix`, by name.
std::vector<VolunteerRecord> list_volunteers_under(Tx& tx, const std::string& unit_path_prefix);
// Volunteers who may serve a case of the unit at `case_unit_path`: those of
// that unit, of a unit above it, or of a unit below it.
std::vector<VolunteerRecord> list_volunteers_for_unit(Tx& tx, const std::string& case_unit_path);

// How many open (not closed/rejected) cases `user_id` is the volunteer of.
int count_open_wards(Tx& tx, const std::string& user_id);
// Ids of the cases `user_id` is the volunteer of, newest first.
std::vector<std::string> list_ward_case_ids(Tx& tx, const std::string& user_id);

struct VolunteerStatusRow {
  std::string id;
  std::string volunteer_id;
  std::string from_status; // "" for the first row
  std::string to_status;
  std::string on_date;
  std::string user_id;
  long long at = 0;
};
void insert_volunteer_status(Tx& tx, const VolunteerStatusRow& row);
std::vector<VolunteerStatusRow> list_volunteer_status_history(Tx& tx, const std::string& volunteer_id);

struct CourseRecord {
  std::string id;
  std::string volunteer_id;
  std::string code;
  std::string name;
  int hours = 0;
  std::string taken_on;
  std::string certificate;
  std::string created_by;
  long long created_at = 0;
};
void insert_course(Tx& tx, const CourseRecord& record);
std::vector<CourseRecord> list_courses(Tx& tx, const std::string& volunteer_id);

// One contact of a volunteer with their ward (SPEC §9: contacts and hours).
struct ContactRecord {
  std::string id;
  std::string volunteer_id;
  std::string case_id;
  std::string on_date;
  int minutes = 0;
  std::string what;
  std::string created_by;
  long long created_at = 0;
};
void insert_contact(Tx& tx, const ContactRecord& record);
// The volunteer's contacts, newest first; only those of `case_id` when not empty.
std::vector<ContactRecord> list_contacts(Tx& tx, const std::string& volunteer_id, const std::string& case_id = "");

// What a ward wished of their volunteer, and what help they need (SPEC §9).
struct WishesRecord {
  std::string case_id;
  std::optional<std::string> gender;
  std::optional<std::string> language;
  std::vector<std::string> interests;
  std::optional<std::string> district;
  std::vector<std::string> needs;
  std::string availability;
  std::string updated_by;
  long long updated_at = 0;
};
void upsert_wishes(Tx& tx, const WishesRecord& record);
std::optional<WishesRecord> find_wishes(Tx& tx, const std::string& case_id);

} // namespace patronage::storage
