import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, TextInput } from '@mantine/core';
import { renderWithProviders } from '../test/render';
import { useDraft } from '../hooks/useDraft';
import { isChanged, useUnsavedGuard } from '../hooks/useUnsavedGuard';
import { GuardedModal } from './GuardedModal';

function NoteForm() {
  const [note, setNote, clear] = useDraft('test.note', '');
  useUnsavedGuard(isChanged(note, ''), clear);
  return (
    <TextInput label="Заметка" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
  );
}

function Harness() {
  const [opened, setOpened] = useState(true);
  return (
    <>
      <Button onClick={() => setOpened(true)}>Открыть</Button>
      <GuardedModal opened={opened} onClose={() => setOpened(false)} title="Форма">
        <NoteForm />
      </GuardedModal>
    </>
  );
}

// Typing into Mantine inputs under jsdom is slow when the whole suite runs in parallel.
describe('GuardedModal', { timeout: 20_000 }, () => {
  it('closes at once while nothing is typed', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await screen.findByLabelText('Заметка');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByLabelText('Заметка')).not.toBeInTheDocument());
  });

  it('asks before Esc or × drops typed text, and keeps a draft (issue 13, point 3)', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(await screen.findByLabelText('Заметка'), 'Дети дома одни');
    await user.keyboard('{Escape}');
    expect(await screen.findByText('Закрыть форму?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Продолжить заполнение' }));
    expect(screen.getByLabelText('Заметка')).toHaveValue('Дети дома одни');

    const [close] = screen.getAllByRole('button', { name: 'Закрыть' });
    await user.click(close!);
    await user.click(await screen.findByRole('button', { name: 'Закрыть, оставить черновик' }));
    await waitFor(() => expect(screen.queryByLabelText('Заметка')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Открыть' }));
    expect(await screen.findByLabelText('Заметка')).toHaveValue('Дети дома одни');
  });

  it('asks before a click outside drops typed text', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(await screen.findByLabelText('Заметка'), 'Холодно в квартире');
    const overlay = document.querySelector('.mantine-Modal-overlay');
    expect(overlay).not.toBeNull();
    fireEvent.click(overlay!);
    expect(await screen.findByText('Закрыть форму?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Продолжить заполнение' }));
    expect(screen.getByLabelText('Заметка')).toHaveValue('Холодно в квартире');
  });

  it('discards the draft only when asked to', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(await screen.findByLabelText('Заметка'), 'Черновик');
    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Удалить записи' }));
    await waitFor(() => expect(screen.queryByLabelText('Заметка')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Открыть' }));
    expect(await screen.findByLabelText('Заметка')).toHaveValue('');
  });
});
