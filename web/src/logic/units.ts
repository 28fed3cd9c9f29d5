import type { Unit } from '../api/admin';

export interface UnitRow {
  unit: Unit;
  depth: number;
}

/**
 * Units as a tree in display order: each unit followed by its children, sorted
 * by name. A unit whose parent is not in the list (outside the user's reach)
 * is shown as a root.
 */
export function unitTree(units: Unit[]): UnitRow[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parent_id !== null && ids.has(unit.parent_id) ? unit.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(unit);
    children.set(parent, list);
  }
  const rows: UnitRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const unit of list) {
      if (seen.has(unit.id)) {
        continue;
      }
      seen.add(unit.id);
      rows.push({ unit, depth });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** The rows of unitTree as select options, each name indented by its depth. */
export function unitOptions(rows: UnitRow[]): { value: string; label: string }[] {
  return rows.map(({ unit, depth }) => ({
    value: unit.id,
    label: `${'\u00a0\u00a0'.repeat(depth)}${unit.name}`,
  }));
}
