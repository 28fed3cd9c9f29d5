import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { login, type User } from '../api/auth';
import { errorMessage } from '../api/errorMessage';
import { LanguageSwitch } from '../components/LanguageSwitch';
import type { SignInState } from '../auth/paths';
import { removeSignInBoot, type BootSnapshot } from '../boot/takeover';
import { validateSignIn, type SignInValues, type ValidationMessage } from './signInValidation';
import { useValidatedForm } from '../hooks/useValidatedForm';

type Field = keyof SignInValues;

/**
 * Called with the signed-in user; the form stays busy until the returned promise settles
 * (the app may still be loading: src/main.tsx).
 */
export type OnSignedIn = (user: User) => void | Promise<void>;

/**
 * The sign-in page. It needs neither the router nor React Query: a phone's first download
 * is this page alone (src/main.tsx, issue 13 point 13); inside the app, `SignInRoute`
 * gives it what the router knows.
 */
export function SignInPage({
  state = {},
  onSignedIn,
  boot = null,
}: {
  state?: SignInState;
  onSignedIn: OnSignedIn;
  /** The pre-rendered form of index.html that this page takes over (src/boot/takeover.ts). */
  boot?: BootSnapshot | null;
}) {
  const { t } = useTranslation();

  useDocumentTitle(t('app.pageTitle', { page: t('signIn.title') }));

  return (
    <Box mih="100dvh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch size="sm" />
      </Group>
      <Center px="md" pb="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Stack gap={4} align="center">
            <Title order={1} c="blue.8">
              {t('app.name')}
            </Title>
            <Text c="dimmed" ta="center">
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }}>
            {state.expired && (
              <Alert color="yellow" icon={<IconInfoCircle aria-hidden />} mb="md">
                {t('signIn.expired')}
              </Alert>
            )}
            {state.signedOut && !state.expired && (
              <Alert color="blue" icon={<IconInfoCircle aria-hidden />} mb="md">
                {t('signIn.signedOut')}
              </Alert>
            )}
            <SignInForm onSignedIn={onSignedIn} boot={boot} />
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}

/** The login + password form; exported on its own for tests. */
export function SignInForm({
  onSignedIn,
  boot = null,
}: {
  onSignedIn: OnSignedIn;
  boot?: BootSnapshot | null;
}) {
  const { t } = useTranslation();
  // Taking over the pre-rendered form: what was typed there, as it was typed.
  const [values, setValues] = useState<SignInValues>({
    login: boot?.login ?? '',
    password: boot?.password ?? '',
  });
  const formRef = useRef<HTMLFormElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  const [pending, setPending] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);

  const errors = validateSignIn(values);
  // Server-side field errors (422) apply until the user edits the form again.
  const form = useValidatedForm<Field, ValidationMessage>({
    problems: errors,
    message: (problem) => t(problem.key, problem.params),
    serverError,
    triedBefore: boot?.attempted ?? false,
  });
  const { fieldError } = form;

  const change = (field: Field, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    form.touch(field);
    setServerError(null);
  };

  const send = () => {
    if (pending) {
      return;
    }
    setPending(true);
    setServerError(null);
    login({ login: values.login.trim(), password: values.password })
      .then(onSignedIn)
      .catch((error: unknown) => setServerError(error))
      .finally(() => setPending(false));
  };

  const attempt = (event?: FormEvent) => {
    if (errors.login) {
      loginRef.current?.focus();
    } else if (errors.password) {
      passwordRef.current?.focus();
    }
    form.submit(send)(event);
  };

  // Before the first paint of this form: the pre-rendered one goes, the focus and the caret
  // come here (the same task as the render that read its values: no keystroke falls between).
  useLayoutEffect(() => {
    if (boot === null) {
      return;
    }
    removeSignInBoot();
    const target =
      boot.focus === 'login'
        ? loginRef.current
        : boot.focus === 'password'
          ? passwordRef.current
          : boot.focus === 'submit'
            ? submitRef.current
            : boot.focus === null
              ? null
              : (formRef.current?.ownerDocument.querySelector<HTMLInputElement>(
                  `input[type="radio"][value="${boot.focus}"]`,
                ) ?? null);
    target?.focus();
    if (boot.selection && target instanceof HTMLInputElement) {
      try {
        target.setSelectionRange(
          boot.selection.start,
          boot.selection.end,
          boot.selection.direction,
        );
      } catch {
        // No selection in this kind of field.
      }
    }
  }, [boot]);

  // "Войти" was pressed before the app arrived: sign in now, once.
  const bootSubmitted = useRef(false);
  useEffect(() => {
    if (boot?.pending && !bootSubmitted.current) {
      bootSubmitted.current = true;
      attempt();
    }
    // Only on taking over; `attempt` reads the values it was given.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boot]);

  return (
    <form ref={formRef} onSubmit={attempt} noValidate aria-labelledby="sign-in-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="sign-in-title">
            {t('signIn.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('signIn.subtitle')}
          </Text>
        </div>
        {serverError !== null && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title={t('signIn.failed')}
            role="alert"
          >
            {errorMessage(serverError, t)}
          </Alert>
        )}
        <TextInput
          ref={loginRef}
          label={t('signIn.login')}
          placeholder={t('signIn.loginPlaceholder')}
          name="login"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus={boot === null}
          required
          value={values.login}
          onChange={(e) => change('login', e.currentTarget.value)}
          error={fieldError('login')}
        />
        <PasswordInput
          ref={passwordRef}
          label={t('signIn.password')}
          name="password"
          autoComplete="current-password"
          defaultVisible={boot?.passwordVisible}
          required
          value={values.password}
          onChange={(e) => change('password', e.currentTarget.value)}
          error={fieldError('password')}
        />
        <Button ref={submitRef} type="submit" fullWidth size="md" loading={pending}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
