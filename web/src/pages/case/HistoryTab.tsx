import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseTransition } from '../../api/cases';
import { caseStateLabel, formatDateTime } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';

/** Every transition with who, when and why (SPEC §3), newest first. */
export function HistoryTab({ history }: { history: CaseTransition[] }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  if (history.length === 0) {
    return <Text c="dimmed">{t('case.history.empty')}</Text>;
  }
  const items = [...history].reverse();
  return (
    <Timeline active={items.length} bulletSize={14} lineWidth={2}>
      {items.map((item, index) => (
        <Timeline.Item
          key={`${item.at}-${index}`}
          title={
            item.from === null
              ? `${t('case.history.opened')}: ${caseStateLabel(t, item.to)}`
              : `${caseStateLabel(t, item.from)} → ${caseStateLabel(t, item.to)}`
          }
        >
          <Text size="xs" c="dimmed">
            {t('case.history.by', {
              who: nameOf(item.user_id),
              when: formatDateTime(item.at, i18n.language),
            })}
          </Text>
          {/* The opening transition carries the server's key "case.opened": the title says it. */}
          {item.reason && item.reason !== 'case.opened' && <Text size="sm">{item.reason}</Text>}
          {item.override_reason && (
            <Text size="sm" c="orange">
              {t('case.history.override', { reason: item.override_reason })}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
