#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/case_facts.hpp"
#include "domain/decision.hpp"
#include "storage/database.hpp"

namespace patronage::storage {

// A written consent (SPEC §3, §11). Lists are comma-separated person ids. Stored enums the domain does not know
// fail the read (CorruptValue, storage/stored_enum.hpp), here and in DecisionRow.
struct ConsentRecord {
  std::string id;
  std::string case_id;
  std::string signed_by;
  std::vector<std::string> covers;
  domain::ConsentScope scope = domain::ConsentScope::patronage;
  std::string signed_on;
  std::optional<std::string> valid_until;
  std::optional<std::string> withdrawn_on;
  std::optional<std::string> document_id;
  std::string created_by;
  long long created_at = 0;
};

void insert_consent(Tx& tx, const ConsentRecord& record);
std::vector<ConsentRecord> list_consents(Tx& tx, const std::string& case_id);
void set_consent_withdrawn(Tx& tx, const std::string& consent_id, const std::string& withdrawn_on);

// A council decision (SPEC §6). Immutable once `signed`.
struct DecisionRow {
  std::string id;
  std::string case_id;
  std::string body;
  std::string meeting_date;
  std::string protocol_number;
  std::vector<std::string> members_present;
  domain::DecisionKind kind = domain::DecisionKind::register_case;
  std::vector<std::string> patronage_types;
  std::optional<std::string> lead_id;
  std::vector<std::string> team;
  std::string grounds;
  std::optional<domain::PatronageIntensity> intensity;
  std::optional<std::string> planned_end;
  std::optional<std::string> corrects_id;
  bool is_signed = false;
  std::optional<long long> signed_at;
  std::optional<std::string> signed_by;
  std::string created_by;
  long long created_at = 0;
};

void insert_decision(Tx& tx, const DecisionRow& record);
std::optional<DecisionRow> find_decision(Tx& tx, const std::string& id);
std::vector<DecisionRow> list_decisions(Tx& tx, const std::string& case_id);
void sign_decision(Tx& tx, const std::string& id, const std::string& user_id, long long at);

// An uploaded scan (of a consent), kept in the database so backups hold it.
struct DocumentRecord {
  std::string id;
  std::string case_id;
  std::string file_name;
  std::string content_type;
  long long size_bytes = 0;
  std::string sha256;
  std::string content_base64;
  std::string created_by;
  long long created_at = 0;
};

void insert_document(Tx& tx, const DocumentRecord& record);
std::optional<DocumentRecord> find_document(Tx& tx, const std::string& id);

// The household members whose consent the lifecycle rules look at.
struct ConsentPerson {
  std::string id;
  std::optional<std::string> birth_date;
  std::vector<std::string> represents;
  std::string display_name; // "Last First"
};
std::vector<ConsentPerson> list_consent_persons(Tx& tx, const std::string& household_id);

} // namespace patronage::storage
