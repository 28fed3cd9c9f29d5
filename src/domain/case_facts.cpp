#include "domain/case_facts.hpp"

#include "domain/named_enum.hpp"

namespace patronage::domain {
namespace {

constexpr NameTable<ConsentScope, 2> k_scope_names{{
    {ConsentScope::patronage, "patronage"},
    {ConsentScope::personal_data, "personal_data"},
}};

} // namespace

std::string_view to_string(ConsentScope scope) {
  return name_of(k_scope_names, scope);
}
std::optional<ConsentScope> parse_consent_scope(std::string_view text) {
  return value_of(k_scope_names, text);
}

} // namespace patronage::domain
