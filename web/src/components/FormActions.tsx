import { Button, Group, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface FormActionsProps {
  /** The mutation is running: the submit button spins. */
  pending: boolean;
  /** A Cancel button before the submit one (a form in a dialog). */
  onCancel?: () => void;
  /** The submit button's text (common.save unless given). */
  label?: string;
  mt?: MantineSpacing;
}

/** The end of a form: Cancel where there is one and the submit button, on the right. */
export function FormActions({ pending, onCancel, label, mt }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt}>
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      )}
      <Button type="submit" loading={pending}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}
