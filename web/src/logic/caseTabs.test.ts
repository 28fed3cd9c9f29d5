import { describe, expect, it } from 'vitest';
import { CARD_TABS, CASE_TABS, caseTab, readsFamilyRecords } from './caseTabs';

describe('case tabs by what the user may read', () => {
  it('shows the family records to the heads and the case team only', () => {
    expect(readsFamilyRecords('head', 'none')).toBe(true);
    expect(readsFamilyRecords('specialist', 'lead')).toBe(true);
    expect(readsFamilyRecords('expert', 'expert')).toBe(true);
    // docs/permissions.md: the secretary reads the case card only; so does a specialist not on the case.
    expect(readsFamilyRecords('secretary', 'none')).toBe(false);
    expect(readsFamilyRecords('specialist', 'none')).toBe(false);
  });

  it('keeps a URL tab only when it is one of the tabs shown', () => {
    expect(caseTab('visits')).toBe('visits');
    expect(caseTab('visits', CARD_TABS)).toBe('decisions');
    expect(caseTab('history', CARD_TABS)).toBe('history');
    expect(caseTab(null)).toBe(CASE_TABS[0]);
    expect(CARD_TABS.every((tab) => CASE_TABS.includes(tab))).toBe(true);
  });
});
