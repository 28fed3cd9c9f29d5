import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Table } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { Visit } from '../../api/visits';
import { enumLabel, formatDate } from '../../components/labels';
import { ALERT_TRIANGLE_12, CHECK_14, HISTORY_14, PENCIL_14 } from '../../components/PlainIcons';
import classes from './VisitRows.module.css';

/** What a visit's buttons open. */
export type VisitAction = 'outcome' | 'edit' | 'history';

const STATUS_COLORS: Record<string, string> = { planned: 'blue', done: 'green', missed: 'red' };

/**
 * The words of the rows, looked up once per list and language: i18next's t() costs ~0.3 ms a call on a
 * phone-class CPU, and every card needs five or six (issue 14).
 */
interface RowWords {
  kind: (kind: string) => string;
  status: (status: string) => string;
  recordOutcome: string;
  edit: string;
  history: string;
  concern: string;
}

function rowWords(t: TFunction): RowWords {
  const remembered = (word: (value: string) => string) => {
    const known = new Map<string, string>();
    return (value: string) => {
      let found = known.get(value);
      if (found === undefined) {
        found = word(value);
        known.set(value, found);
      }
      return found;
    };
  };
  return {
    kind: remembered((kind) => enumLabel(t, 'visitKinds', kind)),
    status: remembered((status) => enumLabel(t, 'visitStatuses', status)),
    recordOutcome: t('capture.visits.recordOutcome'),
    edit: t('visitEdit.edit'),
    history: t('visitEdit.history.open'),
    concern: t('capture.visits.concernBadge'),
  };
}

interface RowProps {
  visit: Visit;
  canWrite: boolean;
  words: RowWords;
  language: string;
  /** Stable across renders: the rows are memoised and redraw only when their visit changes. */
  onAction: (action: VisitAction, visit: Visit) => void;
}

/** A visit's status badge: a plain function, not a component (a fiber less a row, issue 14). */
function statusBadge(v: Visit, words: RowWords) {
  return (
    <span className={classes.badge} data-color={STATUS_COLORS[v.status] ?? 'gray'}>
      {words.status(v.status)}
    </span>
  );
}

/** The child-safety concern raised at the visit, and its note: nothing when none was raised. */
function concernOf(v: Visit, words: RowWords) {
  return (
    v.child_safety.concern && (
      <>
        <span className={classes.badge} data-color="red" data-testid="visit-concern">
          {ALERT_TRIANGLE_12}
          {words.concern}
        </span>
        {v.child_safety.note && <p className={classes.alert}>{v.child_safety.note}</p>}
      </>
    )
  );
}

/** What was done and what comes next, or why the visit was missed. */
function reportOf(v: Visit) {
  return v.missed ? (
    <p className={classes.alert}>{v.missed.reason}</p>
  ) : (
    <p className={classes.text}>{[v.actions, v.next_step].filter(Boolean).join(' · ')}</p>
  );
}

/** What can be done with the visit: record its outcome while planned, then correct it and read its changes. */
function buttonsOf({ visit: v, canWrite, words, onAction }: RowProps) {
  return (
    <div className={classes.buttons}>
      {v.status === 'planned' && canWrite && (
        <button type="button" className={classes.button} onClick={() => onAction('outcome', v)}>
          {CHECK_14}
          {words.recordOutcome}
        </button>
      )}
      {v.status !== 'planned' && canWrite && (
        <button
          type="button"
          className={classes.button}
          onClick={() => onAction('edit', v)}
          data-testid="visit-edit"
        >
          {PENCIL_14}
          {words.edit}
        </button>
      )}
      {v.status !== 'planned' && (
        <button
          type="button"
          className={classes.button}
          data-variant="subtle"
          onClick={() => onAction('history', v)}
          data-testid="visit-history-open"
        >
          {HISTORY_14}
          {words.history}
        </button>
      )}
    </div>
  );
}

/**
 * On a phone a card per visit: the whole report and its buttons in reach, no sideways scroll. Its parts are
 * the card's own children, without wrappers: a card's elements are most of what a ward's opening draws, lays
 * out and paints (issue 14).
 */
