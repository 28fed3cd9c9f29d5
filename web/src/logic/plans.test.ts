import { describe, expect, it } from 'vitest';
import { planPayload, responsibleText, validatePlan, type PlanDraft } from './plans';

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
      measures: [{ ...draft.measures[0]!, responsible_ref: ' Иванова А. С. ' }],
    });
    expect(named.measures[0]).toMatchObject({
      responsible_kind: 'specialist',
      responsible_ref: 'Иванова А. С.',
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
  const staff = (id: string) => (id === 'u1' ? 'Иванова Анна Сергеевна' : undefined);
  it('gives a colleague by name, free text as written, the kind alone when nobody is named', () => {
    expect(responsibleText('Специалист', 'u1', staff)).toBe('Специалист: Иванова Анна Сергеевна');
    expect(responsibleText('Специалист', 'ведущий специалист', staff)).toBe(
      'Специалист: ведущий специалист',
    );
    expect(responsibleText('Семья', 'мать', staff)).toBe('Семья: мать');
    expect(responsibleText('Партнёр', '  ', staff)).toBe('Партнёр');
  });
});
