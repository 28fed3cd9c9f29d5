#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/call.hpp"

namespace patronage::http {

// Translated text for a message key from locales/server/{ru,en}.json,
// with `{name}` placeholders filled from `params`. An unknown key yields the key.
std::string translate(Lang lang, std::string_view key,
                      const std::vector<std::pair<std::string, std::string>>& params = {});

// A key's text in every language, Russian first: what a file a user wrote may hold (an import's headers and words
// come from a Russian or an English export).
std::vector<std::string> translations(std::string_view key);

// Every key of one language (for tests that keep the two files in step).
std::vector<std::string> message_keys(Lang lang);

} // namespace patronage::http