const VisitCard = memo(function VisitCard(props: RowProps) {
  const { visit: v, words, language } = props;
  return (
    <li
      className={classes.card}
      data-concern={v.child_safety.concern || undefined}
      data-testid="visit-row"
    >
      <p className={classes.heading}>
        {`${formatDate(v.actual_on ?? v.planned_on, language)} · ${words.kind(v.kind)}`}
        {statusBadge(v, words)}
      </p>
      <p className={classes.text}>{v.purpose}</p>
      {concernOf(v, words)}
      {reportOf(v)}
      {buttonsOf(props)}
    </li>
  );
});

const VisitTableRow = memo(function VisitTableRow(props: RowProps) {
  const { visit: v, words, language } = props;
  return (
    <Table.Tr data-concern={v.child_safety.concern || undefined} data-testid="visit-row">
      <Table.Td>
        <div className={classes.details}>
          <p className={classes.text}>{formatDate(v.actual_on ?? v.planned_on, language)}</p>
          {statusBadge(v, words)}
        </div>
      </Table.Td>
      <Table.Td>{words.kind(v.kind)}</Table.Td>
      <Table.Td>{v.purpose}</Table.Td>
      <Table.Td className={classes.compact}>
        <div className={classes.details}>
          {concernOf(v, words)}
          {reportOf(v)}
          {buttonsOf(props)}
        </div>
      </Table.Td>
    </Table.Tr>
  );
});

/**
 * Cards drawn at first on a phone, and then each time the list's end scrolls near the screen (issue 14):
 * a 390×844 screen shows the section select, the add button, three cards and the top of a fourth.
 */
export const CARDS_AT_ONCE = 4;
/** How near the screen the list's end is when the next cards are drawn: ahead of a scroll, not of the opening. */
const DRAW_AHEAD = '150px 0px';

/**
 * A phone's cards, drawn a few at a time as the person scrolls towards them: a phone's screen holds
 * two or three, and cards never looked at cost nothing (the page's "show more" still pages the list).
 */
function VisitCards({ visits, row }: { visits: Visit[]; row: (v: Visit) => RowProps }) {
  // Without an IntersectionObserver (an old browser, the unit tests' DOM) every card at once.
  const [drawn, setDrawn] = useState(() =>
    typeof IntersectionObserver === 'undefined' ? Infinity : CARDS_AT_ONCE,
  );
  const next = useRef<HTMLLIElement>(null);
  const more = drawn < visits.length;
  useEffect(() => {
    const sentinel = next.current;
    if (!more || !sentinel) {
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setDrawn((n) => n + CARDS_AT_ONCE);
        }
      },
      { rootMargin: DRAW_AHEAD },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [more, drawn, visits.length]);
  return (
    <ul className={classes.cards} data-testid="visits">
      {visits.slice(0, drawn).map((v) => (
        <VisitCard key={v.id} {...row(v)} />
      ))}
      {more && <li ref={next} className={classes.next} aria-hidden />}
    </ul>
  );
}

/** The shown visits of a case: cards on a phone, a table on wider screens. */
export const VisitRows = memo(function VisitRows({
  visits,
  phone,
  canWrite,
  t,
  language,
  onAction,
}: Omit<RowProps, 'visit' | 'words'> & { visits: Visit[]; phone: boolean; t: TFunction }) {
  const words = useMemo(() => rowWords(t), [t]);
  const row = (v: Visit) => ({ visit: v, canWrite, words, language, onAction });
  if (phone) {
    return <VisitCards visits={visits} row={row} />;
  }
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped data-testid="visits">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('case.assessments.date')}</Table.Th>
            <Table.Th>{t('case.visits.kind')}</Table.Th>
            <Table.Th>{t('case.visits.purpose')}</Table.Th>
            <Table.Th>{t('case.visits.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visits.map((v) => (
            <VisitTableRow key={v.id} {...row(v)} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});
