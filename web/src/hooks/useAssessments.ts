import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addAssessment, fetchAssessments } from '../api/assessments';

export function useAssessments(caseId: string) {
  return useQuery({
    queryKey: ['assessments', caseId],
    queryFn: ({ signal }) => fetchAssessments(caseId, signal),
  });
}

/** Saves an assessment and refreshes what depends on it (the case's risk, the map of changes). */
export function useAddAssessment(
  caseId: string,
  onDone: () => void,
  savedKey: 'case.assessments.saved' | 'case.ecomap.saved' = 'case.assessments.saved',
) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: string; date: string; data: unknown }) =>
      addAssessment(caseId, input),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t(savedKey) });
      onDone();
      await Promise.all([
        client.invalidateQueries({ queryKey: ['assessments', caseId] }),
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['map-of-changes', caseId] }),
      ]);
    },
  });
}
