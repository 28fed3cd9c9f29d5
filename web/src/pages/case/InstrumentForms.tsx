import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Fieldset,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../api/assessments';
import { ConflictMapDrawing } from '../../components/ConflictMapDrawing';
import { DateField } from '../../components/DateField';
import { formatDate } from '../../components/labels';
import { useInstrumentForm } from '../../hooks/useInstrumentForm';
import {
  CHILD_FIELDS,
  SENSITIVE_CHILD_FIELDS,
  childCardPayload,
  emptyChildCard,
  minorsOf,
  validateChildCard,
  type ChildCardDraft,
} from '../../logic/childCard';
import {
  INTENSITIES,
  MAX_PARTIES,
  conflictMapPayload,
  draftMap,
  emptyConflictMap,
  validateConflictMap,
  type ConflictMapDraft,
  type ConflictParty,
} from '../../logic/conflictMap';
import { isoDay } from '../../logic/dates';
import {
  EMPTY_MEMBER,
  emptyFamilyCard,
  familyCardPayload,
  validateFamilyCard,
  type FamilyCardDraft,
  type FamilyMemberDraft,
} from '../../logic/familyCard';
import type { MemberRef } from '../../logic/instruments';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

type Form = ReturnType<typeof useInstrumentForm>;

/** The end of every instrument's form: what is wrong, what the server said, and the save button. */
function FormEnd({ form }: { form: Pick<Form, 'tried' | 'invalid' | 'mutation' | 'error'> }) {
  const { t } = useTranslation();
  return (
    <>
      {form.error('form') && (
        <Alert color="red" role="alert">
          {form.error('form')}
        </Alert>
      )}
      {form.tried && form.invalid && !form.error('form') && (
        <Alert color="red" role="alert">
          {t('validation.fixErrors')}
        </Alert>
      )}
      <MutationError error={form.mutation.error} />
      <FormActions pending={form.mutation.isPending} label={t('case.assessments.save')} />
    </>
  );
}

function DateLine({ form }: { form: Pick<Form, 'draft' | 'set' | 'error'> }) {
  const { t } = useTranslation();
  return (
    <DateField
      label={t('case.assessments.date')}
      value={form.draft.date}
      onChange={(date) => form.set({ date })}
      maxDate={isoDay()}
      error={form.error('date')}
      required
      maw={200}
    />
  );
}

/** SPEC §5: the family card; a block for each member of the household. */
export function FamilyCardForm({
  caseId,
  members,
  onDone,
}: {
  caseId: string;
  members: MemberRef[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const today = isoDay();
  const form = useInstrumentForm<FamilyCardDraft>({
    caseId,
    kind: 'family_card',
    draftKey: `family_card.${caseId}`,
    initial: emptyFamilyCard(today),
    validate: (d) => validateFamilyCard(d, members, today),
    payload: (d) => familyCardPayload(d, members),
    onDone,
  });
  const { draft, set, setDraft, error } = form;
  const setMember = (id: string, patch: Partial<FamilyMemberDraft>) =>
    setDraft((d) => ({
      ...d,
      members: { ...d.members, [id]: { ...EMPTY_MEMBER, ...d.members[id], ...patch } },
    }));
  const memberText = (m: MemberRef, key: Exclude<keyof FamilyMemberDraft, 'income'>) => (
    <Textarea
      label={t(`instruments.family.${key}`)}
      description={key === 'health' ? t('instruments.sensitive') : undefined}
      autosize
      minRows={1}
      value={draft.members[m.id]?.[key] ?? ''}
      onChange={(e) => setMember(m.id, { [key]: e.currentTarget.value })}
      error={error(`members.${m.id}.${key}`)}
    />
  );

  return (
    <form noValidate onSubmit={form.onSubmit}>
      <Stack gap="sm">
        <DateLine form={form} />
        <Textarea
          label={t('instruments.family.composition')}
          description={t('instruments.family.compositionHint')}
          autosize
          minRows={2}
          value={draft.composition}
          onChange={(e) => set({ composition: e.currentTarget.value })}
          error={error('composition')}
        />
        <Text fw={600} size="sm">
          {t('instruments.family.members')}
        </Text>
        {members.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('instruments.family.noMembers')}
          </Text>
        )}
        {members.map((m) => (
          <Fieldset key={m.id} legend={m.name} variant="filled" data-testid="family-member">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {memberText(m, 'employment')}
              <TextInput
                label={t('instruments.family.income')}
                inputMode="decimal"
                value={draft.members[m.id]?.income ?? ''}
                onChange={(e) => setMember(m.id, { income: e.currentTarget.value })}
                error={error(`members.${m.id}.income`)}
              />
              {memberText(m, 'education')}
              {memberText(m, 'habits')}
              {memberText(m, 'relations')}
              {memberText(m, 'health')}
            </SimpleGrid>
          </Fieldset>
        ))}
        <Textarea
          label={t('instruments.family.norms')}
          autosize
          minRows={2}
          value={draft.norms}
          onChange={(e) => set({ norms: e.currentTarget.value })}
          error={error('norms')}
        />
        <Textarea
          label={t('instruments.family.strengths')}
          autosize
          minRows={2}
          value={draft.strengths}
          onChange={(e) => set({ strengths: e.currentTarget.value })}
          error={error('strengths')}
        />
        <FormEnd form={form} />
      </Stack>
    </form>
  );
}

