import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDocumentTitle } from '@mantine/hooks';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  AUDIT_PAGE,
  auditQuery,
  fetchAudit,
  verifyAudit,
  type AuditEntry,
  type AuditFilter,
} from '../../api/exports';
import { downloadFile } from '../../api/download';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatDateTime } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { auditActionLabel, auditEntities, entityLabel } from './auditLabels';
import { QueryState } from '../../components/QueryState';
import { notifyFailure } from '../../components/notifyFailure';

const ENTITIES = auditEntities();
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Where an entry's object is shown in the app, if it is shown. */
function entityLink(entry: AuditEntry): string | null {
  if (entry.entity_id === '') {
    return null;
  }
  if (entry.entity === 'case') {
    return `/cases/${encodeURIComponent(entry.entity_id)}`;
  }
  if (entry.entity === 'household') {
    return `/households/${encodeURIComponent(entry.entity_id)}`;
  }
  return null;
}

function readFilter(search: URLSearchParams): AuditFilter {
  const day = (key: string) => {
    const value = search.get(key) ?? '';
    return DAY.test(value) ? value : undefined;
  };
  return {
    user_id: search.get('user') || undefined,
    entity: search.get('entity') || undefined,
    entity_id: search.get('id') || undefined,
    from: day('from'),
    to: day('to'),
  };
}

/** The audit log for auditors and admins (SPEC §11): who did what, when, from where. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('auditLog.title') }));
  // Filters live in the URL: a reload or a link keeps them.
  const [search, setSearch] = useSearchParams();
  const filter = readFilter(search);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value === '') {
      next.delete(key);
    } else {
      next.set(key, value);
    }
    setSearch(next, { replace: true });
  };
  const { users, nameOf } = useUserNames();
  const query = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ signal, pageParam }) => fetchAudit(filter, pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) =>
      last.length < AUDIT_PAGE ? undefined : (last[last.length - 1]?.seq ?? undefined),
  });
  const entries = query.data?.pages.flat() ?? [];
  const download = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') =>
      downloadFile(auditQuery(filter, { format }), `audit.${format}`),
    onError: (error) => notifyFailure(t('exports.failed'), error, t),
  });
  const verify = useMutation({ mutationFn: verifyAudit });
  const who = (id: string) => (id === '' ? t('auditLog.system') : nameOf(id));

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t('auditLog.title')}</Title>
          <Text c="dimmed" size="sm">
            {t('auditLog.subtitle')}
          </Text>
        </div>
        <Group gap="xs" wrap="wrap">
          <Button
            variant="default"
            leftSection={<IconShieldCheck size={16} aria-hidden />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('auditLog.verify')}
          </Button>
          {(['xlsx', 'csv'] as const).map((format) => (
            <Button
              key={format}
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              loading={download.isPending && download.variables === format}
              onClick={() => download.mutate(format)}
              aria-label={t('auditLog.downloadLabel', { format: format.toUpperCase() })}
            >
              {format.toUpperCase()}
            </Button>
          ))}
        </Group>
      </Group>
      {verify.isSuccess && (
        <Alert
          color={verify.data.ok ? 'green' : 'red'}
          title={verify.data.ok ? t('auditLog.verifyOk') : t('auditLog.verifyBroken')}
          data-testid="audit-verify"
        >
          {verify.data.ok
            ? t('auditLog.verifyChecked', { count: verify.data.checked })
            : t('auditLog.verifyBadSeq', {
                seq: verify.data.bad_seq,
                problem: verify.data.problem,
              })}
        </Alert>
      )}
      {verify.isError && <ErrorPanel error={verify.error} title={t('auditLog.verifyFailed')} />}
      <Paper withBorder radius="md" p="md" component="section" aria-label={t('auditLog.filters')}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
          <NativeSelect
            label={t('auditLog.user')}
            data={[
              { value: '', label: t('auditLog.anyUser') },
              ...[...users]
                .sort((a, b) => a.full_name.localeCompare(b.full_name, 'ru'))
                .map((u) => ({ value: u.id, label: u.full_name })),
            ]}
            value={filter.user_id ?? ''}
            onChange={(e) => set('user', e.currentTarget.value)}
          />
          <NativeSelect
            label={t('auditLog.entity')}
            data={[
              { value: '', label: t('auditLog.anyEntity') },
              ...ENTITIES.map((e) => ({ value: e, label: entityLabel(t, e) })),
            ]}
            value={filter.entity ?? ''}
            onChange={(e) => set('entity', e.currentTarget.value)}
          />
          <TextInput
            label={t('auditLog.entityId')}
            value={filter.entity_id ?? ''}
            onChange={(e) => set('id', e.currentTarget.value)}
          />
          <DatePickerInput
            label={t('auditLog.from')}
            valueFormat="D MMMM YYYY"
            clearable
            value={filter.from ?? null}
            onChange={(value) => set('from', value ?? '')}
          />
          <DatePickerInput
            label={t('auditLog.to')}
            valueFormat="D MMMM YYYY"
            clearable
            value={filter.to ?? null}
            onChange={(value) => set('to', value ?? '')}
          />
        </SimpleGrid>
      </Paper>
      <QueryState query={query} title={t('common.loadFailed')} centered />
      {query.isSuccess && entries.length === 0 && (
        <Paper withBorder radius="md" p="xl">
          <Text c="dimmed" ta="center">
            {t('auditLog.empty')}
          </Text>
        </Paper>
      )}
      {entries.length > 0 && (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="xs" striped data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('auditLog.at')}</Table.Th>
                  <Table.Th>{t('auditLog.user')}</Table.Th>
                  <Table.Th>{t('auditLog.action')}</Table.Th>
                  <Table.Th>{t('auditLog.entity')}</Table.Th>
                  <Table.Th>{t('auditLog.address')}</Table.Th>
                  <Table.Th>{t('auditLog.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => {
                  const link = entityLink(entry);
                  return (
                    <Table.Tr key={entry.seq} data-testid="audit-entry">
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDateTime(entry.at, i18n.language)}
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={() => set('user', entry.user_id)}
                          disabled={entry.user_id === ''}
                        >
                          {who(entry.user_id)}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{auditActionLabel(t, entry.action)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{entityLabel(t, entry.entity)}</Text>
                        {entry.entity_id !== '' &&
                          (link ? (
                            <Anchor component={Link} to={link} size="xs">
                              {entry.entity_id}
                            </Anchor>
                          ) : (
                            <Text size="xs" c="dimmed">
                              {entry.entity_id}
                            </Text>
                          ))}
                      </Table.Td>
                      <Table.Td>{entry.address}</Table.Td>
                      <Table.Td>
                        {entry.details !== '' && entry.details !== '{}' && (
                          <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                            {entry.details}
                          </Code>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {query.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('auditLog.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
