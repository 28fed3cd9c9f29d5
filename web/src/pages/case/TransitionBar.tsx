import { useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { transitionCase, type CaseView } from '../../api/cases';
import { enumLabel, caseStateLabel } from '../../components/labels';
import { transitionActions, type TransitionAction } from '../../logic/transitions';
import { GuardedModal } from '../../components/GuardedModal';
import { useDraft } from '../../hooks/useDraft';
import { useValidatedForm } from '../../hooks/useValidatedForm';
import { MutationError } from '../../components/MutationError';
import { FormActions } from '../../components/FormActions';

/** The case's next states as buttons; a blocked one says which rule blocks it. */
export function TransitionBar({ view, role }: { view: CaseView; role: string }) {
  const { t } = useTranslation();
  const actions = transitionActions(view.next_states, role);
  const [chosen, setChosen] = useState<TransitionAction | null>(null);

  return (
    <Paper withBorder radius="md" p="md" aria-labelledby="case-actions-title">
      <Title order={3} size="h5" id="case-actions-title" mb="sm">
        {t('case.actions')}
      </Title>
      {actions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('case.noActions')}
        </Text>
      )}
      <Stack gap="sm">
        {actions.map((action) => (
          <Group key={action.to} gap="sm" wrap="nowrap" align="flex-start">
            <Button
              variant={action.to === 'rejected' ? 'light' : 'filled'}
              color={action.to === 'rejected' ? 'red' : 'blue'}
              disabled={!action.enabled}
              leftSection={action.blockedBy ? <IconLock size={16} aria-hidden /> : undefined}
              onClick={() => setChosen(action)}
              style={{ flexShrink: 0 }}
              aria-describedby={action.blockedBy ? `blocked-${action.to}` : undefined}
              data-testid={`transition-${action.to}`}
            >
              {enumLabel(t, 'transitionTo', action.to)}
            </Button>
            {action.blockedBy && (
              <Text
                size="sm"
                c="orange"
                id={`blocked-${action.to}`}
                data-rule={action.blockedBy.rule}
                data-testid={`blocked-${action.to}`}
                pt={6}
              >
                {action.blockedBy.message}
                {action.needsOverride && ` ${t('case.headOverride')}`}
              </Text>
            )}
          </Group>
        ))}
      </Stack>
      {chosen && (
        <TransitionDialog view={view} role={role} action={chosen} onClose={() => setChosen(null)} />
      )}
    </Paper>
  );
}

function TransitionDialog({
  view,
  role,
  action,
  onClose,
}: {
  view: CaseView;
  role: string;
  action: TransitionAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  // Kept as a draft: a closed dialog or an expired session does not lose the reason typed.
  const [draft, setDraft, clearDraft] = useDraft(`transition.${view.id}.${action.to}`, {
    reason: '',
    override: '',
  });
  const { reason, override } = draft;
  const setReason = (value: string) => setDraft((d) => ({ ...d, reason: value }));
  const setOverride = (value: string) => setDraft((d) => ({ ...d, override: value }));
  const mutation = useMutation({
    mutationFn: () =>
      transitionCase(view.id, {
        to: action.to,
        reason: reason.trim(),
        ...(override.trim() !== '' ? { override_reason: override.trim() } : {}),
      }),
    onSuccess: async (moved) => {
      clearDraft();
      notifications.show({
        color: 'green',
        message: t('case.transition.done', { state: caseStateLabel(t, moved.state) }),
      });
      await queryClient.invalidateQueries({ queryKey: ['case', view.id] });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      onClose();
    },
  });
  const { fieldError, submit } = useValidatedForm<'reason' | 'override_reason'>({
    problems: {
      reason: reason.trim() === '' ? 'required' : undefined,
      override_reason: action.needsOverride && override.trim() === '' ? 'required' : undefined,
    },
    message: (problem) => t(`validation.${problem}`),
    serverError: mutation.error,
  });

  return (
    <GuardedModal
      opened
      onClose={onClose}
      dirty={reason.trim() !== '' || override.trim() !== ''}
      onDiscard={clearDraft}
      title={enumLabel(t, 'transitionTo', action.to)}
      centered
    >
      <form noValidate onSubmit={submit(() => mutation.mutate())}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('case.transition.from', {
              from: caseStateLabel(t, view.state),
              to: caseStateLabel(t, action.to),
            })}
          </Text>
          <MutationError error={mutation.error} />
          <Textarea
            label={t('case.transition.reason')}
            description={t('case.transition.reasonHint')}
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError('reason')}
            data-autofocus
          />
          {role === 'head' && (
            <Textarea
              label={t('case.transition.override')}
              required={action.needsOverride}
              autosize
              minRows={2}
              value={override}
              onChange={(e) => setOverride(e.currentTarget.value)}
              error={fieldError('override_reason')}
            />
          )}
          <FormActions
            pending={mutation.isPending}
            onCancel={onClose}
            label={t('case.transition.submit')}
          />
        </Stack>
      </form>
    </GuardedModal>
  );
}
