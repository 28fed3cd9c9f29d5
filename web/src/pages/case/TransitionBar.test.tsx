import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../../test/render';
import type { CaseView } from '../../api/cases';
import { TransitionBar } from './TransitionBar';

const view: CaseView = {
  id: 'c1',
  number: '2026-0001',
  family_name: 'Иванова',
  unit_id: 'u1',
  household_id: 'h1',
  signal_id: null,
  state: 'awaiting_decision',
  state_entered_on: '2026-05-01',
  opened_on: '2026-04-20',
  intensity: null,
  planned_end: null,
  lead_id: 'me',
  previous_case_id: null,
  version: 3,
  my_relation: 'lead',
  team: [],
  history: [],
  consents: [],
  decisions: [],
  warnings: [],
  next_states: [
    {
      to: 'active',
      allowed: false,
      blocked_by: { rule: 'case.consent_required', message: 'Нет действующего согласия' },
    },
    { to: 'rejected', allowed: true },
  ],
};

describe('TransitionBar', () => {
  it('disables a blocked transition and shows its rule beside it', async () => {
    renderWithProviders(<TransitionBar view={view} role="specialist" />);
    const activate = await screen.findByRole('button', { name: 'Поставить на патронаж' });
    expect(activate).toBeDisabled();
    const rule = screen.getByText('Нет действующего согласия');
    expect(rule).toHaveAttribute('data-rule', 'case.consent_required');
    expect(activate).toHaveAttribute('aria-describedby', rule.id);
    expect(screen.getByRole('button', { name: 'Отклонить' })).toBeEnabled();
  });

  it('asks for a reason before moving the case', async () => {
    renderWithProviders(<TransitionBar view={view} role="specialist" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Отклонить' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Подтвердить' }));
    expect(await screen.findByText('Обязательное поле')).toBeInTheDocument();
    // Only heads get the override field.
    expect(screen.queryByLabelText(/Причина превышения лимита/)).toBeNull();
  });

  // Issue 13 point 3: Esc does not throw away a typed reason; the draft comes back when the dialog reopens.
  it('asks before closing over a typed reason and keeps it as a draft', async () => {
    window.sessionStorage.clear();
    renderWithProviders(<TransitionBar view={view} role="specialist" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Отклонить' }));
    await userEvent.type(await screen.findByLabelText(/Причина/), 'Семья переехала');
    await userEvent.keyboard('{Escape}');
    expect(await screen.findByText('Закрыть форму?')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Закрыть, оставить черновик' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Отклонить' }));
    expect(await screen.findByLabelText(/Причина/)).toHaveValue('Семья переехала');
  }, 20_000);
});
