import { apiRequest } from './client';

/** Where a setting's value came from, weakest first. */
export const SETTING_SOURCES = ['default', 'file', 'env', 'flag'] as const;

/** One configuration key in effect; values are TOML literals as in the configuration file. */
export interface Setting {
  key: string;
  value: string;
  default: string;
  source: (typeof SETTING_SOURCES)[number];
  meaning: string;
}

/** Every configuration key in effect (admin only; read-only: the operator edits the configuration file). */
export async function listSettings(signal?: AbortSignal): Promise<Setting[]> {
  const body = await apiRequest<{ items: Setting[] }>('/api/v1/settings', { signal });
  return body.items;
}
