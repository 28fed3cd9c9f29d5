import { describe, expect, it } from 'vitest';
import { canMoveCase, transitionActions, withNames } from './transitions';

describe('transitionActions', () => {
  const next = [
    {
      to: 'active',
      allowed: false,
      blocked_by: { rule: 'case.consent_required', message: 'Нет согласия' },
    },
    { to: 'rejected', allowed: true },
  ];

  it('enables allowed transitions and disables blocked ones with the rule', () => {
    expect(transitionActions(next, 'specialist')).toEqual([
      {
        to: 'active',
        enabled: false,
        blockedBy: { rule: 'case.consent_required', message: 'Нет согласия' },
        needsOverride: false,
      },
      { to: 'rejected', enabled: true, blockedBy: null, needsOverride: false },
    ]);
  });

  it('lets a head override a caseload limit with a reason, but not a consent rule', () => {
    const caseload = [
      {
        to: 'active',
        allowed: false,
        blocked_by: { rule: 'case.caseload_exceeded', message: '2 из 2' },
      },
    ];
    expect(transitionActions(caseload, 'head')[0]).toMatchObject({
      enabled: true,
      needsOverride: true,
    });
    expect(transitionActions(caseload, 'specialist')[0]).toMatchObject({
      enabled: false,
      needsOverride: false,
    });
    expect(transitionActions(next, 'head')[0]).toMatchObject({ enabled: false });
  });

  it('keeps a blocked state without details disabled', () => {
    expect(transitionActions([{ to: 'closed', allowed: false }], 'head')[0]).toEqual({
      to: 'closed',
      enabled: false,
      blockedBy: { rule: '', message: '' },
      needsOverride: false,
    });
  });
});

describe('canMoveCase', () => {
  it('allows the lead, experts and heads', () => {
    expect(canMoveCase('specialist', 'lead')).toBe(true);
    expect(canMoveCase('expert', 'expert')).toBe(true);
    expect(canMoveCase('head', 'none')).toBe(true);
    expect(canMoveCase('secretary', 'none')).toBe(false);
    expect(canMoveCase('specialist', 'none')).toBe(false);
  });
});

describe('withNames', () => {
  it('replaces person ids with names', () => {
    expect(
      withNames('Нет согласия для ABC123', [
        { id: 'ABC123', name: 'Смирнова Татьяна' },
        { id: '', name: 'никто' },
      ]),
    ).toBe('Нет согласия для Смирнова Татьяна');
  });
});
