/** SPEC §9: a volunteer's weekly availability, as the server writes it ("mon.morning,wed.evening"). */
export const WEEK_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DAY_SLOTS = ['morning', 'afternoon', 'evening'] as const;

/** The set of "day.slot" tokens; unknown tokens are left out. */
export function parseAvailability(text: string | undefined): Set<string> {
  const known = new Set(WEEK_DAYS.flatMap((d) => DAY_SLOTS.map((s) => `${d}.${s}`)));
  return new Set(
    (text ?? '')
      .split(',')
      .map((token) => token.trim())
      .filter((token) => known.has(token)),
  );
}

/** Weekly hours of slots, for a short summary: how many of the 21 slots are free. */
export function availabilityCount(text: string | undefined): number {
  return parseAvailability(text).size;
}

export interface CourseDraft {
  code: string;
  name: string;
  hours: string;
  taken_on: string;
  certificate: string;
}

export type CourseErrors = Partial<Record<keyof CourseDraft, 'required' | 'hours' | 'future'>>;

/** Errors of the course form as the user types; `today` is YYYY-MM-DD. */
export function validateCourse(draft: CourseDraft, today: string): CourseErrors {
  const errors: CourseErrors = {};
  if (draft.code.trim() === '') {
    errors.code = 'required';
  }
  if (draft.name.trim() === '') {
    errors.name = 'required';
  }
  const hours = Number(draft.hours);
  if (draft.hours.trim() === '') {
    errors.hours = 'required';
  } else if (!Number.isInteger(hours) || hours < 1) {
    errors.hours = 'hours';
  }
  if (draft.taken_on === '') {
    errors.taken_on = 'required';
  } else if (draft.taken_on > today) {
    errors.taken_on = 'future';
  }
  return errors;
}

/** Case ids typed or pasted one per line (or separated by spaces and commas), without repeats. */
export function caseIdList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((id) => id !== ''))];
}
