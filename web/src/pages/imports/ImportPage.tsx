import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDownload,
  IconFileCheck,
  IconFileSettings,
  IconTableExport,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listUnits } from '../../api/admin';
import { downloadFile } from '../../api/download';
import {
  canImport,
  downloadImportReport,
  importHouseholds,
  IMPORT_TEMPLATE_PATH,
  storedMatches,
  undoImport,
  type ImportReport,
  type ImportRequest,
  type ImportRow,
  type StoredMatch,
} from '../../api/imports';
import { isApiError } from '../../api/client';
import type { UploadStage } from '../../api/upload';
import { useMe } from '../../auth/session';
import { MutationError } from '../../components/MutationError';
import { formatDate } from '../../components/labels';
import { notifyFailure } from '../../components/notifyFailure';
import { fileToBase64 } from '../../logic/files';
import {
  canApply,
  checkImportFile,
  checkMappingFile,
  choicesFor,
  decisionsOf,
  loadedFamilies,
  reportRows,
  rowsToDecide,
  storedMatchIds,
  undecidedCount,
  type RowChoice,
} from '../../logic/imports';
import { unitOptions, unitTree } from '../../logic/units';
import ru from '../../locales/ru.json';
import { ImportProgress } from './ImportProgress';
import { SideBySide } from './SideBySide';

function reasonLabel(t: TFunction, reason: string): string {
  return Object.hasOwn(ru.intake.reasons, reason) ? t(`intake.reasons.${reason}` as never) : reason;
}

