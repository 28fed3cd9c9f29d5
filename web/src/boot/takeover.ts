import { BOOT_ACTIVE_ATTRIBUTE, BOOT_IDS } from './ids';

/*
 * Issue 13 point 13: the app taking over the sign-in form of index.html (./markup.ts) without
 * losing what the user did there before it arrived: the values typed, where the caret was,
 * whether the password was shown, and a "Войти" already pressed.
 */

export type BootFocus = 'login' | 'password' | 'submit' | 'ru' | 'en';

export interface BootSnapshot {
  login: string;
  password: string;
  /** The control that had the focus, if one of the form's. */
  focus: BootFocus | null;
  /** The caret or selection in the focused field. */
  selection: { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;
  passwordVisible: boolean;
  /** The language chosen there. */
  language: 'ru' | 'en';
  /** "Войти" was pressed with both fields filled: sign in at once. */
  pending: boolean;
  /** "Войти" was pressed at all: the fields show their errors, as after a submit in the app. */
  attempted: boolean;
}

function field(doc: Document, id: string): HTMLInputElement | null {
  const element = doc.getElementById(id);
  return element instanceof HTMLInputElement ? element : null;
}

/** What the pre-rendered form holds now; null when it is not on the page. */
export function snapshotSignInBoot(doc: Document = document): BootSnapshot | null {
  const form = doc.getElementById(BOOT_IDS.form);
  const login = field(doc, BOOT_IDS.login);
  const password = field(doc, BOOT_IDS.password);
  if (
    form === null ||
    login === null ||
    password === null ||
    !doc.documentElement.hasAttribute(BOOT_ACTIVE_ATTRIBUTE)
  ) {
    return null;
  }
  const active = doc.activeElement;
  const focus: BootFocus | null =
    active === login
      ? 'login'
      : active === password
        ? 'password'
        : active?.id === BOOT_IDS.submit
          ? 'submit'
          : active instanceof HTMLInputElement && active.name === BOOT_IDS.languageName
            ? (active.value as BootFocus)
            : null;
  let selection: BootSnapshot['selection'] = null;
  if (active === login || active === password) {
    try {
      const input = active as HTMLInputElement;
      if (input.selectionStart !== null && input.selectionEnd !== null) {
        selection = {
          start: input.selectionStart,
          end: input.selectionEnd,
          direction: input.selectionDirection ?? 'none',
        };
      }
    } catch {
      // A field without selection support: the caret goes to the end.
    }
  }
  return {
    login: login.value,
    password: password.value,
    focus,
    selection,
    passwordVisible: password.type === 'text',
    language: field(doc, `${BOOT_IDS.languageName}-en`)?.checked ? 'en' : 'ru',
    pending: form.hasAttribute('data-pending'),
    attempted: form.hasAttribute('data-attempted'),
  };
}

/** Removes the pre-rendered form: the app's own is on screen from now on. */
export function removeSignInBoot(doc: Document = document): void {
  doc.getElementById(BOOT_IDS.root)?.remove();
  doc.documentElement.removeAttribute(BOOT_ACTIVE_ATTRIBUTE);
}
