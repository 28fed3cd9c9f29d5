import { Group, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from './ErrorPanel';

interface QueryStateProps {
  /** A query (TanStack) or anything with its loading and error state. */
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  /** 'sm' inside a tab or a card. */
  size?: 'sm';
  /** What the loader is announced as (app.loading unless given). */
  label?: string;
  /** The title of the error panel. */
  title?: string;
  /** The loader centred in a padded row, where a list will stand. */
  centered?: boolean;
  /** No retry button (the query is retried with the page). */
  noRetry?: boolean;
}

/**
 * The state of a query that has no data yet: a loader while it is pending, the error panel
 * with a retry when it failed, nothing once it has its data.
 */
export function QueryState({ query, size, label, title, centered, noRetry }: QueryStateProps) {
  const { t } = useTranslation();
  if (query.isError) {
    return (
      <ErrorPanel
        error={query.error}
        title={title}
        onRetry={noRetry ? undefined : () => void query.refetch()}
      />
    );
  }
  if (!query.isPending) {
    return null;
  }
  const loader = <Loader size={size} aria-label={label ?? t('app.loading')} />;
  return centered ? (
    <Group justify="center" p="xl">
      {loader}
    </Group>
  ) : (
    loader
  );
}
