import { inflateRawSync } from 'node:zlib';

/** The files of a zip archive by name (stored or deflated entries), read from its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) {
    end -= 1;
  }
  if (end < 0) {
    throw new Error('not a zip archive: no end of central directory');
  }
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < entries; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      throw new Error('not a zip archive: bad central directory');
    }
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + skip;
  }
  return files;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of the <t> elements of a shared or inline string. */
function texts(xml: string): string {
  return unescapeXml([...xml.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1] ?? '').join(''));
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.replace(/\d+$/, '')) {
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n - 1;
}

/**
 * The rows of sheet `n` (1-based) of an XLSX workbook as text cells: inline strings, shared
 * strings and numbers. Throws when the file is not a workbook.
 */
export function sheetRows(xlsx: Buffer, n = 1): string[][] {
  const files = unzip(xlsx);
  if (!files.has('[Content_Types].xml') || !files.has('xl/workbook.xml')) {
    throw new Error('not an XLSX workbook');
  }
  const shared = [
    ...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(
      /<si>([\s\S]*?)<\/si>/g,
    ),
  ].map((m) => texts(m[1] ?? ''));
  const sheet = files.get(`xl/worksheets/sheet${n}.xml`)?.toString('utf8');
  if (sheet === undefined) {
    throw new Error(`no sheet ${n}`);
  }
  const rows: string[][] = [];
  for (const row of sheet.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const cell of (row[1] ?? '').matchAll(
      /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g,
    )) {
      const [, ref = '', attributes = '', body = ''] = cell;
      const type = /t="(\w+)"/.exec(attributes)?.[1];
      let text = '';
      if (type === 'inlineStr') {
        text = texts(body);
      } else {
        const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '';
        text = type === 's' ? (shared[Number(value)] ?? '') : unescapeXml(value);
      }
      cells[columnIndex(ref)] = text;
    }
    rows.push(Array.from(cells, (c) => c ?? ''));
  }
  return rows;
}
