#include "domain/search_terms.hpp"

#include <algorithm>
#include <regex>

#include "domain/name_key.hpp"
#include "util/time.hpp"

namespace patronage::domain {
namespace {

constexpr std::string_view k_alphabet = "-0123456789abcdefghijklmnopqrstuvwxyz";

std::vector<std::string> words_of(const std::string& folded) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < folded.size()) {
    auto end = folded.find(' ', start);
    if (end == std::string::npos) {
      end = folded.size();
    }
    if (end > start) {
      out.push_back(folded.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

void add(std::vector<SearchTerm>& terms, std::string term, SearchField field) {
  if (term.empty()) {
    return;
  }
  SearchTerm candidate{std::move(term), field};
  if (std::find(terms.begin(), terms.end(), candidate) == terms.end()) {
    terms.push_back(std::move(candidate));
  }
}

// "12.03.2015", "12/03/2015", "2015-03-12" → "2015-03-12" when the date exists.
std::optional<std::string> as_date(const std::string& token) {
  static const std::regex k_dotted(R"(^(\d{1,2})[./](\d{1,2})[./](\d{4})$)");
  static const std::regex k_iso(R"(^(\d{4})-(\d{1,2})-(\d{1,2})$)");
  std::smatch m;
  std::string iso;
  auto two = [](const std::string& digits) { return digits.size() == 1 ? "0" + digits : digits; };
  if (std::regex_match(token, m, k_dotted)) {
    iso = m[3].str() + "-" + two(m[2].str()) + "-" + two(m[1].str());
  } else if (std::regex_match(token, m, k_iso)) {
    iso = m[1].str() + "-" + two(m[2].str()) + "-" + two(m[3].str());
  } else {
    return std::nullopt;
  }
  if (!util::parse_date(iso)) {
    return std::nullopt;
  }
  return iso;
}

} // namespace

std::string_view to_string(SearchField field) {
  switch (field) {
  case SearchField::name:
    return "name";
  case SearchField::birth_date:
    return "birth_date";
  case SearchField::address:
    return "address";
  }
  return "name";
}

std::vector<SearchTerm> person_search_terms(std::string_view last_name, std::string_view first_name,
                                            std::string_view patronymic, const std::optional<std::string>& birth_date) {
  std::vector<SearchTerm> terms;
  for (auto part : {last_name, first_name, patronymic}) {
    for (auto& word : words_of(fold_name(part))) {
      auto skeleton = name_skeleton(word);
      add(terms, std::move(word), SearchField::name);
      add(terms, std::move(skeleton), SearchField::name);
    }
  }
  if (birth_date && util::parse_date(*birth_date)) {
    add(terms, *birth_date, SearchField::birth_date);
  }
  return terms;
}

std::vector<SearchTerm> household_search_terms(std::string_view address) {
  std::vector<SearchTerm> terms;
  for (auto& word : words_of(fold_address(address))) {
    if (!is_address_type_word(word)) {
      add(terms, std::move(word), SearchField::address);
    }
  }
  return terms;
}

std::vector<std::string> SearchQuery::scan_variants() const {
  if (birth_date) {
    return {*birth_date};
  }
  const std::vector<std::string>* best = nullptr;
  for (const auto& variants : words) {
    if (best == nullptr || variants.front().size() > best->front().size()) {
      best = &variants;
    }
  }
  return best == nullptr ? std::vector<std::string>{} : *best;
}

std::optional<SearchQuery> parse_search_query(std::string_view text) {
  if (text.size() > k_search_max_chars) {
    return std::nullopt;
  }
  SearchQuery query;
  std::string rest;
  std::size_t start = 0;
  const std::string input(text);
  while (start < input.size()) {
    auto end = input.find_first_of(" \t,;", start);
    if (end == std::string::npos) {
      end = input.size();
    }
    const auto token = input.substr(start, end - start);
    if (auto date = as_date(token); date && !query.birth_date) {
      query.birth_date = std::move(date);
    } else {
      rest += token + " ";
    }
    start = end + 1;
  }
  auto words = words_of(fold_address(rest));
  // "ул." alone may be the start of a name; with other words it only says "street".
  const bool only_types = std::all_of(words.begin(), words.end(), [](const auto& w) { return is_address_type_word(w); });
  bool long_enough = query.birth_date.has_value();
  for (auto& word : words) {
    if (!only_types && is_address_type_word(word)) {
      continue;
    }
    long_enough = long_enough || word.size() >= k_search_min_chars;
    std::vector<std::string> variants{word};
    if (auto skeleton = name_skeleton(word); !skeleton.empty() && skeleton != word) {
      variants.push_back(std::move(skeleton));
    }
    query.words.push_back(std::move(variants));
  }
  if (!long_enough) {
    return std::nullopt;
  }
  return query;
}

bool query_matches(const SearchQuery& query, const std::vector<SearchTerm>& terms) {
  if (query.birth_date) {
    const bool found = std::any_of(terms.begin(), terms.end(), [&](const SearchTerm& t) {
      return t.field == SearchField::birth_date && t.term == *query.birth_date;
    });
    if (!found) {
      return false;
    }
  }
  return std::all_of(query.words.begin(), query.words.end(), [&](const std::vector<std::string>& variants) {
    return std::any_of(terms.begin(), terms.end(), [&](const SearchTerm& t) {
      return std::any_of(variants.begin(), variants.end(), [&](const std::string& v) { return t.term.starts_with(v); });
    });
  });
}

std::string prefix_end(std::string_view prefix) {
  std::string out(prefix);
  while (!out.empty()) {
    const auto at = k_alphabet.find(out.back());
    if (at != std::string_view::npos && at + 1 < k_alphabet.size()) {
      out.back() = k_alphabet[at + 1];
      return out;
    }
    if (at == std::string_view::npos) {
      // Outside the alphabet: the byte above it still bounds the range in byte order.
      out.back() = static_cast<char>(out.back() + 1);
      return out;
    }
    out.pop_back();
  }
  return out;
}

} // namespace patronage::domain
