import type { TFunction } from 'i18next';
import { isRole } from '../api/auth';

export function roleLabel(role: string, t: TFunction): string {
  return isRole(role) ? t(`roles.${role}`) : t('roles.unknown');
}
