import type { HistoryEntry, Visit } from '../api/visits';

/**
 * Issue 14: correcting the free text of a recorded visit (docs/offline.md §2). The edit says which
 * version it was made on and what each edited field held when the user started (`base`), so that
 * the server can merge it with someone else's edit of other fields, and answer a real conflict
 * field by field instead of overwriting.
 */
export const VISIT_TEXT_FIELDS = [
  'purpose',
  'observations.home',
  'observations.relations',
  'actions',
  'next_step',
  'child_safety.note',
  'missed.reason',
] as const;

export type VisitTextField = (typeof VISIT_TEXT_FIELDS)[number];
export type VisitTexts = Partial<Record<VisitTextField, string>>;

export function isVisitTextField(field: string): field is VisitTextField {
  return (VISIT_TEXT_FIELDS as readonly string[]).includes(field);
}

/** The fields of `visit` a specialist may correct: none for a planned visit (it gets an outcome). */
export function editableFields(visit: Visit): VisitTextField[] {
  if (visit.status === 'planned') {
    return [];
  }
  if (visit.missed) {
    return ['purpose', 'missed.reason'];
  }
  const fields: VisitTextField[] = [
    'purpose',
    'observations.home',
    'observations.relations',
    'actions',
    'next_step',
  ];
  if (visit.child_safety.concern || visit.child_safety.note !== '') {
    fields.push('child_safety.note');
  }
  return fields;
}

/** The value of one free-text field of `visit` ("" when the visit has none). */
export function visitText(visit: Visit, field: VisitTextField): string {
  switch (field) {
    case 'purpose':
      return visit.purpose;
    case 'observations.home':
      return visit.observations.home;
    case 'observations.relations':
      return visit.observations.relations;
    case 'actions':
      return visit.actions;
    case 'next_step':
      return visit.next_step;
    case 'child_safety.note':
      return visit.child_safety.note;
    case 'missed.reason':
      return visit.missed?.reason ?? '';
  }
}

/**
 * What the edit form holds. `base` is what the user started from and stays with the draft: a draft
 * kept overnight is still compared with what the user saw, not with what the server holds now.
 */
export interface VisitEditDraft {
  visitId: string;
  version: number;
  fields: VisitTextField[];
  /** Fields that may not be left empty. */
  required: VisitTextField[];
  base: VisitTexts;
  values: VisitTexts;
}

export function visitEditDraft(visit: Visit): VisitEditDraft {
  const fields = editableFields(visit);
  const base: VisitTexts = {};
  for (const field of fields) {
    base[field] = visitText(visit, field);
  }
  const required: VisitTextField[] = ['purpose'];
  if (visit.missed) {
    required.push('missed.reason');
  }
  if (visit.child_safety.concern) {
    required.push('child_safety.note');
  }
  return {
    visitId: visit.id,
    version: visit.version,
    fields,
    required: required.filter((f) => fields.includes(f)),
    base,
    values: { ...base },
  };
}

/** The fields whose text the user changed (spaces at the ends do not count). */
export function changedFields(draft: VisitEditDraft): VisitTextField[] {
  return draft.fields.filter(
    (field) => (draft.values[field] ?? '').trim() !== (draft.base[field] ?? '').trim(),
  );
}

export type VisitEditErrors = Partial<Record<VisitTextField, 'required'>>;

export function validateVisitEdit(draft: VisitEditDraft): VisitEditErrors {
  const errors: VisitEditErrors = {};
  for (const field of draft.required) {
    if ((draft.values[field] ?? '').trim() === '') {
      errors[field] = 'required';
    }
  }
  return errors;
}

/** Flat field paths to the visit record's own shape: {"observations.home": x} → {observations: {home: x}}. */
export function nestTexts(texts: VisitTexts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of VISIT_TEXT_FIELDS) {
    const value = texts[field];
    if (value === undefined) {
      continue;
    }
    const [head, tail] = field.split('.') as [string, string | undefined];
    if (tail === undefined) {
      out[head] = value;
    } else {
      const inner = (out[head] as Record<string, unknown> | undefined) ?? {};
      inner[tail] = value;
      out[head] = inner;
    }
  }
  return out;
}

/**
 * The body of PATCH /visits/{id}: the changed fields (trimmed), the version the edit was made on,
 * and `base` — those fields as the user found them. Null when nothing changed.
 */
export function visitEditPayload(draft: VisitEditDraft): Record<string, unknown> | null {
  const changed = changedFields(draft);
  if (changed.length === 0) {
    return null;
  }
  const values: VisitTexts = {};
  const base: VisitTexts = {};
  for (const field of changed) {
    values[field] = (draft.values[field] ?? '').trim();
    base[field] = draft.base[field] ?? '';
  }
  return { version: draft.version, ...nestTexts(values), base: nestTexts(base) };
}

/** What a history entry is, for the list: a correction, a conflict resolved, or both. */
export function historyKind(entry: HistoryEntry): 'edit' | 'resolved' {
  return entry.changes.some((c) => c.rejected !== undefined) ? 'resolved' : 'edit';
}

/**
 * The visit as this user last left it: the texts of their edits still waiting on the device
 * (`bodies`, oldest first) over the record. A second correction made offline then starts from the
 * first one's text, and the server merges the two instead of finding the user in conflict with
 * themself.
 */
export function withPendingEdits(visit: Visit, bodies: Record<string, unknown>[]): Visit {
  let out = visit;
  for (const body of bodies) {
    const texts = (key: string) => {
      const inner = body[key];
      return inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {};
    };
    const text = (value: unknown, fallback: string) =>
      typeof value === 'string' ? value : fallback;
    out = {
      ...out,
      purpose: text(body.purpose, out.purpose),
      actions: text(body.actions, out.actions),
      next_step: text(body.next_step, out.next_step),
      observations: {
        ...out.observations,
        home: text(texts('observations').home, out.observations.home),
        relations: text(texts('observations').relations, out.observations.relations),
      },
      child_safety: {
        ...out.child_safety,
        note: text(texts('child_safety').note, out.child_safety.note),
      },
      missed: out.missed ? { reason: text(texts('missed').reason, out.missed.reason) } : out.missed,
    };
  }
  return out;
}
