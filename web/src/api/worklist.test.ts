import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchWorkList, workItemLink } from './worklist';

afterEach(() => {
  vi.unstubAllGlobals();
});

function respond(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(() =>
      Promise.resolve(
        new Response(JSON.stringify(body), {
          status,
          headers: { 'Content-Type': 'application/json' },
        }),
      ),
    ),
  );
}

describe('fetchWorkList', () => {
  it('keeps well-formed items and drops the rest', async () => {
    respond(200, {
      items: [
        {
          kind: 'visit_due',
          title: 'Визит к семье Смирновых',
          due_on: '2026-05-12',
          overdue: true,
          case_id: 'c1',
        },
        { title: 'no kind' },
        null,
      ],
    });
    const list = await fetchWorkList();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.case_id).toBe('c1');
  });

  it('treats a missing route as an empty list', async () => {
    respond(404, { title: 'Not Found' });
    expect(await fetchWorkList()).toEqual({ items: [] });
  });
});

describe('workItemLink', () => {
  it('leads to the case, or to the signal triage', () => {
    expect(workItemLink({ kind: 'visit_due', title: '', case_id: 'c 1' })).toBe('/cases/c%201');
    expect(workItemLink({ kind: 'signal_triage', title: '', signal_id: 's1' })).toBe(
      '/signals?triage=s1',
    );
    expect(workItemLink({ kind: 'other', title: '' })).toBeNull();
  });
});
