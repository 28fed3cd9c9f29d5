#include "util/log.hpp"

#include <boost/json/serialize.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "util/time.hpp"

namespace patronage::util {

void log(LogLevel level, std::string_view message, boost::json::object fields) {
  const auto spd = level == LogLevel::debug  ? spdlog::level::debug
                   : level == LogLevel::info ? spdlog::level::info
                   : level == LogLevel::warn ? spdlog::level::warn
                                             : spdlog::level::err;
  if (!spdlog::should_log(spd)) {
    return;
  }
  boost::json::object line;
  line["ts"] = format_timestamp(SystemClock{}.now());
  const auto name = spdlog::level::to_string_view(spd);
  line["level"] = std::string_view(name.data(), name.size());
  line["msg"] = message;
  for (auto& [key, value] : fields) {
    line[key] = std::move(value);
  }
  spdlog::log(spd, "{}", boost::json::serialize(line));
}

void init_logging(std::string_view level) {
  // Logs go to stderr so that command output on stdout stays clean.
  auto logger = spdlog::get("patronage");
  if (!logger) {
    logger = spdlog::stderr_logger_mt("patronage");
  }
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%v");
  spdlog::set_level(spdlog::level::from_str(std::string(level)));
}

} // namespace patronage::util
