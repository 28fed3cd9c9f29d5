import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { setLanguage } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import type { Setting } from '../../api/settings';
import { SettingsPage } from './SettingsPage';

const settings: Setting[] = [
  {
    key: 'database',
    value: '"postgresql://patronage:***@db/patronage"',
    default: '"sqlite:data/patronage.db"',
    source: 'env',
    meaning: 'Адрес базы данных',
  },
  {
    key: 'lifecycle.intensive_limit',
    value: '1',
    default: '2',
    source: 'file',
    meaning: 'Сколько семей на интенсивном патронаже один специалист может вести одновременно',
  },
  {
    key: 'signals.emergency_response_hours',
    value: '24',
    default: '24',
    source: 'default',
    meaning: 'На экстренный сигнал выходят с посещением в течение стольких часов',
  },
];

function json(body: unknown, status = 200) {
  return Promise.resolve(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );
}

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await setLanguage('ru');
  fetchMock = vi.fn((input: RequestInfo | URL) => {
    const url = String(input);
    if (url.includes('/api/v1/settings')) {
      return json({ items: settings });
    }
    return json({ items: [] });
  });
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SettingsPage', () => {
  it('lists every setting with its value, default, source and meaning, read-only', async () => {
    renderWithProviders(<SettingsPage />, '/admin/settings');
    expect(await screen.findByRole('heading', { name: 'Настройки' })).toBeInTheDocument();
    const limit = await screen.findByTestId('setting-lifecycle.intensive_limit');
    expect(within(limit).getByText('lifecycle.intensive_limit')).toBeInTheDocument();
    expect(within(limit).getByText('1')).toBeInTheDocument();
    expect(within(limit).getByText('2')).toBeInTheDocument();
    expect(within(limit).getByText('файл конфигурации')).toBeInTheDocument();
    expect(within(limit).getByText(/один специалист может вести/)).toBeInTheDocument();
    const deadline = screen.getByTestId('setting-signals.emergency_response_hours');
    expect(within(deadline).getByText('по умолчанию')).toBeInTheDocument();
    const database = screen.getByTestId('setting-database');
    expect(within(database).getByText('окружение')).toBeInTheDocument();
    expect(within(database).getByText(/\*\*\*/)).toBeInTheDocument();
    // Grouped by section; nothing to edit.
    expect(screen.getByTestId('settings-lifecycle')).toBeInTheDocument();
    expect(screen.getByTestId('settings-signals')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /сохранить/i })).not.toBeInTheDocument();
    expect(
      fetchMock.mock.calls.every(([, init]) => !init || !init.method || init.method === 'GET'),
    ).toBe(true);
  });

  it('shows the labels in English', async () => {
    await setLanguage('en');
    renderWithProviders(<SettingsPage />, '/admin/settings');
    const limit = await screen.findByTestId('setting-lifecycle.intensive_limit');
    expect(within(limit).getByText('configuration file')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader', { name: 'Default' }).length).toBeGreaterThan(0);
  });

  it('shows an error when the server refuses', async () => {
    fetchMock.mockImplementation(() =>
      json({ type: 'urn:patronage:problem:auth.forbidden', title: 'Forbidden', status: 403 }, 403),
    );
    renderWithProviders(<SettingsPage />, '/admin/settings');
    expect(await screen.findByRole('alert')).toBeInTheDocument();
  });
});
