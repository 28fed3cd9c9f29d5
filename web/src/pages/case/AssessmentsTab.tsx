import { Fragment, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Group,
  Fieldset,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconPrinter } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type Assessment } from '../../api/assessments';
import { useAssessments } from '../../hooks/useAssessments';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import {
  emptyInspection,
  inspectionPayload,
  UTILITIES,
  validateInspection,
  type ChildName,
  type ChildPlaces,
  type InspectionDraft,
  type InspectionProblem,
  type Utility,
  type YesNo,
} from '../../logic/inspection';
import { formatDecimal, parseDecimal } from '../../logic/numbers';
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
import { childrenWithoutBirthDate, latestChildCards, minorsOf } from '../../logic/childCard';
import { isPrintDocument, printPath } from '../../logic/print';
import type { MemberRef } from '../../logic/instruments';
import { ChildCardDialogBody, ConflictMapForm, FamilyCardForm } from './InstrumentForms';
import { ChildCardView, ConflictMapView, FamilyCardView } from './InstrumentViews';
import { useMemberName } from '../../hooks/useMemberName';
import { useInstrumentForm } from '../../hooks/useInstrumentForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

/** The dialogs of the tab: one per instrument filled in here (the ecomap has its own tab). */
type FormKind = 'needs' | 'inspection' | 'family_card' | 'child_card' | 'conflict_map';
/** Kinds whose row opens to show the record. */
const SHOWN_KINDS = ['needs', 'inspection', 'family_card', 'child_card', 'conflict_map'];

