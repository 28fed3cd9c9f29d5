import { useId } from 'react';
import { Group, Input } from '@mantine/core';
import { DateInput, TimePicker, type DateInputProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { dayInputFormat, parseDayInput } from '../logic/dates';

type DateFieldProps = Omit<
  DateInputProps,
  'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'minDate' | 'maxDate'
> & {
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  minDate?: string;
  maxDate?: string;
};

/**
 * A calendar date typed or picked in the app's language ("05.03.2026" and a Russian calendar in
 * Russian), whatever the browser's language; the value stays YYYY-MM-DD for the server.
 */
export function DateField({
  value,
  onChange,
  minDate,
  maxDate,
  required,
  ...rest
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  return (
    <DateInput
      {...rest}
      required={required}
      value={value === '' ? null : value}
      onChange={(next) => onChange(next ?? '')}
      valueFormat={dayInputFormat(i18n.language)}
      dateParser={(text) => parseDayInput(text)}
      placeholder={rest.placeholder ?? t('capture.datePlaceholder')}
      minDate={minDate}
      maxDate={maxDate}
      clearable={!required}
      clearButtonProps={{ 'aria-label': t('capture.clearDate') }}
      // The calendar closes at once: while it faded out (150 ms) it was an invisible layer over what lies below the
      // field, and a tap there right after typing a date (a phone's "add a person") went to it.
      popoverProps={{ withinPortal: true, transitionProps: { duration: 0 } }}
    />
  );
}

/** A date and a 24-hour time for a value of the form YYYY-MM-DDTHH:mm (a datetime-local value). */
export function DateTimeField({
  label,
  value,
  onChange,
  error,
  required,
  maxDate,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  maxDate?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const day = value.slice(0, 10);
  const time = value.slice(11, 16);
  return (
    <Input.Wrapper label={label} required={required} error={error} labelProps={{ htmlFor: id }}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <DateField
          id={id}
          value={day}
          maxDate={maxDate}
          required={required}
          error={Boolean(error)}
          onChange={(next) => onChange(next === '' ? '' : `${next}T${time || '00:00'}`)}
          style={{ flex: 1, minWidth: 0 }}
        />
        <TimePicker
          aria-label={t('capture.time')}
          format="24h"
          value={time}
          onChange={(next) => onChange(`${day}T${next.slice(0, 5)}`)}
          w={80}
          hoursInputLabel={t('capture.hours')}
          minutesInputLabel={t('capture.minutes')}
        />
      </Group>
    </Input.Wrapper>
  );
}
