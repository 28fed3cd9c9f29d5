import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import i18n, { setLanguage } from '../i18n';
import {
  ApiError,
  apiRequest,
  getCsrfToken,
  NETWORK_ERROR_TYPE,
  onUnauthorized,
  parseProblem,
  setCsrfToken,
} from './client';
import { fetchMe, login, logout } from './auth';

function jsonResponse(status: number, body: unknown, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}

const session = {
  user: {
    id: 'u_1',
    login: 'head',
    full_name: 'Ирина Петрова',
    role: 'head',
    unit_id: 'unit_1',
    unit_name: 'Отделение',
  },
  csrf_token: 'csrf-abc',
};

let fetchMock: ReturnType<typeof vi.fn>;

function lastRequest(): { url: string; init: RequestInit; headers: Headers } {
  const call = fetchMock.mock.calls.at(-1) as [string, RequestInit];
  return { url: call[0], init: call[1], headers: new Headers(call[1].headers) };
}

beforeEach(async () => {
  fetchMock = vi.fn();
  vi.stubGlobal('fetch', fetchMock);
  setCsrfToken(null);
  await setLanguage('ru');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseProblem', () => {
  it('reads every RFC 9457 member and the field errors', async () => {
    const error = await parseProblem(
      jsonResponse(
        422,
        {
          type: 'https://patronage.example/problems/validation',
          title: 'Invalid request',
          status: 422,
          detail: 'Проверьте поля формы',
          request_id: 'req-42',
          errors: [
            { field: 'login', reason: 'required', message: 'Введите логин' },
            { field: 'password', reason: 'too_long', message: 'Слишком длинный' },
            { reason: 'no field: ignored' },
          ],
        },
        'application/problem+json; charset=utf-8',
      ),
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.type).toBe('https://patronage.example/problems/validation');
    expect(error.title).toBe('Invalid request');
    expect(error.detail).toBe('Проверьте поля формы');
    expect(error.requestId).toBe('req-42');
    expect(error.errors).toEqual([
      { field: 'login', reason: 'required', message: 'Введите логин' },
      { field: 'password', reason: 'too_long', message: 'Слишком длинный' },
    ]);
    expect(error.fieldMessage('login')).toBe('Введите логин');
    expect(error.message).toBe('Проверьте поля формы');
  });

  it('takes the request id from the header when the body has none', async () => {
    const response = new Response(JSON.stringify({ title: 'Too many attempts' }), {
      status: 429,
      headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': 'hdr-7' },
    });
    const error = await parseProblem(response);
    expect(error.requestId).toBe('hdr-7');
    expect(error.type).toBe('about:blank');
    expect(error.errors).toEqual([]);
  });

  it('survives a body that is not JSON', async () => {
    const response = new Response('<html>Bad gateway</html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    });
    const error = await parseProblem(response);
    expect(error.status).toBe(502);
    expect(error.title).toBe('Bad Gateway');
    expect(error.detail).toBe('');
  });

  it('survives malformed JSON and wrong member types', async () => {
    const bad = new Response('{not json', {
      status: 500,
      headers: { 'Content-Type': 'application/problem+json' },
    });
    expect((await parseProblem(bad)).status).toBe(500);
    const wrongTypes = await parseProblem(
      jsonResponse(400, { type: 7, detail: ['x'], errors: 'nope' }, 'application/problem+json'),
    );
    expect(wrongTypes.type).toBe('about:blank');
    expect(wrongTypes.detail).toBe('');
    expect(wrongTypes.errors).toEqual([]);
  });
});

describe('apiRequest', () => {
  it('sends same-origin credentials and the current language', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }));
    await apiRequest('/api/v1/thing');
    const first = lastRequest();
    expect(first.init.credentials).toBe('same-origin');
    expect(first.headers.get('Accept-Language')).toBe('ru');

    await setLanguage('en');
    fetchMock.mockResolvedValue(jsonResponse(200, { ok: true }));
    await apiRequest('/api/v1/thing');
    expect(lastRequest().headers.get('Accept-Language')).toBe('en');
  });

  it('sends the CSRF token from login on non-GET requests only', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, session));
    await login({ login: 'head', password: 'secret' });
    expect(getCsrfToken()).toBe('csrf-abc');
    // The login request itself happened before any token was known.
    expect(lastRequest().headers.get('X-CSRF-Token')).toBeNull();
    expect(lastRequest().init.body).toBe(JSON.stringify({ login: 'head', password: 'secret' }));

    fetchMock.mockResolvedValueOnce(jsonResponse(200, {}));
    await apiRequest('/api/v1/cases');
    expect(lastRequest().headers.get('X-CSRF-Token')).toBeNull();

    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
      await apiRequest('/api/v1/cases/c1', { method, body: { a: 1 } });
      expect(lastRequest().init.method).toBe(method);
      expect(lastRequest().headers.get('X-CSRF-Token')).toBe('csrf-abc');
      expect(lastRequest().headers.get('Content-Type')).toBe('application/json');
    }
  });

  it('takes the CSRF token from /me and forgets it on logout', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ...session, csrf_token: 'from-me' }));
    const user = await fetchMe();
    expect(user?.full_name).toBe('Ирина Петрова');
    expect(getCsrfToken()).toBe('from-me');

    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    await logout();
    expect(lastRequest().url).toBe('/api/v1/auth/logout');
    expect(lastRequest().headers.get('X-CSRF-Token')).toBe('from-me');
    expect(getCsrfToken()).toBeNull();
  });

  it('returns null from /me on 401 without signalling an expired session', async () => {
    const listener = vi.fn();
    const off = onUnauthorized(listener);
    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { title: 'Unauthorized' }, 'application/problem+json'),
    );
    expect(await fetchMe()).toBeNull();
    expect(listener).not.toHaveBeenCalled();
    off();
  });

  it('signals an expired session on 401 from any other call, but not from login', async () => {
    setCsrfToken('t');
    const listener = vi.fn();
    const off = onUnauthorized(listener);

    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { detail: 'Неверный логин или пароль' }, 'application/problem+json'),
    );
    await expect(login({ login: 'x', password: 'y' })).rejects.toMatchObject({
      status: 401,
      detail: 'Неверный логин или пароль',
    });
    expect(listener).not.toHaveBeenCalled();

    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { title: 'Session expired' }, 'application/problem+json'),
    );
    await expect(apiRequest('/api/v1/worklist')).rejects.toBeInstanceOf(ApiError);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(getCsrfToken()).toBeNull();
    off();
  });

  it('turns a network failure into an ApiError with status 0', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await expect(apiRequest('/api/v1/worklist')).rejects.toMatchObject({
      status: 0,
      type: NETWORK_ERROR_TYPE,
    });
  });

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }));
    expect(await apiRequest('/api/v1/x', { method: 'DELETE' })).toBeUndefined();
  });
});

afterEach(async () => {
  await i18n.changeLanguage('ru');
});
