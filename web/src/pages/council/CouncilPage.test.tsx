import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLanguage } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import type { AgendaItem, Meeting } from '../../api/council';
import { daysBefore } from '../../logic/council';
import { CouncilPage } from './CouncilPage';

const agenda: AgendaItem[] = [
  {
    case_id: 'c1',
    household_id: 'h1',
    address: 'г. Энск, ул. Ленина, д. 1',
    state: 'awaiting_decision',
    state_entered_on: '2026-11-20',
    intensity: null,
    planned_end: null,
    lead_id: 'u1',
    lead_name: 'Иванова Мария',
    reasons: [{ reason: 'registration', proposed_kind: 'register_case' }],
  },
];
const meetings: Meeting[] = [
  {
    body: 'council',
    meeting_date: '2026-11-10',
    protocol_number: '16',
    members_present: ['Соколова М. П.'],
    decisions: [
      {
        id: 'd1',
        case_id: 'c9',
        case_state: 'active',
        address: 'ул. Мира, 7',
        kind: 'register_case',
        lead_id: 'u1',
        grounds: 'заключение',
        signed: false,
      },
    ],
  },
];

function json(body: unknown) {
  return Promise.resolve(
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

beforeEach(async () => {
  await setLanguage('ru');
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL) => {
      const url = String(input);
      if (url.includes('/api/v1/me')) {
        return json({
          user: { id: 'me', login: 'secretary', full_name: 'Секретарь', role: 'secretary' },
          csrf_token: 'x',
        });
      }
      if (url.includes('/council/agenda')) {
        return json({ items: agenda });
      }
      if (url.includes('/council/meetings')) {
        return json({ items: meetings });
      }
      return json({ items: [] });
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('daysBefore', () => {
  it('counts back across months and years', () => {
    expect(daysBefore('2026-11-23', 365)).toBe('2025-11-23');
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
  });
});

describe('CouncilPage', () => {
  it('shows the agenda with why each case is on it, and past meetings', async () => {
    renderWithProviders(<CouncilPage />, '/council');
    const row = await screen.findByTestId('agenda-item', {}, { timeout: 10_000 });
    expect(within(row).getByText('г. Энск, ул. Ленина, д. 1')).toBeInTheDocument();
    expect(within(row).getByText('Иванова Мария')).toBeInTheDocument();
    expect(within(row).getByText('Ожидает решения о постановке на патронаж')).toBeInTheDocument();
    const meeting = await screen.findByTestId('meeting', {}, { timeout: 10_000 });
    expect(within(meeting).getByText(/Протокол № 16/)).toBeInTheDocument();
    expect(within(meeting).getByText('Присутствовали: Соколова М. П.')).toBeInTheDocument();
    expect(within(meeting).getByRole('button', { name: 'Подписать' })).toBeInTheDocument();
  }, 30_000);

  it('records a decision with the meeting filled in and the proposed kind', async () => {
    const user = userEvent.setup();
    renderWithProviders(<CouncilPage />, '/council');
    await user.type(await screen.findByLabelText('Номер протокола'), '17');
    await user.type(screen.getByLabelText(/Присутствовали/), 'Соколова М. П.');
    await user.click(
      await screen.findByRole('button', { name: 'Записать решение: г. Энск, ул. Ленина, д. 1' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/Номер протокола/)).toHaveValue('17');
    expect(within(dialog).getByLabelText(/Присутствовали/)).toHaveValue('Соколова М. П.');
    expect(within(dialog).getByLabelText(/Вид решения/)).toHaveValue('register_case');
  }, 30_000);
});
