import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  EXPORT_FORMATS,
  EXPORT_LISTS,
  exportPath,
  type ExportFormat,
  type ExportList,
} from '../api/exports';
import { downloadFile } from '../api/download';
import { notifyFailure } from './notifyFailure';

/** The unit's lists (households, cases, visits, services) as XLSX or CSV; heads only (SPEC §11). */
export function ExportMenu() {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: ({ list, format }: { list: ExportList; format: ExportFormat }) =>
      downloadFile(exportPath(list, format), `${list}.${format}`),
    onError: (error) => notifyFailure(t('exports.failed'), error, t),
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          loading={download.isPending}
          data-testid="export-menu"
        >
          {t('exports.menu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {EXPORT_LISTS.map((list, i) => (
          <div key={list}>
            {i > 0 && <Menu.Divider />}
            <Menu.Label>{t(`exports.lists.${list}`)}</Menu.Label>
            {EXPORT_FORMATS.map((format) => (
              <Menu.Item
                key={format}
                onClick={() => download.mutate({ list, format })}
                aria-label={t('exports.itemLabel', {
                  list: t(`exports.lists.${list}`),
                  format: format.toUpperCase(),
                })}
              >
                {t(`exports.formats.${format}`)}
              </Menu.Item>
            ))}
          </div>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
