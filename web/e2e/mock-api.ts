import type { Page } from '@playwright/test';

// A stand-in for the C++ server's auth API, used only when PATRONAGE_E2E_MOCK=1.
// It follows the contract: login → session cookie + csrf_token; logout needs the token.
export async function mockApi(
  page: Page,
  credentials: { login: string; password: string; role?: string },
) {
  const csrf = 'mock-csrf-token';
  let signedIn = false;
  const user = {
    id: 'u_9f3k2',
    login: credentials.login,
    full_name: 'Смирнова Ольга Викторовна',
    role: credentials.role ?? 'head',
    unit_id: 'unit_1',
    unit_name: 'Отделение социального патронажа',
  };
  const problem = (status: number, title: string, detail: string) => ({
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title, status, detail }),
  });

  await page.route('**/api/v1/**', async (route) => {
    const request = route.request();
    const path = new URL(request.url()).pathname;
    const english = (request.headers()['accept-language'] ?? '').startsWith('en');
    if (path === '/api/v1/auth/login' && request.method() === 'POST') {
      const body = request.postDataJSON() as { login: string; password: string };
      if (body.login === credentials.login && body.password === credentials.password) {
        signedIn = true;
        return route.fulfill({ json: { user, csrf_token: csrf } });
      }
      return route.fulfill(
        problem(
          401,
          'Unauthorized',
          english ? 'Wrong login or password' : 'Неверный логин или пароль',
        ),
      );
    }
    if (path === '/api/v1/auth/logout' && request.method() === 'POST') {
      if (request.headers()['x-csrf-token'] !== csrf) {
        return route.fulfill(problem(403, 'Forbidden', 'CSRF'));
      }
      signedIn = false;
      return route.fulfill({ status: 204 });
    }
    if (!signedIn) {
      return route.fulfill(problem(401, 'Unauthorized', 'Сеанс истёк'));
    }
    if (path === '/api/v1/me') {
      return route.fulfill({ json: { user, csrf_token: csrf } });
    }
    return route.fulfill(problem(404, 'Not Found', 'Нет такого ресурса'));
  });
}
