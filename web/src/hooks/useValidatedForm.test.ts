import { describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { ApiError } from '../api/client';
import { useValidatedForm, type FieldProblems } from './useValidatedForm';

type Field = 'name' | 'date';
const message = (problem: string, field: Field) => `${field}:${problem}`;

function setup(initial: { problems: FieldProblems<Field>; serverError?: unknown }) {
  return renderHook(
    (props: { problems: FieldProblems<Field>; serverError?: unknown }) =>
      useValidatedForm<Field>({ ...props, message }),
    { initialProps: initial },
  );
}

describe('useValidatedForm', () => {
  it('shows no problem before the first attempt, then every problem, and saves only when valid', () => {
    const { result, rerender } = setup({ problems: { name: 'required', date: undefined } });
    expect(result.current.invalid).toBe(true);
    expect(result.current.fieldError('name')).toBeUndefined();

    const save = vi.fn();
    const preventDefault = vi.fn();
    act(() => result.current.submit(save)({ preventDefault } as never));
    expect(preventDefault).toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
    expect(result.current.tried).toBe(true);
    expect(result.current.fieldError('name')).toBe('name:required');
    expect(result.current.fieldError('date')).toBeUndefined();

    rerender({ problems: {} });
    expect(result.current.invalid).toBe(false);
    act(() => result.current.submit(save)());
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('shows a touched field at once, and reset forgets the attempt and the touches', () => {
    const { result } = setup({ problems: { name: 'required', date: 'dateInvalid' } });
    act(() => result.current.touch('date'));
    expect(result.current.fieldError('date')).toBe('date:dateInvalid');
    expect(result.current.fieldError('name')).toBeUndefined();
    act(() => result.current.submit(() => {})());
    expect(result.current.fieldError('name')).toBe('name:required');
    act(() => result.current.reset());
    expect(result.current.tried).toBe(false);
    expect(result.current.fieldError('date')).toBeUndefined();
  });

  it("shows the server's field error at the field that has no problem of its own", () => {
    const serverError = new ApiError({
      status: 422,
      errors: [
        { field: 'name', reason: 'taken', message: 'Already taken' },
        { field: 'date', reason: 'invalid', message: 'Not a date' },
      ],
    });
    const { result } = setup({ problems: { date: 'required' }, serverError });
    expect(result.current.fieldError('name')).toBe('Already taken');
    expect(result.current.fieldError('date')).toBe('Not a date');
    act(() => result.current.touch('date'));
    expect(result.current.fieldError('date')).toBe('date:required');
  });

  it('ignores an error that is not a problem+json answer', () => {
    const { result } = setup({ problems: {}, serverError: new Error('offline') });
    expect(result.current.fieldError('name')).toBeUndefined();
  });
});
