// Renders the PNG app icons the web app manifest names from static/icons/icon.svg, with the
// Debian Chromium the tests use (no image tool needed). The PNGs are committed; run this again
// only when icon.svg changes:   node static/make-icons.mjs
import { chromium } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ICONS = join(dirname(fileURLToPath(import.meta.url)), 'icons');
const svg = await readFile(join(ICONS, 'icon.svg'), 'utf8');
const inner = svg.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
// Maskable: the launcher cuts its own shape, so the colour fills the square and the drawing
// stays inside the central safe circle (radius 40% of the size).
const maskable =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">' +
  '<rect width="64" height="64" fill="#1f3a5f"/>' +
  `<g transform="translate(32 32) scale(0.7) translate(-32 -32)">${inner.replace(/ rx="14"/, '')}</g></svg>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  for (const [name, source, size] of [
    ['icon-192.png', svg, 192],
    ['icon-512.png', svg, 512],
    ['icon-maskable-512.png', maskable, 512],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const sized = source.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${sized}`);
    await page.screenshot({ path: join(ICONS, name), omitBackground: true });
    await page.close();
    console.log(`wrote static/icons/${name}`);
  }
} finally {
  await browser.close();
}
