import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '../api/auth';
import type { Visit } from '../api/visits';
import { OfflineDb } from './db';
import { enqueue, outboxItems } from './outbox';
import {
  claimDevice,
  clearFieldData,
  deviceCopy,
  keptVisits,
  KEPT_VISITS,
  prepareForField,
} from './fieldStore';

let db: OfflineDb;
let n = 0;
beforeEach(async () => {
  db = new OfflineDb(`field-test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const user = (id: string, role: User['role'] = 'specialist'): User => ({
  id,
  login: id,
  full_name: id,
  role,
  unit_id: 'u',
  unit_name: 'Unit',
});

function visitOn(day: number, status = 'done'): Visit {
  const date = `2026-01-${String(day).padStart(2, '0')}`;
  return {
    id: `v${day}-${status}`,
    case_id: 'c1',
    status,
    planned_on: date,
    actual_on: status === 'done' ? date : null,
  } as Visit;
}

/** A fake server: what GET answers for `anna`, a specialist leading case c1 (not c2). */
const server: Record<string, unknown> = {
  '/api/v1/worklist': { items: [{ kind: 'visit_due', title: 'x', case_id: 'c1' }] },
  '/api/v1/cases': {
    items: [
      { id: 'c1', state: 'active', lead_id: 'anna', household_id: 'h1' },
      { id: 'c2', state: 'active', lead_id: 'boris', household_id: 'h2' },
      { id: 'c3', state: 'closed', lead_id: 'anna', household_id: 'h3' },
    ],
  },
  '/api/v1/staff': { items: [] },
  '/api/v1/cases/c1': { id: 'c1', household_id: 'h1', my_relation: 'lead' },
  '/api/v1/households/h1': { id: 'h1', members: [] },
  '/api/v1/cases/c1/visits': {
    items: [...Array.from({ length: 30 }, (_, i) => visitOn(i + 1)), visitOn(31, 'planned')],
  },
  '/api/v1/cases/c1/plans': {
    items: [
      { id: 'p0', current: false },
      { id: 'p1', current: true },
    ],
  },
};
const get = async <T>(path: string): Promise<T> => {
  if (!(path in server)) {
    throw new Error(`unexpected GET ${path}`);
  }
  return server[path] as T;
};

describe('field data on the device', () => {
  it('keeps the recent visits and the planned one, not the whole history', () => {
    const visits = [
      ...Array.from({ length: 30 }, (_, i) => visitOn(i + 1)),
      visitOn(31, 'planned'),
    ];
    const kept = keptVisits(visits);
    expect(kept).toHaveLength(KEPT_VISITS + 1);
    expect(kept[0]!.status).toBe('planned');
    expect(kept[1]!.actual_on).toBe('2026-01-30');
  });

  it("stores the user's own open cases only, and answers only for that user", async () => {
    const progress: number[] = [];
    const { cases } = await prepareForField(db, user('anna'), (p) => progress.push(p.done), get);
    expect(cases).toBe(1);
    expect(progress.at(-1)).toBe(4);
    expect(await deviceCopy(db, '/api/v1/cases/c2', 'anna')).toBeUndefined();
    expect(await deviceCopy(db, '/api/v1/cases/c1', 'anna')).toMatchObject({ id: 'c1' });
    const plans = (await deviceCopy(db, '/api/v1/cases/c1/plans', 'anna')) as { items: unknown[] };
    expect(plans.items).toEqual([{ id: 'p1', current: true }]);
    const visits = (await deviceCopy(db, '/api/v1/cases/c1/visits', 'anna')) as {
      items: unknown[];
    };
    expect(visits.items).toHaveLength(KEPT_VISITS + 1);
    // Another user's session never reads it; before any server answer only /me is answered.
    expect(await deviceCopy(db, '/api/v1/cases/c1', 'boris')).toBeUndefined();
    expect(await deviceCopy(db, '/api/v1/me', 'boris')).toBeUndefined();
    expect(await deviceCopy(db, '/api/v1/cases/c1', null)).toBeUndefined();
    expect(await deviceCopy(db, '/api/v1/me', null)).toMatchObject({ user: { id: 'anna' } });
  });

  it('removes the copy when another user signs in, and on sign-out; the outbox stays, per user', async () => {
    await prepareForField(db, user('anna'), () => {}, get);
    await enqueue(db, 'anna', {
      kind: 'visit',
      method: 'POST',
      path: '/api/v1/cases/c1/visits',
      body: {},
      caseId: 'c1',
      summary: 'offline visit',
    });
    await claimDevice(db, user('anna'));
    expect(await db.field.count()).toBeGreaterThan(0);
    await claimDevice(db, user('boris'));
    expect(await db.field.count()).toBe(0);
    expect(await db.owner.count()).toBe(0);
    expect(await outboxItems(db, 'boris')).toEqual([]);
    expect(await outboxItems(db, 'anna')).toHaveLength(1);

    await prepareForField(db, user('anna'), () => {}, get);
    await clearFieldData(db);
    expect(await db.field.count()).toBe(0);
    expect(await deviceCopy(db, '/api/v1/me', null)).toBeUndefined();
    expect(await outboxItems(db, 'anna')).toHaveLength(1);
  });

  it('keeps the previous copy whole when a refresh fails half-way', async () => {
    await prepareForField(db, user('anna'), () => {}, get);
    const failing = async <T>(path: string): Promise<T> => {
      if (path.endsWith('/plans')) {
        throw new Error('network');
      }
      return get<T>(path);
    };
    await expect(prepareForField(db, user('anna'), () => {}, failing)).rejects.toThrow();
    expect(await deviceCopy(db, '/api/v1/cases/c1/plans', 'anna')).toBeDefined();
  });
});
