import { listPartners, type Partner } from '../api/partners';
import type { ResponsibleDirectory } from '../logic/plans';
import { useDirectory } from './useDirectory';
import { useUserNames } from './useUsers';

/**
 * Whom a plan measure may name and how to call them (issue 13): the colleagues of the staff
 * directory and the partner organisations the user may see. A list the user may not read is
 * empty; the server has the final word on who may be named.
 */
export function useResponsibleDirectory() {
  const { users, knownName } = useUserNames();
  const partners = useDirectory<Partner>('partners', listPartners);
  const directory: ResponsibleDirectory = { staff: users, partners: partners.data ?? [] };
  const names = {
    staff: knownName,
    partner: (id: string) => directory.partners.find((p) => p.id === id)?.name,
  };
  return { directory, names };
}
