import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR_TYPE } from '../api/client';
import { OfflineDb, type OutboxItem } from './db';
import {
  BACKOFF_CAP_MS,
  backoffDelay,
  enqueue,
  outboxItems,
  resolvedBody,
  retryItem,
  sendOutbox,
  verdict,
  type Transport,
} from './outbox';

let db: OfflineDb;
let n = 0;

beforeEach(async () => {
  db = new OfflineDb(`outbox-test-${++n}`);
  await db.open();
});

afterEach(async () => {
  db.close();
  await db.delete();
});

const visit = (what: string) => ({
  kind: 'visit' as const,
  method: 'POST' as const,
  path: '/api/v1/cases/c1/visits',
  body: { purpose: what },
  caseId: 'c1',
  summary: what,
});

const network = () => new ApiError({ status: 0, type: NETWORK_ERROR_TYPE });
const problem = (status: number, type: string, body: Record<string, unknown> = {}) =>
  new ApiError({ status, type, detail: `server says ${status}`, body: { type, ...body } });

/** A transport that records each attempt (path, purpose, idempotency key) and answers from `plan`. */
function recording(plan: (item: OutboxItem, attempt: number) => unknown) {
  const calls: { purpose: unknown; key: string }[] = [];
  const transport: Transport = async (item) => {
    calls.push({ purpose: item.body.purpose, key: item.id });
    const answer = plan(item, calls.length);
    if (answer instanceof Error) {
      throw answer;
    }
    return answer;
  };
  return { calls, transport };
}

