import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { PersonDuplicate } from '../api/households';
import { formatDate } from './labels';
import ru from '../locales/ru.json';

function reasonLabel(t: TFunction, reason: string): string {
  return Object.hasOwn(ru.intake.reasons, reason) ? t(`intake.reasons.${reason}` as never) : reason;
}

/** Probable matches for a person, best first, each with why it matched. */
export function DuplicateList({ items }: { items: PersonDuplicate[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((d) => (
        <Paper
          key={d.person_id}
          withBorder
          radius="sm"
          p="xs"
          component="li"
          bg="yellow.0"
          data-testid="duplicate"
        >
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" fw={600}>
              {d.name}
            </Text>
            <Badge size="sm" color="orange" variant="light" tt="none" style={{ flexShrink: 0 }}>
              {t('intake.score', { percent: Math.round(d.score * 100) })}
            </Badge>
          </Group>
          {d.birth_date && (
            <Text size="xs" c="dimmed">
              {t('intake.born', { date: formatDate(d.birth_date, i18n.language) })}
            </Text>
          )}
          <Text size="xs">{d.reasons.map((r) => reasonLabel(t, r)).join(', ')}</Text>
        </Paper>
      ))}
    </Stack>
  );
}
