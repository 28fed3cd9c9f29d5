#include <boost/json.hpp>

#include "app/worklist.hpp"
#include "http/api.hpp"
#include "http/messages.hpp"
#include "http/responses.hpp"
#include "util/time.hpp"

namespace patronage::http {
namespace {

boost::json::object work_item_json(const app::WorkItem& item, Lang lang) {
  auto params = item.title_params;
  if (!item.detail_key.empty()) {
    params.emplace_back("detail", translate(lang, item.detail_key, item.detail_params));
  }
  boost::json::object out{{"kind", item.kind},
                          {"title", translate(lang, item.title_key, params)},
                          {"due_on", util::format_date(item.due_on)},
                          {"overdue", item.overdue},
                          {"urgency", item.urgency}};
  if (!item.case_id.empty()) {
    out["case_id"] = item.case_id;
    out["case_number"] = item.case_number;
  }
  if (!item.signal_id.empty()) {
    out["signal_id"] = item.signal_id;
  }
  if (item.due_at) {
    out["due_at"] = util::format_timestamp(*item.due_at);
  }
  return out;
}

} // namespace

void add_worklist_routes(Router& router, Api& api) {
  router.add_sync(Verb::get, "/api/v1/worklist", Access::session, [&api](Call& call) {
    return answer(call, app::work_list(api.services(), call.user(), call.meta()), Status::ok,
                  [&](const std::vector<app::WorkItem>& items) {
                    return items_json(items,
                                      [&](const app::WorkItem& item) { return work_item_json(item, call.lang); });
                  });
  });
}

} // namespace patronage::http
