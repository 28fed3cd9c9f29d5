import { useCallback } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listUsers, type UserAccount } from '../api/admin';
import { useMe } from '../auth/session';

/**
 * Names of the users this user may see (heads and admins see their unit; others
 * only themselves, so other ids show as a short reference).
 */
export function useUserNames() {
  const { t } = useTranslation();
  const me = useMe().data;
  const users = useQuery({
    queryKey: ['users'],
    queryFn: async ({ signal }) => {
      try {
        return await listUsers(signal);
      } catch {
        return [] as UserAccount[];
      }
    },
    staleTime: 5 * 60_000,
  });
  const list = users.data;
  const nameOf = useCallback(
    (id: string | null | undefined): string => {
      if (!id) {
        return t('common.notSpecified');
      }
      if (me && me.id === id) {
        return me.full_name;
      }
      const found = list?.find((u) => u.id === id);
      return found ? found.full_name : t('common.user', { id: id.slice(0, 6) });
    },
    [list, me, t],
  );
  return { users: list ?? [], nameOf };
}
