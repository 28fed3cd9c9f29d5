export type NavKey =
  | 'worklist'
  | 'dashboard'
  | 'wards'
  | 'cases'
  | 'council'
  | 'intake'
  | 'signals'
  | 'volunteers'
  | 'imports'
  | 'users'
  | 'units'
  | 'audit'
  | 'settings';

const FAMILY_WORK = ['head', 'specialist', 'expert', 'secretary'];
const INTAKE = ['head', 'specialist'];
// SPEC §1, §9: the coordinator recruits, trains and assigns volunteers; heads see them too.
const VOLUNTEER_WORK = ['coordinator', 'head'];
// SPEC §1, §10-§11: heads read reports, auditors see aggregates (the server's report_read).
const REPORTS = ['head', 'auditor'];

/** Side bar entries for `role`, in order; the server still checks every request. */
export function navKeys(role: string): NavKey[] {
  if (role === 'volunteer') {
    // SPEC §9, §11: a volunteer sees their own wards only.
    return ['wards'];
  }
  if (role === 'auditor') {
    // SPEC §1, §11: the audit log and aggregates; no work list (an auditor is given no tasks).
    return ['audit', 'dashboard'];
  }
  if (role === 'admin') {
    // Users, units and the audit log; an admin reads no family data, so has no work list.
    return ['users', 'units', 'audit', 'settings'];
  }
  const keys: NavKey[] = ['worklist'];
  if (REPORTS.includes(role)) {
    keys.push('dashboard');
  }
  if (FAMILY_WORK.includes(role)) {
    keys.push('cases');
  }
  if (canRecordDecisions(role)) {
    // SPEC §6: the secretary and the heads keep the council's meetings.
    keys.push('council');
  }
  if (INTAKE.includes(role)) {
    keys.push('intake', 'signals');
  }
  if (VOLUNTEER_WORK.includes(role)) {
    keys.push('volunteers');
  }
  if (role === 'head') {
    // Issue 18: a head loads a register into their subtree (the server's household_import).
    keys.push('imports');
  }
  return keys;
}

/** Where a role starts after signing in: a page with something to do or read. */
export function homePath(role: string): string | null {
  if (role === 'auditor') {
    return '/audit';
  }
  if (role === 'admin') {
    return '/admin/users';
  }
  return null;
}

/** Who records and signs council decisions (SPEC §6). */
export function canRecordDecisions(role: string): boolean {
  return role === 'secretary' || role === 'head';
}
