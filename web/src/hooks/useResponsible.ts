import { useQuery } from '@tanstack/react-query';
import { listPartners, type Partner } from '../api/partners';
import { useMe } from '../auth/session';
import type { ResponsibleDirectory } from '../logic/plans';
import { useUserNames } from './useUsers';

/**
 * Whom a plan measure may name and how to call them (issue 13): the colleagues of the staff
 * directory and the partner organisations the user may see. A list the user may not read is
 * empty; the server has the final word on who may be named.
 */
export function useResponsibleDirectory() {
  const me = useMe().data;
  const { users } = useUserNames();
  const partners = useQuery({
    queryKey: ['partners'],
    queryFn: async ({ signal }) => {
      try {
        return await listPartners(signal);
      } catch {
        return [] as Partner[];
      }
    },
    enabled: !!me && me.role !== 'volunteer',
    staleTime: 5 * 60_000,
  });
  const directory: ResponsibleDirectory = { staff: users, partners: partners.data ?? [] };
  const names = {
    staff: (id: string) =>
      me?.id === id ? me.full_name : users.find((u) => u.id === id)?.full_name,
    partner: (id: string) => directory.partners.find((p) => p.id === id)?.name,
  };
  return { directory, names };
}
