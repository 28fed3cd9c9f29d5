import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Profiler } from 'react';
import { BrowserRouter, useLocation, useNavigate } from 'react-router';
import { useQuietSearchParam } from './useQuietSearchParam';

let renders = 0;

/** Drawn again on every router navigation, as the app's layout is. */
function Layout() {
  const navigate = useNavigate();
  useLocation();
  return <button onClick={() => void navigate('/cases/c1?tab=plan')}>link</button>;
}

function Tabs() {
  const [tab, setTab] = useQuietSearchParam('tab');
  return (
    <>
      <p data-testid="tab">{tab ?? 'none'}</p>
      <button onClick={() => setTab('visits')}>visits</button>
      <button onClick={() => setTab(null)}>first</button>
    </>
  );
}

describe('useQuietSearchParam', () => {
  it('writes the address without a router navigation, and follows one', async () => {
    window.history.replaceState(null, '', '/cases/c1?q=x&tab=plan');
    render(
      <BrowserRouter>
        <Profiler id="layout" onRender={() => renders++}>
          <Layout />
        </Profiler>
        <Tabs />
      </BrowserRouter>,
    );
    expect(screen.getByTestId('tab').textContent).toBe('plan');
    const before = renders;
    act(() => screen.getByText('visits').click());
    expect(screen.getByTestId('tab').textContent).toBe('visits');
    // The address follows once the section is on screen.
    await waitFor(() => expect(window.location.search).toBe('?q=x&tab=visits'));
    // The layout around it was not drawn again: no router navigation happened.
    expect(renders).toBe(before);
    act(() => screen.getByText('first').click());
    await waitFor(() => expect(window.location.search).toBe('?q=x'));
    // A link (a router navigation) names the value again.
    act(() => screen.getByText('link').click());
    expect(screen.getByTestId('tab').textContent).toBe('plan');
  });

  it('writes the last of several quick changes, and not over a navigation that came in between', async () => {
    window.history.replaceState(null, '', '/cases/c1');
    render(
      <BrowserRouter>
        <Layout />
        <Tabs />
      </BrowserRouter>,
    );
    act(() => {
      screen.getByText('visits').click();
      screen.getByText('first').click();
      screen.getByText('visits').click();
    });
    await waitFor(() => expect(window.location.search).toBe('?tab=visits'));
    act(() => {
      screen.getByText('first').click();
      // A link before the address was written: its address stays.
      screen.getByText('link').click();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(window.location.search).toBe('?tab=plan');
    expect(screen.getByTestId('tab').textContent).toBe('plan');
  });

  it('writes a waiting value at once when the page navigates from the address itself', async () => {
    window.history.replaceState(null, '', '/cases?q=Ленина');
    function Filters() {
      const [q, setQ, flush] = useQuietSearchParam('q');
      const navigate = useNavigate();
      const choose = () => {
        flush();
        const params = new URLSearchParams(window.location.search);
        params.set('state', 'awaiting_decision');
        void navigate({ search: params.toString() }, { replace: true });
      };
      return (
        <>
          <p data-testid="q">{q ?? 'none'}</p>
          <button onClick={() => setQ(null)}>empty</button>
          <button onClick={choose}>filter</button>
        </>
      );
    }
    render(
      <BrowserRouter>
        <Filters />
      </BrowserRouter>,
    );
    expect(screen.getByTestId('q').textContent).toBe('Ленина');
    // The search emptied, then a filter chosen before the browser had time to write the address.
    act(() => {
      screen.getByText('empty').click();
      screen.getByText('filter').click();
    });
    expect(screen.getByTestId('q').textContent).toBe('none');
    expect(window.location.search).toBe('?state=awaiting_decision');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByTestId('q').textContent).toBe('none');
  });
});
