import { currentLanguage } from '../i18n/core';
import {
  ApiError,
  getCsrfToken,
  NETWORK_ERROR_TYPE,
  parseProblem,
  signalUnauthorized,
} from './client';

/** How far a request has gone: its body on the way up, then the server's work until it answers. */
export type UploadStage = { phase: 'upload'; sent: number; total: number } | { phase: 'server' };

/**
 * POSTs `body` as JSON like apiRequest, through XMLHttpRequest because fetch reports no upload
 * progress: `onStage` hears how many bytes of the body are sent, then that the server has it all.
 * Answers the parsed JSON (`as: 'json'`) or the body as a Blob with its Content-Disposition
 * (`as: 'blob'`); throws ApiError as apiRequest does (a 401 signals the expired session).
 */
export function postWithProgress<T>(
  path: string,
  body: unknown,
  onStage: (stage: UploadStage) => void,
  as: 'json',
): Promise<T>;
export function postWithProgress(
  path: string,
  body: unknown,
  onStage: (stage: UploadStage) => void,
  as: 'blob',
): Promise<{ blob: Blob; disposition: string | null }>;
export function postWithProgress(
  path: string,
  body: unknown,
  onStage: (stage: UploadStage) => void,
  as: 'json' | 'blob',
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.responseType = 'blob';
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('Content-Type', 'application/json');
    const csrf = getCsrfToken();
    if (csrf !== null) {
      xhr.setRequestHeader('X-CSRF-Token', csrf);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onStage({ phase: 'upload', sent: event.loaded, total: event.total });
      }
    };
    xhr.upload.onload = () => onStage({ phase: 'server' });
    xhr.onerror = () => reject(new ApiError({ status: 0, type: NETWORK_ERROR_TYPE }));
    xhr.onabort = () => reject(new ApiError({ status: 0, type: NETWORK_ERROR_TYPE }));
    xhr.onload = () => {
      const blob = xhr.response as Blob;
      const headers = new Headers();
      for (const name of ['Content-Type', 'Content-Disposition', 'X-Request-Id']) {
        const value = xhr.getResponseHeader(name);
        if (value !== null) {
          headers.set(name, value);
        }
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        void parseProblem(new Response(blob, { status: xhr.status, headers })).then((error) => {
          if (xhr.status === 401) {
            signalUnauthorized();
          }
          reject(error);
        });
        return;
      }
      if (as === 'blob') {
        resolve({ blob, disposition: headers.get('Content-Disposition') });
        return;
      }
      void blob.text().then((text) => {
        try {
          resolve(text === '' ? undefined : JSON.parse(text));
        } catch (cause) {
          reject(cause instanceof Error ? cause : new Error(String(cause)));
        }
      });
    };
    const payload = JSON.stringify(body);
    // Nothing sent yet: the bar shows from the start, not only once the browser reports progress.
    onStage({ phase: 'upload', sent: 0, total: payload.length });
    xhr.send(payload);
  });
}