export function AssessmentsTab({
  caseId,
  canWrite,
  childNames = [],
  members = [],
}: {
  caseId: string;
  canWrite: boolean;
  /** The household's minors, for the inspection report's bed and study place of each child. */
  childNames?: ChildName[];
  /** The household's members, for the family card, the child cards and the conflict map's parties. */
  members?: MemberRef[];
}) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const personName = useMemberName(members);
  const list = useAssessments(caseId);
  const [form, setForm] = useState<FormKind | null>(null);
  const [child, setChild] = useState('');
  const [open, setOpen] = useState<string | null>(null);

  if (!list.isSuccess) {
    return <QueryState query={list} size="sm" />;
  }
  const items = [...list.data].sort((a, b) => b.date.localeCompare(a.date));
  const cards = latestChildCards(list.data);
  const openChildCard = (id: string) => {
    setChild(id);
    setForm('child_card');
  };
  const kindText = (a: Assessment) =>
    a.kind === 'child_card' && typeof a.data.person_id === 'string'
      ? `${enumLabel(t, 'assessmentKinds', a.kind)}: ${personName(a.data.person_id)}`
      : enumLabel(t, 'assessmentKinds', a.kind);
  return (
    <Stack gap="md">
      {canWrite && (
        <Group gap="xs">
          <Button leftSection={<IconPlus size={16} />} onClick={() => setForm('needs')}>
            {t('case.assessments.newNeeds')}
          </Button>
          {(
            [
              ['inspection', t('case.assessments.newInspection')],
              ['family_card', t('instruments.newFamilyCard')],
              ['child_card', t('instruments.newChildCard')],
              ['conflict_map', t('instruments.newConflictMap')],
            ] as const
          ).map(([kind, label]) => (
            <Button
              key={kind}
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => (kind === 'child_card' ? openChildCard('') : setForm(kind))}
            >
              {label}
            </Button>
          ))}
        </Group>
      )}
      <ChildCards members={members} cards={cards} canWrite={canWrite} onFill={openChildCard} />
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
                    <Table.Td>{kindText(a)}</Table.Td>
                    <Table.Td>{nameOf(a.author_id)}</Table.Td>
                    <Table.Td>
                      {a.risk && (
                        <Badge color={RISK_LEVEL_COLORS[a.risk.level] ?? 'gray'} tt="none">
                          {enumLabel(t, 'riskLevels', a.risk.level)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {SHOWN_KINDS.includes(a.kind) && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => setOpen(open === a.id ? null : a.id)}
                          >
                            {open === a.id
                              ? t('case.assessments.hide')
                              : t('case.assessments.open')}
                          </Button>
                        )}
                        {isPrintDocument(a.kind) && (
                          <Button
                            component={Link}
                            to={printPath(caseId, a.kind, a.id)}
                            size="compact-xs"
                            variant="subtle"
                            leftSection={<IconPrinter size={12} aria-hidden />}
                            aria-label={t('instruments.printOneOf', {
                              what: kindText(a),
                              date: formatDate(a.date, i18n.language),
                            })}
                          >
                            {t('instruments.printOne')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {open === a.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5}>
                        <AssessmentDetail assessment={a} members={members} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <GuardedModal
        opened={form === 'needs'}
        onClose={() => setForm(null)}
        title={t('case.assessments.newNeeds')}
        size="xl"
      >
        <NeedsForm caseId={caseId} onDone={() => setForm(null)} />
      </GuardedModal>
      <GuardedModal
        opened={form === 'inspection'}
        onClose={() => setForm(null)}
        title={t('case.assessments.newInspection')}
        size="lg"
      >
        <InspectionForm caseId={caseId} childNames={childNames} onDone={() => setForm(null)} />
      </GuardedModal>
      <GuardedModal
        opened={form === 'family_card'}
        onClose={() => setForm(null)}
        title={t('instruments.newFamilyCard')}
        size="xl"
      >
        <FamilyCardForm caseId={caseId} members={members} onDone={() => setForm(null)} />
      </GuardedModal>
      <GuardedModal
        opened={form === 'child_card'}
        onClose={() => setForm(null)}
        title={t('instruments.newChildCard')}
        size="lg"
      >
        <ChildCardDialogBody
          caseId={caseId}
          members={members}
          cards={cards}
          initialChild={child}
          onDone={() => setForm(null)}
        />
      </GuardedModal>
      <GuardedModal
        opened={form === 'conflict_map'}
        onClose={() => setForm(null)}
        title={t('instruments.newConflictMap')}
        size="xl"
      >
        <ConflictMapForm caseId={caseId} members={members} onDone={() => setForm(null)} />
      </GuardedModal>
    </Stack>
  );
}

/** SPEC §5: a child card for each minor — who has one (and of when), who has none yet. */
function ChildCards({
  members,
  cards,
  canWrite,
  onFill,
}: {
  members: MemberRef[];
  cards: Map<string, Assessment>;
  canWrite: boolean;
  onFill: (personId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const minors = minorsOf(members, isoDay());
  const undated = childrenWithoutBirthDate(members);
  if (minors.length === 0 && undated.length === 0) {
    return null;
  }
  return (
    <Fieldset legend={t('instruments.child.cards')} variant="filled" data-testid="child-cards">
      <Stack gap={6}>
        {minors.map((m) => {
          const card = cards.get(m.id);
          return (
            <Group key={m.id} justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm">
                <Text span fw={600} size="sm">
                  {m.name}
                </Text>
                {' — '}
                <Text span size="sm" c={card ? undefined : 'red.9'} fw={card ? undefined : 600}>
                  {card
                    ? t('instruments.child.hasCard', {
                        date: formatDate(card.date, i18n.language),
                      })
                    : t('instruments.child.noCard')}
                </Text>
              </Text>
              {canWrite && (
                <Button
                  size="compact-sm"
                  variant={card ? 'subtle' : 'light'}
                  onClick={() => onFill(m.id)}
                  aria-label={t(card ? 'instruments.child.update' : 'instruments.child.fill', {
                    name: m.name,
                  })}
                >
                  {card ? t('instruments.child.updateShort') : t('instruments.child.fillShort')}
                </Button>
              )}
            </Group>
          );
        })}
        {undated.map((m) => (
          <Text key={m.id} size="sm" c="dimmed">
            {t('instruments.child.noBirthDate', { name: m.name })}
          </Text>
        ))}
      </Stack>
    </Fieldset>
  );
}

function AssessmentDetail({
  assessment,
  members,
}: {
  assessment: Assessment;
  members: MemberRef[];
}) {
  const { t, i18n } = useTranslation();
  if (assessment.kind === 'family_card') {
    return <FamilyCardView assessment={assessment} members={members} />;
  }
  if (assessment.kind === 'child_card') {
    return <ChildCardView assessment={assessment} members={members} />;
  }
  if (assessment.kind === 'conflict_map') {
    return <ConflictMapView assessment={assessment} />;
  }
  const shown = (value: unknown) =>
    typeof value === 'number' ? formatDecimal(value, i18n.language) : String(value);
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
      <Text key={key} size="sm">{`${label}: ${shown(d[key])}`}</Text>
    );
  const given = (d.utilities ?? {}) as Partial<Record<Utility, boolean>>;
  const utilities = UTILITIES.filter((u) => given[u] !== undefined)
    .map((u) => `${t(`print.inspection.${u}`)} — ${given[u] ? t('common.yes') : t('common.no')}`)
    .join(', ');
  return (
    <Stack gap={4}>
      {field('dwelling_type', t('case.assessments.dwellingType'))}
      {field('ownership', t('print.inspection.ownership'))}
      {field('rooms', t('case.assessments.rooms'))}
      {field('area_m2', t('case.assessments.area'))}
      {field('residents', t('case.assessments.residents'))}
      {utilities && <Text size="sm">{`${t('print.inspection.utilities')}: ${utilities}`}</Text>}
      {field('sanitary_state', t('case.assessments.sanitary'))}
      {field('food', t('case.assessments.food'))}
      {field('children_clothing', t('print.inspection.clothing'))}
      {field('sleeping_places', t('print.inspection.sleeping'))}
      {field('study_places', t('print.inspection.study'))}
      {field('toys_books', t('print.inspection.toys'))}
      {field('hazards', t('case.assessments.hazards'))}
      {field('conclusion', t('case.assessments.conclusion'))}
    </Stack>
  );
}

function NeedsForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { draft, setDraft, tried, mutation, error, onSubmit } = useInstrumentForm({
    caseId,
    kind: 'needs',
    draftKey: `needs.${caseId}`,
    initial: { date: isoDay(), rows: emptyNeeds() },
    validate: (d) => ({
      date: d.date === '' ? 'required' : undefined,
      scores: needsErrors(d.rows).length > 0 ? 'required' : undefined,
    }),
    message: () => t('case.assessments.required'),
    payload: (d) => needsPayload(d.rows),
    onDone,
  });
  const { rows, date } = draft;
  const missing = needsErrors(rows);
  const set = (index: number, patch: Partial<NeedsRow>) =>
    setDraft((d) => ({ ...d, rows: d.rows.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <DateField
          label={t('case.assessments.date')}
          value={date}
          onChange={(value) => setDraft((d) => ({ ...d, date: value }))}
          maxDate={isoDay()}
          error={error('date')}
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
        <MutationError error={mutation.error} />
        <FormActions pending={mutation.isPending} label={t('case.assessments.save')} />
      </Stack>
    </form>
  );
}

function YesNoControl({
  label,
  value,
  onChange,
}: {
  label: string;
  value: YesNo;
  onChange: (value: YesNo) => void;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={label} value={value} onChange={(v) => onChange(v as YesNo)} size="sm">
      <Group gap="md" mt={4}>
        <Radio value="yes" label={t('common.yes')} />
        <Radio value="no" label={t('common.no')} />
        <Radio value="" label={t('capture.inspection.notChecked')} />
      </Group>
    </Radio.Group>
  );
}

function InspectionForm({
  caseId,
  childNames,
  onDone,
}: {
  caseId: string;
  childNames: ChildName[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const words = { yes: t('common.yes'), no: t('common.no') };
  const {
    draft,
    setDraft,
    set,
    tried,
    invalid,
    mutation,
    error: err,
    onSubmit,
  } = useInstrumentForm<InspectionDraft, InspectionProblem>({
    caseId,
    kind: 'inspection',
    draftKey: `inspection.${caseId}`,
    initial: emptyInspection(isoDay()),
    validate: validateInspection,
    message: (problem) =>
      problem === 'required' ? t('case.assessments.required') : t(`capture.number.${problem}`),
    payload: (d) => inspectionPayload(d, childNames, words),
    onDone,
  });
  const setChild = (id: string, patch: Partial<ChildPlaces>) =>
    setDraft((d) => ({
      ...d,
      children: { ...d.children, [id]: { bed: '', study: '', ...d.children[id], ...patch } },
    }));
  const numberField = (key: 'rooms' | 'area_m2' | 'residents', label: string, whole: boolean) => (
    <TextInput
      label={label}
      inputMode={whole ? 'numeric' : 'decimal'}
      value={draft[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
      onBlur={() => {
        // Show what will be saved: "32,5" stays "32,5", "32.50" becomes "32,5".
        const value = parseDecimal(draft[key]);
        if (value !== null && !Number.isNaN(value)) {
          set({ [key]: formatDecimal(value, i18n.language) });
        }
      }}
      error={err(key)}
    />
  );

  return (
    <form noValidate onSubmit={onSubmit}>
      <Stack gap="sm">
        <DateField
          label={t('case.assessments.date')}
          value={draft.date}
          onChange={(date) => set({ date })}
          maxDate={isoDay()}
          error={err('date')}
          required
          maw={200}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('case.assessments.dwellingType')}
            value={draft.dwelling_type}
            onChange={(e) => set({ dwelling_type: e.currentTarget.value })}
            required
            error={err('dwelling_type')}
          />
          <TextInput
            label={t('print.inspection.ownership')}
            description={t('capture.inspection.ownershipHint')}
            value={draft.ownership}
            onChange={(e) => set({ ownership: e.currentTarget.value })}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {numberField('rooms', t('case.assessments.rooms'), true)}
          {numberField('area_m2', t('case.assessments.area'), false)}
          {numberField('residents', t('case.assessments.residents'), true)}
        </SimpleGrid>
        <Fieldset legend={t('print.inspection.utilities')} variant="filled">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {UTILITIES.map((u) => (
              <YesNoControl
                key={u}
                label={t(`capture.inspection.utility.${u}`)}
                value={draft.utilities[u]}
                onChange={(value) => set({ utilities: { ...draft.utilities, [u]: value } })}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
        <TextInput
          label={t('case.assessments.sanitary')}
          value={draft.sanitary_state}
          onChange={(e) => set({ sanitary_state: e.currentTarget.value })}
        />
        <TextInput
          label={t('case.assessments.food')}
          value={draft.food}
          onChange={(e) => set({ food: e.currentTarget.value })}
        />
        <TextInput
          label={t('print.inspection.clothing')}
          description={t('capture.inspection.clothingHint')}
          value={draft.children_clothing}
          onChange={(e) => set({ children_clothing: e.currentTarget.value })}
        />
        <Fieldset legend={t('capture.inspection.places')} variant="filled">
          <Stack gap="sm">
            {childNames.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('capture.inspection.noChildren')}
              </Text>
            )}
            {childNames.map((c) => (
              <div key={c.id} data-testid="child-places">
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <YesNoControl
                    label={t('capture.inspection.bed')}
                    value={draft.children[c.id]?.bed ?? ''}
                    onChange={(bed) => setChild(c.id, { bed })}
                  />
                  <YesNoControl
                    label={t('capture.inspection.study')}
                    value={draft.children[c.id]?.study ?? ''}
                    onChange={(study) => setChild(c.id, { study })}
                  />
                </SimpleGrid>
              </div>
            ))}
            <TextInput
              label={t('capture.inspection.sleepingNote')}
              value={draft.sleeping_note}
              onChange={(e) => set({ sleeping_note: e.currentTarget.value })}
            />
            <TextInput
              label={t('capture.inspection.studyNote')}
              value={draft.study_note}
              onChange={(e) => set({ study_note: e.currentTarget.value })}
            />
          </Stack>
        </Fieldset>
        <TextInput
          label={t('print.inspection.toys')}
          value={draft.toys_books}
          onChange={(e) => set({ toys_books: e.currentTarget.value })}
        />
        <TextInput
          label={t('case.assessments.hazards')}
          value={draft.hazards}
          onChange={(e) => set({ hazards: e.currentTarget.value })}
        />
        <Textarea
          label={t('case.assessments.conclusion')}
          value={draft.conclusion}
          onChange={(e) => set({ conclusion: e.currentTarget.value })}
          required
          autosize
          minRows={2}
          error={err('conclusion')}
        />
        {tried && invalid && (
          <Alert color="red" role="alert">
            {t('validation.fixErrors')}
          </Alert>
        )}
        <MutationError error={mutation.error} />
        <FormActions pending={mutation.isPending} label={t('case.assessments.save')} />
      </Stack>
    </form>
  );
}
