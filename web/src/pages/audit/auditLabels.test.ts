import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { auditActionLabel, entityLabel } from './auditLabels';

describe('audit log labels', () => {
  it('names actions and objects in words, codes it does not know as they are', () => {
    const t = i18n.getFixedT('ru');
    expect(auditActionLabel(t, 'case.read')).toBe('Просмотр случая');
    expect(auditActionLabel(t, 'auth.login_failed')).toBe('Неудачный вход');
    expect(auditActionLabel(t, 'export.households')).toBe('Выгрузка списка (Семьи)');
    expect(auditActionLabel(t, 'brand.new')).toBe('brand.new');
    expect(entityLabel(t, 'household')).toBe('Семья');
  });
});