/**
 * SPEC §5: a child card, for one minor of the household. The picker says which minors have a card
 * already; each child's typed text is its own draft, so switching children loses nothing.
 */
export function ChildCardDialogBody({
  caseId,
  members,
  cards,
  initialChild,
  onDone,
}: {
  caseId: string;
  members: MemberRef[];
  /** The newest card of each child, by person id. */
  cards: Map<string, Assessment>;
  initialChild: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const minors = minorsOf(members, isoDay());
  const [child, setChild] = useState(initialChild || (minors[0]?.id ?? ''));
  const status = (id: string) => {
    const card = cards.get(id);
    return card
      ? t('instruments.child.hasCard', { date: formatDate(card.date, i18n.language) })
      : t('instruments.child.noCard');
  };
  return (
    <Stack gap="sm">
      {/* Radios, not a select: a name and its card's status wrap on a phone instead of being cut. */}
      <Radio.Group
        label={t('instruments.child.child')}
        value={child}
        onChange={setChild}
        required
        data-testid="child-picker"
      >
        <Stack gap={6} mt={4}>
          {minors.map((m) => (
            <Radio key={m.id} value={m.id} label={m.name} description={status(m.id)} />
          ))}
        </Stack>
      </Radio.Group>
      {minors.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('instruments.child.noMinors')}
        </Text>
      )}
      {child !== '' && (
        <ChildCardForm
          key={child}
          caseId={caseId}
          personId={child}
          members={members}
          onDone={onDone}
        />
      )}
    </Stack>
  );
}

