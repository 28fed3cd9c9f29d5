// The organisation tree (SPEC §1: region → institution → department): who may
// add units where, and who sees which part of the tree.
#include <gtest/gtest.h>

#include "app/app_fixture.hpp"
#include "app/units.hpp"

namespace patronage::testing {
namespace {

using util::ErrorCode;

std::vector<std::string> ids_of(const std::vector<storage::UnitRecord>& units) {
  std::vector<std::string> out;
  for (const auto& unit : units) {
    out.push_back(unit.id);
  }
  return out;
}

// region r → institutions i, j; i → department a.
class Units : public AppTest {
protected:
  Units()
      : m_r(add_unit("Region", "region")), m_i(add_unit("Centre", "institution", m_r.id)),
        m_j(add_unit("Other centre", "institution", m_r.id)), m_a(add_unit("Dept A", "department", m_i.id)),
        m_admin_r(add_user("admin.r", "admin", m_r.id)), m_admin_i(add_user("admin.i", "admin", m_i.id)),
        m_head_i(add_user("head.i", "head", m_i.id)), m_vol_a(add_user("vol.a", "volunteer", m_a.id)),
        m_spec_a(add_user("spec.a", "specialist", m_a.id)) {}

  storage::UnitRecord m_r, m_i, m_j, m_a;
  storage::UserRecord m_admin_r, m_admin_i, m_head_i, m_vol_a, m_spec_a;
};

TEST_P(Units, PathsFollowTheTree) {
  EXPECT_FALSE(m_r.parent_id);
  EXPECT_EQ(m_r.path, "/" + m_r.id + "/");
  EXPECT_EQ(m_i.parent_id, std::optional<std::string>(m_r.id));
  EXPECT_EQ(m_i.path, m_r.path + m_i.id + "/");
  EXPECT_EQ(m_a.path, m_i.path + m_a.id + "/");
  EXPECT_EQ(m_a.id.size(), 20U);
}

TEST_P(Units, OnlyTheCommandLineCreatesARoot) {
  for (const auto* who : {&m_admin_r, &m_admin_i, &m_head_i}) {
    auto root = app::create_unit(services(), actor(*who), meta(), {"New region", "region", std::nullopt});
    ASSERT_FALSE(root) << who->login;
    EXPECT_EQ(root.error().code, ErrorCode::forbidden) << who->login;
  }
  auto cli = app::create_unit(services(), app::command_line_actor(), meta(), {"New region", "region", std::nullopt});
  ASSERT_TRUE(cli) << cli.error().key;
  EXPECT_EQ(cli->path, "/" + cli->id + "/");
  auto entries = audited("unit.create");
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries[0].user_id, "cli");
  EXPECT_EQ(entries[0].entity, "unit");
  EXPECT_EQ(entries[0].entity_id, cli->id);
}

TEST_P(Units, KindAndNameAreValidated) {
  const long long before = audit_count();
  auto bad_kind = app::create_unit(services(), actor(m_admin_i), meta(), {"Dept", "country", m_i.id});
  ASSERT_FALSE(bad_kind);
  EXPECT_EQ(bad_kind.error().code, ErrorCode::invalid);
  EXPECT_TRUE(has_field(bad_kind.error(), "kind", "unit.kind_invalid"));
  auto empty_kind = app::create_unit(services(), actor(m_admin_i), meta(), {"Dept", "", m_i.id});
  ASSERT_FALSE(empty_kind);
  EXPECT_TRUE(has_field(empty_kind.error(), "kind", "unit.kind_invalid"));
  auto both = app::create_unit(services(), actor(m_admin_i), meta(), {"", "Department", m_i.id});
  ASSERT_FALSE(both);
  EXPECT_TRUE(has_field(both.error(), "name", "validation.required"));
  EXPECT_TRUE(has_field(both.error(), "kind", "unit.kind_invalid")) << "kinds are matched exactly";
  auto long_name = app::create_unit(services(), actor(m_admin_i), meta(), {std::string(201, 'x'), "department", m_i.id});
  ASSERT_FALSE(long_name);
  EXPECT_TRUE(has_field(long_name.error(), "name", "validation.too_long"));
  EXPECT_EQ(audit_count(), before);
}

TEST_P(Units, AdminAddsUnderTheirSubtree) {
  auto dept = app::create_unit(services(), actor(m_admin_i), meta(), {"Dept B", "department", m_i.id});
  ASSERT_TRUE(dept) << dept.error().key;
  EXPECT_EQ(dept->parent_id, std::optional<std::string>(m_i.id));
  EXPECT_EQ(dept->path, m_i.path + dept->id + "/");
  EXPECT_EQ(dept->created_at, now());
  auto deeper = app::create_unit(services(), actor(m_admin_i), meta(), {"Team", "department", m_a.id});
  ASSERT_TRUE(deeper) << "any depth below one's unit";
  EXPECT_EQ(deeper->path, m_a.path + deeper->id + "/");
  auto entries = audited("unit.create");
  ASSERT_GE(entries.size(), 2U);
  EXPECT_EQ(entries[0].user_id, m_admin_i.id);
  EXPECT_EQ(entries[0].entity_id, deeper->id);
}

TEST_P(Units, ParentOutsideTheSubtreeIsRefused) {
  auto before = app::list_units(services(), app::command_line_actor());
  ASSERT_TRUE(before);
  for (const std::string& parent : {m_j.id, m_r.id, std::string("ghost")}) {
    auto result = app::create_unit(services(), actor(m_admin_i), meta(), {"Dept", "department", parent});
    ASSERT_FALSE(result) << parent;
    EXPECT_EQ(result.error().code, ErrorCode::invalid) << parent;
    EXPECT_TRUE(has_field(result.error(), "parent_id", "unit.not_found"))
        << "a unit outside one's reach looks like a missing one: " << parent;
  }
  auto after = app::list_units(services(), app::command_line_actor());
  ASSERT_TRUE(after);
  EXPECT_EQ(after->size(), before->size());
}

TEST_P(Units, OnlyAdminsCreateUnits) {
  for (const auto* who : {&m_head_i, &m_spec_a}) {
    auto result = app::create_unit(services(), actor(*who), meta(), {"Dept", "department", who->unit_id});
    ASSERT_FALSE(result) << who->login;
    EXPECT_EQ(result.error().code, ErrorCode::forbidden) << who->login;
  }
  auto volunteer = app::create_unit(services(), actor(m_vol_a), meta(), {"Dept", "department", m_a.id});
  ASSERT_FALSE(volunteer);
}

TEST_P(Units, ListShowsTheSubtreeByPath) {
  auto head = app::list_units(services(), actor(m_head_i));
  ASSERT_TRUE(head);
  EXPECT_EQ(ids_of(*head), (std::vector<std::string>{m_i.id, m_a.id}));
  auto region = app::list_units(services(), actor(m_admin_r));
  ASSERT_TRUE(region);
  ASSERT_EQ(region->size(), 4U);
  EXPECT_EQ(region->front().id, m_r.id);
  for (size_t i = 1; i < region->size(); ++i) {
    EXPECT_LT((*region)[i - 1].path, (*region)[i].path);
  }
  auto spec = app::list_units(services(), actor(m_spec_a));
  ASSERT_TRUE(spec);
  EXPECT_EQ(ids_of(*spec), (std::vector<std::string>{m_a.id}));
}

TEST_P(Units, VolunteersCannotReadUnits) {
  auto result = app::list_units(services(), actor(m_vol_a));
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, ErrorCode::forbidden);
}

INSTANTIATE_TEST_SUITE_P(Backends, Units, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return backend_name(info.param); });

} // namespace
} // namespace patronage::testing
