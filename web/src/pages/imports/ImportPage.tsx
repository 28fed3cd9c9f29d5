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
import { IconDownload, IconFileCheck, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listUnits } from '../../api/admin';
import { downloadFile } from '../../api/download';
import {
  canImport,
  importHouseholds,
  IMPORT_TEMPLATE_PATH,
  undoImport,
  type ImportReport,
  type ImportRow,
} from '../../api/imports';
import { useMe } from '../../auth/session';
import { MutationError } from '../../components/MutationError';
import { formatDate } from '../../components/labels';
import { notifyFailure } from '../../components/notifyFailure';
import { fileToBase64 } from '../../logic/files';
import {
  canApply,
  checkImportFile,
  choicesFor,
  decisionsOf,
  loadedFamilies,
  rowsToDecide,
  undecidedCount,
  type RowChoice,
} from '../../logic/imports';
import { unitOptions, unitTree } from '../../logic/units';
import ru from '../../locales/ru.json';

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
    ['errors', c.errors, 'red'],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" data-testid="import-counts">
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

function DecideRow({
  row,
  choice,
  onChoose,
}: {
  row: ImportRow;
  choice: RowChoice;
  onChoose: (choice: RowChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const options = choicesFor(row);
  return (
    <Paper withBorder p="sm" radius="sm" bg="yellow.0" data-testid="import-duplicate">
      <Stack gap="xs">
        <Text fw={600}>{t('imports.heldRow', { row: row.row, name: row.name })}</Text>
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {row.matches.map((m) => (
            <Text component="li" size="sm" key={m.person_id ?? `row-${m.row}`}>
              {m.person_id === null
                ? t('imports.matchInFile', { row: m.row, name: m.name })
                : t('imports.matchInRegistry', { name: m.name })}
              {m.birth_date && `, ${formatDate(m.birth_date, i18n.language)}`}
              {' · '}
              {t('intake.score', { percent: Math.round(m.score * 100) })}
              {' · '}
              {m.reasons.map((r) => reasonLabel(t, r)).join(', ')}
            </Text>
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
  const [unit, setUnit] = useState<string>('');
  const [choices, setChoices] = useState<Record<number, RowChoice>>({});
  const [report, setReport] = useState<ImportReport | null>(null);

  const send = useMutation({
    mutationFn: async (apply: boolean) => {
      if (!file) {
        throw new Error('no file');
      }
      return importHouseholds({
        file: await fileToBase64(file),
        file_name: file.name,
        unit: unit || user?.unit_id || undefined,
        apply,
        decisions: decisionsOf(choices),
      });
    },
    onSuccess: (next) => setReport(next),
  });

  if (!user || !canImport(user.role)) {
    return <Alert color="gray">{t('imports.notAllowed')}</Alert>;
  }

  const fileProblem = file ? checkImportFile(file) : null;
  const pick = (next: File | null) => {
    setFile(next);
    setReport(null);
    setChoices({});
    send.reset();
  };
  const toDecide = report && !report.applied ? rowsToDecide(report, choices) : [];
  const undecided = report ? undecidedCount(report, choices) : 0;
  const options = unitOptions(unitTree(units.data ?? []));

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
              disabled={!file || fileProblem !== null}
              loading={send.isPending && send.variables === false}
              onClick={() => send.mutate(false)}
            >
              {t('imports.check')}
            </Button>
            <Button
              color="green"
              leftSection={<IconUpload size={18} aria-hidden />}
              disabled={!file || fileProblem !== null || !canApply(report) || send.isPending}
              loading={send.isPending && send.variables === true}
              onClick={() => send.mutate(true)}
            >
              {t('imports.apply')}
            </Button>
          </Group>
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
                />
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Stack>
  );
}
