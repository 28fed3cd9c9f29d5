import { describe, expect, it } from 'vitest';
import { isPrintDocument, printPath } from './print';

describe('print documents', () => {
  it('knows the documents of SPEC §10', () => {
    expect(isPrintDocument('plan')).toBe(true);
    expect(isPrintDocument('closure')).toBe(true);
    expect(isPrintDocument('passport')).toBe(false);
  });

  it('prints the family card, the child card and the conflict map (issue 13 point 15)', () => {
    expect(['family_card', 'child_card', 'conflict_map'].every(isPrintDocument)).toBe(true);
    expect(printPath('AB12', 'child_card', 'A1')).toBe(
      '/cases/AB12/print/child_card?assessment=A1',
    );
  });

  it('builds the print address, with the chosen visit or assessment', () => {
    expect(printPath('AB12', 'plan')).toBe('/cases/AB12/print/plan');
    expect(printPath('AB12', 'visit', 'V1')).toBe('/cases/AB12/print/visit?visit=V1');
    expect(printPath('AB12', 'inspection', 'A 1')).toBe(
      '/cases/AB12/print/inspection?assessment=A%201',
    );
  });
});
