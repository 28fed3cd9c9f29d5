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

/** The tab a URL's `?tab=` names; the first tab for none or an unknown one. */
export function caseTab(value: string | null): CaseTab {
  return (CASE_TABS as readonly string[]).includes(value ?? '') ? (value as CaseTab) : CASE_TABS[0];
}
