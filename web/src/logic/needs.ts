/** SPEC §5: the ten domains of the needs and risk assessment, in the order of the form. */
export const RISK_DOMAINS = [
  'child_safety',
  'health',
  'housing',
  'income',
  'employment',
  'parenting',
  'addiction',
  'violence',
  'social_ties',
  'education',
] as const;
export type RiskDomain = (typeof RISK_DOMAINS)[number];

export const RISK_LEVEL_COLORS: Record<string, string> = {
  low: 'green',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

export interface NeedsRow {
  domain: RiskDomain;
  /** null: not scored yet. */
  score: number | null;
  note: string;
}

export function emptyNeeds(): NeedsRow[] {
  return RISK_DOMAINS.map((domain) => ({ domain, score: null, note: '' }));
}

/** Domains still unscored or out of 0..3 (the form marks them). */
export function needsErrors(rows: NeedsRow[]): RiskDomain[] {
  return rows
    .filter((r) => r.score === null || !Number.isInteger(r.score) || r.score < 0 || r.score > 3)
    .map((r) => r.domain);
}

/** The `data` of a `needs` assessment (every domain once, notes trimmed). */
export function needsPayload(rows: NeedsRow[]): {
  scores: { domain: string; score: number; note: string }[];
} {
  return {
    scores: rows.map((r) => ({ domain: r.domain, score: r.score ?? 0, note: r.note.trim() })),
  };
}

/** The sum of the scores (0..30), unscored domains counted as 0. */
export function needsTotal(rows: NeedsRow[]): number {
  return rows.reduce((sum, r) => sum + (r.score ?? 0), 0);
}

/** Reads the scores of a stored needs assessment; sensitive notes come from `sensitive.notes`. */
export function readNeeds(
  data: Record<string, unknown>,
  sensitive: Record<string, unknown> | null,
): NeedsRow[] {
  const scores = Array.isArray(data.scores) ? (data.scores as Record<string, unknown>[]) : [];
  const notes = (sensitive?.notes ?? {}) as Record<string, unknown>;
  return RISK_DOMAINS.map((domain) => {
    const item = scores.find((s) => s.domain === domain);
    const secret = typeof notes[domain] === 'string' ? (notes[domain] as string) : '';
    const note = typeof item?.note === 'string' && item.note !== '' ? item.note : secret;
    return { domain, score: typeof item?.score === 'number' ? item.score : null, note };
  });
}
