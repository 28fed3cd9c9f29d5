import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  Progress as ProgressBar,
  Radio,
  Stack,
  Table,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';

import { notifications } from '@mantine/notifications';
import { IconCloudOff, IconDownload, IconSend } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { User } from '../api/auth';
import { errorMessage } from '../api/errorMessage';
import { formatDateTime } from '../components/labels';
import ru from '../locales/ru.json';
import { offlineDb, type FieldConflict, type OutboxItem } from './db';
import { isFieldRole, prepareForField, type Progress } from './fieldStore';
import { useFieldCopy, useOutbox, useReachable } from './hooks';
import { discardItem, resolvedBody, retryItem } from './outbox';
import { runOutbox } from './runtime';
import { useNarrowWidth } from '../hooks/useScreen';

/** The header's part: the offline banner, the count of what waits to be sent, the field drawer. */
export function FieldStatus({ user }: { user: User }) {
  const { t } = useTranslation();
  const reachable = useReachable();
  const items = useOutbox(user.id);
  const [opened, setOpened] = useState(false);
  const phone = useNarrowWidth();
  const waiting = items.filter((i) => i.state === 'waiting').length;
  const setAside = items.length - waiting;
  const field = isFieldRole(user.role);
  if (!field && items.length === 0 && reachable) {
    return null;
  }
  const waitingText = t('offline.waiting', { count: waiting });
  return (
    <>
      <Group gap={6} wrap="nowrap">
        <UnstyledButton
          onClick={() => setOpened(true)}
          aria-label={t('offline.open')}
          data-testid="field-open"
          style={{ minHeight: 44, display: 'flex', alignItems: 'center' }}
        >
          {items.length > 0 ? (
            <Badge
              color={setAside > 0 ? 'red' : 'blue'}
              variant="light"
              tt="none"
              size="lg"
              data-testid="outbox-count"
              role="status"
              leftSection={<IconSend size={14} aria-hidden />}
            >
              {/* A phone has room for the number only; a screen reader hears the sentence. */}
              <VisuallyHidden>{waitingText}</VisuallyHidden>
              <span aria-hidden>
                {phone ? waiting : waitingText}
                {setAside > 0 && ` · ${setAside}`}
              </span>
            </Badge>
          ) : (
            <IconDownload size={22} aria-hidden />
          )}
        </UnstyledButton>
      </Group>
      <Drawer
        opened={opened}
        onClose={() => setOpened(false)}
        position="right"
        title={t('offline.title')}
        size="md"
      >
        <FieldPanel user={user} items={items} reachable={reachable} />
      </Drawer>
    </>
  );
}

/** Issue 14: a strip above the page while the server cannot be reached, with the copy's date. */
export function OfflineBanner({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const reachable = useReachable();
  const copy = useFieldCopy(user.id);
  if (reachable) {
    return null;
  }
  return (
    <Alert
      color="orange"
      variant="filled"
      role="status"
      icon={<IconCloudOff size={18} aria-hidden />}
      py={6}
      mb="sm"
      data-testid="offline-banner"
    >
      {copy?.preparedAt
        ? t('offline.banner', { date: formatDateTime(copy.preparedAt, i18n.language) })
        : t('offline.bannerNoCopy')}
    </Alert>
  );
}

function FieldPanel({
  user,
  items,
  reachable,
}: {
  user: User;
  items: OutboxItem[];
  reachable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const copy = useFieldCopy(user.id);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [prepareError, setPrepareError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const prepare = async () => {
    setPrepareError(null);
    setProgress({ done: 0, total: 1 });
    try {
      const { cases } = await prepareForField(offlineDb(), user, setProgress);
      notifications.show({ color: 'green', message: t('offline.prepared', { count: cases }) });
    } catch (error) {
      setPrepareError(error);
    } finally {
      setProgress(null);
    }
  };
  const sendNow = async () => {
    setSending(true);
    try {
      const result = await runOutbox(user.id, true);
      if (result && result.sent > 0) {
        notifications.show({
          color: 'green',
          message: t('offline.sentCount', { count: result.sent }),
        });
      }
    } finally {
      setSending(false);
    }
  };
  const waiting = items.filter((i) => i.state === 'waiting');
  return (
    <Stack gap="md">
      {isFieldRole(user.role) && (
        <Stack gap="xs">
          <Text size="sm">{t('offline.prepareHint')}</Text>
          <Text size="sm" c="dimmed" data-testid="prepared-at">
            {copy?.preparedAt
              ? t('offline.preparedAt', { date: formatDateTime(copy.preparedAt, i18n.language) })
              : t('offline.notPrepared')}
          </Text>
          {progress && (
            <Stack gap={4}>
              <ProgressBar
                value={(100 * progress.done) / Math.max(1, progress.total)}
                aria-label={t('offline.preparing', { ...progress })}
              />
              <Text size="xs" c="dimmed">
                {t('offline.preparing', { ...progress })}
              </Text>
            </Stack>
          )}
          {prepareError !== null && (
            <Alert color="red" role="alert" title={t('offline.prepareFailed')}>
              {errorMessage(prepareError, t)}
            </Alert>
          )}
          <Button
            size="md"
            leftSection={<IconDownload size={18} aria-hidden />}
            onClick={() => void prepare()}
            loading={progress !== null}
            disabled={!reachable}
          >
            {t('offline.prepare')}
          </Button>
        </Stack>
      )}
      <Stack gap="xs">
        <Text fw={600}>{t('offline.queueTitle')}</Text>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('offline.queueEmpty')}
          </Text>
        ) : (
          items.map((item) => <OutboxRow key={item.id} item={item} />)
        )}
        {waiting.length > 0 && (
          <Button
            size="md"
            variant="light"
            leftSection={<IconSend size={18} aria-hidden />}
            onClick={() => void sendNow()}
            loading={sending}
          >
            {t('offline.sendNow')}
          </Button>
        )}
      </Stack>
    </Stack>
  );
}

