import { currentLanguage } from '../i18n';
import { ApiError, NETWORK_ERROR_TYPE, parseProblem } from './client';

/** The file name from a Content-Disposition header (RFC 6266, plain or UTF-8 form). */
export function dispositionFileName(header: string | null): string | null {
  if (!header) {
    return null;
  }
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed encoding: fall back to the plain form.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() ?? null;
}

/**
 * Fetches `path` and saves the answer as a file (named by the server, else `fallbackName`).
 * Fetched (not a plain link) so that the file is in the page's language and a refusal
 * shows as an error instead of a file.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: { 'Accept-Language': currentLanguage() },
    });
  } catch {
    throw new ApiError({ status: 0, type: NETWORK_ERROR_TYPE });
  }
  if (!response.ok) {
    throw await parseProblem(response);
  }
  const blob = await response.blob();
  saveBlob(blob, dispositionFileName(response.headers.get('Content-Disposition')) ?? fallbackName);
}

/** Saves `blob` as a file named `fileName` (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
