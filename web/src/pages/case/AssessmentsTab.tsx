import { Fragment, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Assessment } from '../../api/assessments';
import { useAddAssessment, useAssessments } from '../../hooks/useAssessments';
import { errorMessage } from '../../api/errorMessage';
import { ErrorPanel } from '../../components/ErrorPanel';
import { enumLabel, formatDate } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { isoDay } from '../../logic/dates';
import {
  emptyNeeds,
  needsErrors,
  needsPayload,
  needsTotal,
  readNeeds,
  RISK_LEVEL_COLORS,
  type NeedsRow,
} from '../../logic/needs';

export function AssessmentsTab({ caseId, canWrite }: { caseId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const list = useAssessments(caseId);
  const [form, setForm] = useState<'needs' | 'inspection' | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  if (list.isPending) {
    return <Loader size="sm" aria-label={t('app.loading')} />;
  }
  if (list.isError) {
    return <ErrorPanel error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = [...list.data].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Stack gap="md">
      {canWrite && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setForm('needs')}>
            {t('case.assessments.newNeeds')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setForm('inspection')}
          >
            {t('case.assessments.newInspection')}
          </Button>
        </Group>
      )}
      {items.length === 0 ? (
        <Text c="dimmed">{t('case.assessments.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped data-testid="assessments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('case.assessments.date')}</Table.Th>
                <Table.Th>{t('case.assessments.kind')}</Table.Th>
                <Table.Th>{t('case.assessments.author')}</Table.Th>
                <Table.Th>{t('case.risk')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Fragment key={a.id}>
                  <Table.Tr>
                    <Table.Td>{formatDate(a.date, i18n.language)}</Table.Td>
                    <Table.Td>{enumLabel(t, 'assessmentKinds', a.kind)}</Table.Td>
                    <Table.Td>{nameOf(a.author_id)}</Table.Td>
                    <Table.Td>
                      {a.risk && (
                        <Badge color={RISK_LEVEL_COLORS[a.risk.level] ?? 'gray'} tt="none">
                          {enumLabel(t, 'riskLevels', a.risk.level)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {(a.kind === 'needs' || a.kind === 'inspection') && (
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          onClick={() => setOpen(open === a.id ? null : a.id)}
                        >
                          {open === a.id ? t('case.assessments.hide') : t('case.assessments.open')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {open === a.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <AssessmentDetail assessment={a} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={form === 'needs'}
        onClose={() => setForm(null)}
        title={t('case.assessments.newNeeds')}
        size="xl"
      >
        <NeedsForm caseId={caseId} onDone={() => setForm(null)} />
      </Modal>
      <Modal
        opened={form === 'inspection'}
        onClose={() => setForm(null)}
        title={t('case.assessments.newInspection')}
        size="lg"
      >
        <InspectionForm caseId={caseId} onDone={() => setForm(null)} />
      </Modal>
    </Stack>
  );
}

function AssessmentDetail({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  if (assessment.kind === 'needs') {
    const rows = readNeeds(assessment.data, assessment.sensitive);
    return (
      <Stack gap={4}>
        {assessment.risk?.reasons.map((r) => (
          <Text key={r.key + r.message} size="sm" c="orange">
            {r.message}
          </Text>
        ))}
        {rows.map((r) => (
          <Text key={r.domain} size="sm">
            {`${enumLabel(t, 'riskDomains', r.domain)}: ${r.score ?? '—'}${r.note ? ` — ${r.note}` : ''}`}
          </Text>
        ))}
      </Stack>
    );
  }
  const d = assessment.data;
  const field = (key: string, label: string) =>
    d[key] === undefined || d[key] === '' ? null : (
      <Text key={key} size="sm">{`${label}: ${String(d[key])}`}</Text>
    );
  return (
    <Stack gap={4}>
      {field('dwelling_type', t('case.assessments.dwellingType'))}
      {field('rooms', t('case.assessments.rooms'))}
      {field('area_m2', t('case.assessments.area'))}
      {field('residents', t('case.assessments.residents'))}
      {field('sanitary_state', t('case.assessments.sanitary'))}
      {field('food', t('case.assessments.food'))}
      {field('hazards', t('case.assessments.hazards'))}
      {field('conclusion', t('case.assessments.conclusion'))}
    </Stack>
  );
}

function NeedsForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<NeedsRow[]>(emptyNeeds);
  const [date, setDate] = useState(isoDay());
  const [tried, setTried] = useState(false);
  const mutation = useAddAssessment(caseId, onDone);
  const missing = needsErrors(rows);
  const set = (index: number, patch: Partial<NeedsRow>) =>
    setRows((old) => old.map((r, i) => (i === index ? { ...r, ...patch } : r)));

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (missing.length === 0) {
          mutation.mutate({ kind: 'needs', date, data: needsPayload(rows) });
        }
      }}
    >
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('case.assessments.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
          maw={200}
        />
        <Text size="xs" c="dimmed">
          {t('case.assessments.scoreHint')}
        </Text>
        {rows.map((row, index) => (
          <Group key={row.domain} align="flex-start" wrap="wrap" gap="sm">
            <Stack gap={2} w={220}>
              <Text size="sm" fw={500} id={`domain-${row.domain}`}>
                {enumLabel(t, 'riskDomains', row.domain)}
              </Text>
              <SegmentedControl
                aria-labelledby={`domain-${row.domain}`}
                data-testid={`score-${row.domain}`}
                value={row.score === null ? '' : String(row.score)}
                onChange={(v) => set(index, { score: Number(v) })}
                data={['0', '1', '2', '3']}
                color={tried && missing.includes(row.domain) ? 'red' : 'blue'}
                styles={
                  tried && missing.includes(row.domain)
                    ? { root: { outline: '1px solid var(--mantine-color-red-6)' } }
                    : undefined
                }
              />
            </Stack>
            <Textarea
              style={{ flex: 1, minWidth: 200 }}
              label={t('case.assessments.note')}
              // Ten notes, one per domain: each is named by its domain for a screen reader.
              aria-label={t('a11y.noteFor', { domain: enumLabel(t, 'riskDomains', row.domain) })}
              autosize
              minRows={1}
              value={row.note}
              onChange={(e) => set(index, { note: e.currentTarget.value })}
            />
          </Group>
        ))}
        <Text size="sm" fw={500}>
          {t('case.assessments.total', { total: needsTotal(rows) })}
        </Text>
        {tried && missing.length > 0 && (
          <Alert color="red">{t('case.assessments.notScored')}</Alert>
        )}
        {mutation.isError && <Alert color="red">{errorMessage(mutation.error, t)}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('case.assessments.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InspectionForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(isoDay());
  const [dwelling, setDwelling] = useState('');
  const [rooms, setRooms] = useState<number | string>('');
  const [area, setArea] = useState<number | string>('');
  const [residents, setResidents] = useState<number | string>('');
  const [sanitary, setSanitary] = useState('');
  const [food, setFood] = useState('');
  const [hazards, setHazards] = useState('');
  const [conclusion, setConclusion] = useState('');
  const [tried, setTried] = useState(false);
  const mutation = useAddAssessment(caseId, onDone);
  const ok = dwelling.trim() !== '' && conclusion.trim() !== '';
  const num = (v: number | string) => (typeof v === 'number' ? { value: v } : null);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!ok) {
          return;
        }
        const data: Record<string, unknown> = {
          dwelling_type: dwelling.trim(),
          conclusion: conclusion.trim(),
        };
        const r = num(rooms);
        const a = num(area);
        const p = num(residents);
        if (r) data.rooms = r.value;
        if (a) data.area_m2 = a.value;
        if (p) data.residents = p.value;
        if (sanitary.trim()) data.sanitary_state = sanitary.trim();
        if (food.trim()) data.food = food.trim();
        if (hazards.trim()) data.hazards = hazards.trim();
        mutation.mutate({ kind: 'inspection', date, data });
      }}
    >
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('case.assessments.date')}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
          maw={200}
        />
        <TextInput
          label={t('case.assessments.dwellingType')}
          value={dwelling}
          onChange={(e) => setDwelling(e.currentTarget.value)}
          required
          error={tried && dwelling.trim() === '' ? t('case.assessments.required') : undefined}
        />
        <Group grow>
          <NumberInput
            label={t('case.assessments.rooms')}
            value={rooms}
            onChange={setRooms}
            min={0}
            max={100}
            allowDecimal={false}
          />
          <NumberInput
            label={t('case.assessments.area')}
            value={area}
            onChange={setArea}
            min={0}
            max={10000}
          />
          <NumberInput
            label={t('case.assessments.residents')}
            value={residents}
            onChange={setResidents}
            min={0}
            max={100}
            allowDecimal={false}
          />
        </Group>
        <TextInput
          label={t('case.assessments.sanitary')}
          value={sanitary}
          onChange={(e) => setSanitary(e.currentTarget.value)}
        />
        <TextInput
          label={t('case.assessments.food')}
          value={food}
          onChange={(e) => setFood(e.currentTarget.value)}
        />
        <TextInput
          label={t('case.assessments.hazards')}
          value={hazards}
          onChange={(e) => setHazards(e.currentTarget.value)}
        />
        <Textarea
          label={t('case.assessments.conclusion')}
          value={conclusion}
          onChange={(e) => setConclusion(e.currentTarget.value)}
          required
          autosize
          minRows={2}
          error={tried && conclusion.trim() === '' ? t('case.assessments.required') : undefined}
        />
        {mutation.isError && <Alert color="red">{errorMessage(mutation.error, t)}</Alert>}
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {t('case.assessments.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
