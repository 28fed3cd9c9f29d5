import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiRequest, isApiError } from '../../api/client';
import {
  addConsent,
  withdrawConsent,
  type CaseView,
  type Consent,
  type ConsentInput,
} from '../../api/cases';
import { fullName, type Person } from '../../api/households';
import { enumLabel, enumOptions, formatDate } from '../../components/labels';
import { isoDay } from '../../logic/dates';
import { checkScan, fileToBase64 } from '../../logic/files';
import { validateConsent, type ConsentDraft } from '../../logic/forms';
import { DateField } from '../../components/DateField';
import { GuardedModal } from '../../components/GuardedModal';
import { useDraft } from '../../hooks/useDraft';
import { isChanged } from '../../hooks/useUnsavedGuard';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

const SCOPES = ['patronage', 'personal_data'] as const;

async function downloadDocument(id: string): Promise<void> {
  const doc = await apiRequest<{ file_name: string; content_type: string; content_base64: string }>(
    `/api/v1/documents/${encodeURIComponent(id)}`,
  );
  const bytes = Uint8Array.from(atob(doc.content_base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: doc.content_type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = doc.file_name;
  link.click();
  URL.revokeObjectURL(url);
}

export function ConsentsTab({
  view,
  members,
  canWrite,
}: {
  view: CaseView;
  members: Person[];
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Consent | null>(null);
  const nameOf = (id: string) => {
    const p = members.find((m) => m.id === id);
    // Who may see the case card but not the family (a secretary) is not shown names: never an id.
    return p ? fullName(p) : t('walk.familyMember');
  };

  return (
    <Stack gap="md">
      {canWrite && (
        <Group>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
            {t('case.consents.add')}
          </Button>
        </Group>
      )}
      {view.consents.length === 0 && <Text c="dimmed">{t('case.consents.empty')}</Text>}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {view.consents.map((c) => (
          <Paper key={c.id} withBorder radius="md" p="md" component="li" data-testid="consent">
            <Group justify="space-between" align="flex-start" wrap="wrap">
              <div>
                <Group gap="xs">
                  <Text fw={600}>{nameOf(c.signed_by)}</Text>
                  <Badge variant="light" tt="none">
                    {enumLabel(t, 'consentScopes', c.scope)}
                  </Badge>
                  {c.withdrawn_on ? (
                    <Badge color="red" variant="light" tt="none">
                      {t('case.consents.withdrawn', {
                        date: formatDate(c.withdrawn_on, i18n.language),
                      })}
                    </Badge>
                  ) : (
                    <Badge color="green" variant="light" tt="none">
                      {t('case.consents.valid')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {t('case.consents.signedOn')}: {formatDate(c.signed_on, i18n.language)}
                  {c.valid_until &&
                    ` · ${t('case.consents.validUntil')}: ${formatDate(c.valid_until, i18n.language)}`}
                </Text>
                {c.covers.length > 0 && (
                  <Text size="sm">
                    {t('case.consents.covers')}:{' '}
                    {members.length === 0
                      ? t('walk.members', { count: c.covers.length })
                      : c.covers.map(nameOf).join(', ')}
                  </Text>
                )}
              </div>
              <Group gap="xs">
                {c.document_id && (
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconDownload size={14} aria-hidden />}
                    onClick={() => void downloadDocument(c.document_id ?? '')}
                  >
                    {t('case.consents.download')}
                  </Button>
                )}
                {canWrite && !c.withdrawn_on && (
                  <Button size="xs" variant="light" color="red" onClick={() => setWithdrawing(c)}>
                    {t('case.consents.withdraw')}
                  </Button>
                )}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      {adding && (
        <AddConsentDialog caseId={view.id} members={members} onClose={() => setAdding(false)} />
      )}
      {withdrawing && (
        <WithdrawDialog
          caseId={view.id}
          consent={withdrawing}
          onClose={() => setWithdrawing(null)}
        />
      )}
    </Stack>
  );
}

function AddConsentDialog({
  caseId,
  members,
  onClose,
}: {
  caseId: string;
  members: Person[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const today = isoDay();
  const initial: ConsentDraft = {
    signed_by: '',
    covers: [],
    scope: 'patronage',
    signed_on: today,
    valid_until: '',
  };
  const [draft, setDraft, clearDraft] = useDraft<ConsentDraft>(`consent.new.${caseId}`, initial);
  const [file, setFile] = useState<File | null>(null);
  const scanProblem = file ? checkScan(file) : null;

  const mutation = useMutation({
    mutationFn: async () => {
      const input: ConsentInput = {
        signed_by: draft.signed_by,
        covers: draft.covers.filter((id) => id !== draft.signed_by),
        scope: draft.scope,
        signed_on: draft.signed_on,
        ...(draft.valid_until !== '' ? { valid_until: draft.valid_until } : {}),
      };
      if (file) {
        input.document = {
          file_name: file.name,
          content_type: file.type,
          content_base64: await fileToBase64(file),
        };
      }
      return addConsent(caseId, input);
    },
    onSuccess: async () => {
      clearDraft();
      notifications.show({ color: 'green', message: t('case.consents.added') });
      await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      onClose();
    },
  });
  const { fieldError, submit } = useValidatedForm({
    problems: validateConsent(draft, today),
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });
  const set = (patch: Partial<ConsentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const memberOptions = members.map((m) => ({ value: m.id, label: fullName(m) }));

  return (
    <GuardedModal
      opened
      onClose={onClose}
      dirty={isChanged(draft, initial) || file !== null}
      onDiscard={clearDraft}
      title={t('case.consents.addTitle')}
      centered
      size="lg"
    >
      <form
        noValidate
        onSubmit={submit(() => {
          if (scanProblem === null) {
            mutation.mutate();
          }
        })}
      >
        <Stack gap="sm">
          <MutationError error={mutation.error} />
          <NativeSelect
            label={t('case.consents.signedBy')}
            required
            data={[{ value: '', label: '—' }, ...memberOptions]}
            value={draft.signed_by}
            onChange={(e) => set({ signed_by: e.currentTarget.value })}
            error={fieldError('signed_by')}
          />
          <Checkbox.Group
            label={t('case.consents.covers')}
            value={draft.covers}
            onChange={(covers) => set({ covers })}
          >
            <Stack gap={6} mt={4}>
              {memberOptions
                .filter((m) => m.value !== draft.signed_by)
                .map((m) => (
                  <Checkbox key={m.value} value={m.value} label={m.label} />
                ))}
            </Stack>
          </Checkbox.Group>
          <NativeSelect
            label={t('case.consents.scope')}
            required
            data={enumOptions(t, 'consentScopes', SCOPES)}
            value={draft.scope}
            onChange={(e) => set({ scope: e.currentTarget.value })}
            error={fieldError('scope')}
          />
          <Group grow align="flex-start">
            <DateField
              label={t('case.consents.signedOn')}
              required
              maxDate={today}
              value={draft.signed_on}
              onChange={(value) => set({ signed_on: value })}
              error={fieldError('signed_on')}
            />
            <DateField
              label={t('case.consents.validUntil')}
              value={draft.valid_until}
              onChange={(value) => set({ valid_until: value })}
              error={fieldError('valid_until')}
            />
          </Group>
          <FileInput
            label={t('case.consents.scan')}
            placeholder={t('case.consents.scanPick')}
            accept="application/pdf,image/jpeg,image/png"
            clearable
            value={file}
            onChange={setFile}
            error={
              scanProblem
                ? t(
                    scanProblem === 'tooLarge'
                      ? 'validation.scanTooLarge'
                      : scanProblem === 'badType'
                        ? 'validation.scanBadType'
                        : 'validation.scanEmpty',
                  )
                : isApiError(mutation.error)
                  ? mutation.error.fieldMessage('document.content_base64')
                  : undefined
            }
          />
          <FormActions pending={mutation.isPending} onCancel={onClose} mt="sm" />
        </Stack>
      </form>
    </GuardedModal>
  );
}

function WithdrawDialog({
  caseId,
  consent,
  onClose,
}: {
  caseId: string;
  consent: Consent;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [initialOn] = useState(isoDay);
  const [on, setOn] = useState(initialOn);
  const mutation = useMutation({
    mutationFn: () => withdrawConsent(caseId, consent.id, on),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('case.consents.withdrawnDone') });
      await queryClient.invalidateQueries({ queryKey: ['case', caseId] });
      onClose();
    },
  });
  return (
    <GuardedModal
      opened
      onClose={onClose}
      dirty={on !== initialOn}
      title={t('case.consents.withdrawTitle')}
      centered
    >
      <Stack gap="sm">
        <Alert color="orange">{t('case.consents.withdrawWarning')}</Alert>
        <MutationError error={mutation.error} />
        <DateField
          label={t('case.consents.withdrawnOn')}
          required
          value={on}
          onChange={(value) => setOn(value)}
          error={on === '' ? t('validation.required') : undefined}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={mutation.isPending}
            disabled={on === ''}
            onClick={() => mutation.mutate()}
          >
            {t('case.consents.withdraw')}
          </Button>
        </Group>
      </Stack>
    </GuardedModal>
  );
}
