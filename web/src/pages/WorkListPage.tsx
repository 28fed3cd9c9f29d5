import { Badge, Button, Chip, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchWorkList, workItemLink, type WorkItem } from '../api/worklist';
import { formatDate, formatDateTime, withHumanDates } from '../components/labels';
import ru from '../locales/ru.json';
import { groupWorkItems, isoDay, WORK_TOPICS, workTopic, type WorkTopic } from '../logic/worklist';
import { QueryState } from '../components/QueryState';

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

function WorkItemCard({ item }: { item: WorkItem }) {
  const { t, i18n } = useTranslation();
  const link = workItemLink(item);
  const due = dueText(item, i18n.language);
  const safety = workTopic(item) === 'safety';
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="li"
      data-testid="work-item"
      style={
        item.overdue || safety
          ? { borderLeft: `4px solid var(--mantine-color-${item.overdue ? 'red' : 'orange'}-6)` }
          : undefined
      }
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div>
          <Group gap="xs">
            <Badge variant="light" color={safety ? 'orange' : undefined} tt="none">
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
            {withHumanDates(item.title, i18n.language)}
          </Text>
          {due && (
            <Text size="sm" c={item.overdue ? 'red' : 'dimmed'}>
              {t('worklist.due', { date: due })}
            </Text>
          )}
        </div>
        {link && (
          <Button component={Link} to={link} variant="light" size="xs" style={{ flexShrink: 0 }}>
            {t('worklist.open')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

export function WorkListPage() {
  const { t } = useTranslation();
  // The chosen topic is in the URL (?show=safety): a reload keeps it.
  const [search, setSearch] = useSearchParams();
  const shown = search.get('show');
  const topic = (WORK_TOPICS as readonly string[]).includes(shown ?? '')
    ? (shown as WorkTopic)
    : 'all';
  const setTopic = (value: string) => {
    const next = new URLSearchParams(search);
    if (value === 'all') {
      next.delete('show');
    } else {
      next.set('show', value);
    }
    setSearch(next, { replace: true });
  };
  useDocumentTitle(t('app.pageTitle', { page: t('worklist.title') }));
  const query = useQuery({
    queryKey: ['worklist'],
    queryFn: ({ signal }) => fetchWorkList(signal),
  });
  const items = query.data?.items ?? [];
  const counts = Object.fromEntries(
    WORK_TOPICS.map((w) => [w, items.filter((i) => workTopic(i) === w).length]),
  ) as Record<WorkTopic, number>;
  const groups = groupWorkItems(
    topic === 'all' ? items : items.filter((i) => workTopic(i) === topic),
    isoDay(new Date()),
  );

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2}>{t('worklist.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('worklist.subtitle')}
        </Text>
      </div>
      <QueryState query={query} title={t('worklist.loadFailed')} centered />
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
        <>
          <Chip.Group multiple={false} value={topic} onChange={(value) => setTopic(value)}>
            <Group gap="xs" role="group" aria-label={t('worklistFilter.label')}>
              <Chip value="all" size="sm">
                {t('worklistFilter.all', { count: query.data.items.length })}
              </Chip>
              {WORK_TOPICS.filter((w) => counts[w] > 0).map((w) => (
                <Chip key={w} value={w} size="sm" data-testid={`topic-${w}`}>
                  {t(`worklistFilter.topics.${w}`, { count: counts[w] })}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {groups.map(({ group, items }) => (
            <Stack key={group} gap="xs" component="section" aria-labelledby={`work-group-${group}`}>
              <Title
                order={3}
                size="h5"
                id={`work-group-${group}`}
                c={group === 'overdue' ? 'red' : undefined}
                data-testid="work-group"
              >
                {t(`worklistFilter.groups.${group}`)} ({items.length})
              </Title>
              <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {items.map((item, index) => (
                  <WorkItemCard
                    key={`${item.kind}-${item.case_id ?? item.signal_id ?? ''}-${index}`}
                    item={item}
                  />
                ))}
              </Stack>
            </Stack>
          ))}
        </>
      )}
    </Stack>
  );
}
