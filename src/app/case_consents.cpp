#include <algorithm>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "app/diagnosis_access.hpp"
#include "app/cases.hpp"
#include "domain/case_consent.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace patronage::app {
namespace {

// The scan must be what it claims: PDF, JPEG or PNG, checked by its first bytes.
bool content_matches(const std::string& type, const std::string& bytes) {
  if (type == "application/pdf") {
    return bytes.starts_with("%PDF-");
  }
  if (type == "image/jpeg") {
    return bytes.starts_with("\xFF\xD8\xFF");
  }
  if (type == "image/png") {
    return bytes.starts_with("\x89PNG\r\n\x1A\n");
  }
  return false;
}

util::Result<storage::DocumentRecord> make_document(const Services& services, const Actor& actor,
                                                    const std::string& case_id, const DocumentInput& input) {
  if (input.content_type != "application/pdf" && input.content_type != "image/jpeg" &&
      input.content_type != "image/png") {
    return util::fail(util::Error::field("document.content_type", "document.type_not_allowed"));
  }
  if (input.content_base64.size() > services.settings.documents.max_bytes / 3 * 4 + 4) {
    return util::fail(util::Error::field("document.content_base64", "document.too_large")
                          .with("limit", std::to_string(services.settings.documents.max_bytes)));
  }
  auto bytes = util::decode_base64(input.content_base64);
  if (!bytes || bytes->empty()) {
    return util::fail(util::Error::field("document.content_base64", "document.not_base64"));
  }
  if (bytes->size() > services.settings.documents.max_bytes) {
    return util::fail(util::Error::field("document.content_base64", "document.too_large")
                          .with("limit", std::to_string(services.settings.documents.max_bytes)));
  }
  if (!content_matches(input.content_type, *bytes)) {
    return util::fail(util::Error::field("document.content_base64", "document.content_mismatch"));
  }
  if (util::blank(input.file_name) || input.file_name.size() > 200) {
    return util::fail(util::Error::field("document.file_name", "validation.required"));
  }
  return storage::DocumentRecord{util::random_id(),
                                 case_id,
                                 input.file_name,
                                 input.content_type,
                                 static_cast<long long>(bytes->size()),
                                 util::sha256_hex(*bytes),
                                 input.content_base64,
                                 actor.id,
                                 now_of(services)};
}

} // namespace

util::Result<storage::ConsentRecord> add_consent(const Services& services, const Actor& actor,
                                                 const RequestMeta& meta, const std::string& case_id,
                                                 const ConsentInput& input) {
  std::vector<util::FieldError> fields;
  const auto scope = domain::parse_consent_scope(input.scope);
  if (!scope) {
    fields.push_back({"scope", "consent.scope_invalid"});
  }
  const auto signed_on = util::parse_date(input.signed_on);
  if (!signed_on) {
    fields.push_back({"signed_on", "validation.date_invalid"});
  } else if (*signed_on > today(services)) {
    fields.push_back({"signed_on", "validation.date_in_future"});
  }
  if (input.valid_until && (!util::parse_date(*input.valid_until) ||
                            (signed_on && *util::parse_date(*input.valid_until) < *signed_on))) {
    fields.push_back({"valid_until", "validation.date_invalid"});
  }
  if (input.signed_by.empty()) {
    fields.push_back({"signed_by", "validation.required"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::ConsentRecord> {
    auto loaded = load_case(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto persons = storage::list_consent_persons(tx, loaded->record.household_id);
    auto in_household = [&](const std::string& id) {
      return std::any_of(persons.begin(), persons.end(), [&](const auto& p) { return p.id == id; });
    };
    std::vector<util::FieldError> person_errors;
    if (!in_household(input.signed_by)) {
      person_errors.push_back({"signed_by", "consent.person_not_in_household"});
    }
    for (size_t i = 0; i < input.covers.size(); ++i) {
      if (!in_household(input.covers[i])) {
        person_errors.push_back({"covers[" + std::to_string(i) + "]", "consent.person_not_in_household"});
      }
    }
    if (!person_errors.empty()) {
      return util::fail(util::Error::invalid("validation.failed", std::move(person_errors)));
    }
    storage::ConsentRecord record{util::random_id(), case_id,          input.signed_by, input.covers,
                                  *scope,            input.signed_on,  input.valid_until, std::nullopt,
                                  std::nullopt,      actor.id,         now_of(services)};
    if (input.document) {
      auto document = make_document(services, actor, case_id, *input.document);
      if (!document) {
        return util::fail(document.error());
      }
      storage::insert_document(tx, *document);
      record.document_id = document->id;
    }
    storage::insert_consent(tx, record);
    audit(tx, services, actor.id, meta, "consent.add", "case", case_id, {{"consent_id", record.id}});
    return record;
  });
}

util::Status withdraw_consent(const Services& services, const Actor& actor, const RequestMeta& meta,
                              const std::string& case_id, const std::string& consent_id,
                              const std::string& withdrawn_on) {
  const auto on = util::parse_date(withdrawn_on);
  if (!on || *on > today(services)) {
    return util::fail(util::Error::field("withdrawn_on", on ? "validation.date_in_future" : "validation.date_invalid"));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Status {
    auto loaded = load_case(tx, actor, case_id, domain::Action::case_write);
    if (!loaded) {
      return util::fail(loaded.error());
    }
    const auto consents = storage::list_consents(tx, case_id);
    auto it = std::find_if(consents.begin(), consents.end(), [&](const auto& c) { return c.id == consent_id; });
    if (it == consents.end()) {
      return util::fail(util::Error::not_found("consent.not_found"));
    }
    if (it->withdrawn_on) {
      return util::fail(util::Error::conflict("consent.already_withdrawn"));
    }
    if (*on < *util::parse_date(it->signed_on)) {
      return util::fail(util::Error::field("withdrawn_on", "consent.withdrawn_before_signed"));
    }
    storage::set_consent_withdrawn(tx, consent_id, withdrawn_on);
    audit(tx, services, actor.id, meta, "consent.withdraw", "case", case_id, {{"consent_id", consent_id}});
    return {};
  });
}

util::Result<storage::DocumentRecord> get_document(const Services& services, const Actor& actor,
                                                   const RequestMeta& meta, const std::string& document_id) {
  return services.db.transact([&](storage::Tx& tx) -> util::Result<storage::DocumentRecord> {
    auto document = storage::find_document(tx, document_id);
    if (!document) {
      return util::fail(util::Error::not_found("document.not_found"));
    }
    auto loaded = load_case_records(tx, actor, document->case_id, domain::Action::household_read);
    if (!loaded) {
      return util::fail(util::Error::not_found("document.not_found"));
    }
    audit(tx, services, actor.id, meta, "document.read", "document", document_id);
    return *document;
  });
}

} // namespace patronage::app
