/** WCAG 2 contrast arithmetic for the theme (text must reach 4.5:1, SC 1.4.3). */

export type Rgb = [number, number, number];

export function parseHex(hex: string): Rgb {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as Rgb;
}

export function toHex(rgb: Rgb): string {
  return `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
}

export function luminance([r, g, b]: Rgb): number {
  const f = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(parseHex(a)), luminance(parseHex(b))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` at `alpha` over `background`, as one opaque colour. */
export function over(color: string, alpha: number, background = '#ffffff'): string {
  const c = parseHex(color);
  const bg = parseHex(background);
  return toHex(c.map((v, i) => v * alpha + bg[i]! * (1 - alpha)) as Rgb);
}

function darker(color: string, step: number): string {
  return toHex(parseHex(color).map((v) => v * (1 - step)) as Rgb);
}

/**
 * The lightest of `shades` (from index `from` on) that reads at `min`:1 on
 * every one of `backgrounds`; when even the darkest does not, it darkened
 * until it does.
 */
export function readableShade(
  shades: readonly string[],
  backgrounds: string[],
  min = 4.6,
  from = 6,
): string {
  const ok = (c: string) => backgrounds.every((bg) => contrast(c, bg) >= min);
  for (let i = from; i < shades.length; i++) {
    if (ok(shades[i]!)) {
      return shades[i]!;
    }
  }
  let color = shades[shades.length - 1]!;
  for (let step = 0; step < 20 && !ok(color); step++) {
    color = darker(color, 0.08);
  }
  return color;
}
