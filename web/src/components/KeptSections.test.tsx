import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { KeptSections } from './KeptSections';

const mounted: string[] = [];
const unmounted: string[] = [];
const drawn: string[] = [];

function Section({ name }: { name: string; page?: number }) {
  drawn.push(name);
  useEffect(() => {
    mounted.push(name);
    return () => {
      unmounted.push(name);
    };
  }, [name]);
  return <p>{name}</p>;
}

describe('KeptSections', () => {
  it('draws a section once, keeps it hidden when another opens, and shows it again without redrawing', () => {
    const sections = (open: string) => (
      <KeptSections open={open} render={(name) => <Section name={name} />} />
    );
    const { rerender } = render(sections('household'));
    const household = screen.getByText('household');
    expect(screen.queryByText('visits')).toBeNull();

    rerender(sections('visits'));
    expect(screen.getByText('visits')).toBeVisible();
    expect(household).not.toBeVisible();
    expect(household.isConnected).toBe(true);

    rerender(sections('household'));
    expect(screen.getByText('household')).toBe(household);
    expect(household).toBeVisible();
    expect(screen.getByText('visits')).not.toBeVisible();
    expect(mounted).toEqual(['household', 'visits']);
    expect(unmounted).toEqual([]);
  });

  it('does not draw a hidden section again when the page draws again', () => {
    drawn.length = 0;
    const sections = (open: string, page: number) => (
      <KeptSections open={open} render={(name) => <Section name={name} page={page} />} />
    );
    const { rerender } = render(sections('household', 1));
    rerender(sections('visits', 2));
    rerender(sections('visits', 3));
    expect(drawn).toEqual(['household', 'visits', 'visits']);
    rerender(sections('household', 4));
    expect(drawn).toEqual(['household', 'visits', 'visits', 'household']);
  });
});
