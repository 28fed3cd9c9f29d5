import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { clearAllDrafts, useDraft } from './useDraft';

describe('useDraft', () => {
  it('keeps what was typed in sessionStorage and restores it on the next mount', () => {
    const first = renderHook(() => useDraft('visit-note', ''));
    act(() => first.result.current[1]('Семья дома, дети в школе'));
    expect(first.result.current[0]).toBe('Семья дома, дети в школе');
    first.unmount();

    const second = renderHook(() => useDraft('visit-note', ''));
    expect(second.result.current[0]).toBe('Семья дома, дети в школе');
    act(() => second.result.current[2]());
    expect(second.result.current[0]).toBe('');
    expect(window.sessionStorage.getItem('patronage.draft.visit-note')).toBeNull();
  });

  it('stores objects and updater functions, and clearAllDrafts removes every draft', () => {
    const { result } = renderHook(() => useDraft('form', { a: 1 }));
    act(() => result.current[1]((previous) => ({ a: previous.a + 1 })));
    expect(result.current[0]).toEqual({ a: 2 });
    window.sessionStorage.setItem('other', 'kept');
    clearAllDrafts();
    expect(window.sessionStorage.getItem('patronage.draft.form')).toBeNull();
    expect(window.sessionStorage.getItem('other')).toBe('kept');
  });
});
