/* The pre-rendered sign-in form of index.html (./markup.ts): small enough for the app's first download. */

/** Ids shared by the markup, the boot script, the takeover and the tests. */
export const BOOT_IDS = {
  root: 'sign-in-boot',
  form: 'sign-in-boot-form',
  login: 'sign-in-boot-login',
  password: 'sign-in-boot-password',
  toggle: 'sign-in-boot-toggle',
  submit: 'sign-in-boot-submit',
  loginError: 'sign-in-boot-login-error',
  passwordError: 'sign-in-boot-password-error',
  status: 'sign-in-boot-status',
  failed: 'sign-in-boot-failed',
  languageName: 'sign-in-boot-language',
} as const;

/** Set on <html> by the boot script on /login: the pre-rendered form shows only then. */
export const BOOT_ACTIVE_ATTRIBUTE = 'data-sign-in-boot';
