#include "app/council.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "app/audit_trail.hpp"
#include "app/case_access.hpp"
#include "app/clock.hpp"
#include "storage/plans.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"

namespace patronage::app {
namespace {

// The agenda of a large subtree is read in one page; a council hears far fewer cases at a sitting.
constexpr int k_agenda_candidates = 500;
constexpr int k_meeting_decisions = 2000;
constexpr int k_default_meeting_days = 365;

bool may_record(const Actor& actor, const std::string& unit_path) {
  return domain::can(actor.subject(), domain::Action::decision_record, {unit_path, "", domain::CaseRelation::none});
}

// The unit path `unit_id` names, when the actor may read that unit; the actor's own without an id.
util::Result<std::string> scope_path(storage::Tx& tx, const Actor& actor, const std::optional<std::string>& unit_id) {
  if (!unit_id || unit_id->empty()) {
    return actor.unit_path;
  }
  auto unit = storage::find_unit(tx, *unit_id);
  if (!unit || !domain::can(actor.subject(), domain::Action::unit_read, {unit->path, "", domain::CaseRelation::none})) {
    return util::fail(util::Error::not_found("unit.not_found"));
  }
  return unit->path;
}

boost::json::array case_ids(const std::vector<AgendaEntry>& entries) {
  boost::json::array out;
  for (const auto& entry : entries) {
    out.emplace_back(entry.record.id);
  }
  return out;
}

} // namespace

util::Result<std::vector<AgendaEntry>> council_agenda(const Services& services, const Actor& actor,
                                                      const RequestMeta& meta, const std::optional<std::string>& unit_id) {
  if (!may_record(actor, actor.unit_path)) {
    return util::fail(util::Error::forbidden());
  }
  const auto day = today(services);
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<AgendaEntry>> {
    auto path = scope_path(tx, actor, unit_id);
    if (!path) {
      return util::fail(path.error());
    }
    const std::string horizon =
        util::format_date(day + std::chrono::days{services.settings.lifecycle.agenda_notice_days});
    std::vector<AgendaEntry> out;
    for (auto& record : storage::list_council_candidates(tx, *path, horizon, k_agenda_candidates)) {
      if (!may_record(actor, record.unit_path)) {
        continue;
      }
      const auto facts = load_case_facts(tx, record, Caseload::skip);
      domain::AgendaFacts extra;
      const auto plans = storage::list_plans(tx, record.id);
      extra.plan_awaiting_approval = !plans.empty() && !plans.front().approved_at;
      for (const auto& decision : facts.decisions) {
        if (!decision.is_signed) {
          extra.unsigned_drafts.push_back(decision.kind);
        }
      }
      auto items = domain::council_agenda(facts, extra, day, services.settings.lifecycle);
      if (!items.empty()) {
        out.push_back({std::move(record), std::move(items)});
      }
    }
    audit(tx, services, actor.id, meta, "council.agenda", "case", "", {{"cases", case_ids(out)}});
    return out;
  });
}

util::Result<std::vector<Meeting>> council_meetings(const Services& services, const Actor& actor,
                                                    const RequestMeta& meta, const std::optional<std::string>& from,
                                                    const std::optional<std::string>& to) {
  const auto day = today(services);
  std::vector<util::FieldError> fields;
  auto date_or = [&](const char* field, const std::optional<std::string>& text, util::Date fallback) {
    if (!text) {
      return fallback;
    }
    const auto parsed = util::parse_date(*text);
    if (!parsed) {
      fields.push_back({field, "validation.date_invalid"});
      return fallback;
    }
    return *parsed;
  };
  const auto first = date_or("from", from, day - std::chrono::days{k_default_meeting_days});
  const auto last = date_or("to", to, day);
  if (fields.empty() && last < first) {
    fields.push_back({"to", "validation.out_of_range"});
  }
  if (!fields.empty()) {
    return util::fail(util::Error::invalid("validation.failed", std::move(fields)));
  }
  if (!may_record(actor, actor.unit_path)) {
    return util::fail(util::Error::forbidden());
  }
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<Meeting>> {
    std::vector<Meeting> out;
    std::map<std::tuple<std::string, std::string, std::string>, size_t> index;
    size_t count = 0;
    for (auto& decision : storage::list_meeting_decisions(tx, actor.unit_path, util::format_date(first),
                                                          util::format_date(last), k_meeting_decisions)) {
      const auto key = std::make_tuple(decision.meeting_date, decision.body, decision.protocol_number);
      auto [at, added] = index.emplace(key, out.size());
      if (added) {
        out.push_back({decision.body, decision.meeting_date, decision.protocol_number, {}, {}});
      }
      auto& meeting = out[at->second];
      for (const auto& member : decision.members_present) {
        if (std::find(meeting.members_present.begin(), meeting.members_present.end(), member) ==
            meeting.members_present.end()) {
          meeting.members_present.push_back(member);
        }
      }
      meeting.decisions.push_back(std::move(decision));
      ++count;
    }
    audit(tx, services, actor.id, meta, "council.meetings", "decision", "", {{"decisions", count}});
    return out;
  });
}

util::Result<std::vector<StaffMember>> list_staff(const Services& services, const Actor& actor,
                                                  const RequestMeta& meta, const std::optional<std::string>& unit_id) {
  if (!domain::can(actor.subject(), domain::Action::staff_directory, {actor.unit_path, "", domain::CaseRelation::none})) {
    return util::fail(util::Error::forbidden());
  }
  return read_audited(services, meta, [&](storage::Tx& tx) -> util::Result<std::vector<StaffMember>> {
    std::string root;
    if (unit_id && !unit_id->empty()) {
      auto path = scope_path(tx, actor, unit_id);
      if (!path) {
        return util::fail(path.error());
      }
      root = *path;
    } else {
      // The top of the actor's path ("/r/" of "/r/i/a/"): the units above are searched too, then filtered.
      const auto second = actor.unit_path.find('/', 1);
      root = second == std::string::npos ? actor.unit_path : actor.unit_path.substr(0, second + 1);
    }
    std::vector<StaffMember> out;
    for (const auto& user : storage::list_users_under(tx, root)) {
      if (domain::can(actor.subject(), domain::Action::staff_directory, {user.unit_path, "", domain::CaseRelation::none})) {
        out.push_back({user.id, user.full_name, std::string(domain::to_string(user.role)), user.unit_id, user.disabled});
      }
    }
    std::sort(out.begin(), out.end(), [](const StaffMember& a, const StaffMember& b) {
      return std::tie(a.full_name, a.id) < std::tie(b.full_name, b.id);
    });
    audit(tx, services, actor.id, meta, "staff.list", "user", "", {{"count", out.size()}});
    return out;
  });
}

} // namespace patronage::app
