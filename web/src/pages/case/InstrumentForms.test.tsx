import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Assessment } from '../../api/assessments';
import { GuardedModal } from '../../components/GuardedModal';
import { setLanguage } from '../../i18n';
import { isoDay } from '../../logic/dates';
import { renderWithProviders } from '../../test/render';
import { ChildCardDialogBody, ConflictMapForm, FamilyCardForm } from './InstrumentForms';
import { ConflictMapView } from './InstrumentViews';

// Issue 13 point 15: the family card, the child card and the conflict map had no screens.
const members = [
  { id: 'mother', name: 'Смирнова Татьяна', birth_date: '1988-04-17', household_role: 'mother' },
  { id: 'son', name: 'Смирнов Артём', birth_date: '2014-09-02', household_role: 'child' },
  { id: 'girl', name: 'Смирнова Полина', birth_date: '2018-01-23', household_role: 'child' },
];
let posted: { url: string; body: unknown }[] = [];

beforeEach(async () => {
  await setLanguage('ru');
  posted = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.method === 'POST') {
        posted.push({ url: String(input), body: JSON.parse(String(init.body)) });
      }
      return Promise.resolve(
        new Response(JSON.stringify({ id: 'new', items: [] }), {
          status: init?.method === 'POST' ? 201 : 200,
          headers: { 'Content-Type': 'application/json' },
        }),
      );
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function inModal(title: string, body: React.ReactNode) {
  return renderWithProviders(
    <GuardedModal opened onClose={() => undefined} title={title}>
      {body}
    </GuardedModal>,
  );
}

const type = (label: string | HTMLElement, value: string) =>
  // A required field's label ends in an asterisk.
  fireEvent.change(
    typeof label === 'string'
      ? screen.getByLabelText(new RegExp(`^${label}`), { selector: 'input, textarea' })
      : label,
    {
      target: { value },
    },
  );

describe('instrument forms', { timeout: 40_000 }, () => {
  it('draws the conflict map as it is typed and sends parties, positions and intensity', async () => {
    const user = userEvent.setup();
    inModal('Карта конфликта', <ConflictMapForm caseId="c1" members={members} onDone={() => {}} />);
    await user.click(await screen.findByRole('button', { name: 'Сохранить' }));
    expect(screen.getByText('Укажите хотя бы две стороны конфликта')).toBeInTheDocument();
    expect(posted).toEqual([]);

    type('Предмет конфликта', 'Кто забирает детей');
    type('Сторона 1', 'Смирнова Татьяна');
    type(screen.getAllByLabelText('Позиция: чего хочет, что говорит')[0]!, 'Работает до восьми');
    type('Сторона 2', 'Бабушка');
    await user.click(screen.getByRole('radio', { name: '3 — острый' }));
    const drawing = screen.getByRole('img', { name: /Кто забирает детей/ });
    expect(drawing).toHaveTextContent('Смирнова Татьяна');
    expect(drawing).toHaveTextContent('Работает до восьми');
    expect(drawing.querySelectorAll('path')).toHaveLength(2);

    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toEqual({
      url: '/api/v1/cases/c1/assessments',
      body: {
        kind: 'conflict_map',
        date: isoDay(),
        data: {
          parties: ['Смирнова Татьяна', 'Бабушка'],
          subject: 'Кто забирает детей',
          positions: [{ party: 'Смирнова Татьяна', position: 'Работает до восьми' }],
          intensity: 3,
        },
      },
    });
  });

  it('asks before Esc drops a typed family card, and keeps it as a draft', async () => {
    const user = userEvent.setup();
    inModal('Карта семьи', <FamilyCardForm caseId="c1" members={members} onDone={() => {}} />);
    const blocks = await screen.findAllByRole('group');
    expect(blocks.map((b) => b.querySelector('legend')?.textContent)).toEqual(
      expect.arrayContaining(['Смирнова Татьяна', 'Смирнов Артём', 'Смирнова Полина']),
    );
    type('Нормы и правила семьи', 'Ужинают вместе');
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Закрыть форму?')).toBeInTheDocument();
    expect(window.sessionStorage.getItem('patronage.draft.family_card.c1')).toContain(
      'Ужинают вместе',
    );
  });

  it('sends a family card income read with a decimal comma', async () => {
    const user = userEvent.setup();
    renderWithProviders(<FamilyCardForm caseId="c1" members={members} onDone={() => {}} />);
    const mother = (await screen.findByText('Смирнова Татьяна')).closest('fieldset')!;
    type(within(mother).getByLabelText('Доход в месяц, ₽'), '25 000,5');
    type(within(mother).getByLabelText('Занятость, место работы или учёбы'), 'Продавец');
    await user.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect((posted[0]!.body as { data: { members: unknown[] } }).data.members[0]).toEqual({
      person_id: 'mother',
      employment: 'Продавец',
      income: 25000.5,
    });
  });

  it('offers only minors for a child card and says which have one', async () => {
    const cards = new Map<string, Assessment>([
      [
        'son',
        {
          id: 'a1',
          case_id: 'c1',
          kind: 'child_card',
          date: '2026-11-02',
          author_id: 'u',
          created_at: '2026-11-02T10:00:00Z',
          data: { person_id: 'son' },
          sensitive: {},
        },
      ],
    ]);
    renderWithProviders(
      <ChildCardDialogBody
        caseId="c1"
        members={members}
        cards={cards}
        initialChild="girl"
        onDone={() => {}}
      />,
    );
    const picker = await screen.findByRole('radiogroup', { name: 'Ребёнок' });
    expect(within(picker).getByRole('radio', { name: 'Смирнова Полина' })).toBeChecked();
    expect(
      within(picker)
        .getAllByRole('radio')
        .map((r) => [r.getAttribute('value'), r.closest('.mantine-Radio-root')?.textContent]),
    ).toEqual([
      ['son', 'Смирнов Артёмкарта от 2 ноября 2026'],
      ['girl', 'Смирнова Полинакарты нет'],
    ]);
  });
});

describe('conflict map view', () => {
  it('names the drawing and describes it by a table of parties and positions', async () => {
    const assessment: Assessment = {
      id: 'a',
      case_id: 'c1',
      kind: 'conflict_map',
      date: '2026-12-01',
      author_id: 'u',
      created_at: '2026-12-01T10:00:00Z',
      data: {
        parties: ['Мать', 'Бабушка'],
        subject: 'Деньги',
        positions: [{ party: 'Бабушка', position: 'Против секции' }],
        intensity: 1,
      },
      sensitive: {},
    };
    renderWithProviders(<ConflictMapView assessment={assessment} />);
    const drawing = await screen.findByRole('img', { name: 'Карта конфликта. Предмет: Деньги' });
    const described = document.getElementById(drawing.getAttribute('aria-describedby') ?? '');
    expect(described).toHaveTextContent('Интенсивность: 1 — слабый');
    const rows = within(described!).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      '№СторонаПозиция',
      '1Матьпозиция не указана',
      '2БабушкаПротив секции',
    ]);
    // Low intensity: a dashed line to the subject for each party.
    expect(drawing.querySelectorAll('line[stroke-dasharray]')).toHaveLength(2);
  });
});
