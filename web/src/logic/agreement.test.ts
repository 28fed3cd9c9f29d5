import { describe, expect, it } from 'vitest';
import {
  addMonths,
  agreementInput,
  parseSignatories,
  validateAgreement,
  type AgreementDraft,
} from './agreement';

const draft: AgreementDraft = {
  signed_on: '2026-11-23',
  valid_from: '2026-11-23',
  valid_until: '2027-05-23',
  family_duties: 'Пускать специалиста в дом\n\n  Выполнять план  ',
  service_duties: 'Посещать семью',
  family_rights: '',
  service_rights: '',
  signatories: 'Смирнова Т. А., мать\nИванова А. С.',
};

describe('agreement form', () => {
  it('reads signatories with an optional role after the first comma', () => {
    expect(parseSignatories('Смирнова Т. А., мать\n\nИванова А. С.')).toEqual([
      { name: 'Смирнова Т. А.', role: 'мать' },
      { name: 'Иванова А. С.' },
    ]);
  });

  it('accepts a complete draft and builds the request', () => {
    expect(validateAgreement(draft)).toEqual({});
    const input = agreementInput(draft);
    expect(input.family_duties).toEqual(['Пускать специалиста в дом', 'Выполнять план']);
    expect(input.family_rights).toEqual([]);
    expect(input.signatories).toHaveLength(2);
  });

  it('names the missing and wrong fields', () => {
    expect(
      validateAgreement({ ...draft, signed_on: '', valid_until: '2026-01-01', signatories: ' ' }),
    ).toEqual({ signed_on: 'required', valid_until: 'order', signatories: 'required' });
    expect(validateAgreement({ ...draft, valid_from: '2026-13-40' }).valid_from).toBe(
      'invalidDate',
    );
  });

  it('adds months, clamping to the end of the month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-11-23', 6)).toBe('2027-05-23');
  });
});
