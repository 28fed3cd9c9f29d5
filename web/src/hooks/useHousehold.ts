import { useQuery } from '@tanstack/react-query';
import { fetchHousehold } from '../api/households';

/** A case's household; the case header and the case's tabs share this cache entry. */
export function useHousehold(householdId: string, enabled = true) {
  return useQuery({
    queryKey: ['household', householdId],
    queryFn: ({ signal }) => fetchHousehold(householdId, signal),
    enabled,
  });
}
