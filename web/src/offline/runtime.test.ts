import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The session is alive and is u1's; every request answers what the test says.
const apiRequest = vi.fn();
vi.mock('../api/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../api/client')>();
  return {
    ...actual,
    apiRequest: (...args: unknown[]) => apiRequest(...args) as unknown,
    getCsrfToken: () => 'token',
    getSessionUser: () => 'u1',
  };
});

const { ApiError } = await import('../api/client');
const { offlineDb } = await import('./db');
const { outboxItems } = await import('./outbox');
const { submitOrQueue } = await import('./runtime');

const edit = {
  kind: 'visitEdit' as const,
  method: 'PATCH' as const,
  path: '/api/v1/visits/v1',
  body: { version: 3, next_step: 'Звонок в пятницу', base: { next_step: 'Звонок' } },
  caseId: 'c1',
  summary: 'visit',
};

const conflict = () =>
  new ApiError({
    status: 409,
    type: 'urn:patronage:problem:record.conflict',
    detail: 'Те же поля записи тем временем изменил другой пользователь.',
    body: {
      conflicts: [
        { field: 'next_step', base: 'Звонок', theirs: 'Встреча', mine: 'Звонок в пятницу' },
      ],
      current: { version: 4 },
    },
  });

afterEach(async () => {
  apiRequest.mockReset();
  await offlineDb().outbox.clear();
});

describe('submitOrQueue', () => {
  it('sends online at once with an Idempotency-Key', async () => {
    apiRequest.mockResolvedValueOnce({ id: 'v1', version: 4 });
    const submitted = await submitOrQueue('u1', edit);
    expect(submitted).toEqual({ queued: false, result: { id: 'v1', version: 4 } });
    const [path, options] = apiRequest.mock.calls[0] as [string, { headers: object }];
    expect(path).toBe('/api/v1/visits/v1');
    expect(options.headers).toHaveProperty('Idempotency-Key');
    expect(await outboxItems(offlineDb(), 'u1')).toEqual([]);
  });

  it('puts an edit that met a conflict online into the outbox for the user to choose', async () => {
    apiRequest.mockRejectedValueOnce(conflict());
    const submitted = await submitOrQueue('u1', edit, { keepConflict: true });
    expect(submitted).toEqual({ queued: true, conflict: true });
    const [item] = await outboxItems(offlineDb(), 'u1');
    expect(item).toMatchObject({
      kind: 'visitEdit',
      state: 'conflict',
      body: edit.body,
      problem: { status: 409, currentVersion: 4, conflicts: [{ field: 'next_step' }] },
    });
  });

  it('throws a conflict for the form to show when not asked to keep it', async () => {
    apiRequest.mockRejectedValueOnce(conflict());
    await expect(submitOrQueue('u1', edit)).rejects.toBeInstanceOf(ApiError);
    expect(await outboxItems(offlineDb(), 'u1')).toEqual([]);
  });
});