function ChildCardForm({
  caseId,
  personId,
  members,
  onDone,
}: {
  caseId: string;
  personId: string;
  members: MemberRef[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const today = isoDay();
  const form = useInstrumentForm<ChildCardDraft>({
    caseId,
    kind: 'child_card',
    draftKey: `child_card.${caseId}.${personId}`,
    initial: emptyChildCard(today),
    // The server checks the child is a minor on the card's date.
    validate: (d) => validateChildCard(d, personId, minorsOf(members, d.date || today), today),
    payload: (d) => childCardPayload(d, personId),
    onDone,
  });
  return (
    <form noValidate onSubmit={form.onSubmit}>
      <Stack gap="sm">
        <DateLine form={form} />
        {form.error('person_id') && (
          <Alert color="red" role="alert">
            {form.error('person_id')}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {CHILD_FIELDS.map((key) => (
            <Textarea
              key={key}
              label={t(`instruments.child.${key}`)}
              description={
                SENSITIVE_CHILD_FIELDS.includes(key) ? t('instruments.sensitive') : undefined
              }
              autosize
              minRows={1}
              value={form.draft[key]}
              onChange={(e) => form.set({ [key]: e.currentTarget.value })}
              error={form.error(key)}
            />
          ))}
        </SimpleGrid>
        <FormEnd form={form} />
      </Stack>
    </form>
  );
}

/** SPEC §5: the conflict map — parties with their positions, the subject, the intensity — drawn as it is typed. */
export function ConflictMapForm({
  caseId,
  members,
  onDone,
}: {
  caseId: string;
  members: MemberRef[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const today = isoDay();
  const form = useInstrumentForm<ConflictMapDraft>({
    caseId,
    kind: 'conflict_map',
    draftKey: `conflict_map.${caseId}`,
    initial: emptyConflictMap(today),
    validate: (d) => validateConflictMap(d, today),
    payload: conflictMapPayload,
    onDone,
  });
  const { draft, set, setDraft, error } = form;
  const setParty = (index: number, patch: Partial<ConflictParty>) =>
    setDraft((d) => ({
      ...d,
      parties: d.parties.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    }));
  const names = members.map((m) => m.name);
  const preview = draftMap(draft);

  return (
    <form noValidate onSubmit={form.onSubmit}>
      <Stack gap="sm">
        <DateLine form={form} />
        <Textarea
          label={t('instruments.conflict.subject')}
          description={t('instruments.conflict.subjectHint')}
          autosize
          minRows={2}
          required
          value={draft.subject}
          onChange={(e) => set({ subject: e.currentTarget.value })}
          error={error('subject')}
        />
        <Fieldset legend={t('instruments.conflict.parties')} variant="filled">
          <Stack gap="sm">
            {draft.parties.map((party, i) => (
              <Group key={i} align="flex-start" wrap="nowrap" gap="xs" data-testid="conflict-party">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1 }}>
                  <Autocomplete
                    label={t('instruments.conflict.party', { n: i + 1 })}
                    description={i === 0 ? t('instruments.conflict.partyHint') : undefined}
                    data={names}
                    value={party.name}
                    onChange={(name) => setParty(i, { name })}
                    error={error(`parties.${i}.name`)}
                    comboboxProps={{ withinPortal: true }}
                  />
                  <Textarea
                    label={t('instruments.conflict.position')}
                    autosize
                    minRows={1}
                    value={party.position}
                    onChange={(e) => setParty(i, { position: e.currentTarget.value })}
                    error={error(`parties.${i}.position`)}
                  />
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={i === 0 ? 48 : 26}
                  aria-label={t('instruments.conflict.removeParty', { n: i + 1 })}
                  disabled={draft.parties.length <= 1}
                  onClick={() =>
                    setDraft((d) => ({ ...d, parties: d.parties.filter((_, j) => j !== i) }))
                  }
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {error('parties') && (
              <Text size="sm" c="red" role="alert">
                {error('parties')}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                disabled={draft.parties.length >= MAX_PARTIES}
                onClick={() =>
                  setDraft((d) => ({ ...d, parties: [...d.parties, { name: '', position: '' }] }))
                }
              >
                {t('instruments.conflict.addParty')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Radio.Group
          label={t('instruments.conflict.intensity')}
          required
          value={draft.intensity === null ? '' : String(draft.intensity)}
          onChange={(v) => set({ intensity: Number(v) })}
          error={error('intensity')}
        >
          <Group gap="md" mt={4}>
            {INTENSITIES.map((n) => (
              <Radio key={n} value={String(n)} label={t(`instruments.conflict.intensities.${n}`)} />
            ))}
          </Group>
        </Radio.Group>
        {preview.parties.length > 0 && (
          <Paper withBorder p="xs" radius="md">
            <Text size="xs" c="dimmed" mb={4}>
              {t('instruments.conflict.preview')}
            </Text>
            <ConflictMapDrawing map={preview} />
          </Paper>
        )}
        <FormEnd form={form} />
      </Stack>
    </form>
  );
}
