import { describe, expect, it } from 'vitest';
import { bytesToBase64, checkScan, fileToBase64, MAX_SCAN_BYTES } from './files';

describe('checkScan', () => {
  it('accepts PDF, JPEG and PNG up to 5 MiB', () => {
    expect(checkScan({ size: MAX_SCAN_BYTES, type: 'application/pdf' })).toBeNull();
    expect(checkScan({ size: 10, type: 'image/jpeg' })).toBeNull();
    expect(checkScan({ size: 10, type: 'image/png' })).toBeNull();
  });

  it('refuses larger, empty and other files', () => {
    expect(MAX_SCAN_BYTES).toBe(5 * 1024 * 1024);
    expect(checkScan({ size: MAX_SCAN_BYTES + 1, type: 'application/pdf' })).toBe('tooLarge');
    expect(checkScan({ size: 0, type: 'application/pdf' })).toBe('empty');
    expect(checkScan({ size: 10, type: 'text/plain' })).toBe('badType');
  });
});

describe('base64', () => {
  it('encodes bytes like btoa, also across chunk boundaries', () => {
    expect(bytesToBase64(new TextEncoder().encode('%PDF-1.4'))).toBe(btoa('%PDF-1.4'));
    const big = new Uint8Array(0x8000 * 2 + 5).map((_, i) => i % 251);
    const decoded = Uint8Array.from(atob(bytesToBase64(big)), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(big);
  });

  it('reads a file', async () => {
    const blob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' });
    expect(await fileToBase64(blob)).toBe('iVBORw==');
  });
});
