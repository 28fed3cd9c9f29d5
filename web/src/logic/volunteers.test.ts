import { describe, expect, it } from 'vitest';
import { navKeys } from './nav';
import { availabilityCount, caseIdList, parseAvailability, validateCourse } from './volunteers';

describe('volunteer screens', () => {
  it('reads the weekly availability and drops unknown tokens', () => {
    const slots = parseAvailability('mon.morning, sat.evening,xyz.noon,,');
    expect([...slots]).toEqual(['mon.morning', 'sat.evening']);
    expect(availabilityCount('')).toBe(0);
    expect(availabilityCount(undefined)).toBe(0);
  });

  it('validates a training course as it is typed', () => {
    const ok = {
      code: 'child_protection',
      name: 'Защита детей',
      hours: '6',
      taken_on: '2026-11-20',
      certificate: '',
    };
    expect(validateCourse(ok, '2026-11-23')).toEqual({});
    expect(
      validateCourse({ ...ok, code: ' ', hours: '0', taken_on: '2026-12-01' }, '2026-11-23'),
    ).toEqual({ code: 'required', hours: 'hours', taken_on: 'future' });
    expect(validateCourse({ ...ok, hours: '', name: '' }, '2026-11-23')).toEqual({
      hours: 'required',
      name: 'required',
    });
  });

  it('splits pasted case ids', () => {
    expect(caseIdList('abc\n def, abc;ghi  ')).toEqual(['abc', 'def', 'ghi']);
  });
});

describe('volunteer screens in the side bar', () => {
  it('are offered to the coordinator and heads only', () => {
    expect(navKeys('coordinator')).toEqual(['worklist', 'volunteers']);
    expect(navKeys('head')).toContain('volunteers');
    expect(navKeys('specialist')).not.toContain('volunteers');
    expect(navKeys('volunteer')).not.toContain('volunteers');
  });
});
