import { useEffect } from 'react';
import { MantineProvider } from '@mantine/core';
import { SignInPage, type OnSignedIn } from './pages/SignInPage';
import { cssVariablesResolver, theme } from './theme';

/**
 * The sign-in page on its own, as a phone's first download shows it (src/main.tsx): Mantine's
 * theme and the form, nothing else. Once it is on screen and the browser is idle, `preload`
 * fetches the app: typing a password takes longer than downloading it.
 */
export function SignInShell({
  onSignedIn,
  preload,
}: {
  onSignedIn: OnSignedIn;
  preload: () => void;
}) {
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
      <SignInPage onSignedIn={onSignedIn} />
    </MantineProvider>
  );
}
