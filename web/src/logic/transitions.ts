import type { NextState } from '../api/cases';

/** A rule a head may override with a recorded reason (SPEC §3: caseload limits). */
export const OVERRIDABLE_RULES: readonly string[] = ['case.caseload_exceeded'];

export interface TransitionAction {
  to: string;
  /** The button can be pressed. */
  enabled: boolean;
  /** The rule that blocks it, shown beside the button (also when a head may override it). */
  blockedBy: { rule: string; message: string } | null;
  /** Pressing it needs an override reason (a head overriding a limit). */
  needsOverride: boolean;
}

/**
 * Maps the case page's `next_states` to buttons: allowed ones enabled; blocked
 * ones disabled with the rule's message, except that a head may override an
 * overridable rule by giving a reason.
 */
export function transitionActions(next: NextState[], role: string): TransitionAction[] {
  return next.map((item) => {
    const blocked = !item.allowed;
    const blockedBy = blocked
      ? {
          rule: item.blocked_by?.rule ?? '',
          message: item.blocked_by?.message ?? '',
        }
      : null;
    const overridable =
      blocked &&
      role === 'head' &&
      blockedBy !== null &&
      OVERRIDABLE_RULES.includes(blockedBy.rule);
    return {
      to: item.to,
      enabled: !blocked || overridable,
      blockedBy,
      needsOverride: overridable,
    };
  });
}

/** Who may move a case: its lead or expert, and heads. */
export function canMoveCase(role: string, relation: string): boolean {
  return role === 'head' || relation === 'lead' || relation === 'expert';
}

/**
 * Server messages name people by id (e.g. "no consent for 7Q…"); show their names
 * instead when the household is known.
 */
export function withNames(message: string, people: { id: string; name: string }[]): string {
  return people.reduce(
    (text, person) => (person.id === '' ? text : text.split(person.id).join(person.name)),
    message,
  );
}
