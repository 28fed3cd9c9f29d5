import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { setLanguage } from '../i18n';
import { Providers } from '../Providers';
import { createQueryClient } from '../queryClient';
import { routes } from '../router';

const session = {
  user: {
    id: 'u1',
    login: 'head',
    full_name: 'Смирнова Ольга',
    role: 'head',
    unit_id: 'n1',
    unit_name: 'Отделение',
  },
  csrf_token: 't1',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': status < 300 ? 'application/json' : 'application/problem+json',
    },
  });

function renderApp(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient();
  render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { router, queryClient };
}

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(async () => {
  await setLanguage('ru');
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RequireAuth', () => {
  it('sends a signed-out user to sign in and back to where they were', async () => {
    let signedIn = false;
    fetchMock.mockImplementation(async (url: string) => {
      if (url === '/api/v1/me') {
        return signedIn ? json(200, session) : json(401, { title: 'Unauthorized' });
      }
      if (url === '/api/v1/auth/login') {
        signedIn = true;
        return json(200, session);
      }
      return json(404, { title: 'Not Found' });
    });
    const { router } = renderApp('/cases/42?tab=plan');
    expect(await screen.findByRole('heading', { name: 'Вход в систему' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/cases/42?tab=plan')}`);

    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Логин/), 'head');
    await user.type(screen.getByLabelText(/Пароль/), 'pw');
    await user.click(screen.getByRole('button', { name: 'Войти' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cases/42'));
    expect(router.state.location.search).toBe('?tab=plan');
  });

  it('shows the work list empty state on 404, and the sign-in page when the session expires', async () => {
    let worklistStatus = 404;
    fetchMock.mockImplementation(async (url: string) => {
      if (url === '/api/v1/me') {
        return json(200, session);
      }
      if (url === '/api/v1/worklist') {
        return json(worklistStatus, { title: 'x' });
      }
      return json(404, { title: 'Not Found' });
    });
    const { router, queryClient } = renderApp('/');
    // Pages load on first use (route-level code splitting): the first one takes a moment in jsdom.
    expect(
      await screen.findByText('Пока здесь пусто', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Смирнова Ольга').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Руководитель').length).toBeGreaterThan(0);

    worklistStatus = 401;
    await queryClient.invalidateQueries({ queryKey: ['worklist'] });
    expect(await screen.findByText(/Сеанс завершён/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    // The shell's first load (with the offline module, issue 14) can outlast the default 5 s in jsdom.
  }, 30_000);
});
