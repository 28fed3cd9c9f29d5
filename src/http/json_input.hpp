#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "http/call.hpp"
#include "util/error.hpp"

namespace patronage::http {

// Limits of the shape of one JSON body, checked before it is built: nesting
// depth, and values in all (every object member and array element at any
// depth). The largest valid bodies (an ecomap of 1000 ties, a plan of 200
// measures) hold about 5,500 values.
inline constexpr size_t k_max_json_depth = 32;
inline constexpr size_t k_max_json_values = 10000;

// A strict reader of a JSON object request body. Read each field once with
// the typed getters, then call finish(): it fails with every invalid field
// at once (wrong type, missing, too long, control characters) and every
// unknown field.
//
// Text getters refuse NUL and the other C0 control characters. A field whose
// max_length is under util::k_free_text_min_length is single-line (no tab,
// LF or CR either); longer ones are free text and may hold tab, LF and CR.
class JsonInput {
public:
  // Fails with 400 for a missing/other content type, malformed JSON,
  // invalid UTF-8 or a body that is not an object; with 413 for a body
  // deeper than k_max_json_depth or of more than k_max_json_values values
  // (counted without building it).
  static util::Result<JsonInput> parse(const Request& request);

  std::string required_string(const std::string& key, size_t max_length = 1000);
  std::optional<std::string> optional_string(const std::string& key, size_t max_length = 1000);
  std::optional<bool> optional_bool(const std::string& key);
  std::optional<long long> optional_int(const std::string& key);
  // 0 with a `validation.required` error when the key is absent or null.
  long long required_int(const std::string& key);
  // The `version` a PATCH carries (optimistic concurrency): 1 to INT_MAX; else an error on "version" and 0.
  int required_version();
  std::vector<std::string> string_list(const std::string& key, size_t max_items = 100, size_t max_length = 200);

  // A nested object; read it like this one, then `merge` it back so its
  // errors (prefixed "key.") and unknown fields count here.
  std::optional<JsonInput> optional_object(const std::string& key);
  // The objects of an array (errors prefixed "key[i]."); merge each back too.
  std::vector<JsonInput> object_list(const std::string& key, size_t max_items = 100);
  // True when the body has `key` with a non-null value (PATCH: an absent field stays unchanged).
  bool contains(const std::string& key) const;
  // The raw value of `key` (nullopt when absent or null), for bodies another layer checks field by field.
  std::optional<boost::json::value> raw(const std::string& key);
  void merge(JsonInput& child);

  void add_error(std::string field, std::string reason);
  util::Status finish();

private:
  explicit JsonInput(boost::json::object object, std::string prefix = "")
      : m_object(std::move(object)), m_prefix(std::move(prefix)) {}
  const boost::json::value* take(const std::string& key);
  // The array under `key`; nullptr when absent, or after adding the error when not an array or longer than max_items.
  const boost::json::array* take_array(const std::string& key, size_t max_items);

  boost::json::object m_object;
  std::string m_prefix;
  std::set<std::string> m_known;
  std::vector<util::FieldError> m_errors;
};

} // namespace patronage::http
