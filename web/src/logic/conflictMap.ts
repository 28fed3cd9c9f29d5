/** SPEC §5: the conflict map — its parties, the subject, each party's position and the intensity (0–3). */
import { datedErrors, str, textProblem, type FieldErrors } from './instruments';

export const INTENSITIES = [0, 1, 2, 3] as const;
/** The server's limit on parties (app/assessment_forms.cpp). */
export const MAX_PARTIES = 20;

export interface ConflictParty {
  name: string;
  position: string;
}

export interface ConflictMapDraft {
  date: string;
  subject: string;
  parties: ConflictParty[];
  /** null: not chosen yet. */
  intensity: number | null;
}

export interface ConflictMap {
  subject: string;
  parties: ConflictParty[];
  intensity: number | null;
}

export function emptyConflictMap(date: string): ConflictMapDraft {
  return {
    date,
    subject: '',
    parties: [
      { name: '', position: '' },
      { name: '', position: '' },
    ],
    intensity: null,
  };
}

/** Rows with neither a name nor a position are blank lines of the form, not parties. */
function filled(parties: ConflictParty[]): { party: ConflictParty; index: number }[] {
  return parties
    .map((party, index) => ({ party, index }))
    .filter(({ party }) => party.name.trim() !== '' || party.position.trim() !== '');
}

/**
 * The server's checks, and one more: a conflict has at least two parties (the server asks for one).
 * Keys: date, subject, intensity, parties (too few or too many), parties.<row>.name, parties.<row>.position.
 */
export function validateConflictMap(d: ConflictMapDraft, today: string): FieldErrors {
  const errors = datedErrors(d.date, today);
  const subject = textProblem(d.subject, { required: true });
  if (subject) {
    errors.subject = subject;
  }
  if (d.intensity === null || !(INTENSITIES as readonly number[]).includes(d.intensity)) {
    errors.intensity = 'required';
  }
  const rows = filled(d.parties);
  const names = new Set<string>();
  for (const { party, index } of rows) {
    const name = party.name.trim();
    const nameProblem = textProblem(name, { required: true, maxBytes: 200, singleLine: true });
    if (nameProblem) {
      errors[`parties.${index}.name`] = nameProblem;
    } else if (names.has(name.toLocaleLowerCase())) {
      errors[`parties.${index}.name`] = 'duplicate';
    }
    names.add(name.toLocaleLowerCase());
    const position = textProblem(party.position);
    if (position) {
      errors[`parties.${index}.position`] = position;
    }
  }
  if (rows.length < 2) {
    errors.parties = 'tooFew';
  } else if (rows.length > MAX_PARTIES) {
    errors.parties = 'tooMany';
  }
  return errors;
}

/** The `data` to POST: names of the parties, a position for each party that has one. */
export function conflictMapPayload(d: ConflictMapDraft): Record<string, unknown> {
  const rows = filled(d.parties).map(({ party }) => ({
    name: party.name.trim(),
    position: party.position.trim(),
  }));
  return {
    parties: rows.map((p) => p.name),
    subject: d.subject.trim(),
    positions: rows
      .filter((p) => p.position !== '')
      .map((p) => ({ party: p.name, position: p.position })),
    intensity: d.intensity,
  };
}

/** A stored map (or the form's draft) as parties with their positions. */
export function readConflictMap(data: Record<string, unknown> | null | undefined): ConflictMap {
  const parties = Array.isArray(data?.parties)
    ? data.parties.filter((p): p is string => typeof p === 'string' && p !== '')
    : [];
  const positions = Array.isArray(data?.positions)
    ? (data.positions as unknown[]).filter(
        (p): p is Record<string, unknown> => typeof p === 'object' && p !== null,
      )
    : [];
  const intensity = typeof data?.intensity === 'number' ? data.intensity : null;
  return {
    subject: str(data?.subject),
    parties: parties.map((name) => ({
      name,
      position: positions
        .filter((p) => str(p.party) === name)
        .map((p) => str(p.position))
        .filter(Boolean)
        .join(' '),
    })),
    intensity,
  };
}

