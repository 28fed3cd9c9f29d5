import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLanguage } from './i18n';
import { SignInShell } from './SignInShell';

const user = {
  id: 'u1',
  login: 'head',
  full_name: 'Смирнова Ольга',
  role: 'head',
  unit_id: 'n1',
  unit_name: 'Отделение',
};

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await setLanguage('ru');
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await setLanguage('ru');
});

// Issue 13 point 13: the sign-in page a phone loads first has no router and no query cache.
describe('SignInShell', () => {
  it('signs in without the router or React Query and stays busy until the app is there', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ user, csrf_token: 't' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    let appReady: () => void = () => {};
    const onSignedIn = vi.fn(() => new Promise<void>((done) => (appReady = done)));
    const preload = vi.fn();
    render(<SignInShell onSignedIn={onSignedIn} preload={preload} />);

    const clicker = userEvent.setup();
    await clicker.type(screen.getByLabelText(/Логин/), 'head');
    await clicker.type(screen.getByLabelText(/Пароль/), 'pw');
    await clicker.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(user));
    // Mantine marks a loading button with data-loading and disables it.
    expect(screen.getByRole('button', { name: 'Войти' })).toHaveAttribute('data-loading');
    appReady();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Войти' })).not.toHaveAttribute('data-loading'),
    );
  });

  it('switches its texts to English', async () => {
    render(<SignInShell onSignedIn={() => {}} preload={() => {}} />);
    await userEvent.setup().click(screen.getByText('EN', { exact: true }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(document.title).toMatch(/Sign in/);
  });

  it('fetches the app once the page has loaded', async () => {
    const preload = vi.fn();
    render(<SignInShell onSignedIn={() => {}} preload={preload} />);
    await waitFor(() => expect(preload).toHaveBeenCalledTimes(1));
  });
});
