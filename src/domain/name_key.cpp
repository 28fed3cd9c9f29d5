#include "domain/name_key.hpp"

#include <array>
#include <memory>
#include <stdexcept>
#include <unicode/locid.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unordered_map>
#include <utility>

namespace patronage::domain {
namespace {

// ARCHITECTURE.md: BGN keeps every Russian letter (Any-Latin loses some); Latin-ASCII strips the diacritics.
constexpr const char* k_transliteration = "Russian-Latin/BGN; Latin-ASCII";

std::unique_ptr<icu::Transliterator> create_transliterator() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> created(
      icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(k_transliteration), UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !created) {
    throw std::runtime_error(std::string("ICU cannot create the transliterator \"") + k_transliteration +
                             "\": " + u_errorName(status));
  }
  return created;
}

// icu::Transliterator is not thread-safe, so each thread owns one.
const icu::Transliterator& transliterator() {
  thread_local const std::unique_ptr<icu::Transliterator> instance = create_transliterator();
  return *instance;
}

constexpr UChar32 k_yo = 0x0451;
constexpr UChar32 k_ye = 0x0435;

bool is_apostrophe(UChar32 c) {
  switch (c) {
  case '\'':
  case '"':
  case '`':
  case 0x00B4: // acute accent
  case 0x02B9: // modifier prime (BGN soft sign)
  case 0x02BA: // modifier double prime (BGN hard sign)
  case 0x02BC: // modifier apostrophe
  case 0x2018:
  case 0x2019:
    return true;
  default:
    return false;
  }
}

icu::UnicodeString lower_unicode(std::string_view utf8) {
  auto text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  text.toLower(icu::Locale::getRoot());
  text.findAndReplace(icu::UnicodeString(k_yo), icu::UnicodeString(k_ye));
  return text;
}

std::string transliterate(std::string_view utf8) {
  auto text = lower_unicode(utf8);
  transliterator().transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return out;
}

// ICU's transliteration is the cost of every match key and score, and names and addresses repeat (an import of
// 100,000 families meets a few thousand distinct names, and each family's address once per member): each thread
// remembers its last results (at most a few MiB), forgetting all when full.
constexpr std::size_t k_remembered = 1U << 14;
constexpr std::size_t k_longest_remembered = 200;

std::string latin_ascii(std::string_view utf8) {
  if (utf8.size() > k_longest_remembered) {
    return transliterate(utf8); // a long text, not a name or an address: rarely seen twice
  }
  thread_local std::unordered_map<std::string, std::string> remembered;
  std::string key(utf8);
  if (auto found = remembered.find(key); found != remembered.end()) {
    return found->second;
  }
  if (remembered.size() >= k_remembered) {
    remembered.clear();
  }
  auto out = transliterate(utf8);
  remembered.emplace(std::move(key), out);
  return out;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_ascii_alpha(char c) {
  return c >= 'a' && c <= 'z';
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

void append_separator(std::string& out) {
  if (!out.empty() && out.back() != ' ') {
    out.push_back(' ');
  }
}

void trim_trailing_separator(std::string& out) {
  if (!out.empty() && out.back() == ' ') {
    out.pop_back();
  }
}

// Lowercase ASCII letters and digits of `latin`; apostrophes vanish, non-ASCII bytes vanish, the rest separates
// words. `keep` names extra punctuation to keep as is (the hyphen for addresses).
std::string ascii_words(std::string_view latin, std::string_view keep = {}) {
  std::string out;
  for (char raw : latin) {
    char c = ascii_lower(raw);
    if (is_ascii_alnum(c)) {
      out.push_back(c);
    } else if (c == '\'' || c == '"' || c == '`' || static_cast<unsigned char>(c) >= 0x80) {
      continue;
    } else if (keep.find(c) != std::string_view::npos) {
      out.push_back(c);
    } else {
      append_separator(out);
    }
  }
  trim_trailing_separator(out);
  return out;
}

// One left-to-right pass mapping consonant spellings to one letter each; the letters freed by the mapping
// (j, w, x, q) stand for ж, ш, щ, ц.
std::string map_consonants(std::string_view s) {
  static constexpr auto k_digraphs = std::to_array<std::pair<std::string_view, std::string_view>>({
      {"shch", "x"},
      {"sch", "x"},
      {"tch", "c"},
      {"zh", "j"},
      {"sh", "w"},
      {"ch", "c"},
      {"kh", "h"},
      {"ts", "q"},
      {"tz", "q"},
      {"ck", "k"},
      {"ph", "f"},
      {"x", "ks"},
  });
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    bool matched = false;
    for (const auto& [from, to] : k_digraphs) {
      if (s.substr(i).starts_with(from)) {
        out += to;
        i += from.size();
        matched = true;
        break;
      }
    }
    if (matched) {
      continue;
    }
    switch (s[i]) {
    case 'c':
      out.push_back('q');
      break;
    case 'w':
      out.push_back('v');
      break;
    case 'y':
    case 'j':
      out.push_back('i');
      break;
    case 'q':
      out.push_back('k');
      break;
    default:
      out.push_back(s[i]);
    }
    ++i;
  }
  return out;
}

std::string collapse_doubles(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (out.empty() || out.back() != c) {
      out.push_back(c);
    }
  }
  return out;
}

// е and ё are spelt e, ye, ie, je, yo, io, jo (y and j are i by now).
std::string merge_iotated_e(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == 'i' && i + 1 < s.size() && (s[i + 1] == 'e' || s[i + 1] == 'o')) {
      out.push_back('e');
      ++i;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string_view canonical_address_word(std::string_view word) {
  static constexpr auto k_words = std::to_array<std::pair<std::string_view, std::string_view>>({
      {"ul", "ul"},
      {"ulitsa", "ul"},
      {"d", "d"},
      {"dom", "d"},
      {"kv", "kv"},
      {"kvartira", "kv"},
      {"pr", "pr"},
      {"pr-t", "pr"},
      {"prosp", "pr"},
      {"prospekt", "pr"},
      {"per", "per"},
      {"pereulok", "per"},
      {"k", "k"},
      {"korp", "k"},
      {"korpus", "k"},
      {"str", "str"},
      {"stroyeniye", "str"},
      {"stroenie", "str"},
      {"pl", "pl"},
      {"ploshchad", "pl"},
      {"sh", "sh"},
      {"shosse", "sh"},
      {"b-r", "bul"},
      {"bul", "bul"},
      {"bulv", "bul"},
      {"bulvar", "bul"},
      {"nab", "nab"},
      {"naberezhnaya", "nab"},
      {"g", "g"},
      {"gor", "g"},
      {"gorod", "g"},
      {"obl", "obl"},
      {"oblast", "obl"},
      {"r-n", "rn"},
      {"rayon", "rn"},
      {"raion", "rn"},
      {"pos", "pos"},
      {"poselok", "pos"},
      {"p", "pos"},
      {"pgt", "pos"},
      {"s", "s"},
      {"selo", "s"},
      {"der", "der"},
      {"derevnya", "der"},
      {"mkr", "mkr"},
      {"mkrn", "mkr"},
      {"mikrorayon", "mkr"},
      {"pr-d", "prd"},
      {"proyezd", "prd"},
      {"proezd", "prd"},
      {"tup", "tup"},
      {"tupik", "tup"},
      {"kv-l", "kvl"},
      {"kvartal", "kvl"},
      {"lit", "lit"},
      {"litera", "lit"},
  });
  for (const auto& [from, to] : k_words) {
    if (word == from) {
      return to;
    }
  }
  return word;
}

void append_word(std::string& out, std::string_view word) {
  if (word.empty() || word == "no") { // "№" becomes "No"
    return;
  }
  append_separator(out);
  out += word;
}

// A hyphenated piece: a known abbreviation ("pr-t"), a number with its letter ("5-a"), or separate words ("86-3").
void append_hyphenated(std::string& out, std::string_view piece) {
  if (auto word = canonical_address_word(piece); word != piece) {
    append_word(out, word);
    return;
  }
  std::size_t start = 0;
  while (start <= piece.size()) {
    auto end = piece.find('-', start);
    if (end == std::string_view::npos) {
      end = piece.size();
    }
    auto part = piece.substr(start, end - start);
    bool is_house_letter = part.size() == 1 && is_ascii_alpha(part[0]) && !out.empty() && is_ascii_digit(out.back());
    if (is_house_letter) {
      out += part;
    } else {
      append_word(out, canonical_address_word(part));
    }
    start = end + 1;
  }
}

} // namespace

std::string fold_case(std::string_view utf8) {
  auto text = lower_unicode(utf8);
  icu::UnicodeString kept;
  bool pending_space = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (is_apostrophe(c) || c == 0xFFFD) {
      continue;
    }
    if (u_isalnum(c)) {
      if (pending_space && !kept.isEmpty()) {
        kept.append(static_cast<UChar>(' '));
      }
      pending_space = false;
      kept.append(c);
    } else {
      pending_space = true;
    }
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

std::string fold_name(std::string_view utf8) {
  return ascii_words(latin_ascii(utf8));
}

std::string name_skeleton(std::string_view utf8) {
  std::string letters;
  for (char c : fold_name(utf8)) {
    if (c != ' ') {
      letters.push_back(c);
    }
  }
  return collapse_doubles(merge_iotated_e(collapse_doubles(map_consonants(letters))));
}

std::string fold_address(std::string_view utf8) {
  auto pieces = ascii_words(latin_ascii(utf8), "-");
  std::string out;
  std::size_t start = 0;
  while (start < pieces.size()) {
    auto end = pieces.find(' ', start);
    if (end == std::string::npos) {
      end = pieces.size();
    }
    auto piece = std::string_view(pieces).substr(start, end - start);
    if (piece.find('-') != std::string_view::npos) {
      append_hyphenated(out, piece);
    } else {
      append_word(out, canonical_address_word(piece));
    }
    start = end + 1;
  }
  return out;
}

bool is_address_type_word(std::string_view word) {
  static constexpr auto k_types =
      std::to_array<std::string_view>({"ul", "d",   "kv", "pr",  "per", "k",   "str", "pl",  "sh",  "bul", "nab",
                                       "g",  "obl", "rn", "pos", "s",   "der", "mkr", "prd", "tup", "kvl", "lit"});
  for (auto type : k_types) {
    if (word == type) {
      return true;
    }
  }
  return false;
}

} // namespace patronage::domain
