import { Alert, Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listSettings, type Setting } from '../../api/settings';
import { QueryState } from '../../components/QueryState';

/** The section of a key: "lifecycle" of "lifecycle.intensive_limit"; top-level keys have none. */
function sectionOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? '' : key.slice(0, dot);
}

function groupBySection(settings: Setting[]): [string, Setting[]][] {
  const groups = new Map<string, Setting[]>();
  for (const setting of settings) {
    const section = sectionOf(setting.key);
    groups.set(section, [...(groups.get(section) ?? []), setting]);
  }
  return [...groups.entries()];
}

/** SPEC §1, §3-§9: the admin reads the rules in effect; the operator changes them in the configuration file. */
export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('admin.settings') }));
  const query = useQuery({ queryKey: ['settings'], queryFn: ({ signal }) => listSettings(signal) });

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={2}>{t('admin.settings')}</Title>
        <Text c="dimmed" size="sm">
          {t('admin.settingsSubtitle')}
        </Text>
      </div>
      <Alert variant="light">{t('admin.settingsReadOnly')}</Alert>
      <QueryState query={query} title={t('common.loadFailed')} />
      {query.data &&
        groupBySection(query.data).map(([section, settings]) => (
          <Paper key={section || 'top'} withBorder radius="md" p="sm">
            <Table.ScrollContainer minWidth={700}>
              <Table
                striped
                verticalSpacing="xs"
                aria-label={section || t('admin.settingsGeneral')}
                data-testid={`settings-${section || 'top'}`}
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('admin.settingKey')}</Table.Th>
                    <Table.Th>{t('admin.settingValue')}</Table.Th>
                    <Table.Th>{t('admin.settingDefault')}</Table.Th>
                    <Table.Th>{t('admin.settingSource')}</Table.Th>
                    <Table.Th>{t('admin.settingMeaning')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {settings.map((setting) => (
                    <Table.Tr key={setting.key} data-testid={`setting-${setting.key}`}>
                      <Table.Td>
                        <Code>{setting.key}</Code>
                      </Table.Td>
                      <Table.Td fw={setting.value !== setting.default ? 700 : undefined}>
                        <Code>{setting.value}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Code>{setting.default}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          size="sm"
                          variant={setting.source === 'default' ? 'outline' : 'light'}
                          tt="none"
                        >
                          {t(`admin.settingSources.${setting.source}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{setting.meaning}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        ))}
    </Stack>
  );
}
