import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import en from '../locales/en.json';
import ru from '../locales/ru.json';
import { LANGUAGE_STORAGE_KEY, setLanguage } from '../i18n';
import { SignInShell } from '../SignInShell';
import { BOOT_ACTIVE_ATTRIBUTE, BOOT_IDS } from './ids';
import { BOOT_CSS, bootHead, bootMarkup } from './markup';
import { installSignInBoot, type BootConfig } from './signInBoot';
import { snapshotSignInBoot } from './takeover';
import { BOOT_LANGUAGE_STORAGE_KEY, pickBootTexts, type BootTexts } from './texts';

/*
 * Issue 13 point 13: the sign-in form of index.html (src/boot), usable before the app's
 * JavaScript arrives, and the app taking it over. The e2e spec e2e/sign-in-boot.spec.ts does
 * the same in Chromium against the server, with the app's file held back at the network.
 */

const texts: BootTexts = { ru: pickBootTexts(ru, 'ru'), en: pickBootTexts(en, 'en') };
const config: BootConfig = {
  texts,
  ids: BOOT_IDS,
  activeAttribute: BOOT_ACTIVE_ATTRIBUTE,
  languageStorageKey: BOOT_LANGUAGE_STORAGE_KEY,
  signInPath: '/login',
};

let uninstall: () => void = () => {};

