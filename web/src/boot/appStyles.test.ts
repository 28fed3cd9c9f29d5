import { describe, expect, it } from 'vitest';
import { APP_STYLE_ATTRIBUTE, applyAppStyles } from './appStyles';

describe('applyAppStyles', () => {
  it('links the preloaded stylesheet with the href as written, so the chunk loader does not add it twice', () => {
    const preload = document.createElement('link');
    preload.rel = 'preload';
    preload.setAttribute('as', 'style');
    preload.setAttribute('href', '/assets/index-abc.css');
    preload.setAttribute(APP_STYLE_ATTRIBUTE, '');
    document.head.append(preload);
    void applyAppStyles(document);
    // Vite's preload helper skips a CSS dependency when this selector finds it.
    const linked = document.querySelectorAll(
      'link[href="/assets/index-abc.css"][rel="stylesheet"]',
    );
    expect(linked).toHaveLength(1);
  });
});
