#include "http/import_upload.hpp"

#include <charconv>

#include "app/clock.hpp"
#include "http/json_input.hpp"
#include "http/messages.hpp"
#include "http/router.hpp"
#include "import/mapping.hpp"
#include "import/source.hpp"
#include "util/crypto.hpp"

namespace patronage::http {
namespace {

// A register of 100,000 families is about 10 MB as XLSX; in base64 with the rest of the body, 20 MiB.
constexpr size_t k_file_base64 = k_import_body_limit;
constexpr size_t k_max_decisions = 5000;
// A mapping file names a few dozen headers and category words.
constexpr size_t k_mapping_length = size_t{64} << 10;
// An upload is checked and applied within its request, holding the database's one writer while it applies: a
// larger register goes through `patronage import households`, which shows its progress (docs/import.md).
constexpr size_t k_web_rows = 5000;

// {"<row>": "new" | "same:<person id>"}; an error on decisions.<row> for anything else.
import::Decisions read_decisions(JsonInput& input) {
  import::Decisions out;
  const auto raw = input.raw("decisions");
  if (!raw) {
    return out;
  }
  if (!raw->is_object() || raw->as_object().size() > k_max_decisions) {
    input.add_error("decisions", "validation.wrong_type");
    return out;
  }
  for (const auto& [key, value] : raw->as_object()) {
    int row = 0;
    const auto [ptr, ec] = std::from_chars(key.data(), key.data() + key.size(), row);
    std::optional<import::Decision> decision;
    if (value.is_string()) {
      decision = import::parse_decision(value.as_string());
    }
    if (ec != std::errc{} || ptr != key.data() + key.size() || row < 2 || !decision) {
      input.add_error("decisions." + std::string(key), "import.decision_invalid");
      continue;
    }
    out[row] = std::move(*decision);
  }
  return out;
}

// The mapping file over the default one; a bad one is an error on the field that brought it, with its reason.
util::Result<import::Mapping> read_mapping(const std::optional<std::string>& text) {
  auto mapping = import::default_mapping(translations);
  if (!text || text->empty()) {
    return mapping;
  }
  auto parsed = import::parse_mapping(*text, std::move(mapping));
  if (!parsed) {
    auto error = std::move(parsed.error());
    error.fields.push_back({"mapping", error.key});
    return util::fail(std::move(error));
  }
  return parsed;
}

} // namespace

util::Result<ImportUpload> read_import_upload(const app::Services& services, const Call& call) {
  auto input = JsonInput::parse(call.request);
  if (!input) {
    return util::fail(input.error());
  }
  const auto file = input->required_string("file", k_file_base64);
  const auto file_name = input->optional_string("file_name", 255).value_or("");
  const auto unit = input->optional_string("unit", 64);
  const auto apply = input->optional_bool("apply").value_or(false);
  const auto mapping_text = input->optional_string("mapping", k_mapping_length);
  auto decisions = read_decisions(*input);
  if (auto done = input->finish(); !done) {
    return util::fail(done.error());
  }
  // Who may import is the use case's to say; refuse the others before the file is even read.
  if (!import::may_import(call.user())) {
    return util::fail(util::Error::forbidden());
  }
  const auto bytes = util::decode_base64(file);
  if (!bytes || bytes->empty()) {
    return util::fail(util::Error::field("file", "import.file_invalid"));
  }
  auto mapping = read_mapping(mapping_text);
  if (!mapping) {
    return util::fail(mapping.error());
  }
  auto table = import::read_table(*bytes);
  if (!table) {
    return util::fail(table.error());
  }
  if (table->rows.size() > k_web_rows) {
    return util::fail(util::Error::field("file", "import.too_many_rows_for_web"));
  }
  auto columns = import::resolve_columns(*mapping, table->header);
  if (!columns) {
    return util::fail(columns.error());
  }
  ImportUpload upload;
  upload.plan =
      import::plan_rows(*table, *columns, import::vocabulary(translations, *mapping), app::today(services));
  upload.options.file_name = file_name;
  upload.options.file_sha256 = util::sha256_hex(*bytes);
  if (unit && !unit->empty()) {
    upload.options.unit_id = *unit;
  }
  upload.options.decisions = std::move(decisions);
  upload.options.apply = apply;
  upload.options.operator_name = call.user().login;
  return upload;
}

} // namespace patronage::http
