// Makes the app's home-screen icons (web app manifest, issue 14) from public/favicon.svg:
// 192 and 512 px, and a maskable 512 px one whose heart keeps inside the 80 % safe zone; and the page's
// icon as a 48 px PNG (index.html): Chrome downloads the page's icon again each time the address changes
// (history.replaceState on every section switch), and an SVG icon is drawn as a document of its own on the
// page's main thread (about 45 ms on a phone-class CPU, issue 14), a small PNG is not.
// Run by hand after changing the favicon: `node scripts/icons.mjs`; the PNGs are committed.
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

const publicDir = new URL('../public/', import.meta.url).pathname;
const favicon = readFileSync(`${publicDir}favicon.svg`, 'utf8');

// The favicon has rounded corners; a home-screen icon is a full square (the launcher rounds it).
const square = favicon.replace(/rx="[^"]*"/, 'rx="0"');
// Maskable: the same blue to every edge, the heart scaled to 80 % around the centre.
const maskable = square.replace(
  /<path /,
  '<path transform="translate(16 16) scale(0.8) translate(-16 -18.5)" ',
);

async function write(svg, size, name) {
  await sharp(Buffer.from(svg), { density: (72 * size) / 32 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(`${publicDir}${name}`);
  console.log(`wrote public/${name}`);
}

await write(square, 192, 'icon-192.png');
await write(square, 512, 'icon-512.png');
await write(maskable, 512, 'icon-maskable-512.png');
await write(square, 180, 'apple-touch-icon.png');
await write(favicon, 48, 'favicon-48.png');
