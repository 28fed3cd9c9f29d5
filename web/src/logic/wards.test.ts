import { describe, expect, it } from 'vitest';
import { sortContacts, validateContact } from './wards';

describe('volunteer contact', () => {
  it('needs a date, 1..1440 whole minutes and a description', () => {
    expect(validateContact({ on: '2026-11-20', minutes: 60, what: 'Прогулка' })).toEqual({});
    expect(validateContact({ on: '', minutes: '', what: ' ' })).toEqual({
      on: 'required',
      minutes: 'required',
      what: 'required',
    });
    expect(validateContact({ on: '2026-02-30', minutes: 0, what: 'x' })).toEqual({
      on: 'invalid',
      minutes: 'invalid',
    });
    expect(validateContact({ on: '2026-11-20', minutes: 1.5, what: 'x' }).minutes).toBe('invalid');
  });

  it('lists contacts newest first', () => {
    expect(sortContacts([{ on: '2026-11-01' }, { on: '2026-11-20' }]).map((c) => c.on)).toEqual([
      '2026-11-20',
      '2026-11-01',
    ]);
  });
});
