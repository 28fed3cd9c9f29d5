import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifications } from '@mantine/notifications';
import i18n from '../i18n';
import { ApiError } from '../api/client';
import { notifyFailure } from './notifyFailure';

afterEach(() => vi.restoreAllMocks());

describe('notifyFailure', () => {
  it("shows a red notification with the title and the error's message", () => {
    const show = vi.spyOn(notifications, 'show').mockReturnValue('id');
    notifyFailure('Не удалось скачать', new ApiError({ status: 403, detail: 'Нет прав' }), i18n.t);
    expect(show).toHaveBeenCalledWith({
      color: 'red',
      title: 'Не удалось скачать',
      message: 'Нет прав',
    });
  });
});
