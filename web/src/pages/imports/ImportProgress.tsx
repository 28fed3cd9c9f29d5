import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { UploadStage } from '../../api/upload';
import { progressView } from '../../logic/imports';

/**
 * The bar of a request under way: the share of the file sent (the browser measures it), then a
 * moving bar while the server checks or loads — the server reports no share, so none is shown.
 */
export function ImportProgress({
  stage,
  action,
  knownRows,
}: {
  stage: UploadStage;
  action: 'check' | 'apply' | 'report';
  knownRows: number | null;
}) {
  const { t } = useTranslation();
  const view = progressView(stage, action, knownRows);
  const label = t(`imports.progress.${view.label}`, {
    percent: view.percent ?? 0,
    count: view.rows ?? 0,
  });
  return (
    <Stack gap={4} data-testid="import-progress" data-phase={view.label}>
      <Progress
        value={view.percent ?? 100}
        striped={view.percent === null}
        animated={view.percent === null}
        size="lg"
        aria-label={t('imports.progress.label')}
        aria-valuetext={label}
      />
      <Text size="sm" c="dimmed" aria-live="polite">
        {label}
      </Text>
    </Stack>
  );
}
