import type { User } from '../api/auth';
import { apiRequest } from '../api/client';
import type { CaseRecord, CaseView } from '../api/cases';
import type { Plan } from '../api/plans';
import type { Visit } from '../api/visits';
import type { WorkList } from '../api/worklist';
import { readsFamilyRecords } from '../logic/caseTabs';
import type { FieldEntry, OfflineDb } from './db';

/** Roles that work in the field and get a copy of their own open cases (or wards) on the device. */
export const FIELD_ROLES = ['specialist', 'expert', 'volunteer'] as const;

export function isFieldRole(role: string): boolean {
  return (FIELD_ROLES as readonly string[]).includes(role);
}

/** How many past visits of a family the device keeps (with the planned ones and the next due). */
export const KEPT_VISITS = 20;
/** At most this many cases are prepared (a specialist carries far fewer). */
const MAX_CASES = 200;
const CLOSED = ['closed', 'rejected'];

/**
 * The bounded slice of a family's visits kept on the device: the `KEPT_VISITS` latest made or
 * missed, and the planned ones still ahead (the next due among them), not the whole history.
 */
export function keptVisits(visits: Visit[], kept = KEPT_VISITS): Visit[] {
  const planned = visits
    .filter((v) => v.status === 'planned')
    .sort((a, b) => a.planned_on.localeCompare(b.planned_on))
    .slice(0, 5);
  const past = visits
    .filter((v) => v.status !== 'planned')
    .sort((a, b) => (b.actual_on ?? b.planned_on).localeCompare(a.actual_on ?? a.planned_on))
    .slice(0, kept);
  return [...planned, ...past];
}

export interface Progress {
  done: number;
  total: number;
}

type Get = <T>(path: string) => Promise<T>;

const onlineGet: Get = (path) => apiRequest(path, { deviceCopy: false });

/**
 * Fetches what `user` needs in the field, as the server gives it to them, and replaces their copy
 * on the device in one transaction (a failure half-way keeps the previous copy whole).
 */
export async function prepareForField(
  db: OfflineDb,
  user: User,
  onProgress: (progress: Progress) => void = () => {},
  get: Get = onlineGet,
  now: () => Date = () => new Date(),
): Promise<{ cases: number; preparedAt: string }> {
  const entries = new Map<string, unknown>();
  entries.set('/api/v1/me', { user, csrf_token: '' });
  let total = 1;
  let done = 0;
  const step = () => onProgress({ done: ++done, total });
  let cases = 0;
  if (user.role === 'volunteer') {
    total = 1;
    onProgress({ done, total });
    const wards = await get<{ items: unknown[] }>('/api/v1/my/wards');
    entries.set('/api/v1/my/wards', wards);
    cases = wards.items.length;
    step();
  } else {
    total = 3;
    onProgress({ done, total });
    const [worklist, list, staff] = await Promise.all([
      get<WorkList>('/api/v1/worklist'),
      get<{ items: CaseRecord[] }>('/api/v1/cases'),
      get<unknown>('/api/v1/staff').catch(() => undefined),
    ]);
    done = 3;
    onProgress({ done, total });
    const onWorklist = new Set(worklist.items.map((i) => i.case_id).filter(Boolean));
    const candidates = list.items
      .filter((c) => !CLOSED.includes(c.state))
      .filter((c) => c.lead_id === user.id || onWorklist.has(c.id) || user.role === 'expert')
      .slice(0, MAX_CASES);
    total += candidates.length;
    onProgress({ done, total });
    const mine: CaseRecord[] = [];
    // A few at a time: a phone on a poor line, and a server shared with colleagues.
    for (let i = 0; i < candidates.length; i += 4) {
      await Promise.all(
        candidates.slice(i, i + 4).map(async (c) => {
          const path = `/api/v1/cases/${encodeURIComponent(c.id)}`;
          const view = await get<CaseView>(path);
          if (view.my_relation && view.my_relation !== 'none') {
            mine.push(c);
            entries.set(path, view);
            if (readsFamilyRecords(user.role, view.my_relation)) {
              const [household, visits, plans] = await Promise.all([
                get<unknown>(`/api/v1/households/${encodeURIComponent(view.household_id)}`),
                get<{ items: Visit[] }>(`${path}/visits`),
                get<{ items: Plan[] }>(`${path}/plans`),
              ]);
              entries.set(`/api/v1/households/${encodeURIComponent(view.household_id)}`, household);
              entries.set(`${path}/visits`, { items: keptVisits(visits.items) });
              entries.set(`${path}/plans`, { items: plans.items.filter((p) => p.current) });
            }
          }
          step();
        }),
      );
    }
    const mineIds = new Set(mine.map((c) => c.id));
    entries.set('/api/v1/worklist', {
      items: worklist.items.filter((i) => !i.case_id || mineIds.has(i.case_id)),
    });
    entries.set('/api/v1/cases', { items: list.items.filter((c) => mineIds.has(c.id)) });
    if (staff !== undefined) {
      entries.set('/api/v1/staff', staff);
    }
    cases = mine.length;
  }
  const preparedAt = now().toISOString();
  await db.transaction('rw', db.field, db.owner, async () => {
    // Whoever held the device before, their copy goes (a device holds one user's field data).
    await db.field.clear();
    const rows: FieldEntry[] = [...entries].map(([path, body]) => ({
      userId: user.id,
      path,
      body,
      savedAt: preparedAt,
    }));
    await db.field.bulkPut(rows);
    await db.owner.put({ key: 'owner', userId: user.id, user, preparedAt });
  });
  return { cases, preparedAt };
}

/**
 * The device's copy of GET `path`, for the user it belongs to only: offline, the signed-in user is
 * the one of the last session (`sessionUserId`), or, before any answer from the server, the owner
 * of the copy (which is how the app opens with no connection).
 */
export async function deviceCopy(
  db: OfflineDb,
  path: string,
  sessionUserId: string | null,
): Promise<unknown> {
  const owner = await db.owner.get('owner');
  if (!owner || owner.preparedAt === null) {
    return undefined;
  }
  if (sessionUserId !== null && sessionUserId !== owner.userId) {
    return undefined;
  }
  if (sessionUserId === null && path !== '/api/v1/me') {
    return undefined;
  }
  const entry = await db.field.get([owner.userId, path]);
  return entry?.body;
}

/** When the server says the session is `user`'s: another user's copy is removed at once. */
export async function claimDevice(db: OfflineDb, user: User): Promise<void> {
  await db.transaction('rw', db.field, db.owner, async () => {
    const owner = await db.owner.get('owner');
    if (owner && owner.userId !== user.id) {
      await db.field.clear();
      await db.owner.clear();
    }
  });
}

/** Sign-out: the field data goes, whoever it belonged to (the outbox stays, per user). */
export async function clearFieldData(db: OfflineDb): Promise<void> {
  await db.transaction('rw', db.field, db.owner, async () => {
    await db.field.clear();
    await db.owner.clear();
  });
}
