import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowsShuffle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { listVolunteers } from '../../api/volunteers';
import { availabilityCount } from '../../logic/volunteers';
import { codeList, STATUS_COLORS, statusLabel } from './labels';
import { QueryState } from '../../components/QueryState';

/** SPEC §9: the coordinator's volunteers, with status, district, skills and free time. */
export function VolunteersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.pageTitle', { page: t('volunteers.title') }));
  const query = useQuery({
    queryKey: ['volunteers'],
    queryFn: ({ signal }) => listVolunteers(signal),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2}>{t('volunteers.title')}</Title>
        <Button
          component={Link}
          to="/volunteers/match"
          variant="light"
          leftSection={<IconArrowsShuffle size={16} aria-hidden />}
        >
          {t('volunteers.match')}
        </Button>
      </Group>
      <QueryState query={query} />
      {query.data?.length === 0 && <Text c="dimmed">{t('volunteers.empty')}</Text>}
      {query.data && query.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover data-testid="volunteers">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('volunteers.name')}</Table.Th>
                <Table.Th>{t('volunteers.status')}</Table.Th>
                <Table.Th>{t('volunteers.district')}</Table.Th>
                <Table.Th>{t('volunteers.skills')}</Table.Th>
                <Table.Th>{t('volunteers.languages')}</Table.Th>
                <Table.Th>{t('volunteers.availability')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((v) => (
                <Table.Tr key={v.id} data-testid="volunteer">
                  <Table.Td>
                    <Anchor component={Link} to={`/volunteers/${v.id}`}>
                      {[v.last_name, v.first_name, v.patronymic].filter(Boolean).join(' ')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLORS[v.status] ?? 'gray'} variant="light" tt="none">
                      {statusLabel(t, v.status)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{v.district || '—'}</Table.Td>
                  <Table.Td>{codeList(t, v.skills)}</Table.Td>
                  <Table.Td>{codeList(t, v.languages)}</Table.Td>
                  <Table.Td>
                    {availabilityCount(v.availability) === 0
                      ? t('volunteers.noAvailability')
                      : t('volunteers.availabilitySlots', {
                          count: availabilityCount(v.availability),
                        })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
