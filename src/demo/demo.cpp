#include "demo/demo.hpp"

#include <functional>
#include <map>

#include "app/audit_trail.hpp"
#include "demo/families.hpp"
#include "demo/network.hpp"
#include "demo/staff.hpp"
#include "storage/units.hpp"
#include "storage/users.hpp"
#include "util/crypto.hpp"

namespace patronage::demo {

const std::vector<Account>& accounts() {
  static const std::vector<Account> k_accounts{
      {"admin", "demo-admin-2026", "admin", "Администратор системы"},
      {"head", "demo-head-2026", "head", "Соколова Марина Петровна"},
      {"ivanova", "demo-spec-2026", "specialist", "Иванова Анна Сергеевна"},
      {"petrov", "demo-spec-2026", "specialist", "Петров Дмитрий Олегович"},
      {"psychologist", "demo-expert-2026", "expert", "Кузнецова Елена Викторовна"},
      {"secretary", "demo-secretary-2026", "secretary", "Морозова Ольга Ивановна"},
      {"coordinator", "demo-coord-2026", "coordinator", "Волков Андрей Николаевич"},
      {"volunteer", "demo-volunteer-2026", "volunteer", "Лебедева Дарья Андреевна"},
      {"auditor", "demo-auditor-2026", "auditor", "Новиков Сергей Павлович"},
  };
  return k_accounts;
}

util::Result<bool> load(const app::Services& services, const std::function<std::string(const std::string&)>& hash) {
  auto empty = services.db.transact(
      [](storage::Tx& tx) -> util::Result<bool> { return storage::count_users(tx) == 0; });
  if (!empty || !*empty) {
    return empty ? util::Result<bool>(false) : util::fail(empty.error());
  }
  std::vector<std::string> hashes;
  for (const auto& account : accounts()) {
    hashes.push_back(hash(account.password));
  }
  return services.db.transact([&](storage::Tx& tx) -> util::Result<bool> {
    if (storage::count_users(tx) > 0) {
      return false;
    }
    const long long now = services.clock.now().time_since_epoch().count();
    auto add_unit = [&](const std::string& name, const std::string& kind,
                        const storage::UnitRecord* parent) -> storage::UnitRecord {
      storage::UnitRecord unit{util::random_id(), std::nullopt, name, kind, "", now};
      if (parent != nullptr) {
        unit.parent_id = parent->id;
      }
      unit.path = (parent != nullptr ? parent->path : std::string("/")) + unit.id + "/";
      storage::insert_unit(tx, unit);
      return unit;
    };
    const auto region = add_unit("Энская область", "region", nullptr);
    const auto centre = add_unit("Центр социальной помощи семье и детям «Надежда»", "institution", &region);
    const auto patronage = add_unit("Отделение социального патроната", "department", &centre);
    const auto prevention = add_unit("Отделение профилактики безнадзорности", "department", &centre);
    (void)prevention;
    std::map<std::string, std::string> ids;
    for (size_t i = 0; i < accounts().size(); ++i) {
      const auto& account = accounts()[i];
      const auto& unit = account.role == "admin" || account.role == "auditor" ? region
                         : account.role == "head"                           ? centre
                                                                            : patronage;
      storage::UserRecord user{util::random_id(), account.login, account.full_name,
                               *domain::parse_role(account.role), unit.id, unit.path, unit.name, hashes[i], false, now,
                               now};
      storage::insert_user(tx, user);
      ids[account.login] = user.id;
    }
    const Staff staff{patronage.id,     patronage.path, ids["ivanova"],   ids["petrov"],     ids["psychologist"],
                      ids["volunteer"], ids["head"],    ids["secretary"], ids["coordinator"]};
    const auto cases = add_families(tx, services, staff);
    add_network(tx, services, staff, cases);
    app::audit(tx, services, "cli", {"local", "demo"}, "demo.load", "database", "");
    return true;
  });
}

} // namespace patronage::demo
