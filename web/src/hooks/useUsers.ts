import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { listStaff, type StaffMember } from '../api/staff';
import { useMe } from '../auth/session';
import { useDirectory } from './useDirectory';

/**
 * Names of the colleagues this user may see (GET /api/v1/staff: their unit subtree and the units above it);
 * an id outside it shows as a short reference. Volunteers get no list.
 */
export function useUserNames() {
  const { t } = useTranslation();
  const me = useMe().data;
  const users = useDirectory<StaffMember>('staff', listStaff);
  const list = users.data;
  /** The name of a colleague this user knows of (themselves included), else undefined. */
  const knownName = useCallback(
    (id: string): string | undefined =>
      me && me.id === id ? me.full_name : list?.find((u) => u.id === id)?.full_name,
    [list, me],
  );
  const nameOf = useCallback(
    (id: string | null | undefined): string => {
      if (!id) {
        return t('common.notSpecified');
      }
      return knownName(id) ?? t('common.user', { id: id.slice(0, 6) });
    },
    [knownName, t],
  );
  return { users: list ?? [], nameOf, knownName };
}
