import { DEFAULT_THEME } from '@mantine/core';
import { describe, expect, it } from 'vitest';
import { contrast, luminance, over, parseHex } from './logic/contrast';
import { DIMMED, FILLED_SHADE, LUMINANCE_THRESHOLD, readableTextColors } from './theme';

// Issue 13 point 12: badges and captions read at 1.9–3.6:1; WCAG AA asks 4.5:1.
describe('theme contrast', () => {
  const vars = readableTextColors();

  it('light and outline badges and coloured text reach 4.5:1 on their tint and on white', () => {
    for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
      const text = vars[`--mantine-color-${name}-light-color`]!;
      const tint = over(shades[FILLED_SHADE]!, 0.1);
      expect(contrast(text, tint), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, '#ffffff'), name).toBeGreaterThanOrEqual(4.5);
      expect(vars[`--mantine-color-${name}-outline`]).toBe(text);
    }
  });

  it('filled badges and buttons get black or white text that reaches 4.5:1', () => {
    for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
      const fill = shades[FILLED_SHADE]!;
      // Mantine's autoContrast: black on a colour lighter than the threshold, else white.
      const text = luminance(parseHex(fill)) > LUMINANCE_THRESHOLD ? '#000000' : '#ffffff';
      expect(contrast(text, fill), name).toBeGreaterThanOrEqual(4.5);
      // The same text for plain-element badges, as a CSS variable.
      expect(vars[`--mantine-color-${name}-filled-text`], name).toBe(text);
    }
  });

  it('captions (dimmed text) reach 4.5:1 on white and on light gray', () => {
    expect(vars['--mantine-color-dimmed']).toBe(DIMMED);
    expect(contrast(DIMMED, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(DIMMED, DEFAULT_THEME.colors.gray[1])).toBeGreaterThanOrEqual(4.5);
    // Mantine's default caption colour did not.
    expect(contrast(DEFAULT_THEME.colors.gray[6], '#ffffff')).toBeLessThan(4.5);
  });

  it("a field's error text and required mark reach 4.5:1 on white", () => {
    expect(contrast(vars['--mantine-color-error']!, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // Mantine's default error colour (red-6) did not.
    expect(contrast(DEFAULT_THEME.colors.red[6], '#ffffff')).toBeLessThan(4.5);
  });
});
