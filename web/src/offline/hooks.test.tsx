import 'fake-indexeddb/auto';
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveQuery } from 'dexie';
import { offlineDb } from './db';
import { useOutbox } from './hooks';
import { enqueue } from './outbox';

vi.mock('dexie', async (actual) => {
  const real = await actual<typeof import('dexie')>();
  return { ...real, liveQuery: vi.fn(real.liveQuery) };
});

function Count({ user, label }: { user: string; label: string }) {
  return <p data-testid={label}>{useOutbox(user).length}</p>;
}

const visit = {
  kind: 'visit' as const,
  method: 'POST' as const,
  path: '/api/v1/cases/c1/visits',
  body: { purpose: 'x' },
  caseId: 'c1',
  summary: 'x',
};

afterEach(async () => {
  await offlineDb().outbox.clear();
});

describe('useOutbox', () => {
  it('shows every change to all its users through one shared subscription', async () => {
    const view = render(
      <>
        <Count user="u1" label="a" />
        <Count user="u1" label="b" />
        <Count user="u2" label="other" />
      </>,
    );
    await act(() => enqueue(offlineDb(), 'u1', visit));
    await waitFor(() => expect(screen.getByTestId('a').textContent).toBe('1'));
    expect(screen.getByTestId('b').textContent).toBe('1');
    expect(screen.getByTestId('other').textContent).toBe('0');
    // One subscription for u1, one for u2: not one per component.
    expect(liveQuery).toHaveBeenCalledTimes(2);
    view.unmount();
    // The last user gone, the next one subscribes afresh and still sees the outbox.
    render(<Count user="u1" label="again" />);
    await waitFor(() => expect(screen.getByTestId('again').textContent).toBe('1'));
    expect(liveQuery).toHaveBeenCalledTimes(3);
  });
});
