#pragma once

#include <optional>
#include <string>

#include <soci/soci.h>

namespace patronage::storage {

// An optional text column bound to SOCI: `text` plus its null indicator, for
// use(...) on writes and into(...) on reads. Keep it alive until the
// statement has run (SOCI binds by reference).
struct Nullable {
  explicit Nullable(const std::optional<std::string>& value)
      : text(value.value_or("")), ind(value ? soci::i_ok : soci::i_null) {}
  std::string text;
  soci::indicator ind;
  std::optional<std::string> get() const { return ind == soci::i_ok ? std::optional<std::string>(text) : std::nullopt; }
};

} // namespace patronage::storage
