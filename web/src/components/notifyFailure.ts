import type { TFunction } from 'i18next';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errorMessage';

/** A red notification: what failed (`title`) and why (the error's message). */
export function notifyFailure(title: string, error: unknown, t: TFunction): void {
  notifications.show({ color: 'red', title, message: errorMessage(error, t) });
}
