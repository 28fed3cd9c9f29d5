import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Only the styles of the sign-in page; the app brings all of Mantine's (src/App.tsx).
import '@mantine/core/styles/baseline.css';
import '@mantine/core/styles/default-css-variables.css';
import '@mantine/core/styles/global.css';
import '@mantine/core/styles/UnstyledButton.css';
import '@mantine/core/styles/VisuallyHidden.css';
import '@mantine/core/styles/Paper.css';
import '@mantine/core/styles/Center.css';
import '@mantine/core/styles/Group.css';
import '@mantine/core/styles/Stack.css';
import '@mantine/core/styles/Text.css';
import '@mantine/core/styles/Title.css';
import '@mantine/core/styles/Loader.css';
import '@mantine/core/styles/CloseButton.css';
import '@mantine/core/styles/ActionIcon.css';
import '@mantine/core/styles/Alert.css';
import '@mantine/core/styles/Button.css';
import '@mantine/core/styles/Input.css';
import '@mantine/core/styles/PasswordInput.css';
import '@mantine/core/styles/FloatingIndicator.css';
import '@mantine/core/styles/SegmentedControl.css';
import './i18n/core';
import { fetchMe, type User } from './api/auth';
import { SIGN_IN_PATH, safeNext, signInPath } from './auth/paths';
import { SignInShell } from './SignInShell';
import { applyAppStyles } from './boot/appStyles';
import { removeSignInBoot } from './boot/takeover';
import { startOffline } from './offline/start';

/*
 * Issue 13 point 13: a phone on a 3G line must get a usable sign-in form in under 3 s.
 * Every request there costs more than half a second, so the sign-in page is this file alone
 * (React, a few Mantine components, the sign-in texts): no router, no React Query, no
 * catalogues. The app (src/App.tsx) follows in the background once the form is up, or at
 * once on any other address. Before all of this, index.html shows a sign-in form of its own
 * that takes input from its first paint (src/boot); the sign-in page takes it over.
 */

const element = document.getElementById('root');
if (element === null) {
  throw new Error('index.html has no #root element');
}
const root = createRoot(element);

type App = typeof import('./App');
let app: Promise<App> | undefined;
const loadApp = () => (app ??= import('./App'));

/** What the root shows: nothing yet, the sign-in page alone, or the app (which has its own). */
let view: 'none' | 'signIn' | 'app' = 'none';

/** The app's stylesheet (index.html only preloads it): every render below waits for it. */
const styles = applyAppStyles();

// Offline field work (issue 14): GETs answered from the device's copy, the app shell kept by a service worker.
startOffline();

/** Who is signed in: the session cookie is HttpOnly, so only the server can tell. */
const meAnswer = fetchMe();
/** The same answer for deciding here: undefined when the server could not be asked. */
const me = meAnswer.catch(() => undefined);

/** Into the app as `user`, at the page that sent them to sign in ("/" by default). */
async function enter(user: User) {
  const [{ renderApp }] = await Promise.all([loadApp(), styles]);
  if (view === 'app') {
    return;
  }
  view = 'app';
  // Already signed in: the pre-rendered sign-in form of index.html has nothing to do.
  removeSignInBoot();
  window.history.replaceState(
    null,
    '',
    safeNext(new URLSearchParams(window.location.search).get('next')),
  );
  renderApp(root, user);
}

function showSignIn() {
  view = 'signIn';
  root.render(
    <StrictMode>
      <SignInShell
        onSignedIn={enter}
        preload={() => void loadApp().then((module) => module.preloadStartPages())}
      />
    </StrictMode>,
  );
}

if (window.location.pathname === SIGN_IN_PATH) {
  view = 'signIn';
  void styles.then(() => {
    if (view === 'signIn') {
      showSignIn();
    }
  });
  // Already signed in (another tab, a bookmark of /login): straight on.
  void me.then((user) => {
    if (user && view === 'signIn') {
      void enter(user);
    }
  });
} else {
  // Signed out: the sign-in page as soon as the server says so, without waiting for the app.
  void Promise.all([me, styles]).then(([user]) => {
    if (user === null && view === 'none') {
      window.history.replaceState(null, '', signInPath(window.location));
      showSignIn();
    }
  });
  void Promise.all([loadApp(), styles]).then(([{ renderApp }]) => {
    if (view === 'none') {
      view = 'app';
      renderApp(root, meAnswer);
    }
  });
}