function Counts({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const c = report.counts;
  const items: [string, number, string][] = [
    ['householdsCreated', c.households_created, 'green'],
    ['householdsUpdated', c.households_updated, 'blue'],
    ['personsCreated', c.persons_created, 'green'],
    ['personsUpdated', c.persons_updated, 'blue'],
    ['held', c.held, 'orange'],
    ['casesOpened', c.cases_opened, 'green'],
    ['errors', c.errors, 'red'],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="xs" data-testid="import-counts">
      {items.map(([key, value, color]) => (
        <Paper key={key} withBorder p="xs" radius="sm">
          <Text size="xs" c="dimmed">
            {t(`imports.counts.${key}` as never)}
          </Text>
          <Text fw={700} size="lg" c={value > 0 ? `${color}.8` : undefined}>
            {value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Issues({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  if (report.issues.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('imports.errorsTitle')}
      </Title>
      <Text size="sm">{t('imports.errorsHint')}</Text>
      <Table.ScrollContainer minWidth={520}>
        <Table striped withTableBorder data-testid="import-issues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('imports.row')}</Table.Th>
              <Table.Th>{t('imports.column')}</Table.Th>
              <Table.Th>{t('imports.value')}</Table.Th>
              <Table.Th>{t('imports.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.issues.map((issue, i) => (
              <Table.Tr key={`${issue.row}-${i}`} bg="red.0">
                <Table.Td>{issue.row}</Table.Td>
                <Table.Td>{issue.column}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{issue.value}</Table.Td>
                <Table.Td>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The families' cases the file names, one line each, as the command's report prints them. */
function Cases({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  if (report.cases.length === 0) {
    return null;
  }
  return (
    <Stack gap="xs" data-testid="import-cases">
      <Title order={3} size="h4">
        {t('imports.casesTitle')}
      </Title>
      <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {report.cases.map((c) => (
          <Text component="li" size="sm" key={c.row}>
            {t('imports.row')} {c.row}: {c.message}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

/** What the side-by-sides of the held rows need: the stored persons, the file's other rows. */
interface CompareSources {
  stored: Map<string, StoredMatch>;
  storedState: 'loading' | 'error' | 'ready';
  fileRows: Map<number, ImportRow>;
}

function MatchCompare({
  row,
  match,
  sources,
}: {
  row: ImportRow;
  match: ImportRow['matches'][number];
  sources: CompareSources;
}) {
  const { t } = useTranslation();
  if (!row.values) {
    return null;
  }
  if (match.person_id === null) {
    const other = match.row === null ? undefined : sources.fileRows.get(match.row)?.values;
    return other ? (
      <SideBySide
        row={row.row}
        file={row.values}
        other={other}
        otherTitle={t('imports.compare.inFile', { row: match.row })}
      />
    ) : null;
  }
  const stored = sources.stored.get(match.person_id);
  if (!stored) {
    return sources.storedState === 'loading' ? null : (
      <Text size="sm" c="dimmed">
        {t(
          sources.storedState === 'error'
            ? 'imports.compare.failed'
            : 'imports.compare.unavailable',
        )}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <SideBySide
        row={row.row}
        file={row.values}
        other={stored}
        otherTitle={t('imports.compare.stored')}
      />
      <Anchor
        component={Link}
        to={`/households/${encodeURIComponent(stored.household_id)}`}
        size="sm"
        target="_blank"
      >
        {t('imports.compare.openHousehold')}
      </Anchor>
    </Stack>
  );
}

function DecideRow({
  row,
  choice,
  onChoose,
  sources,
}: {
  row: ImportRow;
  choice: RowChoice;
  onChoose: (choice: RowChoice) => void;
  sources: CompareSources;
}) {
  const { t, i18n } = useTranslation();
  const options = choicesFor(row);
  return (
    <Paper withBorder p="sm" radius="sm" bg="yellow.0" data-testid="import-duplicate">
      <Stack gap="xs">
        <Text fw={600}>{t('imports.heldRow', { row: row.row, name: row.name })}</Text>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {row.matches.map((m) => (
            <Stack component="li" gap={6} key={m.person_id ?? `row-${m.row}`}>
              <Text size="sm">
                {m.person_id === null
                  ? t('imports.matchInFile', { row: m.row, name: m.name })
                  : t('imports.matchInRegistry', { name: m.name })}
                {m.birth_date && `, ${formatDate(m.birth_date, i18n.language)}`}
                {' · '}
                {t('intake.score', { percent: Math.round(m.score * 100) })}
                {' · '}
                {m.reasons.map((r) => reasonLabel(t, r)).join(', ')}
              </Text>
              <MatchCompare row={row} match={m} sources={sources} />
            </Stack>
          ))}
        </Stack>
        <Radio.Group
          value={choice}
          onChange={(value) => onChoose(value as RowChoice)}
          label={t('imports.decide')}
        >
          <Stack gap={6} mt={4}>
            {options.map((option) => {
              const match = row.matches.find((m) => `same:${m.person_id}` === option);
              return (
                <Radio
                  key={option}
                  value={option}
                  label={
                    option === 'new'
                      ? t('imports.decideNew')
                      : t('imports.decideSame', { name: match?.name ?? '' })
                  }
                />
              );
            })}
          </Stack>
        </Radio.Group>
      </Stack>
    </Paper>
  );
}

function Applied({ report, onUndone }: { report: ImportReport; onUndone: () => void }) {
  const { t } = useTranslation();
  const families = loadedFamilies(report).slice(0, 20);
  const undo = useMutation({
    mutationFn: () => undoImport(report.batch_id ?? ''),
    onSuccess: (r) => {
      notifications.show({
        color: 'green',
        message: t('imports.undone', { removed: r.removed, restored: r.restored }),
      });
      onUndone();
    },
    onError: (error) => notifyFailure(t('imports.undoFailed'), error, t),
  });
  return (
    <Alert color="green" title={t('imports.appliedTitle')} data-testid="import-applied">
      <Stack gap="xs">
        <Text size="sm">
          {t('imports.appliedText', {
            batch: report.batch_id,
            households: report.counts.households_created,
            persons: report.counts.persons_created,
            updated: report.counts.households_updated + report.counts.persons_updated,
          })}
        </Text>
        {report.counts.held > 0 && (
          <Text size="sm">{t('imports.appliedHeld', { count: report.counts.held })}</Text>
        )}
        {families.length > 0 && (
          <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {families.map((f) => (
              <li key={f.id}>
                <Anchor component={Link} to={`/households/${encodeURIComponent(f.id)}`} size="sm">
                  {f.name || t('imports.family')}
                </Anchor>
              </li>
            ))}
          </Group>
        )}
        <Group>
          <Button
            variant="default"
            color="red"
            loading={undo.isPending}
            onClick={() => undo.mutate()}
          >
            {t('imports.undo')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Issue 18: a head loads a service's register from XLSX or CSV — checked first, then applied whole. */
export function ImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('imports.title') }));
  const user = useMe().data;
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => listUnits(signal) });
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<File | null>(null);
  const [unit, setUnit] = useState<string>('');
  const [choices, setChoices] = useState<Record<number, RowChoice>>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const [stage, setStage] = useState<UploadStage | null>(null);
  const [action, setAction] = useState<'check' | 'apply' | 'report'>('check');

  const request = async (apply: boolean): Promise<ImportRequest> => {
    if (!file) {
      throw new Error('no file');
    }
    return {
      file: await fileToBase64(file),
      file_name: file.name,
      unit: unit || user?.unit_id || undefined,
      apply,
      decisions: decisionsOf(choices),
      mapping: mapping ? await mapping.text() : undefined,
    };
  };
  const send = useMutation({
    mutationFn: async (apply: boolean) => {
      setAction(apply ? 'apply' : 'check');
      return importHouseholds(await request(apply), setStage);
    },
    onSuccess: (next) => setReport(next),
    onSettled: () => setStage(null),
  });
  const download = useMutation({
    mutationFn: async () => {
      setAction('report');
      await downloadImportReport(await request(false), setStage);
    },
    onError: (error) => notifyFailure(t('imports.reportFailed'), error, t),
    onSettled: () => setStage(null),
  });
  const toDecide = report && !report.applied ? rowsToDecide(report, choices) : [];
  const matchIds = storedMatchIds(toDecide);
  // Each answer is an audited read of personal data: asked once per set of persons, not on focus.
  const stored = useQuery({
    queryKey: ['importMatches', matchIds],
    queryFn: ({ signal }) => storedMatches(matchIds, signal),
    enabled: matchIds.length > 0,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });

  if (!user || !canImport(user.role)) {
    return <Alert color="gray">{t('imports.notAllowed')}</Alert>;
  }

  const fileProblem = file ? checkImportFile(file) : null;
  const mappingProblem = mapping ? checkMappingFile(mapping) : null;
  const pick = (next: File | null) => {
    setFile(next);
    setReport(null);
    setChoices({});
    send.reset();
  };
  const pickMapping = (next: File | null) => {
    setMapping(next);
    setReport(null);
    send.reset();
  };
  const undecided = report ? undecidedCount(report, choices) : 0;
  const options = unitOptions(unitTree(units.data ?? []));
  const busy = send.isPending || download.isPending;
  const blocked = !file || fileProblem !== null || mappingProblem !== null;
  const serverMappingError = isApiError(send.error)
    ? send.error.fieldMessage('mapping')
    : undefined;
  const sources: CompareSources = {
    stored: new Map((stored.data ?? []).map((p) => [p.person_id, p])),
    storedState: stored.isError ? 'error' : stored.isSuccess ? 'ready' : 'loading',
    fileRows: new Map((report?.rows ?? []).map((r) => [r.row, r])),
  };

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('imports.title')}</Title>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => {
            downloadFile(IMPORT_TEMPLATE_PATH, 'import-template.xlsx').catch((error: unknown) =>
              notifyFailure(t('imports.templateFailed'), error, t),
            );
          }}
        >
          <Group gap={4} wrap="nowrap">
            <IconDownload size={16} aria-hidden />
            {t('imports.template')}
          </Group>
        </Anchor>
      </Group>
      <Text size="sm">{t('imports.intro')}</Text>
      <Paper withBorder p="md" radius="sm">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FileInput
              label={t('imports.file')}
              placeholder={t('imports.filePick')}
              description={t('imports.fileHint')}
              accept=".xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              clearable
              value={file}
              onChange={pick}
              leftSection={<IconUpload size={16} aria-hidden />}
              error={fileProblem ? t(`imports.fileProblems.${fileProblem}` as never) : undefined}
              data-testid="import-file"
            />
            <FileInput
              label={t('imports.mapping')}
              placeholder={t('imports.mappingPick')}
              description={t('imports.mappingHint')}
              accept=".toml,.txt,application/toml,text/plain"
              clearable
              value={mapping}
              onChange={pickMapping}
              leftSection={<IconFileSettings size={16} aria-hidden />}
              error={
                mappingProblem
                  ? t(`imports.mappingProblems.${mappingProblem}` as never)
                  : serverMappingError
              }
              data-testid="import-mapping"
            />
            <NativeSelect
              label={t('imports.unit')}
              description={t('imports.unitHint')}
              data={[{ value: '', label: t('imports.unitOwn') }, ...options]}
              value={unit}
              onChange={(e) => {
                setUnit(e.currentTarget.value);
                setReport(null);
              }}
            />
          </SimpleGrid>
          <Group>
            <Button
              leftSection={<IconFileCheck size={18} aria-hidden />}
              disabled={blocked || busy}
              loading={send.isPending && send.variables === false}
              onClick={() => send.mutate(false)}
            >
              {t('imports.check')}
            </Button>
            <Button
              color="green"
              leftSection={<IconUpload size={18} aria-hidden />}
              disabled={blocked || !canApply(report) || busy}
              loading={send.isPending && send.variables === true}
              onClick={() => send.mutate(true)}
            >
              {t('imports.apply')}
            </Button>
            {report && !report.applied && (
              <Button
                variant="default"
                leftSection={<IconTableExport size={18} aria-hidden />}
                disabled={blocked || busy}
                loading={download.isPending}
                onClick={() => download.mutate()}
              >
                {t('imports.downloadReport')}
              </Button>
            )}
          </Group>
          {stage && (
            <ImportProgress
              stage={stage}
              action={action}
              knownRows={report ? reportRows(report) : null}
            />
          )}
          <MutationError error={send.error} />
        </Stack>
      </Paper>

      {report && (
        <Stack gap="md" data-testid="import-report">
          <Title order={3} size="h4">
            {report.applied ? t('imports.resultTitle') : t('imports.reportTitle')}
          </Title>
          <Counts report={report} />
          {report.applied ? (
            <Applied
              report={report}
              onUndone={() => {
                setReport(null);
                setChoices({});
              }}
            />
          ) : report.counts.errors > 0 ? (
            <Alert color="red">{t('imports.hasErrors')}</Alert>
          ) : (
            <Alert color="blue">
              {undecided > 0 ? t('imports.readyHeld', { count: undecided }) : t('imports.ready')}
            </Alert>
          )}
          <Issues report={report} />
          <Cases report={report} />
          {toDecide.length > 0 && (
            <Stack gap="xs">
              <Group gap="xs">
                <Title order={3} size="h4">
                  {t('imports.duplicatesTitle')}
                </Title>
                <Badge color="orange" variant="light">
                  {toDecide.length}
                </Badge>
              </Group>
              <Text size="sm">{t('imports.duplicatesHint')}</Text>
              {toDecide.map((row) => (
                <DecideRow
                  key={row.row}
                  row={row}
                  choice={choices[row.row] ?? ''}
                  onChoose={(choice) => setChoices((prev) => ({ ...prev, [row.row]: choice }))}
                  sources={sources}
                />
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
