import type { PersonDuplicate } from '../api/households';
import type { SearchResult } from '../api/search';
import { isIsoDay } from './dates';
import type { PersonDraft } from './forms';

/**
 * The quick-search text for a person typed at intake whose identity is too thin for the duplicate
 * scorer, or null. The scorer (POST /duplicates/persons) needs a birth date or an address to reach
 * its threshold: a surname alone scores 0.30 and a surname with a first name 0.55, below 0.6, so
 * "Смирнова" at intake found nothing while the header's search found her (issue 13, point 4).
 * Until a birth date is typed, intake also asks the quick search by name.
 */
export function nameSearchText(p: PersonDraft): string | null {
  if (p.birth_date !== '' && isIsoDay(p.birth_date)) {
    return null;
  }
  const last = p.last_name.trim();
  if ([...last].length < 2) {
    return null;
  }
  return [last, p.first_name.trim()].filter((part) => part !== '').join(' ');
}

/** People the quick search found that the duplicate list of the same person does not already show. */
export function namesakes(found: SearchResult[], duplicates: PersonDuplicate[]): SearchResult[] {
  const shown = new Set(duplicates.map((d) => d.person_id));
  return found.filter(
    (r) => r.kind === 'person' && r.person_id !== null && !shown.has(r.person_id),
  );
}
