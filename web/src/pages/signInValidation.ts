export const LOGIN_MAX_LENGTH = 100;
export const PASSWORD_MAX_LENGTH = 1024;

export interface SignInValues {
  login: string;
  password: string;
}

/** An i18n key with its parameters, so the message follows the language switch. */
export interface ValidationMessage {
  key:
    | 'signIn.validation.loginRequired'
    | 'signIn.validation.loginTooLong'
    | 'signIn.validation.loginSpaces'
    | 'signIn.validation.passwordRequired'
    | 'signIn.validation.passwordTooLong';
  params?: Record<string, number>;
}

export type SignInErrors = Partial<Record<keyof SignInValues, ValidationMessage>>;

/** Client-side checks only; the server decides whether the credentials are right. */
export function validateSignIn(values: SignInValues): SignInErrors {
  const errors: SignInErrors = {};
  const login = values.login.trim();
  if (login === '') {
    errors.login = { key: 'signIn.validation.loginRequired' };
  } else if (/\s/.test(login)) {
    errors.login = { key: 'signIn.validation.loginSpaces' };
  } else if (login.length > LOGIN_MAX_LENGTH) {
    errors.login = { key: 'signIn.validation.loginTooLong', params: { max: LOGIN_MAX_LENGTH } };
  }
  if (values.password === '') {
    errors.password = { key: 'signIn.validation.passwordRequired' };
  } else if (values.password.length > PASSWORD_MAX_LENGTH) {
    errors.password = {
      key: 'signIn.validation.passwordTooLong',
      params: { max: PASSWORD_MAX_LENGTH },
    };
  }
  return errors;
}
