#include "storage/case_records.hpp"

#include <soci/soci.h>

#include "storage/nullable.hpp"
#include "storage/stored_enum.hpp"

#include "util/strings.hpp"

namespace patronage::storage {
namespace {

constexpr auto k_decision_select =
    "SELECT id, case_id, body, meeting_date, protocol_number, members_present, kind, patronage_types, lead_id, team, "
    "grounds, intensity, planned_end, corrects_id, signed, signed_at, signed_by, created_by, created_at FROM decisions ";

struct DecisionFetch {
  DecisionRow d;
  std::string kind;
  std::string members;
  std::string types;
  std::string team;
  Nullable lead{std::nullopt};
  Nullable intensity{std::nullopt};
  Nullable planned_end{std::nullopt};
  Nullable corrects{std::nullopt};
  Nullable signed_by{std::nullopt};
  int is_signed = 0;
  long long signed_at = 0;
  soci::indicator signed_at_ind = soci::i_null;

  template <typename Target> void bind(Target& t) {
    t, soci::into(d.id), soci::into(d.case_id), soci::into(d.body), soci::into(d.meeting_date),
        soci::into(d.protocol_number), soci::into(members), soci::into(kind), soci::into(types),
        soci::into(lead.text, lead.ind), soci::into(team), soci::into(d.grounds),
        soci::into(intensity.text, intensity.ind), soci::into(planned_end.text, planned_end.ind),
        soci::into(corrects.text, corrects.ind), soci::into(is_signed), soci::into(signed_at, signed_at_ind),
        soci::into(signed_by.text, signed_by.ind), soci::into(d.created_by), soci::into(d.created_at);
  }

