import { describe, expect, it } from 'vitest';
import { datedErrors, dateProblem } from './instruments';

describe('datedErrors', () => {
  it("starts a record's errors with its date's problem", () => {
    expect(datedErrors('2026-05-10', '2026-05-10')).toEqual({});
    expect(datedErrors('', '2026-05-10')).toEqual({ date: 'required' });
    expect(datedErrors('2026-05-11', '2026-05-10')).toEqual({ date: 'future' });
    expect(dateProblem('2026-05-09', '2026-05-10')).toBeUndefined();
  });
});
