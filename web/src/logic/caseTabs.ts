/** The case page's tabs, in order; the first opens when the URL names none. */
export const CASE_TABS = [
  'household',
  'consents',
  'decisions',
  'agreement',
  'assessments',
  'ecomap',
  'changes',
  'plan',
  'visits',
  'services',
  'history',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

/**
 * The tabs of the case card alone (docs/permissions.md): what a secretary, or anyone who may see a case but not
 * the family's records, is shown. The server answers 404 to the rest for them.
 */
export const CARD_TABS: readonly CaseTab[] = ['decisions', 'consents', 'history'];

/** Whether the user reads the family's records on this case: the heads and the case team (lead, experts). */
export function readsFamilyRecords(role: string, relation: string): boolean {
  return role === 'head' || relation === 'lead' || relation === 'expert';
}

/** The tab a URL's `?tab=` names among `tabs`; the first of them for none or an unknown one. */
export function caseTab(value: string | null, tabs: readonly CaseTab[] = CASE_TABS): CaseTab {
  return (tabs as readonly string[]).includes(value ?? '')
    ? (value as CaseTab)
    : (tabs[0] ?? CASE_TABS[0]);
}
