import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR_TYPE } from './client';
import { dispositionFileName, downloadFile } from './download';

describe('dispositionFileName', () => {
  it('reads the UTF-8 form first, then the plain one', () => {
    expect(dispositionFileName(null)).toBeNull();
    expect(dispositionFileName('attachment')).toBeNull();
    expect(dispositionFileName('attachment; filename="cases.csv"')).toBe('cases.csv');
    expect(
      dispositionFileName(
        'attachment; filename="cases.csv"; filename*=UTF-8\'\'%D0%94%D0%B5%D0%BB%D0%B0.csv',
      ),
    ).toBe('Дела.csv');
    // A malformed encoding falls back to the plain name.
    expect(dispositionFileName("attachment; filename=a.csv; filename*=UTF-8''%E0%A4")).toBe(
      'a.csv',
    );
  });
});

describe('downloadFile', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  let clicked: string[];

  beforeEach(() => {
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    clicked = [];
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this.download);
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("saves the answer under the server's name, else the fallback", async () => {
    fetchMock.mockResolvedValueOnce(
      new Response('a;b', {
        status: 200,
        headers: { 'Content-Disposition': 'attachment; filename="server.csv"' },
      }),
    );
    await downloadFile('/api/v1/exports/cases?format=csv', 'cases.csv');
    fetchMock.mockResolvedValueOnce(new Response('a;b', { status: 200 }));
    await downloadFile('/api/v1/exports/cases?format=csv', 'cases.csv');
    expect(clicked).toEqual(['server.csv', 'cases.csv']);
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/exports/cases?format=csv');
    expect(
      new Headers((fetchMock.mock.calls[0]![1] as RequestInit).headers).has('Accept-Language'),
    ).toBe(true);
  });

  it('throws the problem of a refusal and a network error, saving nothing', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ type: 'forbidden', status: 403 }), {
        status: 403,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    await expect(downloadFile('/x', 'x.csv')).rejects.toMatchObject({ status: 403 });
    fetchMock.mockRejectedValueOnce(new TypeError('offline'));
    const error = await downloadFile('/x', 'x.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).type).toBe(NETWORK_ERROR_TYPE);
    expect(clicked).toEqual([]);
  });
});
