import type { Signal } from '../api/signals';

/** Open signals, the nearest deadline first (SPEC §4: response times by urgency). */
export function sortByDeadline<T extends Pick<Signal, 'deadline_at' | 'received_at'>>(
  signals: T[],
): T[] {
  return [...signals].sort(
    (a, b) =>
      a.deadline_at.localeCompare(b.deadline_at) || a.received_at.localeCompare(b.received_at),
  );
}

export type DeadlineStatus = 'overdue' | 'soon' | 'later';

/** Overdue once the deadline has passed; "soon" within the next 24 hours. */
export function deadlineStatus(deadlineAt: string, now: Date = new Date()): DeadlineStatus {
  const left = new Date(deadlineAt).getTime() - now.getTime();
  if (left < 0) {
    return 'overdue';
  }
  return left <= 24 * 3600 * 1000 ? 'soon' : 'later';
}
