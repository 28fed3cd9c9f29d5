import { useEffect, useLayoutEffect, useState } from 'react';
import { MantineProvider } from '@mantine/core';
import { snapshotSignInBoot } from './boot/takeover';
import { currentLanguage, setLanguage } from './i18n/core';
import { SignInPage, type OnSignedIn } from './pages/SignInPage';
import { cssVariablesResolver, theme } from './theme';

/**
 * The sign-in page on its own, as a phone's first download shows it (src/main.tsx): Mantine's
 * theme and the form, nothing else. Once it is on screen and the browser is idle, `preload`
 * fetches the app: typing a password takes longer than downloading it.
 *
 * On a first load index.html already shows a sign-in form of its own (src/boot): this one
 * takes it over, with what was typed there, in the render that replaces it.
 */
export function SignInShell({
  onSignedIn,
  preload,
}: {
  onSignedIn: OnSignedIn;
  preload: () => void;
}) {
  // Read during the render, so that the values are those of the very moment of the swap.
  const [boot] = useState(() => snapshotSignInBoot());
  // A language chosen there after the app had set up its texts: before the first paint.
  useLayoutEffect(() => {
    if (boot !== null && boot.language !== currentLanguage()) {
      void setLanguage(boot.language);
    }
  }, [boot]);

  useEffect(() => {
    const whenIdle = () => {
      if ('requestIdleCallback' in window) {
        // A busy phone may never be idle: two seconds at most.
        window.requestIdleCallback(preload, { timeout: 2000 });
      } else {
        setTimeout(preload, 0);
      }
    };
    if (document.readyState === 'complete') {
      whenIdle();
    } else {
      window.addEventListener('load', whenIdle, { once: true });
      return () => window.removeEventListener('load', whenIdle);
    }
    return undefined;
  }, [preload]);

  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
    >
      <SignInPage onSignedIn={onSignedIn} boot={boot} />
    </MantineProvider>
  );
}
