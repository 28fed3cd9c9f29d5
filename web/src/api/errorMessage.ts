import type { TFunction } from 'i18next';
import { isApiError, NETWORK_ERROR_TYPE } from './client';

/** A sentence to show a person for `error`: the server's detail when it gave one. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isApiError(error)) {
    if (error.type === NETWORK_ERROR_TYPE) {
      return t('errors.network');
    }
    return error.detail || error.title || t('errors.unexpected', { status: error.status });
  }
  return t('errors.unexpected', { status: 0 });
}
