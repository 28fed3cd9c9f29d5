#pragma once

#include <string>
#include <string_view>

namespace patronage::domain {

// Keys for comparing people's names and addresses across spellings (SPEC §4 "Duplicates").
// Every function accepts any UTF-8 (invalid bytes are dropped) and may be called from any thread: each thread
// builds its own ICU transliterator on first use. Throws std::runtime_error only if ICU lacks the
// "Russian-Latin/BGN; Latin-ASCII" rules, which is a broken installation, not a user error.

// `utf8` lowercased (Unicode), ё→е, apostrophes and soft/hard-sign marks removed, any other run of
// non-letters/digits (spaces, hyphens, dots) turned into one space, trimmed. Script is kept:
// "Римская-Корсакова " → "римская корсакова". Two spellings with equal fold_case are the same name typed alike.
std::string fold_case(std::string_view utf8);

// fold_case, transliterated to lowercase ASCII Latin (Cyrillic by BGN/PCGN, diacritics stripped); letters and
// digits only, words separated by one space: "Щербакова" → "shcherbakova", "Алёна" → "alena",
// "Vorob'yeva" → "vorobyeva". Characters without an ASCII form (other scripts) are dropped.
std::string fold_name(std::string_view utf8);

// A phonetic key of fold_name without spaces that is equal for the usual transliterations of one Russian name
// (BGN, the passport systems, informal): y/j/i, kh/h, ts/tz/c, shch/sch, ya/ia/ja, yu/iu/ju, ye/ie/e,
// yo/io/e, x/ks, doubled letters. Not for display: "Хабибуллин", "Habibulin" → "habibulin";
// "Юлия", "Iuliia", "Julia" → "iulia"; "Наталья", "Natalia" → "natalia"; "Фёдор", "Fyodor" → "fedor".
std::string name_skeleton(std::string_view utf8);

// An address as lowercase ASCII words and numbers with the usual Russian abbreviations unified
// ("ул."/"улица" → "ul", "д."/"дом" → "d", "кв."/"квартира" → "kv", "пр-т"/"проспект" → "pr", ...),
// a number and its letter joined ("5-а" → "5a"), a number range split ("86-3" → "86 3"):
// "г. Самара, улица Победы, д. 86, кв. 3" → "g samara ul pobedy d 86 kv 3".
std::string fold_address(std::string_view utf8);

// True if `word` (a token of fold_address) is a unified address-type abbreviation such as "ul" or "kv".
bool is_address_type_word(std::string_view word);

} // namespace patronage::domain
