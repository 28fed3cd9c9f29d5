import { createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';
import { luminance, over, parseHex, readableShade } from './logic/contrast';

/** Filled backgrounds: shade 8 carries white text (or black, by autoContrast) at 4.5:1. */
export const FILLED_SHADE = 8;
/** Luminance above which autoContrast writes black on a filled colour (white and black read equally at 0.179). */
export const LUMINANCE_THRESHOLD = 0.185;
/** Captions (`c="dimmed"`): 5.8:1 on white, 5.2:1 on the gray-1 of table heads. */
export const DIMMED = '#5f666d';

/**
 * Text colours of the light, outline and subtle variants and of `c="<colour>"`:
 * Mantine's defaults (shade 6 on a 10 % tint) read at 1.9–3.6:1; these reach 4.5:1
 * (WCAG AA) on the tint and on white.
 */
export function readableTextColors(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    const tint = over(shades[FILLED_SHADE]!, 0.12);
    const text = readableShade(shades, ['#ffffff', tint, '#f8f9fa']);
    vars[`--mantine-color-${name}-light-color`] = text;
    vars[`--mantine-color-${name}-outline`] = text;
    vars[`--mantine-color-${name}-text`] = text;
    // Text on the filled colour, as autoContrast writes it in Mantine's own Badge and Button (plain-element
    // badges use it: web/src/pages/case/VisitRows.module.css).
    vars[`--mantine-color-${name}-filled-text`] =
      luminance(parseHex(shades[FILLED_SHADE]!)) > LUMINANCE_THRESHOLD ? '#000000' : '#ffffff';
  }
  vars['--mantine-color-dimmed'] = DIMMED;
  vars['--mantine-color-placeholder'] = DIMMED;
  // A field's error text and its required mark: Mantine's red-6 reads at 3.3:1 on white.
  vars['--mantine-color-error'] = vars['--mantine-color-red-text']!;
  return vars;
}

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: readableTextColors(),
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: FILLED_SHADE, dark: FILLED_SHADE },
  autoContrast: true,
  luminanceThreshold: LUMINANCE_THRESHOLD,
  defaultRadius: 'md',
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  // Touch targets on a tablet during a home visit.
  components: {
    Button: { defaultProps: { size: 'sm' } },
    // A state or risk badge shows its whole word ("Ожидает решения"), never "Ожидает реш…".
    Badge: { styles: { label: { overflow: 'visible', textOverflow: 'clip' } } },
    // A wide table scrolls sideways on a phone: its scrolling area takes keyboard focus (WCAG 2.1.1).
    TableScrollContainer: {
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    },
  },
});
