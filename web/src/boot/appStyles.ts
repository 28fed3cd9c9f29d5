/*
 * Issue 13 point 13: index.html preloads the app's stylesheet instead of linking it
 * (vite.config.ts), so that the pre-rendered sign-in form (./markup.ts) paints without
 * waiting for it. The app applies it here, and renders once it is in.
 */

/** Marks the preloaded stylesheets of index.html. */
export const APP_STYLE_ATTRIBUTE = 'data-app-style';

let applied: Promise<void> | undefined;

/** Applies the preloaded stylesheets; resolves when they are in (at once in development). */
export function applyAppStyles(doc: Document = document): Promise<void> {
  applied ??= Promise.all(
    [...doc.querySelectorAll<HTMLLinkElement>(`link[rel="preload"][${APP_STYLE_ATTRIBUTE}]`)].map(
      (preload) =>
        new Promise<void>((done) => {
          const link = doc.createElement('link');
          link.rel = 'stylesheet';
          if (preload.crossOrigin !== null) {
            link.crossOrigin = preload.crossOrigin;
          }
          // The attribute as written ("/assets/…"), not the resolved URL: Vite's loader of the app's chunks
          // looks for link[href="/assets/…"] and would otherwise add this stylesheet a second time, after the
          // app's, where its UnstyledButton rules override the tabs' font (issue 13 walk).
          link.setAttribute('href', preload.getAttribute('href') ?? preload.href);
          // A stylesheet that failed is no reason to show nothing.
          link.addEventListener('load', () => done(), { once: true });
          link.addEventListener('error', () => done(), { once: true });
          preload.after(link);
        }),
    ),
  ).then(() => undefined);
  return applied;
}
