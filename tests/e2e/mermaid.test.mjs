// The Mermaid export checked by the real Mermaid (the npm package, its browser bundle) in
// headless Chromium: the sample journey, a journey with hostile text in every field Mermaid
// sees, and the three industry templates must parse, render to SVG, and show every section
// and task name as the text the user typed (entity codes decoded, nothing interpreted).
//
// The exports come from the native command line (target/debug/throughline, built by
// `cargo build --bin throughline`, a no-op after scripts/test's `cargo test`), the templates
// from their golden files in tests/golden/ (which `cargo test --test exports` keeps equal to
// the export). The page loads nothing but Mermaid's bundle from a loopback server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';
import { launchChromium, SHOTS } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MERMAID_DIST = join(ROOT, 'node_modules', 'mermaid', 'dist');
const TEMPLATES = ['bank-current-account', 'hospital-outpatient', 'new-car-dealer'];

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

/// Text that means something to Mermaid's grammar, to HTML or to a spreadsheet.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'a: b; c',
  '#35; # not a comment',
  '%% not a comment',
  '%%{init: {"theme": "dark"}}%%',
  'line one\nline two\r\nthree',
  '}',
  '{',
  '-->',
  '"double" \'single\' `back`',
  'journey',
  'title deeds',
  'section: x',
  'accTitle: stolen',
  '  spaces either end  ',
  'Tom & Jerry &amp; &#60;b&#62; #60;b#62;',
  'one, two, three',
  '<br>break<br/>',
  'click me',
  'Crème brûlée: 日本語 ✓',
  '; ; ;',
];

/// What Mermaid shows for a name: runs of white space (line breaks included) collapse, and
/// the ends are trimmed, as HTML does. Everything else must come out as typed.
const shown = (s) => s.replace(/\s+/g, ' ').trim();

/// Actor names for the legend. Mermaid 12.3 measures a legend line before it decodes entity
/// codes, and breaks a single word wider than 360px in the middle (adding "-"), which can cut
/// an entity code in two; so these hold every grammar character, but in short words.
const HOSTILE_ACTORS = [
  'a: b; c',
  '#35; # x',
  'one, two, three',
  '<b>bold</b> &amp;',
  '%% x -->',
  '{ } "q" \'s\'',
  'journey',
  '  accDescr: x  ',
];

/// The sample with hostile text in the title, description, every stage, touchpoint,
/// persona and channel name (the fields the Mermaid export writes).
function hostileJourney(file) {
  const j = file.journey;
  const h = (i) => HOSTILE[i % HOSTILE.length];
  const a = (i) => HOSTILE_ACTORS[i % HOSTILE_ACTORS.length];
  j.title = h(5) + ' ' + h(2);
  j.description = h(6) + ' ' + h(0);
  j.stages.forEach((s, i) => { s.name = `${h(i * 3 + 1)} s${i}`; });
  j.touchpoints.forEach((t, i) => { t.name = h(i); });
  j.personas.forEach((p, i) => { p.name = `${a(i)} p${i}`; });
  j.channels.forEach((c, i) => { c.name = `${a(i + 3)} c${i}`; });
  return file;
}

/// Sections and their task names in the order the export writes them.
function expectedNames(file) {
  const j = file.journey;
  return j.stages.map((s) => ({
    section: s.name,
    tasks: j.touchpoints.filter((t) => t.stage === s.id).map((t) => t.name),
  }));
}

