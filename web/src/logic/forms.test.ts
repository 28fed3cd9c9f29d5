import { describe, expect, it } from 'vitest';
import {
  EMPTY_PERSON,
  memberLines,
  hasErrors,
  signalProblems,
  validateConsent,
  validateDecision,
  validateSignal,
  triageProblems,
  validateTriage,
  validateUser,
  worthDuplicateSearch,
  type DecisionDraft,
  type SignalDraft,
} from './forms';
import { EMPTY_MEMBER } from './members';

const today = '2026-05-10';

describe('validateSignal', () => {
  const valid: SignalDraft = {
    received_at: '2026-05-10T09:30',
    source: 'school',
    source_details: '',
    urgency: 'urgent',
    reported: 'Ребёнок пропускает школу',
    address: '',
    persons: [{ ...EMPTY_PERSON }],
  };

  it('accepts a complete signal with an empty person row', () => {
    expect(hasErrors(signalProblems(validateSignal(valid, today)))).toBe(false);
  });

  it('requires source, urgency and what was reported', () => {
    const errors = validateSignal({ ...valid, source: '', urgency: '', reported: '  ' }, today);
    expect(errors).toMatchObject({ source: 'required', urgency: 'required', reported: 'required' });
  });

  it('refuses a future receipt and a person without a last name or with a future birth date', () => {
    const errors = validateSignal(
      {
        ...valid,
        received_at: '2026-05-11T09:00',
        persons: [{ ...EMPTY_PERSON, first_name: 'Татьяна', birth_date: '2027-01-01' }],
      },
      today,
    );
    expect(errors.received_at).toBe('dateInFuture');
    expect(errors.persons[0]).toEqual({
      last_name: 'lastNameRequired',
      birth_date: 'dateInFuture',
    });
    expect(signalProblems(errors)).toMatchObject({
      'persons[0].last_name': 'lastNameRequired',
    });
    expect(hasErrors(signalProblems(errors))).toBe(true);
  });

  it('flags an impossible date', () => {
    const errors = validateSignal(
      { ...valid, persons: [{ ...EMPTY_PERSON, last_name: 'Смирнова', birth_date: '1988-02-30' }] },
      today,
    );
    expect(errors.persons[0]?.birth_date).toBe('dateInvalid');
  });
});

describe('worthDuplicateSearch', () => {
  it('searches once there are two letters of a last name or a birth date', () => {
    expect(worthDuplicateSearch({ ...EMPTY_PERSON, last_name: 'С' })).toBe(false);
    expect(worthDuplicateSearch({ ...EMPTY_PERSON, last_name: 'См' })).toBe(true);
    expect(worthDuplicateSearch({ ...EMPTY_PERSON, birth_date: '1988-04-17' })).toBe(true);
  });
});

describe('validateConsent', () => {
  it('requires a signer and a signing date not in the future', () => {
    expect(
      validateConsent(
        { signed_by: '', covers: [], scope: 'patronage', signed_on: '2026-06-01', valid_until: '' },
        today,
      ),
    ).toEqual({ signed_by: 'required', signed_on: 'dateInFuture' });
  });

  it('wants the end of validity after the signing', () => {
    expect(
      validateConsent(
        { signed_by: 'p1', covers: [], scope: 'patronage', signed_on: today, valid_until: today },
        today,
      ),
    ).toEqual({ valid_until: 'dateNotAfter' });
  });
});

describe('validateDecision', () => {
  const base: DecisionDraft = {
    body: 'council',
    meeting_date: today,
    protocol_number: '12',
    members_present: 'Соколова М. П.\n\n',
    kind: 'approve_plan',
    patronage_types: [],
    lead_specialist_id: '',
    intensity: '',
    planned_end: '',
    grounds: 'Акт обследования',
  };

  it('accepts a plain decision', () => {
    expect(validateDecision(base, today)).toEqual({});
  });

  it('asks a register decision for lead, intensity and types; intensive needs an end', () => {
    expect(
      validateDecision({ ...base, kind: 'register_case', intensity: 'intensive' }, today),
    ).toEqual({
      lead_specialist_id: 'required',
      patronage_types: 'required',
      planned_end: 'required',
    });
  });

  it('wants the planned end after the meeting and at least one member', () => {
    expect(
      validateDecision({ ...base, planned_end: '2026-05-01', members_present: ' \n ' }, today),
    ).toEqual({ planned_end: 'dateNotAfter', members_present: 'required' });
  });

  it('splits members by line', () => {
    expect(memberLines(' А \n\nБ\n')).toEqual(['А', 'Б']);
  });
});

describe('validateTriage', () => {
  const person = { ...EMPTY_MEMBER, include: true };

  it('needs an outcome and a reason', () => {
    expect(
      validateTriage(
        { outcome: '', reason: '', household_id: '', new_address: '', persons: [person] },
        today,
      ),
    ).toEqual({ outcome: 'required', reason: 'required', members: [] });
  });

  it('checks every member kept for a new household, and needs at least one', () => {
    const errors = validateTriage(
      {
        outcome: 'open_case',
        reason: 'Есть основания',
        household_id: '',
        new_address: '',
        persons: [person, { ...person, include: false }],
      },
      today,
    );
    expect(errors).toEqual({
      new_address: 'required',
      members: [
        {
          last_name: 'required',
          first_name: 'required',
          sex: 'required',
          household_role: 'required',
        },
        {},
      ],
    });
    expect(hasErrors(triageProblems(errors))).toBe(true);
    expect(
      validateTriage(
        {
          outcome: 'open_case',
          reason: 'Есть основания',
          household_id: '',
          new_address: 'ул. Мира, 1',
          persons: [{ ...person, include: false }],
        },
        today,
      ).persons,
    ).toBe('required');
    const existing = validateTriage(
      {
        outcome: 'open_case',
        reason: 'Есть',
        household_id: 'h1',
        new_address: '',
        persons: [person],
      },
      today,
    );
    expect(hasErrors(triageProblems(existing))).toBe(false);
  });
});

describe('validateUser', () => {
  it('requires every field; the password policy is the server’s', () => {
    expect(validateUser({ login: '', full_name: '', role: '', unit_id: '', password: '' })).toEqual(
      {
        login: 'required',
        full_name: 'required',
        role: 'required',
        unit_id: 'required',
        password: 'required',
      },
    );
    expect(
      validateUser({ login: 'a', full_name: 'b', role: 'head', unit_id: 'u', password: 'x' }),
    ).toEqual({});
  });
});
