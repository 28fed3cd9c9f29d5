import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UnsavedGuardContext, type UnsavedGuard } from '../hooks/useUnsavedGuard';

/**
 * A Modal that never drops typed text silently: Esc, a click outside and × ask first while the form
 * inside (see useUnsavedGuard) holds unsaved input. The person can go back to the form, close and keep
 * the draft (the form's useDraft restores it next time), or discard it.
 */
export function GuardedModal({
  opened,
  onClose,
  children,
  dirty: dirtyProp,
  onDiscard,
  ...rest
}: ModalProps & {
  children: ReactNode;
  /** For a form that renders its own GuardedModal: its unsaved state, instead of useUnsavedGuard. */
  dirty?: boolean;
  onDiscard?: () => void;
}) {
  const { t } = useTranslation();
  const dirty = useRef(false);
  const discard = useRef<(() => void) | null>(null);
  const [asking, setAsking] = useState(false);
  const guard = useMemo<UnsavedGuard>(
    () => ({
      setDirty: (value) => {
        dirty.current = value;
      },
      setDiscard: (fn) => {
        discard.current = fn;
      },
    }),
    [],
  );
  const requestClose = useCallback(() => {
    if (dirtyProp ?? dirty.current) {
      setAsking(true);
    } else {
      onClose();
    }
  }, [onClose, dirtyProp]);

  return (
    <>
      <Modal opened={opened} onClose={requestClose} closeButtonProps={closeLabel(t)} {...rest}>
        <UnsavedGuardContext.Provider value={guard}>{children}</UnsavedGuardContext.Provider>
      </Modal>
      <Modal
        opened={opened && asking}
        onClose={() => setAsking(false)}
        title={t('capture.unsaved.title')}
        centered
        zIndex={400}
        closeButtonProps={closeLabel(t)}
      >
        <Stack gap="md">
          <Text size="sm">{t('capture.unsaved.text')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button
              variant="subtle"
              color="red"
              onClick={() => {
                (onDiscard ?? discard.current)?.();
                dirty.current = false;
                setAsking(false);
                onClose();
              }}
            >
              {t('capture.unsaved.discard')}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setAsking(false);
                onClose();
              }}
            >
              {t('capture.unsaved.keepDraft')}
            </Button>
            <Button data-autofocus onClick={() => setAsking(false)}>
              {t('capture.unsaved.continue')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function closeLabel(t: (key: 'capture.close') => string) {
  return { 'aria-label': t('capture.close') };
}
