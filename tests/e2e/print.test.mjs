// The printed framework: the HTML export of the sample (and of a journey with hostile and
// very long text) printed by headless Chromium to A4 and Letter PDFs, read back with
// poppler (pdfinfo, pdftotext), and laid out with print styles at the printable width.
// A reader must get every section, nothing cut off at the page edge, no table wider than
// the paper, no heading stranded at the foot of a page, and the journey pages in landscape.
//
// The exports come from the native command line (target/debug/throughline, built by
// `cargo build --bin throughline`, a no-op after scripts/test's `cargo test`). Nothing is
// served: the page is set from the file's text and may fetch nothing at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, SHOTS } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MM = 96 / 25.4; // CSS pixels per millimetre
// The paper, and the margins html.rs asks for: 14 mm x 12 mm portrait, 10 mm landscape.
const PAPERS = {
  A4: { width: 210, height: 297 },
  Letter: { width: 215.9, height: 279.4 },
};

/// The native command line: THROUGHLINE_BIN, else the debug build (built here if missing or
/// stale; cargo only checks when scripts/test's `cargo test` has built it already).
function cliBinary() {
  if (process.env.THROUGHLINE_BIN) return process.env.THROUGHLINE_BIN;
  execFileSync('cargo', ['build', '--quiet', '--bin', 'throughline'], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 20 * 60 * 1000,
  });
  return join(resolve(ROOT, process.env.CARGO_TARGET_DIR || 'target'), 'debug', 'throughline');
}

const LONG_WORD = `https://intranet.example.test/${'very-long-path-segment/'.repeat(12)}`;
const HOSTILE = [
  '<script>alert(1)</script>',
  'a: b; c | d',
  LONG_WORD,
  'line one\nline two',
  'Supercalifragilisticexpialidocious-and-then-some-more-unbroken-text-without-any-spaces',
  '"quoted" & \'single\'',
];

/// The sample with hostile and unbreakable text in names and notes.
function hostileJourney(file) {
  const j = file.journey;
  const h = (i) => HOSTILE[i % HOSTILE.length];
  j.title = `${h(1)} ${h(0)}`;
  j.stages.forEach((s, i) => { s.name = `${h(i)} s${i}`; });
  j.touchpoints.forEach((t, i) => {
    t.name = `${h(i)} t${i}`;
    t.expectation = h(i + 2);
    t.standard_note = h(i + 4);
    t.pain_points = [h(i + 1), h(i + 3)];
  });
  j.departments.forEach((d, i) => { d.name = `${h(i + 2)} d${i}`; });
  j.partners.forEach((p, i) => { p.name = `${h(i + 4)} p${i}`; });
  return file;
}

