/** SPEC/ARCHITECTURE: a scanned consent is at most 5 MiB. */
export const MAX_SCAN_BYTES = 5 * 1024 * 1024;

export const SCAN_TYPES: readonly string[] = ['application/pdf', 'image/jpeg', 'image/png'];

export type ScanProblem = 'tooLarge' | 'badType' | 'empty';

/** Why `file` cannot be sent as a consent scan, or null when it can. */
export function checkScan(file: { size: number; type: string }): ScanProblem | null {
  if (file.size === 0) {
    return 'empty';
  }
  if (file.size > MAX_SCAN_BYTES) {
    return 'tooLarge';
  }
  if (!SCAN_TYPES.includes(file.type)) {
    return 'badType';
  }
  return null;
}

/** Base64 of `bytes`, in chunks so that large files do not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(bytesToBase64(new Uint8Array(reader.result as ArrayBuffer)));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(file);
  });
}