let server, browser, origin, cli, dir;
before(async () => {
  cli = cliBinary();
  dir = mkdtempSync(join(tmpdir(), 'throughline-mermaid-'));
  server = await serve(MERMAID_DIST, 0);
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  if (server) await new Promise((ok) => server.close(ok));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (...args) => execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

function exportMermaid(journeyFile, name) {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(journeyFile));
  return run('export', path, '--format', 'mermaid');
}

/// Parses and renders `text` with Mermaid on a page that may fetch nothing but loopback.
/// Returns what a reader sees: the section and task labels, the legend, the title.
async function mermaid(text, shot) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  const requests = [];
  const errors = [];
  const dialogs = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    if (url.startsWith(`${origin}/`)) return route.fallback();
    return route.abort();
  });
  await context.route(`${origin}/check.html`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Mermaid check</title>'
        + '<script src="mermaid.min.js"></script></head><body></body></html>',
    }));
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${origin}/check.html`);
  const result = await page.evaluate(async (text) => {
    const m = globalThis.mermaid;
    m.initialize({ startOnLoad: false, securityLevel: 'strict' });
    let parsed;
    try {
      parsed = await m.parse(text);
    } catch (e) {
      return { error: String(e?.message || e) };
    }
    const { svg } = await m.render('journey-svg', text);
    const host = document.createElement('div');
    host.innerHTML = svg;
    document.body.append(host);
    const labels = (sel) => [...host.querySelectorAll(sel)].map((e) => e.textContent);
    return {
      type: parsed.diagramType,
      sections: labels('foreignObject div.journey-section div.label'),
      tasks: labels('foreignObject div.task div.label'),
      legend: labels('text.legend'),
      title: labels('svg > text[font-weight="bold"]'),
      desc: labels('desc'),
      elements: [...new Set([...host.querySelectorAll('*')].map((e) => e.localName))],
      svgLength: svg.length,
    };
  }, text);
  if (shot && !result.error) await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
  await context.close();
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'the page fetched only from loopback');
  assert.ok(requests.includes(`${origin}/mermaid.min.js`), 'Mermaid itself came from loopback');
  assert.deepEqual(dialogs, [], 'no script ran from the text');
  assert.deepEqual(errors, []);
  return result;
}

/// Mermaid parsed the text as a journey and shows every section and task name as typed.
function assertShows(result, file, text) {
  assert.equal(result.error, undefined, `Mermaid refused the export:\n${result.error}\n${text}`);
  assert.equal(result.type, 'journey');
  const expected = expectedNames(file);
  // Mermaid draws only sections that have tasks.
  const sections = expected.filter((s) => s.tasks.length > 0);
  assert.deepEqual(result.sections.map(shown), sections.map((s) => shown(s.section)));
  assert.deepEqual(result.tasks.map(shown), sections.flatMap((s) => s.tasks).map(shown));
  // Only Mermaid's own elements: no user text became markup.
  for (const tag of ['script', 'img', 'a', 'iframe', 'br', 'b']) {
    assert.ok(!result.elements.includes(tag), `<${tag}> in the rendered SVG`);
  }
}

test('Mermaid parses and renders the sample journey export', async () => {
  const file = JSON.parse(run('sample'));
  const text = exportMermaid(file, 'sample');
  assert.equal(text, readFileSync(join(ROOT, 'tests/golden/sample.mmd'), 'utf8'));
  const result = await mermaid(text, 'mermaid-sample.png');
  assertShows(result, file, text);
  assert.equal(result.tasks.length, 21);
  // Actors: the personas, else the channel; "Email & SMS" arrives decoded.
  assert.ok(result.legend.includes('Email & SMS'), result.legend.join(' | '));
  assert.ok(result.legend.includes('Remote-working parent'));
  assert.deepEqual(result.title, [file.journey.title]);
  assert.deepEqual(result.desc, [file.journey.description]);
});

test('Mermaid shows hostile names as text: nothing is a comment, statement, directive or tag', async () => {
  const file = hostileJourney(JSON.parse(run('sample')));
  const text = exportMermaid(file, 'hostile');
  const result = await mermaid(text, 'mermaid-hostile.png');
  assertShows(result, file, text);
  assert.deepEqual(result.title.map(shown), [shown(file.journey.title)]);
  assert.deepEqual(result.desc.map(shown), [shown(file.journey.description)]);
  // Every actor (persona, or channel where a touchpoint names no persona) is in the legend
  // as typed, and a comma inside a name did not split it into two actors. Mermaid wraps a
  // long legend entry over several lines at spaces, so the lines are read joined.
  const legend = shown(result.legend.join(' '));
  const j = file.journey;
  const actors = new Set(j.touchpoints.flatMap((t) => (t.personas.length > 0
    ? t.personas.map((id) => j.personas.find((p) => p.id === id).name)
    : [j.channels.find((c) => c.id === t.channel)?.name].filter(Boolean))));
  assert.ok(actors.size >= 5, [...actors].join(' | '));
  for (const name of actors) assert.ok(legend.includes(shown(name)), `${name} in the legend: ${legend}`);
  assert.ok(!result.legend.map(shown).includes('two'), 'a name with commas stayed one actor');
  // The directive in the title did not switch Mermaid's theme or reach its config.
  assert.ok(!text.includes('%%'), 'no comment or directive start in the export');
});

for (const key of TEMPLATES) {
  test(`Mermaid parses and renders the ${key} template`, async () => {
    const golden = join(ROOT, 'tests/golden', `template-${key}.mmd`);
    const text = readFileSync(golden, 'utf8');
    // What the names should be, read back by our own importer.
    const file = JSON.parse(run('import', golden, '--from', 'mermaid', '-o', '-', '--seed', '1'));
    assert.ok(file.journey.touchpoints.length >= 10, `${key} has its touchpoints`);
    const result = await mermaid(text, `mermaid-${key}.png`);
    assertShows(result, file, text);
  });
}
