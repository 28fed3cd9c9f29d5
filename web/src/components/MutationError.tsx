import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';

/** Why a save failed (a mutation's error), announced; nothing while there is no error. */
export function MutationError({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) {
    return null;
  }
  return (
    <Alert color="red" role="alert">
      {errorMessage(error, t)}
      {children}
    </Alert>
  );
}
