import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { setLanguage } from '../i18n';
import { setCsrfToken } from '../api/client';
import { renderWithProviders } from '../test/render';
import { SignInForm } from './SignInPage';
import { validateSignIn } from './signInValidation';

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await setLanguage('ru');
  setCsrfToken(null);
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('validateSignIn', () => {
  it('requires both fields and rejects spaces inside the login', () => {
    expect(validateSignIn({ login: '', password: '' })).toEqual({
      login: { key: 'signIn.validation.loginRequired' },
      password: { key: 'signIn.validation.passwordRequired' },
    });
    expect(validateSignIn({ login: '  ', password: 'x' }).login?.key).toBe(
      'signIn.validation.loginRequired',
    );
    expect(validateSignIn({ login: 'a b', password: 'x' }).login?.key).toBe(
      'signIn.validation.loginSpaces',
    );
    expect(validateSignIn({ login: 'x'.repeat(101), password: 'x' }).login).toEqual({
      key: 'signIn.validation.loginTooLong',
      params: { max: 100 },
    });
    expect(validateSignIn({ login: ' head ', password: 'p' })).toEqual({});
  });
});

describe('SignInForm', () => {
  it('labels its inputs and validates as the user types', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SignInForm onSignedIn={() => {}} />);
    const login = screen.getByLabelText(/Логин/);
    const password = screen.getByLabelText(/Пароль/);
    expect(screen.queryByText('Введите логин')).not.toBeInTheDocument();

    await user.type(login, 'a b');
    expect(await screen.findByText('Логин не должен содержать пробелов')).toBeInTheDocument();
    expect(login).toHaveAttribute('aria-invalid', 'true');

    await user.clear(login);
    expect(await screen.findByText('Введите логин')).toBeInTheDocument();

    await user.type(login, 'head');
    await waitFor(() => expect(screen.queryByText('Введите логин')).not.toBeInTheDocument());
    expect(login).toHaveAttribute('aria-invalid', 'false');

    await user.type(password, 'x');
    await user.clear(password);
    expect(await screen.findByText('Введите пароль')).toBeInTheDocument();
  });

  it('does not call the server when submitted empty and shows every error', async () => {
    const user = userEvent.setup();
    renderWithProviders(<SignInForm onSignedIn={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    expect(await screen.findByText('Введите логин')).toBeInTheDocument();
    expect(screen.getByText('Введите пароль')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/Логин/)).toHaveFocus();
  });

  it("shows the server's detail when the credentials are wrong", async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          type: 'urn:x:bad-credentials',
          title: 'Unauthorized',
          detail: 'Неверный логин или пароль',
        }),
        { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignInForm onSignedIn={() => {}} />);
    await user.type(screen.getByLabelText(/Логин/), ' head ');
    await user.type(screen.getByLabelText(/Пароль/), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Неверный логин или пароль');
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/login');
    expect(JSON.parse(init.body as string)).toEqual({ login: 'head', password: 'wrong' });
  });

  it('puts server field errors (422) on the fields', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          title: 'Validation failed',
          detail: 'Исправьте ошибки в форме',
          errors: [{ field: 'login', reason: 'format', message: 'Недопустимые символы' }],
        }),
        { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignInForm onSignedIn={() => {}} />);
    await user.type(screen.getByLabelText(/Логин/), 'h@d');
    await user.type(screen.getByLabelText(/Пароль/), 'p');
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    expect(await screen.findByText('Недопустимые символы')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Исправьте ошибки в форме');
  });

  it('shows English texts after switching the language', async () => {
    await setLanguage('en');
    const user = userEvent.setup();
    renderWithProviders(<SignInForm onSignedIn={() => {}} />);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your login')).toBeInTheDocument();
    expect(screen.getByLabelText(/Password/)).toBeInTheDocument();
  });
});
