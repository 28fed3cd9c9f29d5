import { useQuery } from '@tanstack/react-query';
import { fetchVisits } from '../api/visits';

/** The visits of a case; the case header and the visits tab share this cache entry. */
export function useVisits(caseId: string, enabled = true) {
  return useQuery({
    queryKey: ['visits', caseId],
    queryFn: ({ signal }) => fetchVisits(caseId, signal),
    enabled,
  });
}
