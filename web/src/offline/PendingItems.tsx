import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxKind } from './db';
import { useOutbox } from './hooks';

/**
 * What `userId` recorded for a case and is still on the device (issue 14): shown above the list
 * the server gives, marked as waiting (or refused, with the server's reason).
 */
export function PendingItems({
  userId,
  caseId,
  kinds,
}: {
  userId: string | undefined;
  caseId: string;
  kinds: OutboxKind[];
}) {
  const items = useOutbox(userId).filter((i) => i.caseId === caseId && kinds.includes(i.kind));
  // Usually nothing is waiting: the words are looked up only for a list to show.
  return items.length === 0 ? null : <PendingList items={items} />;
}

function PendingList({ items }: { items: OutboxItem[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6} data-testid="pending-items" aria-label={t('offline.pendingTitle')}>
      {items.map((item) => (
        <Paper key={item.id} withBorder radius="md" p="xs" data-testid="pending-item">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={500}>
                {t(`offline.kinds.${item.kind}`)}
              </Text>
              <Text size="sm" truncate="end">
                {item.summary}
              </Text>
              {item.state !== 'waiting' && item.problem && (
                <Text size="xs" c="red.9">
                  {item.problem.message}
                </Text>
              )}
            </div>
            <Badge
              color={
                item.state === 'waiting' ? 'blue' : item.state === 'conflict' ? 'orange' : 'red'
              }
              variant="light"
              tt="none"
              style={{ flexShrink: 0 }}
            >
              {item.state === 'waiting'
                ? t('offline.pendingBadge')
                : item.state === 'conflict'
                  ? t('offline.conflictBadge')
                  : t('offline.setAsideBadge')}
            </Badge>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
