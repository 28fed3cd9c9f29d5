import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Visit } from '../../api/visits';
import i18n from '../../i18n';
import { CARDS_AT_ONCE, VisitRows } from './VisitRows';

function visit(id: string, patch: Partial<Visit>): Visit {
  return {
    id,
    case_id: 'c1',
    status: 'done',
    planned_on: '2026-11-27',
    actual_on: '2026-11-27',
    kind: 'home',
    participants: [],
    purpose: `Цель ${id}`,
    observations: { home: '', children: [], relations: '' },
    child_safety: { checked: true, concern: false, note: '' },
    actions: 'Беседа',
    next_step: 'Позвонить',
    closing: false,
    missed: null,
    created_by: 'u1',
    created_at: '2026-11-27T10:00:00Z',
    version: 1,
    ...patch,
  };
}

const PLANNED = visit('v1', { status: 'planned', planned_on: '2026-12-12', actual_on: null });
const CONCERN = visit('v2', {
  child_safety: { checked: true, concern: true, note: 'Синяк на руке' },
});
const MISSED = visit('v3', {
  status: 'missed',
  actual_on: null,
  missed: { reason: 'Никого не было дома' },
});

function cards(canWrite: boolean) {
  const onAction = vi.fn();
  render(
    <VisitRows
      visits={[PLANNED, CONCERN, MISSED]}
      phone
      canWrite={canWrite}
      t={i18n.getFixedT('ru')}
      language="ru"
      onAction={onAction}
    />,
  );
  return { rows: screen.getAllByTestId('visit-row'), onAction };
}

describe('VisitRows on a phone', () => {
  it('draws a card per visit: its day and kind, status, purpose, report and concern', () => {
    const { rows } = cards(true);
    expect(rows).toHaveLength(3);
    const [planned, concern, missed] = rows as [HTMLElement, HTMLElement, HTMLElement];
    expect(planned).toHaveTextContent('12 декабря 2026 · На дому');
    expect(within(planned).getByText('Запланировано', { exact: true })).toBeInTheDocument();
    expect(planned).toHaveTextContent('Цель v1');
    expect(within(planned).queryByTestId('visit-concern')).toBeNull();
    expect(concern).toHaveAttribute('data-concern', 'true');
    expect(within(concern).getByTestId('visit-concern')).toHaveTextContent(
      'Опасения за безопасность детей',
    );
    expect(concern).toHaveTextContent('Синяк на руке');
    expect(concern).toHaveTextContent('Беседа · Позвонить');
    expect(within(missed).getByText('Не состоялось', { exact: true })).toBeInTheDocument();
    expect(missed).toHaveTextContent('Никого не было дома');
  });

  it('offers what can be done with each visit, by name, and says which visit was chosen', () => {
    const { rows, onAction } = cards(true);
    const [planned, concern] = rows as [HTMLElement, HTMLElement];
    expect(
      within(planned)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Отметить итог']);
    fireEvent.click(within(planned).getByRole('button', { name: 'Отметить итог' }));
    expect(onAction).toHaveBeenLastCalledWith('outcome', PLANNED);
    fireEvent.click(within(concern).getByRole('button', { name: 'Исправить' }));
    expect(onAction).toHaveBeenLastCalledWith('edit', CONCERN);
    fireEvent.click(within(concern).getByRole('button', { name: 'История изменений' }));
    expect(onAction).toHaveBeenLastCalledWith('history', CONCERN);
  });

  it('offers a reader only the history of a visit', () => {
    const { rows } = cards(false);
    const [planned, concern] = rows as [HTMLElement, HTMLElement];
    expect(within(planned).queryAllByRole('button')).toHaveLength(0);
    expect(
      within(concern)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['История изменений']);
  });

  it('draws the first cards at once and the next ones when the end of the list comes near', () => {
    let seeEnd: (near: boolean) => void = () => {};
    let margin: string | undefined;
    class NearEnd {
      constructor(
        callback: (entries: { isIntersecting: boolean }[]) => void,
        options?: IntersectionObserverInit,
      ) {
        seeEnd = (near) => callback([{ isIntersecting: near }]);
        margin = options?.rootMargin;
      }
      observe() {}
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', NearEnd);
    try {
      const many = Array.from({ length: 10 }, (_, i) => visit(`m${i}`, {}));
      render(
        <VisitRows
          visits={many}
          phone
          canWrite
          t={i18n.getFixedT('ru')}
          language="ru"
          onAction={vi.fn()}
        />,
      );
      expect(screen.getAllByTestId('visit-row')).toHaveLength(CARDS_AT_ONCE);
      expect(margin).toBe('150px 0px');
      act(() => seeEnd(false));
      expect(screen.getAllByTestId('visit-row')).toHaveLength(CARDS_AT_ONCE);
      act(() => seeEnd(true));
      expect(screen.getAllByTestId('visit-row')).toHaveLength(2 * CARDS_AT_ONCE);
      act(() => seeEnd(true));
      expect(screen.getAllByTestId('visit-row')).toHaveLength(10);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
