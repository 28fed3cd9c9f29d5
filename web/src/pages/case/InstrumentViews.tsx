import { Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../api/assessments';
import { ConflictMapDrawing, ConflictMapText } from '../../components/ConflictMapDrawing';
import { CHILD_FIELDS, readChildCard } from '../../logic/childCard';
import { readConflictMap } from '../../logic/conflictMap';
import { FAMILY_FIELDS, formatIncome, readFamilyCard } from '../../logic/familyCard';
import { useMemberName } from '../../hooks/useMemberName';
import type { MemberRef } from '../../logic/instruments';

function Line({ label, value }: { label: string; value: string | null }) {
  const { t } = useTranslation();
  if (value === '') {
    return null;
  }
  return (
    <Text size="sm">
      <Text span fw={600} size="sm">
        {label}:
      </Text>{' '}
      {value === null ? (
        <Text span c="dimmed" size="sm">
          {t('instruments.hidden')}
        </Text>
      ) : (
        value
      )}
    </Text>
  );
}

export function FamilyCardView({
  assessment,
  members,
}: {
  assessment: Assessment;
  members: MemberRef[];
}) {
  const { t, i18n } = useTranslation();
  const nameOf = useMemberName(members);
  const card = readFamilyCard(assessment.data, assessment.sensitive);
  return (
    <Stack gap={6} data-testid="family-card-view">
      <Line label={t('instruments.family.composition')} value={card.composition} />
      {card.members.map((m) => (
        <Stack key={m.person_id} gap={0}>
          <Text size="sm" fw={700}>
            {nameOf(m.person_id)}
          </Text>
          <Line label={t('instruments.family.employment')} value={m.employment} />
          <Line
            label={t('instruments.family.income')}
            value={formatIncome(m.income, i18n.language)}
          />
          <Line label={t('instruments.family.education')} value={m.education} />
          <Line label={t('instruments.family.habits')} value={m.habits} />
          <Line label={t('instruments.family.relations')} value={m.relations} />
          <Line label={t('instruments.family.health')} value={m.health} />
        </Stack>
      ))}
      {FAMILY_FIELDS.filter((k) => k !== 'composition').map((k) => (
        <Line key={k} label={t(`instruments.family.${k}`)} value={card[k]} />
      ))}
    </Stack>
  );
}

export function ChildCardView({
  assessment,
  members,
}: {
  assessment: Assessment;
  members: MemberRef[];
}) {
  const { t } = useTranslation();
  const nameOf = useMemberName(members);
  const card = readChildCard(assessment.data, assessment.sensitive);
  return (
    <Stack gap={2} data-testid="child-card-view">
      <Line label={t('instruments.child.child')} value={nameOf(card.person_id)} />
      {CHILD_FIELDS.map((k) => (
        <Line key={k} label={t(`instruments.child.${k}`)} value={card[k]} />
      ))}
    </Stack>
  );
}

export function ConflictMapView({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const id = useId();
  const map = readConflictMap(assessment.data);
  return (
    <Stack gap="xs" data-testid="conflict-map-view">
      <ConflictMapDrawing map={map} describedBy={id} />
      <Text size="xs" c="dimmed">
        {t('instruments.conflict.legend')}
      </Text>
      <ConflictMapText map={map} id={id} />
    </Stack>
  );
}