/** index.html as the build writes it, at `path`, with the boot script run. */
function bootPage(path = '/login') {
  window.history.replaceState(null, '', path);
  document.body.insertAdjacentHTML('afterbegin', bootMarkup(texts));
  uninstall = installSignInBoot(config);
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

beforeEach(async () => {
  window.localStorage.removeItem(LANGUAGE_STORAGE_KEY);
  await setLanguage('ru');
});

afterEach(async () => {
  uninstall();
  document.getElementById(BOOT_IDS.root)?.remove();
  document.documentElement.removeAttribute(BOOT_ACTIVE_ATTRIBUTE);
  window.history.replaceState(null, '', '/');
  vi.unstubAllGlobals();
  await setLanguage('ru');
});

describe('the texts of the pre-rendered form', () => {
  it('come from the locale files, and the build fails on a missing one', () => {
    expect(texts.ru['signIn.submit']).toBe(ru.signIn.submit);
    expect(texts.en['signIn.login']).toBe(en.signIn.login);
    expect(() => pickBootTexts({ app: {} }, 'ru')).toThrow(/app\.name/);
  });

  it('use the key under which the app saves the language', () => {
    expect(BOOT_LANGUAGE_STORAGE_KEY).toBe(LANGUAGE_STORAGE_KEY);
  });

  it('are escaped in the markup', () => {
    const html = bootMarkup({
      ...texts,
      ru: { ...texts.ru, 'app.tagline': '<b>"&"</b>' },
    });
    expect(html).toContain('&lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;');
    expect(html).not.toContain('<b>');
  });

  it('need no script inline: the page carries only styles and a script file', () => {
    const head = bootHead('/assets/sign-in-boot-x.js');
    expect(head).toMatch(/<script src="\/assets\/sign-in-boot-x\.js"><\/script>$/);
    expect(bootMarkup(texts)).not.toMatch(/<script|\son[a-z]+=/i);
    // No web font holds the form up: the system fonts of the app's theme.
    expect(BOOT_CSS).not.toMatch(/@font-face|@import|url\(/);
  });
});

describe('the pre-rendered form before the app', () => {
  it('shows on /login only', () => {
    bootPage('/cases');
    expect(document.getElementById(BOOT_IDS.root)).toBeNull();
    expect(document.documentElement).not.toHaveAttribute(BOOT_ACTIVE_ATTRIBUTE);
    uninstall();
    bootPage('/login');
    expect(document.documentElement).toHaveAttribute(BOOT_ACTIVE_ATTRIBUTE);
    expect(document.title).toBe('Вход в систему — Патронаж');
  });

  it('names empty fields instead of sending', async () => {
    bootPage();
    const clicker = userEvent.setup();
    await clicker.click(byId(BOOT_IDS.submit));
    expect(byId(BOOT_IDS.loginError)).toBeVisible();
    expect(byId(BOOT_IDS.login)).toHaveAttribute('aria-invalid', 'true');
    expect(byId(BOOT_IDS.login)).toHaveAttribute('aria-describedby', BOOT_IDS.loginError);
    expect(byId(BOOT_IDS.login)).toHaveFocus();
    expect(byId(BOOT_IDS.form)).not.toHaveAttribute('data-pending');
    await clicker.type(byId(BOOT_IDS.login), 'ivanova');
    expect(byId(BOOT_IDS.loginError)).not.toBeVisible();
  });

  it('keeps a "Войти" pressed with both fields filled, and says so', async () => {
    bootPage();
    const clicker = userEvent.setup();
    await clicker.type(byId(BOOT_IDS.login), 'ivanova');
    await clicker.type(byId(BOOT_IDS.password), 'secret{Enter}');
    expect(byId(BOOT_IDS.form)).toHaveAttribute('data-pending');
    expect(byId(BOOT_IDS.submit)).toHaveAttribute('aria-disabled', 'true');
    expect(byId(BOOT_IDS.status)).toHaveTextContent(ru.signInBoot.pending);
  });

  it('starts in the saved language and switches, remembering the choice', async () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    bootPage();
    expect(document.documentElement.lang).toBe('en');
    expect(byId(`${BOOT_IDS.form}-title`)).toHaveTextContent('Sign in');
    expect(byId(BOOT_IDS.login)).toHaveAttribute('placeholder', en.signIn.loginPlaceholder);
    await userEvent.setup().click(screen.getByText('RU'));
    expect(document.documentElement.lang).toBe('ru');
    expect(byId(`${BOOT_IDS.form}-title`)).toHaveTextContent('Вход в систему');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ru');
  });

  it('tells when the app could not be loaded', () => {
    bootPage();
    const script = document.createElement('script');
    document.head.append(script);
    script.dispatchEvent(new Event('error'));
    script.remove();
    expect(byId(BOOT_IDS.failed)).toBeVisible();
  });
});

describe('the app taking the form over', () => {
  const user = {
    id: 'u1',
    login: 'ivanova',
    full_name: 'Иванова Анна',
    role: 'specialist',
    unit_id: 'n1',
    unit_name: 'Отделение',
  };

  it('keeps the values, the focus and the caret', async () => {
    bootPage();
    const clicker = userEvent.setup();
    await clicker.type(byId(BOOT_IDS.login), 'ivanova');
    await clicker.type(byId(BOOT_IDS.password), 'secr');
    byId<HTMLInputElement>(BOOT_IDS.password).setSelectionRange(1, 3);
    expect(snapshotSignInBoot()).toMatchObject({
      login: 'ivanova',
      password: 'secr',
      focus: 'password',
      selection: { start: 1, end: 3 },
      pending: false,
    });

    render(<SignInShell onSignedIn={() => {}} preload={() => {}} />);
    expect(document.getElementById(BOOT_IDS.root)).toBeNull();
    expect(document.documentElement).not.toHaveAttribute(BOOT_ACTIVE_ATTRIBUTE);
    const login = screen.getByLabelText(/Логин/);
    const password = screen.getByLabelText(/Пароль/) as HTMLInputElement;
    expect(login).toHaveValue('ivanova');
    expect(password).toHaveValue('secr');
    expect(password).toHaveFocus();
    expect([password.selectionStart, password.selectionEnd]).toEqual([1, 3]);
  });

  it('signs in at once when "Войти" was pressed before it arrived', async () => {
    const fetchMock = vi.fn().mockResolvedValue(
      new Response(JSON.stringify({ user, csrf_token: 't' }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    bootPage();
    const clicker = userEvent.setup();
    await clicker.type(byId(BOOT_IDS.login), ' ivanova ');
    await clicker.type(byId(BOOT_IDS.password), 'secret');
    await clicker.click(byId(BOOT_IDS.submit));

    const onSignedIn = vi.fn();
    // As src/main.tsx renders it: StrictMode runs effects twice, the sign-in goes once.
    render(
      <StrictMode>
        <SignInShell onSignedIn={onSignedIn} preload={() => {}} />
      </StrictMode>,
    );
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(user));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/login');
    expect(JSON.parse(init.body as string)).toEqual({ login: 'ivanova', password: 'secret' });
  });

  it('keeps the language chosen there', async () => {
    bootPage();
    await userEvent.setup().click(screen.getByText('EN'));
    await setLanguage('ru'); // the app had set up its texts before the switch
    render(<SignInShell onSignedIn={() => {}} preload={() => {}} />);
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('is a no-op without the pre-rendered form (the sign-in page inside the app)', () => {
    expect(snapshotSignInBoot()).toBeNull();
    render(<SignInShell onSignedIn={() => {}} preload={() => {}} />);
    expect(screen.getByLabelText(/Логин/)).toHaveValue('');
    expect(screen.getByLabelText(/Логин/)).toHaveFocus();
  });
});
