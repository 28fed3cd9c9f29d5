import type { BOOT_IDS } from './ids';
import type { BootKey, BootLanguage, BootTexts } from './texts';

/*
 * Issue 13 point 13: the boot script of the pre-rendered sign-in form (./markup.ts). A
 * classic script in <head> (the server's Content-Security-Policy refuses inline scripts), a
 * few hundred bytes, compiled on its own by vite.config.ts: no imports at run time, only
 * types. Before the body is parsed it decides whether the form shows (on /login only) and in
 * which language (the saved one, as src/i18n/core.ts decides); it listens on the document,
 * so that the form takes input and "Войти" is never lost from its first paint. Submitting
 * marks the form pending; the app, when it arrives, signs in with what was typed
 * (./takeover.ts, src/pages/SignInPage.tsx).
 */

export interface BootConfig {
  texts: BootTexts;
  ids: typeof BOOT_IDS;
  activeAttribute: string;
  languageStorageKey: string;
  signInPath: string;
}

/** Installs the boot script's listeners; returns what removes them (for tests). */
export function installSignInBoot(
  config: BootConfig,
  doc: Document = document,
  win: Window = window,
): () => void {
  const { texts, ids } = config;
  const root = doc.documentElement;
  // Once the body is parsed. Not DOMContentLoaded: that waits for the app's module scripts.
  const whenParsed = (then: () => void) => {
    if (doc.readyState === 'loading') {
      doc.addEventListener('readystatechange', then, { once: true });
    } else {
      then();
    }
  };
  if (win.location.pathname !== config.signInPath) {
    // Any other address: the app decides (src/main.tsx); the form never shows.
    whenParsed(() => doc.getElementById(ids.root)?.remove());
    return () => {};
  }

  let language: BootLanguage = 'ru';
  try {
    if (win.localStorage.getItem(config.languageStorageKey) === 'en') {
      language = 'en';
    }
  } catch {
    // Storage can be disabled; Russian, as in the app.
  }
  const t = (key: BootKey) => texts[language][key];
  const element = (id: string) => doc.getElementById(id);
  const input = (id: string) => element(id) as HTMLInputElement | null;

  function showLanguage() {
    root.lang = language;
    doc.title = t('app.pageTitle').replace('{{page}}', t('signIn.title'));
    const page = element(ids.root);
    if (page === null) {
      return;
    }
    page.querySelectorAll<HTMLElement>('[data-t]').forEach((node) => {
      node.textContent = t(node.dataset.t as BootKey);
    });
    for (const name of ['placeholder', 'title', 'aria-label']) {
      page.querySelectorAll(`[data-t-${name}]`).forEach((node) => {
        node.setAttribute(name, t(node.getAttribute(`data-t-${name}`) as BootKey));
      });
    }
    const radio = input(`${ids.languageName}-${language}`);
    if (radio) {
      radio.checked = true;
    }
    const status = element(ids.status);
    if (status?.textContent) {
      status.textContent = t('signInBoot.pending');
    }
  }

  function setError(field: 'login' | 'password', shown: boolean) {
    const error = element(field === 'login' ? ids.loginError : ids.passwordError);
    const box = input(field === 'login' ? ids.login : ids.password);
    if (error === null || box === null) {
      return;
    }
    error.hidden = !shown;
    box.setAttribute('aria-invalid', String(shown));
    if (shown) {
      box.setAttribute('aria-describedby', error.id);
    } else {
      box.removeAttribute('aria-describedby');
    }
  }

  function submit(form: HTMLFormElement) {
    form.setAttribute('data-attempted', '');
    if (form.hasAttribute('data-pending')) {
      return;
    }
    const login = input(ids.login);
    const password = input(ids.password);
    if (login === null || password === null) {
      return;
    }
    const noLogin = login.value.trim() === '';
    const noPassword = password.value === '';
    setError('login', noLogin);
    setError('password', noPassword);
    if (noLogin || noPassword) {
      (noLogin ? login : password).focus();
      return;
    }
    // The app signs in with these values as soon as it has arrived (./takeover.ts).
    form.setAttribute('data-pending', '');
    element(ids.submit)?.setAttribute('aria-disabled', 'true');
    const status = element(ids.status);
    if (status) {
      status.textContent = t('signInBoot.pending');
    }
  }

  root.setAttribute(config.activeAttribute, '');
  root.lang = language;
  if (language !== 'ru') {
    // Texts of the saved language before the first paint: the page stays blank until the
    // body is parsed (the parser finishes in the same task as readystatechange).
    root.style.visibility = 'hidden';
  }
  whenParsed(() => {
    showLanguage();
    root.style.removeProperty('visibility');
  });

  const onSubmit = (event: Event) => {
    const form = event.target;
    if (form instanceof HTMLFormElement && form.id === ids.form) {
      event.preventDefault();
      submit(form);
    }
  };
  const onInput = (event: Event) => {
    const target = event.target as HTMLElement | null;
    if (target?.id === ids.login) {
      setError('login', false);
    } else if (target?.id === ids.password) {
      setError('password', false);
    }
  };
  const onChange = (event: Event) => {
    const target = event.target as HTMLInputElement | null;
    if (target?.name === ids.languageName && (target.value === 'ru' || target.value === 'en')) {
      language = target.value;
      try {
        win.localStorage.setItem(config.languageStorageKey, language);
      } catch {
        // Not remembering the choice is acceptable, as in the app.
      }
      showLanguage();
    }
  };
  const onClick = (event: Event) => {
    const toggle = (event.target as Element | null)?.closest?.(`#${ids.toggle}`);
    const password = input(ids.password);
    if (toggle && password) {
      const shown = password.type === 'password';
      password.type = shown ? 'text' : 'password';
      toggle.setAttribute('aria-pressed', String(shown));
    }
  };
  // The app's files did not arrive: say so instead of waiting forever.
  const onError = (event: Event) => {
    const target = event.target as HTMLElement | null;
    const failed = element(ids.failed);
    if (
      failed !== null &&
      (target?.tagName === 'SCRIPT' ||
        (target?.tagName === 'LINK' && !/icon/.test(target.getAttribute('rel') ?? '')))
    ) {
      failed.hidden = false;
    }
  };
  doc.addEventListener('submit', onSubmit);
  doc.addEventListener('input', onInput);
  doc.addEventListener('change', onChange);
  doc.addEventListener('click', onClick);
  win.addEventListener('error', onError, true);
  return () => {
    doc.removeEventListener('submit', onSubmit);
    doc.removeEventListener('input', onInput);
    doc.removeEventListener('change', onChange);
    doc.removeEventListener('click', onClick);
    win.removeEventListener('error', onError, true);
  };
}
