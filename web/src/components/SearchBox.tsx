import { useState } from 'react';
import { Combobox, Group, Loader, Stack, Text, TextInput, useCombobox, Badge } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { search, searchable, searchResultLink, type SearchResult } from '../api/search';
import { errorMessage } from '../api/errorMessage';
import { caseStateLabel, formatDate, STATE_COLORS } from './labels';

/** Milliseconds of quiet typing before the search runs. */
const SEARCH_DEBOUNCE_MS = 250;

function resultKey(r: SearchResult): string {
  return `${r.household_id}/${r.person_id ?? ''}`;
}

/**
 * The header's quick search: households and persons by name (any spelling), birth date or address, as one
 * types; arrows move through the results, Enter or a click opens the case (or the household without one).
 */
export function SearchBox() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  const combobox = useCombobox({
    onDropdownClose: () => combobox.resetSelectedOption(),
  });
  const enabled = searchable(debounced);
  const query = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => search(debounced, 10, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const results = enabled ? (query.data ?? []) : [];

  const open = (key: string) => {
    const found = results.find((r) => resultKey(r) === key);
    if (found) {
      setText('');
      combobox.closeDropdown();
      void navigate(searchResultLink(found));
    }
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={open}
      withinPortal
      position="bottom-start"
      width={480}
    >
      <Combobox.Target>
        <TextInput
          type="search"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={query.isFetching ? <Loader size="xs" /> : null}
          value={text}
          w={{ base: 160, md: 300 }}
          onChange={(event) => {
            setText(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setText('');
              combobox.closeDropdown();
            }
          }}
          data-testid="search-input"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={text.trim() === ''}>
        <Combobox.Options aria-label={t('search.results')}>
          {!searchable(text.trim()) && <Combobox.Empty>{t('search.tooShort')}</Combobox.Empty>}
          {enabled && query.isError && (
            <Combobox.Empty>{errorMessage(query.error, t)}</Combobox.Empty>
          )}
          {enabled && query.isSuccess && results.length === 0 && (
            <Combobox.Empty>{t('search.nothing')}</Combobox.Empty>
          )}
          {results.map((r) => (
            <Combobox.Option value={resultKey(r)} key={resultKey(r)} data-testid="search-result">
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={0} miw={0}>
                  <Text size="sm" fw={600} truncate="end">
                    {r.display_name}
                    {r.birth_date ? `, ${formatDate(r.birth_date, i18n.language)}` : ''}
                  </Text>
                  {r.kind === 'person' && (
                    <Text size="xs" c="dimmed" truncate="end">
                      {r.address}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {r.case_number && `${t('cases.caseNumber', { number: r.case_number })} · `}
                    {t(`search.matched.${r.matched_field}`)}
                  </Text>
                </Stack>
                {r.case_state ? (
                  <Badge
                    size="sm"
                    variant="light"
                    tt="none"
                    color={STATE_COLORS[r.case_state] ?? 'gray'}
                    style={{ flexShrink: 0 }}
                  >
                    {caseStateLabel(t, r.case_state)}
                  </Badge>
                ) : (
                  <Badge
                    size="sm"
                    variant="outline"
                    tt="none"
                    color="gray"
                    style={{ flexShrink: 0 }}
                  >
                    {t('search.noCase')}
                  </Badge>
                )}
              </Group>
            </Combobox.Option>
          ))}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
