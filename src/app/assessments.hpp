#pragma once

#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "app/context.hpp"
#include "domain/map_of_changes.hpp"
#include "domain/risk.hpp"
#include "storage/assessments.hpp"
#include "util/error.hpp"

namespace patronage::app {

struct AssessmentInput {
  std::string kind;
  std::string date; // "YYYY-MM-DD", not in the future
  std::optional<boost::json::value> data;
};

// An assessment as the actor may see it.
struct AssessmentView {
  storage::AssessmentRecord record;
  boost::json::object data;
  std::optional<boost::json::object> sensitive; // only for those who may read sensitive fields
  std::optional<domain::RiskAssessment> risk;   // `needs` only: the derived level and its reasons
};

// Records an instrument of the social diagnosis (SPEC §5) on the case; the
// data is checked for its kind (422 naming "data.<path>"), persons it names
// must belong to the case's household (a child card's person must be a minor
// on its date). Sensitive parts need sensitive_write (403).
util::Result<AssessmentView> add_assessment(const Services& services, const Actor& actor, const RequestMeta& meta,
                                            const std::string& case_id, const AssessmentInput& input);

// Newest first. 404 for anyone outside the case team and the heads.
util::Result<std::vector<AssessmentView>> list_assessments(const Services& services, const Actor& actor,
                                                           const RequestMeta& meta, const std::string& case_id);
util::Result<AssessmentView> get_assessment(const Services& services, const Actor& actor, const RequestMeta& meta,
                                            const std::string& assessment_id);

// SPEC §5: two `needs` assessments of one case compared domain by domain.
struct MapOfChangesView {
  std::string case_id;
  storage::AssessmentRecord from;
  storage::AssessmentRecord to;
  domain::MapOfChanges map;
};

// `from`/`to` default to the first and the latest `needs` assessment; both
// must be `needs` assessments of this case (422 naming "from"/"to"); 409
// "assessment.needs_required" when the case has none.
util::Result<MapOfChangesView> map_of_changes(const Services& services, const Actor& actor, const RequestMeta& meta,
                                              const std::string& case_id, const std::optional<std::string>& from,
                                              const std::optional<std::string>& to);

} // namespace patronage::app
