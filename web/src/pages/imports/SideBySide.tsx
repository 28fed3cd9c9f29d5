import { Badge, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportRowValues, StoredMatch } from '../../api/imports';
import { formatDate } from '../../components/labels';
import { compareLines, type CompareLine } from '../../logic/imports';
import ru from '../../locales/ru.json';

function shown(t: TFunction, language: string, line: CompareLine, value: string): string {
  if (line.field === 'birthDate') {
    return formatDate(value, language);
  }
  if (line.field === 'sex' && Object.hasOwn(ru.sexes, value)) {
    return t(`sexes.${value}` as never);
  }
  return value;
}

/**
 * A file row beside the person it may be: the stored person (as the server lets the user see
 * them: a СНИЛС the role may not read comes empty) or an earlier row of the file. Lines that
 * differ are marked.
 */
export function SideBySide({
  row,
  file,
  other,
  otherTitle,
}: {
  row: number;
  file: ImportRowValues;
  other: ImportRowValues | StoredMatch;
  otherTitle: string;
}) {
  const { t, i18n } = useTranslation();
  const lines = compareLines(file, other);
  return (
    <Table
      layout="fixed"
      withTableBorder
      fz="sm"
      verticalSpacing={4}
      horizontalSpacing="xs"
      data-testid="import-compare"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="26%">{t('imports.compare.field')}</Table.Th>
          <Table.Th>{t('imports.compare.inFile', { row })}</Table.Th>
          <Table.Th>{otherTitle}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((line) => (
          <Table.Tr
            key={line.field}
            bg={line.differs ? 'orange.0' : undefined}
            data-differs={line.differs || undefined}
          >
            <Table.Td>
              <Text size="sm" fw={500}>
                {t(`imports.compare.fields.${line.field}`)}
              </Text>
              {line.differs && (
                <Badge color="orange" variant="light" size="xs">
                  {t('imports.compare.differs')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {shown(t, i18n.language, line, line.file)}
            </Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {shown(t, i18n.language, line, line.stored)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
