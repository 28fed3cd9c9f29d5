import { useState } from 'react';
import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  addPerson,
  fullName,
  updateHousehold,
  updatePerson,
  type Household,
  type Person,
} from '../../api/households';
import { GuardedModal } from '../../components/GuardedModal';
import { enumLabel, enumOptions, formatDate } from '../../components/labels';
import { MemberFields } from '../../components/MemberFields';
import { useDraft } from '../../hooks/useDraft';
import { isChanged, useUnsavedGuard } from '../../hooks/useUnsavedGuard';
import { isoDay } from '../../logic/dates';
import {
  EMPTY_MEMBER,
  HOUSEHOLD_CATEGORIES,
  memberFromPerson,
  memberPayload,
  validateMember,
  type MemberDraft,
} from '../../logic/members';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

function Field({ label, value }: { label: string; value: string }) {
  if (value === '') {
    return null;
  }
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

function MemberCard({ person, onEdit }: { person: Person; onEdit?: () => void }) {
  const { t, i18n } = useTranslation();
  const s = person.sensitive;
  return (
    <Paper withBorder radius="md" p="md" component="li">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>{fullName(person)}</Text>
          <Text size="sm" c="dimmed">
            {enumLabel(t, 'householdRoles', person.household_role)}
            {person.birth_date && ` · ${formatDate(person.birth_date, i18n.language)}`}
          </Text>
        </div>
        <Group gap={4}>
          {onEdit && (
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={onEdit}
              aria-label={t('capture.members.editTitle', { name: fullName(person) })}
            >
              {t('capture.members.edit')}
            </Button>
          )}
          {person.disability && (
            <Badge variant="light" color="grape">
              {t('case.household.disability')}
            </Badge>
          )}
          {person.pregnant && (
            <Badge variant="light" color="pink">
              {t('case.household.pregnant')}
            </Badge>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing="xs">
        <Field label={t('case.household.school')} value={person.school} />
        <Field label={t('case.household.employment')} value={person.employment} />
        <Field label={t('case.household.phone')} value={person.phone} />
      </SimpleGrid>
      {s && (s.health || s.addiction || s.violence || s.police_registration) && (
        <Paper bg="red.0" radius="sm" p="xs" mt="xs" data-testid="sensitive">
          <Text size="xs" fw={600} c="red.9">
            {t('case.household.sensitive')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Field label={t('case.household.health')} value={s.health} />
            <Field label={t('case.household.addiction')} value={s.addiction} />
            <Field label={t('case.household.violence')} value={s.violence} />
            <Field label={t('case.household.police')} value={s.police_registration} />
          </SimpleGrid>
        </Paper>
      )}
    </Paper>
  );
}

/** SPEC §4: the household of a case; who may write the case may correct and complete it. */
export function HouseholdTab({
  household,
  canWrite = false,
}: {
  household: Household;
  canWrite?: boolean;
}) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<'household' | 'add' | Person | null>(null);
  const close = () => setDialog(null);
  return (
    <Stack gap="md">
      {canWrite && (
        <Group gap="xs">
          <Button
            variant="light"
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setDialog('add')}
          >
            {t('capture.members.add')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} aria-hidden />}
            onClick={() => setDialog('household')}
          >
            {t('capture.members.editHousehold')}
          </Button>
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label={t('case.address')} value={household.address} />
        <Field label={t('case.household.phone')} value={household.phone} />
        <Field label={t('case.household.notes')} value={household.notes} />
      </SimpleGrid>
      {household.categories.length > 0 && (
        <div>
          <Text size="xs" c="dimmed">
            {t('case.household.categories')}
          </Text>
          <Group gap={6} mt={4}>
            {household.categories.map((c) => (
              <Badge key={c} variant="outline" tt="none">
                {enumLabel(t, 'categories', c)}
              </Badge>
            ))}
          </Group>
        </div>
      )}
      <Title order={3} size="h5">
        {t('case.household.members')}
      </Title>
      {household.members.length === 0 ? (
        <Text c="dimmed">{t('case.household.noMembers')}</Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {household.members.map((p) => (
            <MemberCard key={p.id} person={p} onEdit={canWrite ? () => setDialog(p) : undefined} />
          ))}
        </Stack>
      )}
      <GuardedModal
        opened={dialog === 'household'}
        onClose={close}
        title={t('capture.members.householdTitle')}
        size="lg"
      >
        <HouseholdForm household={household} onDone={close} />
      </GuardedModal>
      <GuardedModal
        opened={dialog !== null && dialog !== 'household'}
        onClose={close}
        title={
          typeof dialog === 'object' && dialog !== null
            ? t('capture.members.editTitle', { name: fullName(dialog) })
            : t('capture.members.add')
        }
        size="lg"
      >
        {dialog === 'add' && <MemberForm householdId={household.id} onDone={close} />}
        {typeof dialog === 'object' && dialog !== null && (
          <MemberForm householdId={household.id} person={dialog} onDone={close} />
        )}
      </GuardedModal>
    </Stack>
  );
}

function MemberForm({
  householdId,
  person,
  onDone,
}: {
  householdId: string;
  person?: Person;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const initial = person ? memberFromPerson(person) : EMPTY_MEMBER;
  const [draft, setDraft, clearDraft] = useDraft<MemberDraft>(
    person ? `member.${person.id}` : `member.new.${householdId}`,
    initial,
  );
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const errors = validateMember(draft, isoDay());
  const mutation = useMutation({
    mutationFn: () =>
      person
        ? updatePerson(person.id, { ...memberPayload(draft), version: person.version })
        : addPerson(householdId, memberPayload(draft)),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: person ? t('capture.members.updated') : t('capture.members.added'),
      });
      clearDraft();
      onDone();
      await client.invalidateQueries({ queryKey: ['household', householdId] });
    },
  });
  // MemberFields words the problems itself.
  const { tried, submit } = useValidatedForm({ problems: errors, message: String });
  return (
    <form noValidate onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        <MemberFields
          full
          value={draft}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
          errors={tried ? errors : {}}
        />
        <MutationError error={mutation.error} />
        <FormActions pending={mutation.isPending} />
      </Stack>
    </form>
  );
}

interface HouseholdDraft {
  address: string;
  phone: string;
  categories: string[];
  notes: string;
}

function HouseholdForm({ household, onDone }: { household: Household; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const initial: HouseholdDraft = {
    address: household.address,
    phone: household.phone,
    categories: household.categories,
    notes: household.notes,
  };
  const [draft, setDraft, clearDraft] = useDraft<HouseholdDraft>(
    `household.${household.id}`,
    initial,
  );
  useUnsavedGuard(isChanged(draft, initial), clearDraft);
  const set = (patch: Partial<HouseholdDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const mutation = useMutation({
    mutationFn: () =>
      updateHousehold(household.id, {
        address: draft.address.trim(),
        phone: draft.phone.trim(),
        categories: draft.categories,
        notes: draft.notes.trim(),
        version: household.version,
      }),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('capture.members.householdSaved') });
      clearDraft();
      onDone();
      await client.invalidateQueries({ queryKey: ['household', household.id] });
    },
  });
  const { fieldError, submit } = useValidatedForm<'address'>({
    problems: { address: draft.address.trim() === '' ? 'required' : undefined },
    message: (problem) => t(`validation.${problem}`),
  });
  return (
    <form noValidate onSubmit={submit(() => mutation.mutate())}>
      <Stack gap="sm">
        <TextInput
          label={t('case.address')}
          required
          value={draft.address}
          onChange={(e) => set({ address: e.currentTarget.value })}
          error={fieldError('address')}
        />
        <TextInput
          label={t('case.household.phone')}
          type="tel"
          value={draft.phone}
          onChange={(e) => set({ phone: e.currentTarget.value })}
        />
        <MultiSelect
          label={t('case.household.categories')}
          placeholder={t('capture.members.categoriesPlaceholder')}
          data={enumOptions(t, 'categories', HOUSEHOLD_CATEGORIES)}
          value={draft.categories}
          onChange={(categories) => set({ categories })}
          comboboxProps={{ withinPortal: true }}
        />
        <Textarea
          label={t('case.household.notes')}
          autosize
          minRows={2}
          value={draft.notes}
          onChange={(e) => set({ notes: e.currentTarget.value })}
        />
        <MutationError error={mutation.error} />
        <FormActions pending={mutation.isPending} />
      </Stack>
    </form>
  );
}
