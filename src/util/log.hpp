#pragma once

#include <string_view>

#include <boost/json/object.hpp>

namespace patronage::util {

enum class LogLevel { debug, info, warn, error };

// Writes one JSON line: {"ts":..., "level":..., "msg": `message`, ...`fields`}.
// Thread-safe (spdlog). Fields never carry personal data.
void log(LogLevel level, std::string_view message, boost::json::object fields = {});

// Sets the threshold and the JSON-lines output; call once at start-up.
void init_logging(std::string_view level);

} // namespace patronage::util