let cli, dir, browser;
const html = {};
before(async () => {
  cli = cliBinary();
  dir = mkdtempSync(join(tmpdir(), 'throughline-print-'));
  const sample = execFileSync(cli, ['sample'], { encoding: 'utf8' });
  const journeys = { sample: JSON.parse(sample), hostile: hostileJourney(JSON.parse(sample)) };
  for (const [name, file] of Object.entries(journeys)) {
    const input = join(dir, `${name}.json`);
    const output = join(dir, `${name}.html`);
    writeFileSync(input, JSON.stringify(file));
    execFileSync(cli, ['export', input, '--format', 'html', '-o', output]);
    html[name] = readFileSync(output, 'utf8');
  }
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/// A page holding `doc` at `width` CSS pixels, in print media, that may fetch nothing.
async function printPage(doc, width) {
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  const requests = [];
  await context.route('**/*', (route) => { requests.push(route.request().url()); return route.abort(); });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.emulateMedia({ media: 'print' });
  await page.setContent(doc, { waitUntil: 'load' });
  return { page, context, requests, errors };
}

/// Lines of text per page, with their boxes in points, from `pdftotext -bbox-layout`.
function pdfPages(pdf) {
  const out = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return out.split('<page ').slice(1).map((p) => {
    const [, width, height] = p.match(/width="([\d.]+)" height="([\d.]+)"/).map(Number);
    const lines = [...p.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)]
      .map(([, x0, y0, x1, y1, body]) => ({
        x0: +x0, y0: +y0, x1: +x1, y1: +y1,
        text: [...body.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => decode(w[1])).join(' '),
      }));
    return { width, height, lines };
  });
}

async function printPdf(doc, format, name) {
  const { page, context, requests, errors } = await printPage(doc, 800);
  const path = join(dir, `${name}-${format}.pdf`);
  await page.pdf({ path, format, printBackground: true });
  const headings = await page.locator('h2').allInnerTexts();
  const subheadings = await page.locator('h3').allInnerTexts();
  await context.close();
  assert.deepEqual(requests, [], 'the framework fetches nothing');
  assert.deepEqual(errors, []);
  return { path, pages: pdfPages(path), headings, subheadings };
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

for (const format of ['A4', 'Letter']) {
  test(`the sample framework prints on ${format}: every section, nothing cut off, the journey in landscape`, async () => {
    const { path, pages, headings, subheadings } = await printPdf(html.sample, format, 'sample');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    assert.match(info, new RegExp(`Page size:.*\\(${format === 'A4' ? 'A4' : 'letter'}\\)`, 'i'));
    // Ten sections, each from a new page, most of one or two pages: 19 today.
    assert.ok(pages.length >= 12 && pages.length <= 26, `${pages.length} pages`);

    const paper = PAPERS[format];
    const pt = (mm) => (mm / 25.4) * 72;
    const portrait = pages.filter((p) => p.width < p.height);
    const landscape = pages.filter((p) => p.width > p.height);
    assert.ok(Math.abs(pages[0].width - pt(paper.width)) < 2, 'the first page is portrait');
    assert.ok(landscape.length >= 1 && landscape.length <= 6, `${landscape.length} landscape pages`);
    assert.ok(pages.at(-1).width > pages.at(-1).height, 'the journey (the last section) is landscape');
    assert.ok(portrait.length + landscape.length === pages.length);

    // Nothing runs off the paper: every line of text lies inside the page, clear of the edge.
    for (const [i, p] of pages.entries()) {
      for (const l of p.lines) {
        assert.ok(l.x0 >= 14 && l.x1 <= p.width - 14 && l.y0 >= 14 && l.y1 <= p.height - 14,
          `page ${i + 1}: "${l.text}" at ${l.x0.toFixed(0)}..${l.x1.toFixed(0)} x ${l.y0.toFixed(0)}..${l.y1.toFixed(0)} on ${p.width.toFixed(0)} x ${p.height.toFixed(0)}`);
      }
    }

    // Every section heading is printed, in order; from section 3 on, each at the top of a
    // new page (scope and promise share the first one, after the title).
    assert.equal(headings.length, 10);
    const pageText = (p, top) => squash(p.lines.filter((l) => l.y0 < top).map((l) => l.text).join(' '));
    let from = 0;
    for (const [k, h] of headings.entries()) {
      const at = pages.findIndex((p, i) => i >= from && pageText(p, k < 2 ? Infinity : 100).includes(squash(h)));
      assert.ok(at >= 0, `"${h}" is printed${k < 2 ? '' : ' at the top of a page'} after page ${from + 1}`);
      from = at;
    }

    // No heading is stranded as the last line of a page.
    const heads = new Set([...headings, ...subheadings].map(squash));
    for (const [i, p] of pages.entries()) {
      const last = p.lines.reduce((a, l) => (l.y1 > a.y1 ? l : a), p.lines[0]);
      assert.ok(!heads.has(squash(last.text)), `page ${i + 1} ends with the heading "${last.text}"`);
    }
  });
}

/// Print layout at the printable width of the paper: no table, figure or text block is
/// wider than it, portrait, and the journey section landscape as well.
async function assertFitsPaper(doc, format, shot) {
  const paper = PAPERS[format];
  const widths = {
    portrait: Math.floor((paper.width - 2 * 12) * MM),
    landscape: Math.floor((paper.height - 2 * 10) * MM),
  };
  for (const [orientation, width] of Object.entries(widths)) {
    const { page, context } = await printPage(doc, width);
    const over = await page.evaluate(({ width, orientation }) => {
      const out = [];
      const sel = 'table, figure, svg, p, li, h1, h2, h3';
      for (const el of document.querySelectorAll(sel)) {
        const journey = el.closest('section')?.id === 'journey';
        // Everything fits portrait paper (a browser may print the journey portrait too);
        // the journey section is also checked at the landscape width it asks for.
        if (orientation === 'landscape' && !journey) continue;
        const b = el.getBoundingClientRect();
        if (b.width > 0 && (b.left < -0.5 || b.right > width + 0.5)) {
          out.push(`${el.localName} in #${el.closest('section')?.id}: ${b.left.toFixed(0)}..${b.right.toFixed(0)}`);
        }
      }
      return out;
    }, { width, orientation });
    assert.deepEqual(over, [], `${format} ${orientation}, ${width}px printable`);
    if (shot && orientation === 'portrait') await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
    await context.close();
  }
}

test('no table or figure is wider than the printable width of A4 or Letter', async () => {
  for (const format of ['A4', 'Letter']) await assertFitsPaper(html.sample, format);
});

test('hostile and unbreakable text still fits the page and stays text', async () => {
  for (const format of ['A4', 'Letter']) await assertFitsPaper(html.hostile, format, format === 'A4' ? 'print-hostile-a4.png' : null);
  const { pages, headings } = await printPdf(html.hostile, 'A4', 'hostile');
  assert.equal(headings.length, 10);
  for (const [i, p] of pages.entries()) {
    for (const l of p.lines) {
      assert.ok(l.x0 >= 14 && l.x1 <= p.width - 14, `page ${i + 1}: "${l.text}" at ${l.x0.toFixed(0)}..${l.x1.toFixed(0)}`);
    }
  }
  const text = pages.flatMap((p) => p.lines.map((l) => l.text)).join(' ');
  assert.ok(text.includes('<script>alert(1)</script>'), 'markup in names is printed as text');
});