/**
 * Puts a set-aside item back in the queue (with the user's choices, for a conflict) and sends it at
 * once: the user asked, there is no reason to wait for the next automatic run.
 */
async function sendAgain(item: OutboxItem, body?: Record<string, unknown>): Promise<void> {
  await retryItem(offlineDb(), item.id, body);
  await runOutbox(item.userId, true);
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const color = item.state === 'waiting' ? 'blue' : item.state === 'conflict' ? 'orange' : 'red';
  const badge =
    item.state === 'waiting'
      ? t('offline.pendingBadge')
      : item.state === 'conflict'
        ? t('offline.conflictBadge')
        : t('offline.setAsideBadge');
  return (
    <Paper withBorder p="sm" radius="md" data-testid="outbox-item" data-state={item.state}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {t(`offline.kinds.${item.kind}`)}
            </Text>
            <Text size="sm" truncate="end">
              {item.summary}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(item.createdAt, i18n.language)}
            </Text>
          </div>
          <Badge color={color} variant="light" tt="none" style={{ flexShrink: 0 }}>
            {badge}
          </Badge>
        </Group>
        {item.state === 'waiting' && item.attempts > 0 && item.nextAttemptAt > 0 && (
          <Text size="xs" c="dimmed">
            {t('offline.nextTry', {
              time: formatDateTime(new Date(item.nextAttemptAt).toISOString(), i18n.language),
            })}
          </Text>
        )}
        {item.problem && item.state !== 'waiting' && (
          <Text size="sm" c="red.9" role="note">
            {item.problem.message}
          </Text>
        )}
        {item.state === 'conflict' && item.problem?.conflicts && (
          <ConflictChooser item={item} conflicts={item.problem.conflicts} />
        )}
        {item.state === 'set_aside' && (
          <Group gap="xs">
            <Button size="sm" variant="light" onClick={() => void sendAgain(item)}>
              {t('offline.retry')}
            </Button>
          </Group>
        )}
        {item.state !== 'waiting' &&
          (confirming ? (
            <Stack gap={4}>
              <Text size="sm">{t('offline.discardConfirm')}</Text>
              <Group gap="xs">
                <Button
                  size="sm"
                  color="red"
                  onClick={() => void discardItem(offlineDb(), item.id)}
                >
                  {t('offline.discard')}
                </Button>
                <Button size="sm" variant="default" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Button
              size="sm"
              variant="subtle"
              color="red"
              onClick={() => setConfirming(true)}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('offline.discard')}
            </Button>
          ))}
      </Stack>
    </Paper>
  );
}

/** A field's name in the user's language (translated when known, else as the server named it). */
function fieldLabel(t: TFunction, field: string): string {
  const key = field.replaceAll('.', '_'); // "observations.home": a catalogue key may not hold a dot
  return Object.hasOwn(ru.offline.fields, key) ? t(`offline.fields.${key}` as never) : field;
}

function shown(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') {
    return empty;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A conflict found field by field: both values side by side, the user picks one per field. */
export function ConflictChooser({
  item,
  conflicts,
}: {
  item: OutboxItem;
  conflicts: FieldConflict[];
}) {
  const { t, i18n } = useTranslation();
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const empty = t('offline.conflict.empty');
  return (
    <Stack gap="xs" data-testid="conflict">
      <Text size="sm" fw={600}>
        {t('offline.conflict.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('offline.conflict.hint')}
      </Text>
      {/* Two columns, the field named above its pair of values: side by side even on a phone. */}
      <Table withTableBorder withColumnBorders layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="50%">{t('offline.conflict.mine')}</Table.Th>
            <Table.Th w="50%">{t('offline.conflict.theirs')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        {conflicts.map((c) => {
          const choice = choices[c.field] ?? 'mine';
          const label = fieldLabel(t, c.field);
          return (
            <Table.Tbody key={c.field} data-testid="conflict-field" data-field={c.field}>
              <Table.Tr bg="var(--mantine-color-gray-0)">
                <Table.Th colSpan={2} scope="colgroup">
                  <Text size="sm" fw={600}>
                    {label}
                  </Text>
                </Table.Th>
              </Table.Tr>
              <Table.Tr style={{ verticalAlign: 'top' }}>
                <Table.Td data-testid="conflict-mine" style={{ overflowWrap: 'anywhere' }}>
                  <Radio
                    name={`${item.id}-${c.field}`}
                    checked={choice === 'mine'}
                    onChange={() => setChoices({ ...choices, [c.field]: 'mine' })}
                    label={shown(c.mine, empty)}
                    aria-label={`${label}: ${t('offline.conflict.keepMine')}`}
                  />
                </Table.Td>
                <Table.Td data-testid="conflict-theirs" style={{ overflowWrap: 'anywhere' }}>
                  <Radio
                    name={`${item.id}-${c.field}`}
                    checked={choice === 'theirs'}
                    onChange={() => setChoices({ ...choices, [c.field]: 'theirs' })}
                    label={shown(c.theirs, empty)}
                    description={
                      c.changed_by_name
                        ? t('offline.conflict.changedBy', {
                            name: c.changed_by_name,
                            date: formatDateTime(c.changed_at, i18n.language),
                          })
                        : undefined
                    }
                    aria-label={`${label}: ${t('offline.conflict.keepTheirs')}`}
                  />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          );
        })}
      </Table>
      <Button
        size="sm"
        onClick={() => void sendAgain(item, resolvedBody(item, choices))}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('offline.conflict.send')}
      </Button>
    </Stack>
  );
}
