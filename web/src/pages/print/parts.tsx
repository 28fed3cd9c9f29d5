import type { ReactNode } from 'react';
import { Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Assessment, type MapOfChanges } from '../../api/assessments';
import { ErrorPanel } from '../../components/ErrorPanel';
import { enumLabel, formatDate } from '../../components/labels';
import { useUserNames } from '../../hooks/useUsers';

// The pieces every printed document shares: a labelled row, the loading state, the signature lines.

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{children === '' || children === null || children === undefined ? '—' : children}</td>
    </tr>
  );
}

export function Loading({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return error ? (
    <ErrorPanel error={error} title={t('common.loadFailed')} />
  ) : (
    <Loader size="sm" aria-label={t('app.loading')} />
  );
}

export function Signatures({ names }: { names: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="print-signatures">
      {names.map((name, i) => (
        <div key={`${name}-${i}`} className="print-signature">
          <span>{name}</span>
          <span className="print-line" aria-label={t('print.signature')} />
          <span className="print-date" aria-label={t('print.date')} />
        </div>
      ))}
    </div>
  );
}

export function Authored({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const { nameOf } = useUserNames();
  return (
    <p>
      {t('instruments.authored', {
        date: formatDate(assessment.date, i18n.language),
        author: nameOf(assessment.author_id),
      })}
    </p>
  );
}

export function ChangesTable({ changes }: { changes: MapOfChanges }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <p>
        {t('case.changes.period', {
          from: formatDate(changes.from.date, i18n.language),
          to: formatDate(changes.to.date, i18n.language),
        })}
      </p>
      <table data-testid="print-changes">
        <thead>
          <tr>
            <th>{t('case.plan.domain')}</th>
            <th>{t('case.changes.before')}</th>
            <th>{t('case.changes.after')}</th>
            <th>{t('print.changes.trend')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.domains.map((d) => (
            <tr key={d.domain}>
              <td>{enumLabel(t, 'riskDomains', d.domain)}</td>
              <td>{d.before}</td>
              <td>{d.after}</td>
              <td>{enumLabel(t, 'trends', d.trend)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>{t('case.changes.total', { before: changes.total_before, after: changes.total_after })}</p>
      <p>
        {t('case.changes.level', {
          before: enumLabel(t, 'riskLevels', changes.level_before),
          after: enumLabel(t, 'riskLevels', changes.level_after),
        })}
      </p>
      <p>
        <strong>
          {t('case.changes.outcome')}: {t(`case.changes.outcomes.${changes.outcome}` as never)}
        </strong>
      </p>
    </>
  );
}
