import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { fetchAssessments, fetchMapOfChanges } from '../../api/assessments';
import { type CaseView } from '../../api/cases';
import { fullName, type Household } from '../../api/households';

// What several printed documents read: the assessment the address names, the map of changes, a member's name.

/** The case's assessments of `kind`, newest first, and the one the address names (else the newest). */
export function useInstrument(view: CaseView, kind: string) {
  const [params] = useSearchParams();
  const query = useQuery({
    queryKey: ['assessments', view.id],
    queryFn: ({ signal }) => fetchAssessments(view.id, signal),
  });
  const all = (query.data ?? [])
    .filter((a) => a.kind === kind)
    .sort((a, b) => b.date.localeCompare(a.date) || b.created_at.localeCompare(a.created_at));
  const wanted = params.get('assessment');
  return {
    query,
    all,
    wanted: wanted === null ? null : (all.find((a) => a.id === wanted) ?? null),
    chosen: all.find((a) => a.id === wanted) ?? all[0],
  };
}

/** A person of the household by name; one removed since is named as such, never by id. */
export function memberName(household: Household, id: string, fallback: string): string {
  const person = household.members.find((m) => m.id === id);
  return person ? fullName(person) : fallback;
}

export function useChanges(caseId: string) {
  return useQuery({
    queryKey: ['map-of-changes', caseId],
    queryFn: ({ signal }) => fetchMapOfChanges(caseId, signal),
    retry: false,
  });
}
