import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLanguage } from '../i18n';
import { renderWithProviders } from '../test/render';
import { searchable, searchResultLink, type SearchResult } from '../api/search';
import { SearchBox } from './SearchBox';

const shcherbakova: SearchResult = {
  kind: 'person',
  household_id: 'h1',
  person_id: 'p1',
  case_id: 'c1',
  case_number: '2026-0042',
  case_state: 'active',
  display_name: 'Щербакова Анна Петровна',
  birth_date: '1990-01-01',
  address: 'г. Энск, ул. Ленина, д. 1',
  matched_field: 'name',
};
const unassigned: SearchResult = {
  ...shcherbakova,
  household_id: 'h2',
  person_id: 'p2',
  case_id: null,
  case_number: null,
  case_state: null,
  display_name: 'Щербаков Иван',
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await setLanguage('ru');
  fetchMock = vi.fn(() =>
    Promise.resolve(
      new Response(JSON.stringify({ items: [shcherbakova, unassigned] }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    ),
  );
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('searchable', () => {
  it('needs a word of two letters or digits', () => {
    expect(searchable('')).toBe(false);
    expect(searchable('щ')).toBe(false);
    expect(searchable(' . , ')).toBe(false);
    expect(searchable('щe')).toBe(true);
    expect(searchable('12.03.2015')).toBe(true);
  });
});

describe('searchResultLink', () => {
  it('leads to the case, or to the household without one', () => {
    expect(searchResultLink(shcherbakova)).toBe('/cases/c1');
    expect(searchResultLink(unassigned)).toBe('/households/h2');
  });
});

describe('SearchBox', () => {
  it('searches once the typing pauses and shows each result with its case state', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SearchBox />);
    const input = screen.getByRole('searchbox', { name: 'Поиск семьи или человека' });
    await user.type(input, 'Shcherb');
    expect(await screen.findByText(/Щербакова Анна Петровна/)).toBeInTheDocument();
    // Debounced: one request for the whole word, not one per letter.
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = String(fetchMock.mock.calls[0]?.[0]);
    expect(url).toContain('/api/v1/search?q=Shcherb');
    expect(screen.getByText('Активный патронаж')).toBeInTheDocument();
    expect(screen.getByText('Без случая')).toBeInTheDocument();
    // The case's short number, never its internal id (issue 13 point 8).
    expect(screen.getByText(/Случай № 2026-0042/)).toBeInTheDocument();
    expect(screen.queryByText(/c1/)).toBeNull();
  }, 30_000);

  it('opens the chosen result with the keyboard', async () => {
    const user = userEvent.setup();
    const { router } = renderWithProviders(<SearchBox />);
    const input = screen.getByRole('searchbox', { name: 'Поиск семьи или человека' });
    await user.type(input, 'Щерб');
    await screen.findByText(/Щербаков Иван/);
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(router.state.location.pathname).toBe('/households/h2'));
    expect(input).toHaveValue('');
  }, 30_000);

  it('says what is missing instead of sending a one-letter query', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SearchBox />);
    await user.type(screen.getByRole('searchbox'), 'щ');
    expect(await screen.findByText('Введите не меньше двух букв или дату')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  }, 30_000);
});
