#include "util/strings.hpp"

namespace patronage::util {
namespace {

bool space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

} // namespace

std::string join(const std::vector<std::string>& items, char separator) {
  std::string out;
  for (const auto& item : items) {
    if (item.empty()) {
      continue;
    }
    if (!out.empty()) {
      out += separator;
    }
    out += item;
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    if (end > start) {
      out.emplace_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

bool blank(std::string_view text) {
  for (char c : text) {
    if (!space(c)) {
      return false;
    }
  }
  return true;
}

std::string trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && space(text[begin])) {
    ++begin;
  }
  while (end > begin && space(text[end - 1])) {
    --end;
  }
  return std::string(text.substr(begin, end - begin));
}

const char* control_character_problem(std::string_view text, bool free_text) {
  const char* problem = nullptr;
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x20) {
      continue;
    }
    if (c != '\t' && c != '\n' && c != '\r') {
      return "validation.control_character";
    }
    if (!free_text) {
      problem = "validation.not_single_line";
    }
  }
  return problem;
}

} // namespace patronage::util
