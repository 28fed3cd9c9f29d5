#include "http/messages.hpp"

#include <unordered_map>

#include <boost/json.hpp>

namespace patronage::embedded {
std::string_view messages_ru();
std::string_view messages_en();
} // namespace patronage::embedded

namespace patronage::http {
namespace {

using Catalogue = std::unordered_map<std::string, std::string>;

Catalogue load(std::string_view text) {
  Catalogue out;
  const auto value = boost::json::parse(text);
  for (const auto& [key, message] : value.as_object()) {
    out.emplace(std::string(key), std::string(message.as_string()));
  }
  return out;
}

const Catalogue& catalogue(Lang lang) {
  static const Catalogue k_ru = load(embedded::messages_ru());
  static const Catalogue k_en = load(embedded::messages_en());
  return lang == Lang::en ? k_en : k_ru;
}

} // namespace

std::string translate(Lang lang, std::string_view key, const std::vector<std::pair<std::string, std::string>>& params) {
  const auto& messages = catalogue(lang);
  auto it = messages.find(std::string(key));
  std::string text = it == messages.end() ? std::string(key) : it->second;
  for (const auto& [name, value] : params) {
    const std::string placeholder = "{" + name + "}";
    for (size_t pos = text.find(placeholder); pos != std::string::npos;
         pos = text.find(placeholder, pos + value.size())) {
      text.replace(pos, placeholder.size(), value);
    }
  }
  return text;
}

std::vector<std::string> translations(std::string_view key) {
  return {translate(Lang::ru, key), translate(Lang::en, key)};
}

std::vector<std::string> message_keys(Lang lang) {
  std::vector<std::string> keys;
  for (const auto& [key, text] : catalogue(lang)) {
    keys.push_back(key);
  }
  return keys;
}

} // namespace patronage::http
