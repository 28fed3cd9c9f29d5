import type { WorkItem } from '../api/worklist';

/** What a work item is about, for the filter chips. */
export const WORK_TOPICS = [
  'safety',
  'visits',
  'signals',
  'plans',
  'consents',
  'referrals',
] as const;
export type WorkTopic = (typeof WORK_TOPICS)[number];

/** When an item is due, for the groups of the list. */
export const WORK_GROUPS = ['overdue', 'today', 'tomorrow', 'week', 'later'] as const;
export type WorkGroup = (typeof WORK_GROUPS)[number];

const TOPIC_OF_KIND: Record<string, WorkTopic> = {
  critical_not_visited: 'safety',
  early_warning: 'safety',
  visit_due: 'visits',
  signal_triage: 'signals',
  measure_due: 'plans',
  plan_review: 'plans',
  consent_expiring: 'consents',
  referral_overdue: 'referrals',
};

export function workTopic(item: WorkItem): WorkTopic {
  return TOPIC_OF_KIND[item.kind] ?? 'plans';
}

/** An emergency signal (the server ranks it 1 while it is not overdue). */
function isEmergencySignal(item: WorkItem): boolean {
  return item.kind === 'signal_triage' && item.urgency === 1;
}

/**
 * Within one day: a child in danger first (a critical case not visited, an
 * early warning of a threat to a child), then emergency signals, then the
 * rest of the server's order.
 */
function weight(item: WorkItem): number {
  if (workTopic(item) === 'safety') {
    return 0;
  }
  if (isEmergencySignal(item)) {
    return 1;
  }
  return 2 + (item.urgency ?? 3);
}

/** 'YYYY-MM-DD' of a local day. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The local day an item is due: its deadline's day, or its due date. */
export function dueDay(item: WorkItem): string {
  if (item.due_at) {
    const at = new Date(item.due_at);
    if (!Number.isNaN(at.getTime())) {
      return isoDay(at);
    }
  }
  return item.due_on ?? '9999-12-31';
}

function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoDay(new Date(y, m - 1, d + days));
}

export function workGroup(item: WorkItem, today: string): WorkGroup {
  const day = dueDay(item);
  if (item.overdue || day < today) {
    return 'overdue';
  }
  if (day === today) {
    return 'today';
  }
  if (day === addDays(today, 1)) {
    return 'tomorrow';
  }
  return day <= addDays(today, 7) ? 'week' : 'later';
}

/**
 * The work list by urgency: overdue first, then by the day due; within a
 * group of days the child-safety items and emergency signals lead. A
 * child-safety warning due today so comes before signals due tomorrow.
 */
export function sortWorkItems(items: WorkItem[], today: string): WorkItem[] {
  const group = (i: WorkItem) => WORK_GROUPS.indexOf(workGroup(i, today));
  const time = (i: WorkItem) => i.due_at ?? `${i.due_on ?? '9999-12-31'}T00:00:00Z`;
  return items
    .map((item, index) => ({ item, index }))
    .sort(
      (a, b) =>
        group(a.item) - group(b.item) ||
        (group(a.item) === 0 ? weight(a.item) - weight(b.item) : 0) ||
        dueDay(a.item).localeCompare(dueDay(b.item)) ||
        weight(a.item) - weight(b.item) ||
        time(a.item).localeCompare(time(b.item)) ||
        a.index - b.index,
    )
    .map((x) => x.item);
}

/** The sorted items in their groups, empty groups left out. */
export function groupWorkItems(
  items: WorkItem[],
  today: string,
): { group: WorkGroup; items: WorkItem[] }[] {
  const sorted = sortWorkItems(items, today);
  return WORK_GROUPS.map((group) => ({
    group,
    items: sorted.filter((i) => workGroup(i, today) === group),
  })).filter((g) => g.items.length > 0);
}
