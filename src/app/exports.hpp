#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.hpp"
#include "storage/audit.hpp"
#include "storage/exports.hpp"
#include "util/error.hpp"
#include "util/table.hpp"

namespace patronage::app {

// The translated text of a message key (column titles, sheet titles).
using Translate = std::function<std::string(const std::string& key)>;
// Called every so often with the number of rows written so far.
using Progress = std::function<void(long long rows)>;

// "households", "cases", "visits", "services" → the list; std::nullopt otherwise.
std::optional<storage::ExportList> parse_export_list(std::string_view name);
std::string_view export_list_name(storage::ExportList list);

// Which list of which unit subtree. `unit_id` absent: the actor's own unit.
// `from`/`to` are 'YYYY-MM-DD' (both inclusive), see storage::ExportScope.
struct ExportRequest {
  storage::ExportList list = storage::ExportList::households;
  std::optional<std::string> unit_id;
  std::optional<std::string> from;
  std::optional<std::string> to;
};

// Streams one list into `sink` (begin, rows, finish) and returns the row
// count. Only heads of the unit's subtree may export (Action::list_export);
// others get 403, a unit outside the actor's subtree 404 "unit.not_found",
// bad dates field errors, all before anything is written to `sink`. One
// audit entry "export.<list>" records the unit, the period and the count.
// A sink that throws rolls back (the audit entry too) and fails `unavailable`.
util::Result<long long> export_list(const Services& services, const Actor& actor, const RequestMeta& meta,
                                    const ExportRequest& request, util::TableSink& sink, const Translate& translate,
                                    const Progress& progress = {});

// Streams the audit log entries matching `filter` (newest first, every page)
// into `sink` for admins and auditors (Action::audit_read), limited to the
// entries of users of the actor's unit subtree unless the actor is at the
// root. Audited as "audit.export" with the count. `filter.limit` is ignored.
util::Result<long long> export_audit_log(const Services& services, const Actor& actor, const RequestMeta& meta,
                                         storage::AuditFilter filter, util::TableSink& sink,
                                         const Translate& translate, const Progress& progress = {});

// The audit filter an actor may use: `filter` limited to the actor's subtree
// (entries by users of units under the actor's unit) unless the actor's unit
// is a root of the tree.
storage::AuditFilter audit_scope(const Actor& actor, storage::AuditFilter filter);

} // namespace patronage::app
