#pragma once

#include <string>
#include <vector>

#include "app/context.hpp"
#include "app/exports.hpp"
#include "util/error.hpp"
#include "util/table.hpp"

namespace patronage::app {

// What an erased person's names become (language-neutral).
inline constexpr std::string_view k_erased_name = "***";

// SPEC §11, a personal-data request: everything held about one person, one
// table per kind of record — the person (sensitive fields only when the actor
// may read them), the household, its cases, the consents the person signed,
// the visits' notes about them, services delivered to their cases, the
// assessments that name them, and the history of their record.
// Heads of the household's unit subtree only (Action::person_export): 404
// when the actor may not read the household at all, 403 when they may read
// but not export. Audited as "person.export".
util::Result<std::vector<util::Table>> export_person(const Services& services, const Actor& actor,
                                                     const RequestMeta& meta, const std::string& person_id,
                                                     const Translate& translate);

// SPEC §11, erasure "when the law allows": irreversibly anonymises a person.
// Allowed only when every case of the person's household is closed or
// rejected (409 "person.erase_case_open" otherwise; supervision still counts
// as open) and not twice (409 "person.already_erased"). `reason` is required.
// Names become k_erased_name, the birth date keeps only its year (1 January),
// phone, school, employment, pregnancy due date and the sensitive fields are
// emptied; the person's names are replaced in every free text of the
// household and its cases; the history keeps who changed which field, not the
// values; the duplicate keys go. Ids, household membership, sex, role, flags,
// cases, visits, services and consents stay, so counts and reports are
// unchanged. Heads only (Action::person_erase); audited as "person.erase"
// with no details: the reason is kept in the person's history ("erase_reason").
util::Status erase_person(const Services& services, const Actor& actor, const RequestMeta& meta,
                          const std::string& person_id, const std::string& reason);

} // namespace patronage::app
