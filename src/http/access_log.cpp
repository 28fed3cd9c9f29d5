#include "http/access_log.hpp"

#include <boost/json.hpp>

#include "util/log.hpp"

namespace patronage::http {

void log_request(const Call& call, const Response& response) {
  const auto elapsed = std::chrono::steady_clock::now() - call.started;
  boost::json::object line;
  line["request_id"] = call.request_id;
  line["user_id"] = call.actor ? call.actor->id : "";
  line["method"] = std::string(call.request.method_string());
  line["route"] = call.route;
  line["status"] = response.result_int();
  line["duration_ms"] = std::chrono::duration<double, std::milli>(elapsed).count();
  line["address"] = call.address;
  util::log(response.result_int() >= 500 ? util::LogLevel::error : util::LogLevel::info, "request", std::move(line));
}

} // namespace patronage::http
