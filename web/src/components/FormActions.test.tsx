import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '../test/render';
import { ApiError } from '../api/client';
import { FormActions } from './FormActions';
import { MutationError } from './MutationError';

describe('FormActions', () => {
  it('submits the form; Cancel only where the form has one', async () => {
    const onCancel = vi.fn();
    const onSubmit = vi.fn((e: { preventDefault: () => void }) => e.preventDefault());
    renderWithProviders(
      <form onSubmit={onSubmit}>
        <FormActions pending={false} onCancel={onCancel} />
      </form>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Отмена' }));
    expect(onCancel).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  it('names the submit button as told and has no Cancel without onCancel', () => {
    renderWithProviders(<FormActions pending={false} label="Записать" />);
    expect(screen.getByRole('button', { name: 'Записать' })).toHaveAttribute('type', 'submit');
    expect(screen.queryByRole('button', { name: 'Отмена' })).toBeNull();
  });
});

describe('MutationError', () => {
  it('says nothing without an error', () => {
    renderWithProviders(<MutationError error={null} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("announces the error's message and what follows it", () => {
    renderWithProviders(
      <MutationError error={new ApiError({ status: 409, detail: 'Запись уже изменена' })}>
        <span>дальше</span>
      </MutationError>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Запись уже изменена');
    expect(alert).toHaveTextContent('дальше');
  });
});
