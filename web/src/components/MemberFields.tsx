import { ActionIcon, Checkbox, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { HOUSEHOLD_ROLES, SEXES } from '../api/households';
import { isoDay } from '../logic/dates';
import type { FormErrors } from '../logic/forms';
import type { MemberDraft, MemberField } from '../logic/members';
import { DateField } from './DateField';
import { enumOptions } from './labels';

/**
 * The inputs of a household member. `full` adds phone, school, employment, disability and pregnancy
 * (the member form of a household); without it only what a new household needs (triage).
 */
export function MemberFields({
  value,
  onChange,
  errors,
  full = false,
}: {
  value: MemberDraft;
  onChange: (patch: Partial<MemberDraft>) => void;
  errors: FormErrors<MemberField>;
  full?: boolean;
}) {
  const { t } = useTranslation();
  const error = (field: MemberField) => {
    const problem = errors[field];
    return problem ? t(`validation.${problem}`) : undefined;
  };
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
      <TextInput
        label={t('intake.lastName')}
        required
        value={value.last_name}
        onChange={(e) => onChange({ last_name: e.currentTarget.value })}
        error={error('last_name')}
      />
      <TextInput
        label={t('intake.firstName')}
        required
        value={value.first_name}
        onChange={(e) => onChange({ first_name: e.currentTarget.value })}
        error={error('first_name')}
      />
      <TextInput
        label={t('intake.patronymic')}
        value={value.patronymic}
        onChange={(e) => onChange({ patronymic: e.currentTarget.value })}
      />
      <DateField
        label={t('intake.birthDate')}
        maxDate={isoDay()}
        value={value.birth_date}
        onChange={(birth_date) => onChange({ birth_date })}
        error={error('birth_date')}
      />
      <NativeSelect
        label={t('signals.sex')}
        required
        data={[{ value: '', label: '—' }, ...enumOptions(t, 'sexes', SEXES)]}
        value={value.sex}
        onChange={(e) => onChange({ sex: e.currentTarget.value })}
        error={error('sex')}
      />
      <NativeSelect
        label={t('signals.role')}
        required
        data={[{ value: '', label: '—' }, ...enumOptions(t, 'householdRoles', HOUSEHOLD_ROLES)]}
        value={value.household_role}
        onChange={(e) => onChange({ household_role: e.currentTarget.value })}
        error={error('household_role')}
      />
      {full && (
        <>
          <TextInput
            label={t('case.household.phone')}
            type="tel"
            value={value.phone}
            onChange={(e) => onChange({ phone: e.currentTarget.value })}
          />
          <TextInput
            label={t('case.household.school')}
            value={value.school}
            onChange={(e) => onChange({ school: e.currentTarget.value })}
          />
          <TextInput
            label={t('case.household.employment')}
            value={value.employment}
            onChange={(e) => onChange({ employment: e.currentTarget.value })}
          />
          <Checkbox
            mt="lg"
            label={t('case.household.disability')}
            checked={value.disability}
            onChange={(e) => onChange({ disability: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('case.household.pregnant')}
            checked={value.pregnant}
            onChange={(e) => onChange({ pregnant: e.currentTarget.checked })}
          />
          {value.pregnant && (
            <DateField
              label={t('capture.members.pregnancyDue')}
              value={value.pregnancy_due}
              onChange={(pregnancy_due) => onChange({ pregnancy_due })}
            />
          )}
        </>
      )}
    </SimpleGrid>
  );
}

/** The bin that takes person `n` (from 1) off a list of people being typed in. */
export function RemovePersonButton({ n, onRemove }: { n: number; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon
      variant="subtle"
      color="red"
      aria-label={t('intake.removePerson', { n })}
      onClick={onRemove}
    >
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}
