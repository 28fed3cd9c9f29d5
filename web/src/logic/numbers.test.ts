import { describe, expect, it } from 'vitest';
import { numberProblem, parseDecimal, parseWhole } from './numbers';

describe('parseDecimal', () => {
  it('reads a decimal comma as the decimal point (issue 13: "32,5" saved as 325)', () => {
    expect(parseDecimal('32,5')).toBe(32.5);
    expect(parseDecimal('32.5')).toBe(32.5);
    expect(parseDecimal(' 46,50 ')).toBe(46.5);
    expect(parseDecimal(',5')).toBe(0.5);
  });

  it('drops spaces between thousands, also non-breaking ones', () => {
    expect(parseDecimal('1 250,75')).toBe(1250.75);
    expect(parseDecimal('1\u00a0250')).toBe(1250);
  });

  it('tells an empty text from a wrong one', () => {
    expect(parseDecimal('')).toBeNull();
    expect(parseDecimal('   ')).toBeNull();
    expect(parseDecimal('32,5,1')).toBeNaN();
    expect(parseDecimal('1.250,5')).toBeNaN();
    expect(parseDecimal('abc')).toBeNaN();
    expect(parseDecimal('12 м²')).toBeNaN();
  });

  it('never reads a comma as a thousands separator', () => {
    expect(parseDecimal('1,250')).toBe(1.25);
  });
});

describe('parseWhole and numberProblem', () => {
  it('accepts whole numbers only where asked', () => {
    expect(parseWhole('3')).toBe(3);
    expect(parseWhole('2,5')).toBeNaN();
    expect(numberProblem('2,5', { whole: true })).toBe('notWhole');
    expect(numberProblem('2,5', {})).toBeUndefined();
  });

  it('checks the range and accepts an empty text', () => {
    expect(numberProblem('', { min: 0, max: 10 })).toBeUndefined();
    expect(numberProblem('-1', { min: 0 })).toBe('outOfRange');
    expect(numberProblem('10001', { max: 10000 })).toBe('outOfRange');
    expect(numberProblem('x', {})).toBe('notNumber');
  });
});
