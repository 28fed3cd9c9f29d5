import { Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchWorkList } from '../api/worklist';
import { ErrorPanel } from '../components/ErrorPanel';

export function WorkListPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('worklist.title') }));
  const query = useQuery({
    queryKey: ['worklist'],
    queryFn: ({ signal }) => fetchWorkList(signal),
  });

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2}>{t('worklist.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('worklist.subtitle')}
        </Text>
      </div>
      {query.isPending && (
        <Group justify="center" p="xl">
          <Loader aria-label={t('app.loading')} />
        </Group>
      )}
      {query.isError && (
        <ErrorPanel
          error={query.error}
          title={t('worklist.loadFailed')}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isSuccess && query.data.items.length === 0 && (
        <Paper withBorder radius="md" p="xl">
          <Stack align="center" gap="sm" py="lg">
            <ThemeIcon size={56} radius="xl" variant="light">
              <IconChecklist size={30} aria-hidden />
            </ThemeIcon>
            <Title order={3} size="h4" ta="center">
              {t('worklist.emptyTitle')}
            </Title>
            <Text c="dimmed" ta="center" maw={480}>
              {t('worklist.emptyText')}
            </Text>
          </Stack>
        </Paper>
      )}
      {query.isSuccess && query.data.items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {query.data.items.map((item) => (
            <Paper key={item.id} withBorder radius="md" p="md" component="li">
              <Text fw={500}>{item.title}</Text>
              {item.due_date && (
                <Text size="sm" c="dimmed">
                  {t('worklist.due', {
                    date: dayjs(item.due_date).locale(i18n.language).format('D MMMM YYYY'),
                  })}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
