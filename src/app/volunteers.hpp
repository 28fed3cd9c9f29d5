#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/context.hpp"
#include "domain/matching.hpp"
#include "storage/cases.hpp"
#include "storage/plans.hpp"
#include "storage/volunteers.hpp"
#include "util/error.hpp"

namespace patronage::app {

// A new volunteer, or a PATCH: absent optionals stay unchanged. Lists are codes
// without commas; `availability` is "mon.morning,wed.evening" (domain::parse_availability).
struct VolunteerInput {
  std::optional<std::string> user_id;
  std::optional<std::string> last_name;
  std::optional<std::string> first_name;
  std::optional<std::string> patronymic;
  std::optional<std::string> birth_date;
  std::optional<std::string> sex; // "female" | "male"
  std::optional<std::string> phone;
  std::optional<std::vector<std::string>> skills;
  std::optional<std::vector<std::string>> interests;
  std::optional<std::vector<std::string>> languages;
  std::optional<std::string> district;
  std::optional<std::string> availability;
  std::optional<std::string> coordinator_id;
  std::optional<std::string> unit_id; // default on create: the actor's unit
};

// A volunteer with what the coordinator's page shows.
struct VolunteerView {
  storage::VolunteerRecord record;
  std::vector<storage::CourseRecord> courses;
  std::vector<storage::VolunteerStatusRow> status_history;
  std::vector<std::string> missing_courses; // required for `trained`, not yet taken
  std::vector<storage::ContactRecord> contacts;
  int current_wards = 0;
};

// SPEC §9. Volunteers are managed by coordinators and heads (volunteer_manage)
// of the volunteer's unit subtree. Creating checks 18+ (domain::check_adult,
// field "birth_date"), the sex, the availability text, list items, that
// `user_id` is an unlinked account of role volunteer and `coordinator_id` a
// coordinator or head of the subtree. A new volunteer is a `candidate`.
// Audited as "volunteer.create" / "volunteer.update" / "volunteer.read" / "volunteer.list".
util::Result<VolunteerView> create_volunteer(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const VolunteerInput& input);
util::Result<VolunteerView> update_volunteer(const Services& services, const Actor& actor, const RequestMeta& meta,
                                             const std::string& id, const VolunteerInput& input);
// 404 when the volunteer does not exist or the actor may not manage them.
util::Result<VolunteerView> get_volunteer(const Services& services, const Actor& actor, const RequestMeta& meta,
                                          const std::string& id);
util::Result<std::vector<storage::VolunteerRecord>> list_volunteers(const Services& services, const Actor& actor,
                                                                    const RequestMeta& meta);

struct VolunteerStatusInput {
  std::string to;
  std::optional<std::string> on; // default: today
};

// Moves the status by domain::check_volunteer_transition with the courses
// taken and settings.volunteers (409 "volunteer.training_incomplete" or
// "volunteer.transition_not_allowed"); appends a history row.
util::Result<VolunteerView> change_volunteer_status(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::string& id,
                                                    const VolunteerStatusInput& input);

struct CourseInput {
  std::string code;
  std::string name;
  long long hours = 0;
  std::string taken_on;
  std::string certificate;
};

// Records a completed course (domain::check_training_course; fields "hours", "taken_on").
util::Result<VolunteerView> add_course(const Services& services, const Actor& actor, const RequestMeta& meta,
                                       const std::string& id, const CourseInput& input);

struct ContactInput {
  std::string case_id;
  std::string on;
  long long minutes = 0;
  std::string what;
};

// SPEC §9: volunteers log their contacts and hours. The volunteer themself
// (their own record only) or a manager of the volunteer logs a contact with a
// ward: `case_id` must be a case the volunteer's account is the volunteer of
// (field error "volunteer.not_ward" otherwise). Another volunteer's record
// answers 404. Audited as "volunteer.contact".
util::Result<storage::ContactRecord> add_contact(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& volunteer_id,
                                                 const ContactInput& input);

struct WishesInput {
  std::optional<std::string> gender;
  std::optional<std::string> language;
  std::vector<std::string> interests;
  std::optional<std::string> district;
  std::vector<std::string> needs; // skill codes the ward needs help with
  std::string availability;       // the ward's free time, as for volunteers
};

// A ward's wishes about their volunteer (replaces earlier ones); needs
// volunteer_match on the case (its team, coordinators, heads).
util::Result<storage::WishesRecord> set_wishes(const Services& services, const Actor& actor, const RequestMeta& meta,
                                               const std::string& case_id, const WishesInput& input);
util::Result<std::optional<storage::WishesRecord>> get_wishes(const Services& services, const Actor& actor,
                                                              const RequestMeta& meta, const std::string& case_id);

struct ProposalView {
  domain::MatchProposal proposal;
  std::string name; // "Last First"
};

struct CaseProposals {
  std::string case_id;
  std::string case_number;
  std::vector<ProposalView> items;
};

// SPEC §9: the volunteers of the case's unit (above or below it) ranked for
// the ward by domain::propose_volunteers, at most `limit`. `case_id` may also be
// the case's number as people write it ("2026-0042"; 404 "case.not_found" when no
// case the actor may match has it, 409 "case.number_ambiguous" when several have).
util::Result<CaseProposals> propose_for_case(const Services& services, const Actor& actor,
                                                         const RequestMeta& meta, const std::string& case_id,
                                                         std::size_t limit = 10);

struct BatchProposal {
  domain::BatchAssignment assignment; // ward ids are case ids
  std::map<std::string, std::string> numbers; // case id -> case number
};

// The optimal assignment (domain::assign_batch) of the volunteers of the
// actor's unit to the given cases (ids or numbers, as for propose_for_case).
// A proposal only: nothing is written. Each case needs volunteer_match (field
// error "case_ids[i]" otherwise).
util::Result<BatchProposal> propose_batch(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta,
                                                    const std::vector<std::string>& case_ids);

// SPEC §7, §9: whether `ref` names a volunteer who may serve a case of `case_unit_path`: an enabled volunteer
// user of the case's unit line (as a team's volunteers are checked), or the id of an active volunteer record of
// the line with an account (as assign_volunteer checks it). A plan measure of kind volunteer names one so.
bool volunteer_of_line(storage::Tx& tx, const std::string& ref, const std::string& case_unit_path);

// Makes the volunteer's account the case's volunteer (case_members role
// volunteer). 409 "volunteer.no_account", "volunteer.not_active" or
// "volunteer.load_limit" (a head may exceed the load with `override_reason`, 403
// "case.override_head_only" for others); field error when the volunteer does not serve the case's unit.
util::Result<std::vector<storage::CaseMember>> assign_volunteer(const Services& services, const Actor& actor,
                                                                const RequestMeta& meta, const std::string& case_id,
                                                                const std::string& volunteer_id,
                                                                const std::string& override_reason = "");

// What a volunteer sees of one ward (SPEC §11: only what they need).
struct WardView {
  std::string case_id;
  std::string state;
  std::string address;
  std::string phone;
  std::vector<std::pair<std::string, std::string>> members; // first name, last name
  std::vector<storage::ContactRecord> contacts;             // the volunteer's own log for this ward
  std::vector<storage::MeasureRecord> measures;             // measures of the current plan assigned to them
};

struct MyWards {
  std::optional<std::string> volunteer_id; // the actor's volunteer record, when linked
  std::vector<WardView> wards;
};

// The cases whose volunteer the actor is (volunteer_view). Audited as "volunteer.wards".
util::Result<MyWards> my_wards(const Services& services, const Actor& actor, const RequestMeta& meta);

} // namespace patronage::app
