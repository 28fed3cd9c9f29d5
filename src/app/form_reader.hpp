#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "util/error.hpp"

namespace patronage::app {

// Reads one JSON object of a structured form (an assessment's `data`) field
// by field, strictly: wrong types, values out of range, missing required
// fields and unknown fields become field errors named by their JSON path
// ("data.ties[2].to"), collected in the shared `errors`. What was read is
// copied into `out()`, or into `secret()` for sensitive fields, so the stored
// record holds exactly the known fields.
class FormReader {
public:
  FormReader(const boost::json::value* value, std::string path, std::vector<util::FieldError>& errors);

  const std::string& path() const { return m_path; }
  std::string path_of(std::string_view key) const { return m_path + "." + std::string(key); }

  // Text (default ""): `required` refuses an empty one.
  std::string text(std::string_view key, bool required = false, size_t max_length = 2000);
  // The same, stored in secret().
  std::string secret_text(std::string_view key, size_t max_length = 2000);
  // One of `allowed`; "" when absent and not required.
  std::string choice(std::string_view key, std::initializer_list<std::string_view> allowed, bool required = true);
  std::optional<bool> flag(std::string_view key);
  std::optional<long long> integer(std::string_view key, long long min, long long max, bool required = false);
  std::optional<double> number(std::string_view key, double min, double max);
  std::vector<std::string> texts(std::string_view key, size_t max_items = 100, size_t max_length = 500);

  // A nested object or a list of objects; read each, then adopt it back so
  // its values land in out()/secret() and its unknown fields are reported.
  std::optional<FormReader> object(std::string_view key, bool required = false);
  std::vector<FormReader> objects(std::string_view key, size_t max_items, bool required = false);
  void adopt(std::string_view key, FormReader& child);
  void adopt(std::string_view key, std::vector<FormReader>& children);

  void error(std::string_view key, std::string reason);
  // Reports every field of the input not read (call once, after reading).
  void finish();

  boost::json::object& out() { return m_out; }
  boost::json::object& secret() { return m_secret; }

private:
  const boost::json::value* take(std::string_view key);

  boost::json::object m_input;
  std::string m_path;
  std::vector<util::FieldError>* m_errors;
  std::vector<std::string> m_known;
  boost::json::object m_out;
  boost::json::object m_secret;
  bool m_finished = false;
};

} // namespace patronage::app
