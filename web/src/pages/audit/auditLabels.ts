import type { TFunction } from 'i18next';
import ru from '../../locales/ru.json';

export function auditEntities(): string[] {
  return Object.keys(ru.auditLog.entities);
}

/** The action in words; an action this catalogue lacks shows as its code. */
export function auditActionLabel(t: TFunction, action: string): string {
  // Catalogue keys spell the code's dots as dashes (a dot would nest the key).
  const key = action.replaceAll('.', '-');
  if (Object.hasOwn(ru.auditLog.actions, key)) {
    return t(`auditLog.actions.${key}` as never);
  }
  if (action.startsWith('export.')) {
    const list = action.slice('export.'.length);
    return t('auditLog.actions.export', {
      list: Object.hasOwn(ru.exports.lists, list) ? t(`exports.lists.${list}` as never) : list,
    });
  }
  return action;
}

export function entityLabel(t: TFunction, entity: string): string {
  return Object.hasOwn(ru.auditLog.entities, entity)
    ? t(`auditLog.entities.${entity}` as never)
    : entity;
}
