// Writes name.br and name.gz beside every compressible file of dist/, so the
// server can send them to browsers that accept the encoding (it reads them at
// start-up with the rest of the asset set). Node's own zlib, no dependency.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../dist/', import.meta.url).pathname;
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
const minBytes = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

let before = 0;
let after = 0;
for (const path of files(root)) {
  if (!compressible.test(path)) continue;
  const body = readFileSync(path);
  if (body.length < minBytes) continue;
  const br = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  before += body.length;
  after += br.length;
}
console.log(`compressed ${(before / 1024).toFixed(0)} KiB of text assets to ${(after / 1024).toFixed(0)} KiB (brotli)`);
