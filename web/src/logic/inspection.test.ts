import { describe, expect, it } from 'vitest';
import { emptyInspection, inspectionPayload, validateInspection } from './inspection';

const words = { yes: 'да', no: 'нет' };
const children = [
  { id: 'p1', name: 'Полина' },
  { id: 'p2', name: 'Олег' },
];

describe('inspection report form', () => {
  const filled = {
    ...emptyInspection('2026-12-01'),
    dwelling_type: ' квартира ',
    conclusion: 'Условия удовлетворительные',
  };

  it('saves "32,5" as 32.5, not 325 (issue 13, point 6)', () => {
    const data = inspectionPayload({ ...filled, area_m2: '32,5', rooms: '2' }, [], words);
    expect(data.area_m2).toBe(32.5);
    expect(data.rooms).toBe(2);
    expect(validateInspection({ ...filled, area_m2: '32,5' })).toEqual({});
  });

  it('refuses a number it cannot read and a fraction of a room', () => {
    expect(validateInspection({ ...filled, area_m2: '32,5,1', rooms: '2,5' })).toEqual({
      area_m2: 'notNumber',
      rooms: 'notWhole',
    });
    expect(validateInspection({ ...filled, area_m2: '20000' })).toEqual({ area_m2: 'outOfRange' });
  });

  it('asks the SPEC §5 lines that print as "—" when missing: ownership, utilities, clothing, places', () => {
    const data = inspectionPayload(
      {
        ...filled,
        ownership: 'социальный наём',
        utilities: { water: 'yes', heating: 'no', sewage: '', electricity: 'yes' },
        children_clothing: 'по сезону',
        children: { p1: { bed: 'yes', study: 'no' }, p2: { bed: 'no', study: '' } },
        sleeping_note: 'одна кровать на двоих',
      },
      children,
      words,
    );
    expect(data).toMatchObject({
      ownership: 'социальный наём',
      utilities: { water: true, heating: false, electricity: true },
      children_clothing: 'по сезону',
      sleeping_places: 'Полина: да; Олег: нет. одна кровать на двоих',
      study_places: 'Полина: нет',
    });
    expect((data.utilities as Record<string, unknown>).sewage).toBeUndefined();
  });

  it('leaves out what was not asked', () => {
    expect(inspectionPayload(filled, children, words)).toEqual({
      dwelling_type: 'квартира',
      conclusion: 'Условия удовлетворительные',
    });
  });

  it('requires the dwelling type and the conclusion', () => {
    expect(validateInspection(emptyInspection('2026-12-01'))).toEqual({
      dwelling_type: 'required',
      conclusion: 'required',
    });
  });
});
