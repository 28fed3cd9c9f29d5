import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fullName, type Household, type Person } from '../../api/households';
import { enumLabel, formatDate } from '../../components/labels';

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

function MemberCard({ person }: { person: Person }) {
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

export function HouseholdTab({ household }: { household: Household }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
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
            <MemberCard key={p.id} person={p} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
