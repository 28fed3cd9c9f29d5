#include "http/json_time.hpp"

#include "util/time.hpp"

namespace patronage::http {

std::string iso(long long seconds) { return util::format_timestamp(util::Timestamp{std::chrono::seconds{seconds}}); }

} // namespace patronage::http
