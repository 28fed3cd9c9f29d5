#pragma once

#include <string>

namespace patronage::http {

// A stored Unix time as "YYYY-MM-DDTHH:MM:SSZ" for JSON answers.
std::string iso(long long seconds);

} // namespace patronage::http
