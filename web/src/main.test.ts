import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13 point 13: what a phone downloads before the sign-in form is usable. Follows the
 * static imports of src/main.tsx (dynamic import() calls are separate files, loaded later).
 */
function staticImports(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  const pattern = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, source] of readFileSync(file, 'utf8').matchAll(pattern)) {
      if (!source!.startsWith('.')) {
        packages.add(source!);
        continue;
      }
      const base = resolve(dirname(file), source!);
      const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
        .map((ending) => base + ending)
        .find((candidate) => existsSync(candidate) && !candidate.endsWith('/'));
      if (found === undefined) throw new Error(`${file}: cannot resolve ${source}`);
      if (/\.(ts|tsx)$/.test(found)) pending.push(found);
      else files.add(found);
    }
  }
  return { files: [...files], packages: [...packages] };
}

describe('the sign-in page as first download', () => {
  const { files, packages } = staticImports(join(__dirname, 'main.tsx'));

  it('needs neither the router, React Query, the date pickers nor notifications', () => {
    for (const heavy of [
      'react-router',
      'react-router/dom',
      '@tanstack/react-query',
      '@mantine/dates',
      '@mantine/notifications',
      'dayjs',
      'echarts',
      'cytoscape',
    ]) {
      expect(packages, heavy).not.toContain(heavy);
    }
  });

  it('carries neither the whole catalogues nor all of Mantine’s styles', () => {
    expect(files.filter((file) => file.includes('/locales/'))).toEqual([]);
    expect(packages).not.toContain('@mantine/core/styles.css');
    expect(packages).toContain('virtual:sign-in-locales');
  });

  it('takes over the form of index.html without carrying its markup or styles', () => {
    expect(files.some((file) => file.endsWith('/boot/takeover.ts'))).toBe(true);
    expect(files.filter((file) => /\/boot\/(markup|signInBoot)\.ts$/.test(file))).toEqual([]);
  });

  it('does not load the pages of the app', () => {
    const app = files.filter((file) => /\/(router|App|Providers|queryClient)\.tsx?$/.test(file));
    expect(app).toEqual([]);
  });
});

describe('the texts of the first download (virtual:sign-in-locales)', () => {
  const lookup = (catalogue: Record<string, unknown>, key: string) =>
    key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalogue);

  it('hold every key the sign-in page uses, in both languages', async () => {
    const { ru, en } = await import('virtual:sign-in-locales');
    const { files } = staticImports(join(__dirname, 'main.tsx'));
    const keys = new Set<string>();
    for (const file of files.filter((f) => /\.(ts|tsx)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      for (const [, key] of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) keys.add(key!);
      for (const [, key] of text.matchAll(/\bkey:\s*'([a-zA-Z0-9_.]+)'/g)) keys.add(key!);
    }
    expect(keys.size).toBeGreaterThan(15);
    for (const key of keys) {
      expect(typeof lookup(ru, key), `ru: ${key}`).toBe('string');
      expect(typeof lookup(en, key), `en: ${key}`).toBe('string');
    }
  });
});
