import { useState } from 'react';
import {
  Anchor,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { addAgreement, fetchAgreements, type Agreement } from '../../api/agreements';
import type { CaseView } from '../../api/cases';
import { formatDate } from '../../components/labels';
import {
  addMonths,
  agreementInput,
  validateAgreement,
  type AgreementDraft,
  type AgreementField,
} from '../../logic/agreement';
import { isoDay } from '../../logic/dates';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import { useDraft } from '../../hooks/useDraft';
import { isChanged } from '../../hooks/useUnsavedGuard';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { QueryState } from '../../components/QueryState';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

/** SPEC §7: the agreement with the family (rights and duties of both sides), printed and signed. */
export function AgreementTab({
  view,
  canWrite,
  signatories,
}: {
  view: CaseView;
  canWrite: boolean;
  /** Suggested signatories: the family's adults. */
  signatories: string[];
}) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['agreements', view.id],
    queryFn: ({ signal }) => fetchAgreements(view.id, signal),
  });
  if (!list.isSuccess) {
    return <QueryState query={list} size="sm" />;
  }
  return (
    <Stack gap="md">
      {canWrite && (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            {t('agreement.create')}
          </Button>
        </Group>
      )}
      {list.data.length === 0 && <Text c="dimmed">{t('agreement.empty')}</Text>}
      <Stack gap="sm" data-testid="agreements">
        {list.data.map((a, i) => (
          <AgreementCard key={a.id} caseId={view.id} agreement={a} latest={i === 0} />
        ))}
      </Stack>
      {creating && (
        <AgreementForm view={view} signatories={signatories} onDone={() => setCreating(false)} />
      )}
    </Stack>
  );
}

function AgreementCard({
  caseId,
  agreement,
  latest,
}: {
  caseId: string;
  agreement: Agreement;
  latest: boolean;
}) {
  const { t, i18n } = useTranslation();
  const date = (d: string) => formatDate(d, i18n.language);
  const section = (title: string, items: string[]) =>
    items.length > 0 && (
      <div>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <List size="sm" spacing={2}>
          {items.map((item, i) => (
            <List.Item key={i}>{item}</List.Item>
          ))}
        </List>
      </div>
    );
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <div>
          <Title order={3} size="h5">
            {t('agreement.title', { date: date(agreement.signed_on) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('agreement.validity', {
              from: date(agreement.valid_from),
              to: date(agreement.valid_until),
            })}
          </Text>
        </div>
        {latest && (
          <Anchor component={Link} to={`/cases/${caseId}/print/agreement`} size="sm">
            <Group gap={4}>
              <IconPrinter size={16} aria-hidden />
              {t('print.open')}
            </Group>
          </Anchor>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm" spacing="sm">
        {section(t('agreement.familyDuties'), agreement.family_duties)}
        {section(t('agreement.serviceDuties'), agreement.service_duties)}
        {section(t('agreement.familyRights'), agreement.family_rights)}
        {section(t('agreement.serviceRights'), agreement.service_rights)}
      </SimpleGrid>
      <Text size="sm" mt="sm">
        {t('agreement.signatories')}:{' '}
        {agreement.signatories.map((s) => (s.role ? `${s.name} (${s.role})` : s.name)).join(', ')}
      </Text>
    </Paper>
  );
}

function AgreementForm({
  view,
  signatories,
  onDone,
}: {
  view: CaseView;
  signatories: string[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = isoDay();
  const initial: AgreementDraft = {
    signed_on: today,
    valid_from: today,
    valid_until: view.planned_end ?? addMonths(today, 6),
    family_duties: t('agreement.defaults.familyDuties'),
    service_duties: t('agreement.defaults.serviceDuties'),
    family_rights: t('agreement.defaults.familyRights'),
    service_rights: t('agreement.defaults.serviceRights'),
    signatories: signatories.join('\n'),
  };
  const [draft, setDraft, clearDraft] = useDraft<AgreementDraft>(
    `agreement.new.${view.id}`,
    initial,
  );
  const mutation = useMutation({
    mutationFn: () => addAgreement(view.id, agreementInput(draft)),
    onSuccess: async () => {
      clearDraft();
      notifications.show({ color: 'green', message: t('agreement.saved') });
      await queryClient.invalidateQueries({ queryKey: ['agreements', view.id] });
      onDone();
    },
  });
  const { fieldError, touch, submit } = useValidatedForm({
    problems: validateAgreement(draft),
    message: (problem) => t(`agreement.errors.${problem}`),
    serverError: mutation.error,
  });
  const set = (field: AgreementField, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    touch(field);
  };
  const date = (field: 'signed_on' | 'valid_from' | 'valid_until', label: string) => (
    <DateField
      label={label}
      required
      value={draft[field]}
      onChange={(value) => set(field, value)}
      error={fieldError(field)}
    />
  );
  const area = (field: AgreementField, label: string, required = false) => (
    <Textarea
      label={label}
      description={t('agreement.oneLine')}
      required={required}
      autosize
      minRows={2}
      maxRows={8}
      value={draft[field]}
      onChange={(e) => set(field, e.currentTarget.value)}
      error={fieldError(field)}
    />
  );
  return (
    <GuardedModal
      opened
      onClose={onDone}
      dirty={isChanged(draft, initial)}
      onDiscard={clearDraft}
      title={t('agreement.create')}
      size="xl"
    >
      <form noValidate onSubmit={submit(() => mutation.mutate())}>
        <Stack gap="sm">
          <MutationError error={mutation.error} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {date('signed_on', t('agreement.signedOn'))}
            {date('valid_from', t('agreement.validFrom'))}
            {date('valid_until', t('agreement.validUntil'))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {area('family_duties', t('agreement.familyDuties'))}
            {area('service_duties', t('agreement.serviceDuties'))}
            {area('family_rights', t('agreement.familyRights'))}
            {area('service_rights', t('agreement.serviceRights'))}
          </SimpleGrid>
          <Textarea
            label={t('agreement.signatories')}
            description={t('agreement.signatoriesHint')}
            required
            autosize
            minRows={2}
            value={draft.signatories}
            onChange={(e) => set('signatories', e.currentTarget.value)}
            error={fieldError('signatories')}
          />
          <FormActions pending={mutation.isPending} onCancel={onDone} mt="sm" />
        </Stack>
      </form>
    </GuardedModal>
  );
}