  DecisionRow take() const {
    DecisionRow out = d;
    out.members_present = util::split(members, '\n');
    out.patronage_types = util::split(types);
    out.team = util::split(team);
    out.lead_id = lead.get();
    out.kind = stored_enum(domain::parse_decision_kind, "decisions", "kind", kind);
    out.intensity = stored_enum(domain::parse_patronage_intensity, "decisions", "intensity", intensity.get());
    out.planned_end = planned_end.get();
    out.corrects_id = corrects.get();
    out.is_signed = is_signed != 0;
    out.signed_at = signed_at_ind == soci::i_ok ? std::optional<long long>(signed_at) : std::nullopt;
    out.signed_by = signed_by.get();
    return out;
  }
};

std::vector<DecisionRow> fetch_decisions(Tx& tx, const std::string& where, const std::string& value) {
  DecisionFetch row;
  auto prepared = (tx.sql().prepare << std::string(k_decision_select) + where, soci::use(value));
  row.bind(prepared);
  soci::statement st(prepared);
  st.execute();
  std::vector<DecisionRow> out;
  while (st.fetch()) {
    out.push_back(row.take());
  }
  return out;
}

} // namespace

void insert_consent(Tx& tx, const ConsentRecord& c) {
  const std::string covers = util::join(c.covers);
  const std::string scope(domain::to_string(c.scope));
  Nullable valid_until(c.valid_until);
  Nullable withdrawn(c.withdrawn_on);
  Nullable document(c.document_id);
  tx.sql() << "INSERT INTO consents (id, case_id, signed_by, covers, scope, signed_on, valid_until, withdrawn_on, "
              "document_id, created_by, created_at) VALUES (:id, :c, :s, :cov, :scope, :on, :vu, :w, :doc, :by, :at)",
      soci::use(c.id), soci::use(c.case_id), soci::use(c.signed_by), soci::use(covers), soci::use(scope),
      soci::use(c.signed_on), soci::use(valid_until.text, valid_until.ind), soci::use(withdrawn.text, withdrawn.ind),
      soci::use(document.text, document.ind), soci::use(c.created_by), soci::use(c.created_at);
}

std::vector<ConsentRecord> list_consents(Tx& tx, const std::string& case_id) {
  ConsentRecord c;
  std::string covers;
  std::string scope;
  Nullable valid_until(std::nullopt);
  Nullable withdrawn(std::nullopt);
  Nullable document(std::nullopt);
  soci::statement st =
      (tx.sql().prepare << "SELECT id, case_id, signed_by, covers, scope, signed_on, valid_until, withdrawn_on, "
                           "document_id, created_by, created_at FROM consents WHERE case_id = :c ORDER BY created_at, id",
       soci::use(case_id), soci::into(c.id), soci::into(c.case_id), soci::into(c.signed_by), soci::into(covers),
       soci::into(scope), soci::into(c.signed_on), soci::into(valid_until.text, valid_until.ind),
       soci::into(withdrawn.text, withdrawn.ind), soci::into(document.text, document.ind), soci::into(c.created_by),
       soci::into(c.created_at));
  st.execute();
  std::vector<ConsentRecord> out;
  while (st.fetch()) {
    ConsentRecord item = c;
    item.covers = util::split(covers);
    item.scope = stored_enum(domain::parse_consent_scope, "consents", "scope", scope);
    item.valid_until = valid_until.get();
    item.withdrawn_on = withdrawn.get();
    item.document_id = document.get();
    out.push_back(std::move(item));
  }
  return out;
}

void set_consent_withdrawn(Tx& tx, const std::string& consent_id, const std::string& withdrawn_on) {
  tx.sql() << "UPDATE consents SET withdrawn_on = :w WHERE id = :id", soci::use(withdrawn_on), soci::use(consent_id);
}

void insert_decision(Tx& tx, const DecisionRow& d) {
  const std::string members = util::join(d.members_present, '\n');
  const std::string types = util::join(d.patronage_types);
  const std::string team = util::join(d.team);
  const std::string kind(domain::to_string(d.kind));
  Nullable lead(d.lead_id);
  Nullable intensity(stored_name(d.intensity));
  Nullable planned_end(d.planned_end);
  Nullable corrects(d.corrects_id);
  const int is_signed = d.is_signed ? 1 : 0;
  // A decision stored as signed keeps who signed it and when (sign_decision never touches it again).
  Nullable signed_by(d.signed_by);
  long long signed_at = d.signed_at.value_or(0);
  soci::indicator signed_at_ind = d.signed_at ? soci::i_ok : soci::i_null;
  // The sequence keeps the order of decisions recorded within the same second.
  long long seq = 0;
  tx.sql() << "SELECT COALESCE(MAX(seq), 0) + 1 FROM decisions WHERE case_id = :c", soci::use(d.case_id),
      soci::into(seq);
  tx.sql() << "INSERT INTO decisions (id, case_id, body, meeting_date, protocol_number, members_present, kind, "
              "patronage_types, lead_id, team, grounds, intensity, planned_end, corrects_id, signed, signed_at, "
              "signed_by, created_by, created_at, seq) VALUES (:id, :c, :b, :m, :p, :mem, :k, :t, :l, :team, :g, :i, "
              ":pe, :cor, :s, :sat, :sby, :by, :at, :seq)",
      soci::use(d.id), soci::use(d.case_id), soci::use(d.body), soci::use(d.meeting_date), soci::use(d.protocol_number),
      soci::use(members), soci::use(kind), soci::use(types), soci::use(lead.text, lead.ind), soci::use(team),
      soci::use(d.grounds), soci::use(intensity.text, intensity.ind), soci::use(planned_end.text, planned_end.ind),
      soci::use(corrects.text, corrects.ind), soci::use(is_signed), soci::use(signed_at, signed_at_ind),
      soci::use(signed_by.text, signed_by.ind), soci::use(d.created_by), soci::use(d.created_at), soci::use(seq);
}

std::optional<DecisionRow> find_decision(Tx& tx, const std::string& id) {
  auto rows = fetch_decisions(tx, "WHERE id = :v", id);
  return rows.empty() ? std::nullopt : std::optional<DecisionRow>(rows.front());
}

std::vector<DecisionRow> list_decisions(Tx& tx, const std::string& case_id) {
  return fetch_decisions(tx, "WHERE case_id = :v ORDER BY meeting_date, created_at, COALESCE(seq, 0), id", case_id);
}

void sign_decision(Tx& tx, const std::string& id, const std::string& user_id, long long at) {
  tx.sql() << "UPDATE decisions SET signed = 1, signed_at = :at, signed_by = :u WHERE id = :id AND signed = 0",
      soci::use(at), soci::use(user_id), soci::use(id);
}

void insert_document(Tx& tx, const DocumentRecord& d) {
  tx.sql() << "INSERT INTO documents (id, case_id, file_name, content_type, size_bytes, sha256, content_base64, "
              "created_by, created_at) VALUES (:id, :c, :n, :t, :s, :h, :b, :by, :at)",
      soci::use(d.id), soci::use(d.case_id), soci::use(d.file_name), soci::use(d.content_type),
      soci::use(d.size_bytes), soci::use(d.sha256), soci::use(d.content_base64), soci::use(d.created_by),
      soci::use(d.created_at);
}

std::optional<DocumentRecord> find_document(Tx& tx, const std::string& id) {
  DocumentRecord d;
  tx.sql() << "SELECT id, case_id, file_name, content_type, size_bytes, sha256, content_base64, created_by, created_at "
              "FROM documents WHERE id = :id",
      soci::use(id), soci::into(d.id), soci::into(d.case_id), soci::into(d.file_name), soci::into(d.content_type),
      soci::into(d.size_bytes), soci::into(d.sha256), soci::into(d.content_base64), soci::into(d.created_by),
      soci::into(d.created_at);
  if (!tx.sql().got_data()) {
    return std::nullopt;
  }
  return d;
}

std::vector<ConsentPerson> list_consent_persons(Tx& tx, const std::string& household_id) {
  ConsentPerson p;
  Nullable birth(std::nullopt);
  std::string represents;
  std::string last;
  std::string first;
  soci::statement st = (tx.sql().prepare << "SELECT id, birth_date, represents, last_name, first_name FROM persons "
                                            "WHERE household_id = :h ORDER BY created_at, id",
                        soci::use(household_id), soci::into(p.id), soci::into(birth.text, birth.ind),
                        soci::into(represents), soci::into(last), soci::into(first));
  st.execute();
  std::vector<ConsentPerson> out;
  while (st.fetch()) {
    ConsentPerson item = p;
    item.birth_date = birth.get();
    item.represents = util::split(represents);
    item.display_name = last + " " + first;
    out.push_back(std::move(item));
  }
  return out;
}

} // namespace patronage::storage
