import { Badge, Button, Group, Loader, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchWorkList, workItemLink, type WorkItem } from '../api/worklist';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDate, formatDateTime } from '../components/labels';
import ru from '../locales/ru.json';

function kindLabel(t: TFunction, kind: string): string {
  return Object.hasOwn(ru.worklist.kinds, kind)
    ? t(`worklist.kinds.${kind}` as never)
    : t('worklist.kinds.other');
}

function dueText(item: WorkItem, language: string): string | null {
  if (item.due_at) {
    return formatDateTime(item.due_at, language);
  }
  if (item.due_on) {
    return formatDate(item.due_on, language);
  }
  return null;
}

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
          {query.data.items.map((item, index) => {
            const link = workItemLink(item);
            const due = dueText(item, i18n.language);
            return (
              <Paper
                key={`${item.kind}-${item.case_id ?? item.signal_id ?? ''}-${index}`}
                withBorder
                radius="md"
                p="md"
                component="li"
                data-testid="work-item"
                style={
                  item.overdue ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined
                }
              >
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <div>
                    <Group gap="xs">
                      <Badge variant="light" tt="none">
                        {kindLabel(t, item.kind)}
                      </Badge>
                      {item.overdue && (
                        <Badge color="red" tt="none">
                          {t('worklist.overdue')}
                        </Badge>
                      )}
                      {item.case_number && (
                        <Text size="xs" c="dimmed">
                          {t('cases.caseNumber', { number: item.case_number })}
                        </Text>
                      )}
                    </Group>
                    <Text fw={500} mt={4}>
                      {item.title}
                    </Text>
                    {due && (
                      <Text size="sm" c={item.overdue ? 'red.8' : 'dimmed'}>
                        {t('worklist.due', { date: due })}
                      </Text>
                    )}
                  </div>
                  {link && (
                    <Button
                      component={Link}
                      to={link}
                      variant="light"
                      size="xs"
                      style={{ flexShrink: 0 }}
                    >
                      {t('worklist.open')}
                    </Button>
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
