import { Modal } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from './test/render';

// Issue 13 point 12: a dialog's × had no accessible name.
describe('dialogs', () => {
  it('name their close button', async () => {
    renderWithProviders(
      <Modal opened onClose={() => undefined} title="Новое посещение">
        <p>Текст</p>
      </Modal>,
    );
    expect(await screen.findByRole('button', { name: 'Закрыть окно' })).toBeInTheDocument();
  });
});
