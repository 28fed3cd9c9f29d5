import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconFolderPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { openCase } from '../api/cases';
import { fetchHousehold } from '../api/households';
import { useMe } from '../auth/session';
import { HouseholdTab } from './case/HouseholdTab';
import { QueryState } from '../components/QueryState';
import { notifyFailure } from '../components/notifyFailure';

/** A household that no case holds yet (reached from the quick search); heads and specialists open a case. */
export function HouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const role = useMe().data?.role ?? '';
  const query = useQuery({
    queryKey: ['household', id],
    queryFn: ({ signal }) => fetchHousehold(id, signal),
    retry: false,
  });
  useDocumentTitle(t('app.pageTitle', { page: query.data?.address ?? t('household.title') }));
  const open = useMutation({
    mutationFn: () => openCase(id),
    onSuccess: (record) => void navigate(`/cases/${encodeURIComponent(record.id)}`),
    onError: (error) => notifyFailure(t('household.openFailed'), error, t),
  });

  if (!query.isSuccess) {
    return (
      <QueryState query={query} label={t('household.loading')} title={t('common.loadFailed')} />
    );
  }
  return (
    <Stack gap="lg" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{query.data.address}</Title>
        {(role === 'head' || role === 'specialist') && (
          <Button
            leftSection={<IconFolderPlus size={18} aria-hidden />}
            loading={open.isPending}
            onClick={() => open.mutate()}
          >
            {t('household.openCase')}
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" p="md">
        <HouseholdTab household={query.data} canWrite={role === 'head' || role === 'specialist'} />
      </Paper>
    </Stack>
  );
}
