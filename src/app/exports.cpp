#include "app/exports.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "app/audit_trail.hpp"
#include "storage/units.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace patronage::app {
namespace {

constexpr std::array k_lists{storage::ExportList::households, storage::ExportList::cases,
                             storage::ExportList::visits, storage::ExportList::services};
constexpr std::array<std::string_view, 4> k_list_names{"households", "cases", "visits", "services"};
constexpr long long k_progress_every = 1000;
constexpr int k_audit_page = 1000;

enum class Kind { text, number, date, timestamp_date, money, code, codes };

// The message-key prefix that names the stored codes of a column in people's words (SPEC §2, §3): exports say
// "Активный патронаж", not "active" — the same words as the reports and the web app.
std::string_view code_prefix(std::string_view column) {
  if (column == "state") {
    return "report.state.";
  }
  if (column == "categories") {
    return "report.category.";
  }
  if (column == "intensity") {
    return "export.value.intensity.";
  }
  if (column == "status") {
    return "export.value.visit_status.";
  }
  if (column == "kind") {
    return "export.value.visit_kind.";
  }
  // The words `patronage import households` reads back.
  if (column == "sex") {
    return "import.value.sex.";
  }
  if (column == "household_role") {
    return "import.value.role.";
  }
  return {};
}

Kind kind_of(std::string_view column) {
  static constexpr std::array<std::string_view, 8> k_dates{"state_since", "opened_on", "planned_end", "planned_on",
                                                           "actual_on",   "delivered_on", "signed_on", "birth_date"};
  if (column == "quantity" || column == "child_safety_checked" ||
      column == "child_safety_concern") {
    return Kind::number;
  }
  if (column == "registered_on") {
    return Kind::timestamp_date;
  }
  if (column == "cost") {
    return Kind::money;
  }
  if (!code_prefix(column).empty()) {
    return column == "categories" ? Kind::codes : Kind::code;
  }
  return std::find(k_dates.begin(), k_dates.end(), column) != k_dates.end() ? Kind::date : Kind::text;
}

std::optional<long long> whole(const std::string& text) {
  long long value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

std::string date_of_seconds(long long at, const util::TimeZone& zone) {
  return util::format_date(zone.date_at(util::Timestamp{std::chrono::seconds{at}}));
}

// A code's text in the export's language; the code itself when the catalogue has none (never an empty cell). A text
// that lists the words an import accepts ("Женский|Ж|Жен") is written as its first.
std::string code_text(const Translate& translate, std::string_view prefix, const std::string& code) {
  const std::string key = std::string(prefix) + code;
  std::string text = translate(key);
  text = text.substr(0, text.find('|'));
  return text == key || text.empty() ? code : text;
}

util::Cell cell_of(Kind kind, std::string_view column, const std::optional<std::string>& value,
                   const Translate& translate, const util::TimeZone& zone) {
  if (!value || value->empty()) {
    return std::monostate{};
  }
  switch (kind) {
  case Kind::text:
    return *value;
  case Kind::code:
    return code_text(translate, code_prefix(column), *value);
  case Kind::codes: {
    std::string out;
    for (const auto& code : util::split(*value)) {
      out += (out.empty() ? "" : ", ") + code_text(translate, code_prefix(column), code);
    }
    return out;
  }
  case Kind::date:
    return util::IsoDate{*value};
  case Kind::number:
    if (auto n = whole(*value)) {
      return *n;
    }
    return *value;
  case Kind::timestamp_date:
    if (auto n = whole(*value)) {
      return util::IsoDate{date_of_seconds(*n, zone)};
    }
    return *value;
  case Kind::money:
    // kopecks → roubles
    if (auto n = whole(*value)) {
      return static_cast<double>(*n) / 100.0;
    }
    return *value;
  }
  return *value;
}

double width_of(Kind kind, std::string_view column) {
  if (column == "address") {
    return 40;
  }
  if (column == "id" || column == "case_id") {
    return 24;
  }
  return kind == Kind::text ? 18 : 12;
}

util::Status check_period(const ExportRequest& request) {
  std::vector<util::FieldError> fields;
  std::optional<util::Date> from;
  std::optional<util::Date> to;
  if (request.from && !(from = util::parse_date(*request.from))) {
    fields.push_back({"from", "validation.date_invalid"});
  }
  if (request.to && !(to = util::parse_date(*request.to))) {
    fields.push_back({"to", "validation.date_invalid"});
  }
  if (from && to && *to < *from) {
    fields.push_back({"to", "validation.period_invalid"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  return {};
}

boost::json::value text_or_null(const std::optional<std::string>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

} // namespace

std::optional<storage::ExportList> parse_export_list(std::string_view name) {
  for (size_t i = 0; i < k_lists.size(); ++i) {
    if (k_list_names[i] == name) {
      return k_lists[i];
    }
  }
  return std::nullopt;
}

std::string_view export_list_name(storage::ExportList list) { return k_list_names[static_cast<size_t>(list)]; }

util::Result<long long> export_list(const Services& services, const Actor& actor, const RequestMeta& meta,
                                    const ExportRequest& request, util::TableSink& sink, const Translate& translate,
                                    const Progress& progress) {
  if (!domain::can(actor.subject(), domain::Action::list_export, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  if (auto period = check_period(request); !period) {
    return util::fail(period.error());
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<long long> {
    std::string unit_id = request.unit_id.value_or(actor.unit_id);
    std::string unit_path = actor.unit_path;
    if (request.unit_id) {
      auto unit = storage::find_unit(tx, *request.unit_id);
      if (!unit || !domain::in_subtree(unit->path, actor.unit_path)) {
        return util::fail(util::Error::not_found("unit.not_found"));
      }
      unit_path = unit->path;
    }
    if (!domain::can(actor.subject(), domain::Action::list_export, {unit_path, ""})) {
      return util::fail(util::Error::forbidden());
    }
    const std::string name(export_list_name(request.list));
    const auto& keys = storage::export_columns(request.list);
    std::vector<Kind> kinds;
    std::vector<util::Column> columns;
    for (const auto& key : keys) {
      kinds.push_back(kind_of(key));
      columns.push_back({key, translate("export.column." + key), width_of(kinds.back(), key)});
    }
    sink.begin(translate("export.list." + name), columns);
    std::vector<util::Cell> cells(keys.size());
    long long written = 0;
    const long long count = storage::export_rows(
        tx, request.list, {unit_path, request.from, request.to}, [&](const storage::ExportRow& row) {
          for (size_t i = 0; i < row.size(); ++i) {
            cells[i] = cell_of(kinds[i], keys[i], row[i], translate, services.settings.time_zone);
          }
          sink.row(cells);
          if (progress && ++written % k_progress_every == 0) {
            progress(written);
          }
        },
        500);
    if (progress) {
      progress(count);
    }
    sink.finish();
    audit(tx, services, actor.id, meta, "export." + name, "unit", unit_id,
          {{"rows", count}, {"from", text_or_null(request.from)}, {"to", text_or_null(request.to)}});
    return count;
  });
}

storage::AuditFilter audit_scope(const Actor& actor, storage::AuditFilter filter) {
  // "/root/" has two slashes: a root unit (or the command line's "/") sees every entry.
  if (std::count(actor.unit_path.begin(), actor.unit_path.end(), '/') > 2) {
    filter.unit_path_prefix = actor.unit_path;
  }
  return filter;
}

util::Result<long long> export_audit_log(const Services& services, const Actor& actor, const RequestMeta& meta,
                                         storage::AuditFilter filter, util::TableSink& sink,
                                         const Translate& translate, const Progress& progress) {
  if (!domain::can(actor.subject(), domain::Action::audit_read, {actor.unit_path, ""})) {
    return util::fail(util::Error::forbidden());
  }
  filter = audit_scope(actor, std::move(filter));
  filter.limit = k_audit_page;
  return services.db.transact([&](storage::Tx& tx) -> util::Result<long long> {
    static const std::array<std::string, 8> k_keys{"seq",      "at",          "user_id",      "action",
                                                   "entity",   "entity_id",   "from_address", "details"};
    std::vector<util::Column> columns;
    for (const auto& key : k_keys) {
      columns.push_back({key, translate("export.column." + key), key == "details" ? 40.0 : 20.0});
    }
    sink.begin(translate("export.list.audit"), columns);
    long long count = 0;
    for (;;) {
      auto page = storage::list_audit(tx, filter);
      for (const auto& e : page) {
        sink.row({e.seq, util::format_timestamp(util::Timestamp{std::chrono::seconds{e.at}}), e.user_id, e.action,
                  e.entity, e.entity_id, e.address, e.details});
        ++count;
        if (progress && count % k_progress_every == 0) {
          progress(count);
        }
      }
      if (page.size() < static_cast<size_t>(k_audit_page)) {
        break;
      }
      filter.before_seq = page.back().seq;
    }
    if (progress) {
      progress(count);
    }
    sink.finish();
    audit(tx, services, actor.id, meta, "audit.export", "audit_log", "", {{"rows", count}});
    return count;
  });
}

} // namespace patronage::app
