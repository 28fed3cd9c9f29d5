import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { memo } from 'react';
import { IconAlertTriangle, IconArrowsShuffle, IconPrinter } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../../components/BackLink';
import type { CaseView } from '../../api/cases';
import { fullName } from '../../api/households';
import { useHousehold } from '../../hooks/useHousehold';
import {
  enumLabel,
  formatDate,
  STATE_COLORS,
  caseStateLabel,
  withHumanDates,
} from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';
import { useVisits } from '../../hooks/useVisits';
import { RISK_LEVEL_COLORS } from '../../logic/needs';
import { PRINT_DOCUMENTS, printPath } from '../../logic/print';
import { withNames } from '../../logic/transitions';
import { latestConcern, nextVisit } from '../../logic/visits';
import { TransitionBar } from './TransitionBar';

/**
 * The case's header: the family, the state, the team, the risk and the next visit, warnings and the
 * transitions. Memoised: switching the section (?tab=) does not draw it again (issue 14).
 */
export const CaseHeader = memo(function CaseHeader({
  view,
  role,
  readsFamily,
  canWrite,
}: {
  view: CaseView;
  role: string;
  readsFamily: boolean;
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  const household = useHousehold(view.household_id, readsFamily);
  const people = (household.data?.members ?? []).map((m) => ({ id: m.id, name: fullName(m) }));
  const named = {
    ...view,
    next_states: view.next_states.map((n) =>
      n.blocked_by
        ? {
            ...n,
            blocked_by: {
              ...n.blocked_by,
              message: withHumanDates(withNames(n.blocked_by.message, people), i18n.language),
            },
          }
        : n,
    ),
  };
  const visits = useVisits(view.id, readsFamily);
  // SPEC §8: a visit already planned before the schedule's deadline is the next one.
  const next = nextVisit(view.next_visit, visits.data ?? []);
  const overdue = next?.due && !next.planned ? next.due.overdue_days : 0;
  const concern = latestConcern(visits.data ?? []);
  const team = view.team.filter((m) => m.role !== 'lead');
  // SPEC §9: the case's lead or a head asks for volunteer proposals (the server checks too).
  const canMatch =
    canWrite &&
    ['head', 'specialist'].includes(role) &&
    !['closed', 'rejected'].includes(view.state);

  return (
    <>
      <Group justify="space-between" wrap="wrap">
        <BackLink to="/cases">{t('case.backToList')}</BackLink>
        <Group gap="xs">
          {canMatch && (
            <Button
              component={Link}
              to={`/volunteers/match?case=${encodeURIComponent(view.number)}`}
              variant="default"
              size="xs"
              leftSection={<IconArrowsShuffle size={14} aria-hidden />}
            >
              {t('volunteers.findForCase')}
            </Button>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPrinter size={14} aria-hidden />}
              >
                {t('print.menu')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {PRINT_DOCUMENTS.map((doc) => (
                <Menu.Item key={doc} component={Link} to={printPath(view.id, doc)}>
                  {t(`print.docs.${doc}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div>
              <Title order={2}>
                {[view.family_name, household.data?.address ?? view.address]
                  .filter((part) => part)
                  .join(', ') || t('cases.caseNumber', { number: view.number })}
              </Title>
              <Text size="sm" c="dimmed" data-testid="case-number">
                {t('cases.caseNumber', { number: view.number })} ·{' '}
                {t('case.openedOn', { date: formatDate(view.opened_on, i18n.language) })}
              </Text>
            </div>
            <Stack gap={2} align="flex-end">
              <Badge
                size="lg"
                color={STATE_COLORS[view.state] ?? 'gray'}
                tt="none"
                data-testid="case-state"
              >
                {caseStateLabel(t, view.state)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('case.since', { date: formatDate(view.state_entered_on, i18n.language) })}
              </Text>
            </Stack>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
            <div>
              <Text size="xs" c="dimmed">
                {t('case.lead')}
              </Text>
              <Text size="sm">{nameOf(view.lead_id)}</Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('case.team')}
              </Text>
              <Text size="sm">
                {team.length === 0
                  ? t('case.noTeam')
                  : team
                      .map((m) => `${nameOf(m.user_id)} (${enumLabel(t, 'relations', m.role)})`)
                      .join(', ')}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('case.intensity')}
              </Text>
              <Text size="sm">
                {view.intensity ? enumLabel(t, 'intensity', view.intensity) : '—'}
              </Text>
            </div>
            <div>
              <Text size="xs" c="dimmed">
                {t('case.plannedEnd')}
              </Text>
              <Text size="sm">
                {view.planned_end ? formatDate(view.planned_end, i18n.language) : '—'}
              </Text>
            </div>
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <div data-testid="case-risk">
              <Text size="xs" c="dimmed">
                {t('case.risk')}
              </Text>
              {view.risk ? (
                <Stack gap={2} align="flex-start">
                  <Badge color={RISK_LEVEL_COLORS[view.risk.level] ?? 'gray'} tt="none">
                    {enumLabel(t, 'riskLevels', view.risk.level)}
                  </Badge>
                  {view.risk.reasons.map((r) => (
                    <Text key={r.key + r.message} size="xs">
                      {withHumanDates(r.message, i18n.language)}
                    </Text>
                  ))}
                </Stack>
              ) : (
                <Text size="sm">{t('case.noRisk')}</Text>
              )}
            </div>
            {next && (
              <div data-testid="case-next-visit">
                <Text size="xs" c="dimmed">
                  {t('case.nextVisit')}
                </Text>
                <Text size="sm" c={!next.planned && overdue > 0 ? 'red' : undefined}>
                  {formatDate(next.on, i18n.language)}
                  {!next.planned && overdue > 0 && ` · ${t('case.overdue', { count: overdue })}`}
                </Text>
                <Text size="xs" c="dimmed">
                  {next.planned
                    ? t('capture.visits.plannedFor', { purpose: next.planned.purpose })
                    : withHumanDates(next.due?.reason.message ?? '', i18n.language)}
                </Text>
                {next.planned && next.due && next.due.due_on !== next.on && (
                  <Text size="xs" c="dimmed">
                    {t('capture.visits.dueBy', {
                      date: formatDate(next.due.due_on, i18n.language),
                    })}
                  </Text>
                )}
                {next.plannedLate && (
                  <Text size="xs" c="orange.9">
                    {t('capture.visits.plannedLate', {
                      date: formatDate(next.plannedLate.planned_on, i18n.language),
                    })}
                  </Text>
                )}
              </div>
            )}
          </SimpleGrid>
        </Stack>
      </Paper>
      {concern && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('capture.visits.caseConcern', {
            date: formatDate(concern.actual_on, i18n.language),
          })}
          data-testid="case-concern"
        >
          <Text size="sm">{concern.child_safety.note}</Text>
        </Alert>
      )}
      {view.warnings.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('case.warnings')}
          data-testid="case-warnings"
        >
          <Stack gap={2}>
            {view.warnings.map((w) => (
              <Text key={w.key} size="sm">
                {withHumanDates(withNames(w.message, people), i18n.language)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {canWrite && <TransitionBar view={named} role={role} />}
    </>
  );
});
