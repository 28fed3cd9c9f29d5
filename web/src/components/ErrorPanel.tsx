import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorMessage } from '../api/errorMessage';

interface ErrorPanelProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed request, explained, with the request id for support and a retry button. */
export function ErrorPanel({ error, title, onRetry }: ErrorPanelProps) {
  const { t } = useTranslation();
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={title}
      role="alert"
      m="md"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {isApiError(error) && error.requestId !== null && (
          <Text size="xs" c="dimmed">
            {t('errors.requestId', { id: error.requestId })}
          </Text>
        )}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('worklist.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
