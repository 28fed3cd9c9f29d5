#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "app/context.hpp"
#include "storage/plans.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct Signatory {
  std::string name;
  std::string role;
};

// SPEC §7: the agreement with the family; no legal force, printed and signed.
struct AgreementInput {
  std::string signed_on;
  std::string valid_from;
  std::string valid_until;
  std::vector<std::string> family_duties;
  std::vector<std::string> service_duties;
  std::vector<std::string> family_rights;
  std::vector<std::string> service_rights;
  std::vector<Signatory> signatories;
};

struct AgreementView {
  storage::AgreementRecord record;
  boost::json::object content; // the duties, rights and signatories
};

// 422 naming the field for bad dates (signed_on in the future, valid_until before valid_from) or no signatory.
util::Result<AgreementView> add_agreement(const Services& services, const Actor& actor, const RequestMeta& meta,
                                          const std::string& case_id, const AgreementInput& input);
// Newest first.
util::Result<std::vector<AgreementView>> list_agreements(const Services& services, const Actor& actor,
                                                         const RequestMeta& meta, const std::string& case_id);

// SPEC §7: a goal tied to a problem of the assessment (a domain::RiskDomain code).
struct GoalInput {
  std::string id;
  std::string text;
  std::string domain;
};

struct MeasureInput {
  std::string goal_id;
  std::string patronage_type; // domain::PatronageType
  std::string what;
  std::string responsible_kind; // specialist, partner, volunteer, family
  std::string responsible_ref;
  std::string due_on;
  std::string status = "planned"; // planned, in_progress, done, not_done, cancelled
  std::string result;
};

struct PlanInput {
  std::string period_from;
  std::string period_to;
  std::optional<std::string> review_on; // default: period_from + the review period (settings, 3 months)
  std::string term;                     // short, long
  std::vector<GoalInput> goals;
  std::vector<MeasureInput> measures;
};

struct PlanView {
  storage::PlanRecord record;
  std::vector<GoalInput> goals;
  std::vector<storage::MeasureRecord> measures;
};

// Records a new version of the case's plan; it supersedes the previous one.
// A plan's goals and measures never change afterwards: a change is a new version.
// A measure's responsible_ref may be empty; when not, it names for `specialist` a user who may lead or work on a
// case of the case's unit line, for `volunteer` a volunteer of the line (user or volunteer record id), for
// `partner` a partner organisation the case may be referred to; for `family` it is free text. Otherwise 422
// naming measures[i].responsible_ref ("plan.responsible_{staff,volunteer,partner}_invalid").
util::Result<PlanView> create_plan(const Services& services, const Actor& actor, const RequestMeta& meta,
                                   const std::string& case_id, const PlanInput& input);
// Every version, newest first.
util::Result<std::vector<PlanView>> list_plans(const Services& services, const Actor& actor, const RequestMeta& meta,
                                               const std::string& case_id);
// Heads only (403 otherwise); 409 when superseded or already approved.
util::Result<PlanView> approve_plan(const Services& services, const Actor& actor, const RequestMeta& meta,
                                    const std::string& plan_id);

struct MeasureUpdate {
  int version = 0; // the plan's version the change was made on
  std::optional<std::string> status;
  std::optional<std::string> result;
};

// Changes a measure's status and result; 409 "plan.version_stale" when the
// plan changed since `version`, "plan.superseded" on an old version.
util::Result<PlanView> update_measure(const Services& services, const Actor& actor, const RequestMeta& meta,
                                      const std::string& plan_id, const std::string& measure_id,
                                      const MeasureUpdate& update);

} // namespace patronage::app