describe('outbox', () => {
  it('sends in the order the items were made and empties the queue', async () => {
    await enqueue(db, 'u1', visit('first'));
    await enqueue(db, 'u1', visit('second'));
    await enqueue(db, 'u1', visit('third'));
    const { calls, transport } = recording(() => ({}));
    const result = await sendOutbox(db, 'u1', transport, { force: true });
    expect(calls.map((c) => c.purpose)).toEqual(['first', 'second', 'third']);
    expect(result).toMatchObject({ sent: 3, setAside: 0, stopped: null });
    expect(await outboxItems(db, 'u1')).toEqual([]);
  });

  it('sets a refused item aside with the server message and sends the ones behind it', async () => {
    await enqueue(db, 'u1', visit('ok 1'));
    await enqueue(db, 'u1', visit('refused'));
    await enqueue(db, 'u1', visit('ok 2'));
    const { calls, transport } = recording((item) =>
      item.body.purpose === 'refused' ? problem(422, 'urn:patronage:consent.withdrawn') : {},
    );
    const result = await sendOutbox(db, 'u1', transport, { force: true });
    expect(calls.map((c) => c.purpose)).toEqual(['ok 1', 'refused', 'ok 2']);
    expect(result).toMatchObject({ sent: 2, setAside: 1 });
    const left = await outboxItems(db, 'u1');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      state: 'set_aside',
      summary: 'refused',
      problem: { status: 422, message: 'server says 422' },
    });
    // A later run does not send it again by itself.
    const again = recording(() => ({}));
    await sendOutbox(db, 'u1', again.transport, { force: true });
    expect(again.calls).toEqual([]);
  });

  it('keeps a per-field conflict with both values for the user to choose', async () => {
    await enqueue(db, 'u1', {
      kind: 'measure',
      method: 'PATCH',
      path: '/api/v1/plans/p1/measures/m1',
      body: { version: 3, status: 'done' },
      caseId: 'c1',
      summary: 'measure',
    });
    await enqueue(db, 'u1', visit('behind'));
    const conflicts = [
      {
        field: 'status',
        base: 'planned',
        theirs: 'cancelled',
        mine: 'done',
        changed_by_name: 'Петров',
        changed_at: '2026-03-01T10:00:00Z',
      },
    ];
    const { calls, transport } = recording((item) =>
      item.kind === 'measure'
        ? problem(409, 'urn:patronage:record.conflict', { conflicts, current_version: 5 })
        : {},
    );
    await sendOutbox(db, 'u1', transport, { force: true });
    expect(calls).toHaveLength(2);
    const [item] = await outboxItems(db, 'u1');
    expect(item).toMatchObject({ state: 'conflict', problem: { conflicts, currentVersion: 5 } });
    expect(resolvedBody(item!, { status: 'theirs' })).toEqual({ version: 5, status: 'cancelled' });
    expect(resolvedBody(item!, {})).toEqual({ version: 5, status: 'done' });
  });

  it('resolves a visit edit: chosen values on the current version, base = theirs, loser rejected', async () => {
    // docs/offline.md §2: the user edited `actions` and `next_step` offline; a colleague changed
    // `next_step` (and nothing else) meanwhile. Only `next_step` comes back as a conflict.
    await enqueue(db, 'u1', {
      kind: 'visitEdit',
      method: 'PATCH',
      path: '/api/v1/visits/v1',
      body: {
        version: 3,
        actions: 'Консультация матери',
        next_step: 'Звонок в пятницу',
        base: { actions: 'Консультация', next_step: 'Звонок' },
      },
      caseId: 'c1',
      summary: 'visit',
    });
    const conflicts = [
      {
        field: 'next_step',
        base: 'Звонок',
        theirs: 'Встреча в центре',
        mine: 'Звонок в пятницу',
        changed_by: 'head',
        changed_by_name: 'Смирнова О. В.',
        changed_at: '2026-11-23T09:00:00Z',
      },
    ];
    const { transport } = recording(() =>
      problem(409, 'urn:patronage:problem:record.conflict', {
        conflicts,
        current: { id: 'v1', version: 4, next_step: 'Встреча в центре' },
      }),
    );
    await sendOutbox(db, 'u1', transport, { force: true });
    const [item] = await outboxItems(db, 'u1');
    expect(item).toMatchObject({ state: 'conflict', problem: { currentVersion: 4 } });
    expect(item!.problem!.conflicts!.map((c) => c.field)).toEqual(['next_step']);

    // Keeping mine: the colleague's value is the one chosen against, kept in the history.
    expect(resolvedBody(item!, { next_step: 'mine' })).toEqual({
      version: 4,
      actions: 'Консультация матери',
      next_step: 'Звонок в пятницу',
      base: { actions: 'Консультация', next_step: 'Встреча в центре' },
      rejected: { next_step: 'Встреча в центре' },
    });
    // Keeping theirs: my value is the loser; the field then equals the server's and changes nothing.
    expect(resolvedBody(item!, { next_step: 'theirs' })).toEqual({
      version: 4,
      actions: 'Консультация матери',
      next_step: 'Встреча в центре',
      base: { actions: 'Консультация', next_step: 'Встреча в центре' },
      rejected: { next_step: 'Звонок в пятницу' },
    });
  });

  it('resolves a nested field of a visit edit in the record shape', async () => {
    await enqueue(db, 'u1', {
      kind: 'visitEdit',
      method: 'PATCH',
      path: '/api/v1/visits/v1',
      body: { version: 2, observations: { home: 'Тепло' }, base: { observations: { home: '' } } },
      caseId: 'c1',
      summary: 'visit',
    });
    const conflicts = [{ field: 'observations.home', base: '', theirs: 'Холодно', mine: 'Тепло' }];
    const { transport } = recording(() =>
      problem(409, 'urn:patronage:problem:record.conflict', { conflicts, current: { version: 7 } }),
    );
    await sendOutbox(db, 'u1', transport, { force: true });
    const [item] = await outboxItems(db, 'u1');
    expect(resolvedBody(item!, {})).toEqual({
      version: 7,
      observations: { home: 'Тепло' },
      base: { observations: { home: 'Холодно' } },
      rejected: { observations: { home: 'Холодно' } },
    });
  });

  it('treats "already applied" (the answer to a repeated key was lost) as sent', async () => {
    await enqueue(db, 'u1', visit('lost answer'));
    const { transport } = recording(() => problem(409, 'urn:patronage:request.already_applied'));
    const result = await sendOutbox(db, 'u1', transport, { force: true });
    expect(result.sent).toBe(1);
    expect(await outboxItems(db, 'u1')).toEqual([]);
  });

  it('keeps the same Idempotency-Key on every retry, and backs off without giving up', async () => {
    await enqueue(db, 'u1', visit('flaky'));
    await enqueue(db, 'u1', visit('behind'));
    let clock = 1_000_000;
    const { calls, transport } = recording((_item, attempt) => (attempt <= 12 ? network() : {}));
    const delays: number[] = [];
    for (let round = 0; round < 12; round++) {
      const result = await sendOutbox(db, 'u1', transport, { now: () => clock, random: () => 1 });
      expect(result.stopped).toBe('retry');
      delays.push(result.retryAt! - clock);
      // Before the backoff is over an automatic run sends nothing.
      const early = await sendOutbox(db, 'u1', transport, {
        now: () => clock + 500,
        random: () => 1,
      });
      expect(early.stopped).toBe('retry');
      clock = result.retryAt!;
    }
    // The item behind a failing one was never sent out of order.
    expect(calls.every((c) => c.purpose === 'flaky')).toBe(true);
    expect(new Set(calls.map((c) => c.key)).size).toBe(1);
    expect(delays.slice(0, 4)).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(Math.max(...delays)).toBe(BACKOFF_CAP_MS);
    const [flaky] = await outboxItems(db, 'u1');
    expect(flaky).toMatchObject({ state: 'waiting', attempts: 12 });
    const done = await sendOutbox(db, 'u1', transport, { now: () => clock });
    expect(done.sent).toBe(2);
    expect(calls[12]!.key).toBe(calls[0]!.key);
  });

  it('retries server errors and throttling, not rule refusals', () => {
    expect(verdict(network()).kind).toBe('retry');
    expect(verdict(new TypeError('Failed to fetch')).kind).toBe('retry');
    expect(verdict(problem(503, 'about:blank')).kind).toBe('retry');
    expect(verdict(problem(429, 'about:blank')).kind).toBe('retry');
    expect(verdict(problem(401, 'about:blank')).kind).toBe('unauthorized');
    expect(verdict(problem(403, 'urn:patronage:forbidden')).kind).toBe('refused');
    expect(verdict(problem(409, 'urn:patronage:visit.stale')).kind).toBe('refused');
  });

  it('jitters the backoff between half and all of the step, capped at five minutes', () => {
    expect(backoffDelay(1, 0)).toBe(1_000);
    expect(backoffDelay(1, 1)).toBe(2_000);
    expect(backoffDelay(3, 0.5)).toBe(6_000);
    expect(backoffDelay(40, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(40, 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('stops at a 401 and keeps everything for after the sign-in', async () => {
    await enqueue(db, 'u1', visit('a'));
    await enqueue(db, 'u1', visit('b'));
    const { calls, transport } = recording(() => problem(401, 'about:blank'));
    const result = await sendOutbox(db, 'u1', transport, { force: true });
    expect(result.stopped).toBe('unauthorized');
    expect(calls).toHaveLength(1);
    const left = await outboxItems(db, 'u1');
    expect(left.map((i) => [i.summary, i.state])).toEqual([
      ['a', 'waiting'],
      ['b', 'waiting'],
    ]);
  });

  it("never sends or shows one user's items for another", async () => {
    await enqueue(db, 'anna', visit('anna 1'));
    await enqueue(db, 'boris', visit('boris 1'));
    await enqueue(db, 'anna', visit('anna 2'));
    expect((await outboxItems(db, 'boris')).map((i) => i.summary)).toEqual(['boris 1']);
    const { calls, transport } = recording(() => ({}));
    await sendOutbox(db, 'boris', transport, { force: true });
    expect(calls.map((c) => c.purpose)).toEqual(['boris 1']);
    expect((await outboxItems(db, 'anna')).map((i) => i.summary)).toEqual(['anna 1', 'anna 2']);
  });

  it('gives a set-aside item sent again a new key, in its place in the order', async () => {
    const first = await enqueue(db, 'u1', visit('refused'));
    await enqueue(db, 'u1', visit('later'));
    const refuse = recording((item) =>
      item.body.purpose === 'refused' ? problem(422, 'urn:patronage:rule') : network(),
    );
    await sendOutbox(db, 'u1', refuse.transport, { force: true });
    await retryItem(db, first.id);
    const items = await outboxItems(db, 'u1');
    expect(items.map((i) => i.summary)).toEqual(['refused', 'later']);
    expect(items[0]!.state).toBe('waiting');
    expect(items[0]!.id).not.toBe(first.id);
  });
});