/** The form's draft as it will be drawn: blank rows left out. */
export function draftMap(d: ConflictMapDraft): ConflictMap {
  return {
    subject: d.subject.trim(),
    parties: filled(d.parties).map(({ party }) => ({
      name: party.name.trim(),
      position: party.position.trim(),
    })),
    intensity: d.intensity,
  };
}

/** How a line of the given intensity is drawn: heavier and redder as it grows; a zigzag when acute. */
export interface Stroke {
  width: number;
  dash: string | undefined;
  color: string;
  zigzag: boolean;
}

export function intensityStroke(intensity: number | null): Stroke {
  switch (intensity) {
    case 0:
      return { width: 1.5, dash: '2 6', color: '#495057', zigzag: false };
    case 1:
      return { width: 2.5, dash: '10 6', color: '#e8590c', zigzag: false };
    case 2:
      return { width: 5, dash: undefined, color: '#d9480f', zigzag: false };
    case 3:
      return { width: 6, dash: undefined, color: '#c92a2a', zigzag: true };
    default:
      return { width: 1.5, dash: '2 4', color: '#adb5bd', zigzag: false };
  }
}

/** A zigzag from (x1, y1) to (x2, y2) as an SVG path: a turn of `amplitude` across the line every `step` along it. */
export function zigzagPath(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  step = 7,
  amplitude = 5,
): string {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy) || 1;
  const nx = -dy / length;
  const ny = dx / length;
  const turns = Math.max(2, Math.round(length / step));
  const points = [`M ${r(x1)} ${r(y1)}`];
  for (let i = 1; i < turns; i++) {
    const f = i / turns;
    const side = i % 2 === 1 ? amplitude : -amplitude;
    points.push(`L ${r(x1 + dx * f + nx * side)} ${r(y1 + dy * f + ny * side)}`);
  }
  points.push(`L ${r(x2)} ${r(y2)}`);
  return points.join(' ');
}

function r(value: number): number {
  return Math.round(value * 10) / 10;
}

export interface PlacedParty extends ConflictParty {
  x: number;
  y: number;
  /** Where the party's text goes: above a node in the upper half, below one in the lower half. */
  textBelow: boolean;
}

/**
 * The subject in the middle, the parties evenly on an ellipse around it: on a wide picture the first on
 * the left (two parties face each other across the subject), on a tall one the first on top.
 */
export function layoutConflict(
  map: ConflictMap,
  width: number,
  height: number,
): { center: { x: number; y: number }; parties: PlacedParty[] } {
  const center = { x: width / 2, y: height / 2 };
  const tall = height > width;
  const rx = width / 2 - (tall ? 90 : 110);
  // Room for four lines of text above a node at the top.
  const ry = height / 2 - (tall ? 110 : 90);
  const start = tall ? -Math.PI / 2 : Math.PI;
  const n = map.parties.length;
  return {
    center,
    parties: map.parties.map((party, i) => {
      const angle = start + (2 * Math.PI * i) / Math.max(n, 1);
      const x = center.x + rx * Math.cos(angle);
      const y = center.y + ry * Math.sin(angle);
      return { ...party, x: r(x), y: r(y), textBelow: y >= center.y - 1 };
    }),
  };
}

/** `text` in at most `lines` lines of about `width` characters, words kept whole, "…" when cut. */
export function wrapWords(text: string, width: number, lines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const whole of words) {
    const word = whole.length > width ? `${whole.slice(0, width - 1)}…` : whole;
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length <= width) {
      line = next;
      continue;
    }
    out.push(line);
    line = word;
    if (out.length === lines) {
      // Words are left over: the last line says so.
      const last = out[lines - 1] ?? '';
      out[lines - 1] = last.endsWith('…') ? last : `${last}…`;
      return out;
    }
  }
  if (line !== '') {
    out.push(line);
  }
  return out;
}
