import { describe, expect, it } from 'vitest';
import {
  planPayload,
  responsibleChoices,
  responsibleText,
  validatePlan,
  type PlanDraft,
} from './plans';

const draft: PlanDraft = {
  period_from: '2026-11-01',
  period_to: '2027-04-30',
  term: 'short',
  goal: ' Стабильный доход ',
  domain: 'income',
  measures: [
    {
      what: 'Оформить пособие',
      patronage_type: 'economic',
      responsible_kind: 'specialist',
      due_on: '2026-12-01',
    },
  ],
};

describe('plan form', () => {
  it('accepts a plan with one goal and a measure and builds its payload', () => {
    expect(validatePlan(draft)).toEqual({});
    const body = planPayload(draft);
    expect(body.goals).toEqual([{ id: 'g1', text: 'Стабильный доход', domain: 'income' }]);
    expect(body.measures[0]).toMatchObject({
      goal_id: 'g1',
      what: 'Оформить пособие',
      responsible_ref: '',
    });
  });

  it('sends who exactly is responsible, trimmed (issue 13 point 7)', () => {
    const named = planPayload({
      ...draft,
      measures: [{ ...draft.measures[0]!, responsible_kind: 'family', responsible_ref: ' мать ' }],
    });
    expect(named.measures[0]).toMatchObject({
      responsible_kind: 'family',
      responsible_ref: 'мать',
    });
  });

  it('reports missing fields and a period ending before it starts', () => {
    expect(
      validatePlan({
        ...draft,
        period_to: '2026-10-01',
        goal: '',
        measures: [{ ...draft.measures[0]!, what: ' ', due_on: '' }],
      }),
    ).toEqual({
      period_to: 'order',
      goal: 'required',
      'measures.0.what': 'required',
      'measures.0.due_on': 'required',
    });
    expect(validatePlan({ ...draft, measures: [] })).toEqual({ measures: 'required' });
  });
});

// Issue 13 point 7: the printed plan named the responsible person "Пользователь ведущ…".
describe('responsibleText', () => {
  const id = 'abcdefghijklmnopqrst';
  const names = {
    staff: (ref: string) => (ref === 'u1' ? 'Иванова Анна Сергеевна' : undefined),
    partner: (ref: string) => (ref === 'p1' ? 'Центр занятости' : undefined),
  };
  it('gives a colleague and a partner by name, free text as written, the kind alone when nobody is named', () => {
    expect(responsibleText('Специалист', 'specialist', 'u1', names)).toBe(
      'Специалист: Иванова Анна Сергеевна',
    );
    expect(responsibleText('Волонтёр', 'volunteer', 'u1', names)).toBe(
      'Волонтёр: Иванова Анна Сергеевна',
    );
    expect(responsibleText('Партнёр', 'partner', 'p1', names)).toBe('Партнёр: Центр занятости');
    // An older plan's words, and the family's.
    expect(responsibleText('Специалист', 'specialist', 'ведущий специалист', names)).toBe(
      'Специалист: ведущий специалист',
    );
    expect(responsibleText('Семья', 'family', 'мать', names)).toBe('Семья: мать');
    expect(responsibleText('Партнёр', 'partner', '  ', names)).toBe('Партнёр');
  });
  it('never shows an id it cannot name', () => {
    expect(responsibleText('Специалист', 'specialist', id, names)).toBe('Специалист');
    expect(responsibleText('Партнёр', 'partner', id, names)).toBe('Партнёр');
    // A partner's id is not a colleague's, nor the other way round.
    expect(responsibleText('Партнёр', 'partner', 'u1', names)).toBe('Партнёр: u1');
  });
});

// Issue 13: the server checks a measure's ref by its kind; the form offers only what it accepts.
describe('responsibleChoices', () => {
  const directory = {
    staff: [
      { id: 'h', full_name: 'Алексеева', role: 'head', unit_id: 'u-top', disabled: false },
      { id: 's1', full_name: 'Иванова', role: 'specialist', unit_id: 'u-case', disabled: false },
      { id: 's2', full_name: 'Петров', role: 'specialist', unit_id: 'u-case', disabled: true },
      { id: 'e', full_name: 'Сидорова', role: 'expert', unit_id: 'u-top', disabled: false },
      { id: 'c', full_name: 'Козлов', role: 'coordinator', unit_id: 'u-case', disabled: false },
      { id: 'v', full_name: 'Волкова', role: 'volunteer', unit_id: 'u-case', disabled: false },
    ],
    partners: [{ id: 'p1', name: 'Центр занятости' }],
  };
  const values = (kind: string, current = '', unit?: string) =>
    responsibleChoices(kind, directory, current, unit)?.map((o) => o.value);
  it('offers enabled specialists, experts and heads, the case unit first, and an empty choice', () => {
    expect(values('specialist')).toEqual(['', 'h', 's1', 'e']);
    expect(values('specialist', '', 'u-case')).toEqual(['', 's1', 'h', 'e']);
    expect(responsibleChoices('specialist', directory, '')?.[0]).toEqual({ value: '', label: '—' });
  });
  it('offers volunteer users to a volunteer, partners to a partner, free text to the family', () => {
    expect(values('volunteer')).toEqual(['', 'v']);
    expect(responsibleChoices('partner', directory, '')).toEqual([
      { value: '', label: '—' },
      { value: 'p1', label: 'Центр занятости' },
    ]);
    expect(responsibleChoices('family', directory, 'мать')).toBeNull();
  });
  it('keeps a ref it does not know, so the server can refuse it at the field', () => {
    expect(values('specialist', 'Иванова А. С.')).toEqual(['', 'h', 's1', 'e', 'Иванова А. С.']);
  });
});
