#include "app/assessments.hpp"

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/assessment_forms.hpp"
#include "app/audit_trail.hpp"
#include "app/clock.hpp"
#include "app/diagnosis_access.hpp"
#include "storage/case_records.hpp"
#include "util/crypto.hpp"

namespace patronage::app {
namespace {

boost::json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto value = boost::json::parse(text, ec);
  return !ec && value.is_object() ? std::move(value.as_object()) : boost::json::object{};
}

AssessmentView assessment_view(const storage::AssessmentRecord& record, bool sensitive, const Settings& settings) {
  AssessmentView view;
  view.record = record;
  view.data = parse_object(record.data);
  if (sensitive) {
    view.sensitive = parse_object(record.sensitive);
  }
  if (record.kind == "needs") {
    view.risk = domain::assess_risk(stored_scores(view.data), settings.assessment.risk);
  }
  return view;
}

boost::json::object case_detail(const std::string& case_id) {
  return {{"case_id", case_id}};
}

// Persons named by the form must be of the household; a child card's must be a minor on the date.
util::Status check_persons(storage::Tx& tx, const std::string& household_id, const AssessmentForm& form, util::Date on,
                           int adult_age) {
  const auto persons = storage::list_consent_persons(tx, household_id);
  std::vector<util::FieldError> errors;
  for (const auto& reference : form.persons) {
    auto person =
        std::find_if(persons.begin(), persons.end(), [&](const auto& p) { return p.id == reference.person_id; });
    if (person == persons.end()) {
      errors.push_back({reference.field, "assessment.person_not_in_household"});
      continue;
    }
    if (reference.must_be_minor) {
      const auto birth = person->birth_date ? util::parse_date(*person->birth_date) : std::nullopt;
      if (!birth || util::age_on(*birth, on) >= adult_age) {
        errors.push_back({reference.field, "assessment.person_not_minor"});
      }
    }
  }
  if (!errors.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(errors)));
  }
  return {};
}

} // namespace

util::Result<AssessmentView> add_assessment(const Services& services, const Actor& actor, const RequestMeta& meta,
                                            const std::string& case_id, const AssessmentInput& input) {
  std::vector<util::FieldError> fields;
  if (!is_assessment_kind(input.kind)) {
    fields.push_back({"kind", input.kind.empty() ? "validation.required" : "assessment.kind_invalid"});
  }
  const auto on = util::parse_date(input.date);
  if (!on) {
    fields.push_back({"date", "validation.date_invalid"});
  } else if (*on > today(services)) {
    fields.push_back({"date", "validation.date_in_future"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  auto form = read_assessment_form(input.kind, input.data ? &*input.data : nullptr);
  if (!form) {
    return util::fail(form.error());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<AssessmentView> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    if (!form->sensitive.empty() && !may(actor, *loaded, domain::Action::sensitive_write)) {
      return util::fail(util::Error::forbidden());
    }
    if (auto ok = check_persons(tx, loaded->record.household_id, *form, *on, services.settings.lifecycle.adult_age);
        !ok) {
      return util::fail(ok.error());
    }
    storage::AssessmentRecord record{util::random_id(),
                                     case_id,
                                     input.kind,
                                     input.date,
                                     actor.id,
                                     boost::json::serialize(form->data),
                                     boost::json::serialize(form->sensitive),
                                     now_of(services)};
    storage::insert_assessment(tx, record);
    audit(tx, services, actor.id, meta, "assessment.add", "assessment", record.id, case_detail(case_id));
    return assessment_view(record, may(actor, *loaded, domain::Action::sensitive_read), services.settings);
  });
}

util::Result<std::vector<AssessmentView>> list_assessments(const Services& services, const Actor& actor,
                                                           const RequestMeta& meta, const std::string& case_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<std::vector<AssessmentView>> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const bool sensitive = may(actor, *loaded, domain::Action::sensitive_read);
    std::vector<AssessmentView> out;
    for (const auto& record : storage::list_assessments(tx, case_id)) {
      out.push_back(assessment_view(record, sensitive, services.settings));
    }
    audit(tx, services, actor.id, meta, "assessment.list", "case", case_id,
          {{"count", out.size()}, {"sensitive", sensitive}});
    return out;
  });
}

util::Result<AssessmentView> get_assessment(const Services& services, const Actor& actor, const RequestMeta& meta,
                                            const std::string& assessment_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<AssessmentView> {
    auto record = storage::find_assessment(tx, assessment_id);
    if (!record) {
      return util::fail(util::Error::not_found("assessment.not_found"));
    }
    auto loaded = load_case_records(tx, actor, record->case_id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(util::Error::not_found("assessment.not_found"));
    }
    audit(tx, services, actor.id, meta, "assessment.read", "assessment", assessment_id, case_detail(record->case_id));
    return assessment_view(*record, may(actor, *loaded, domain::Action::sensitive_read), services.settings);
  });
}

util::Result<MapOfChangesView> map_of_changes(const Services& services, const Actor& actor, const RequestMeta& meta,
                                              const std::string& case_id, const std::optional<std::string>& from,
                                              const std::optional<std::string>& to) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<MapOfChangesView> {
    auto loaded = load_case_records(tx, actor, case_id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto needs = storage::list_assessments(tx, case_id, std::string("needs")); // newest first
    if (needs.empty()) {
      return util::fail(util::Error::conflict("assessment.needs_required"));
    }
    std::vector<util::FieldError> fields;
    auto pick = [&](const std::optional<std::string>& id, const std::string& field,
                    const storage::AssessmentRecord& fallback) -> storage::AssessmentRecord {
      if (!id) {
        return fallback;
      }
      auto found = std::find_if(needs.begin(), needs.end(), [&](const auto& a) { return a.id == *id; });
      if (found == needs.end()) {
        fields.push_back({field, "assessment.not_needs_of_case"});
        return fallback;
      }
      return *found;
    };
    MapOfChangesView view;
    view.case_id = case_id;
    view.from = pick(from, "from", needs.back());
    view.to = pick(to, "to", needs.front());
    if (!fields.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
    }
    const auto before = stored_scores(parse_object(view.from.data));
    const auto after = stored_scores(parse_object(view.to.data));
    view.map = domain::compare_assessments(before, after, services.settings.assessment.risk);
    audit(tx, services, actor.id, meta, "assessment.map_of_changes", "case", case_id,
          {{"from", view.from.id}, {"to", view.to.id}});
    return view;
  });
}

} // namespace patronage::app
