// The hostile-input corpus (tests/hostile/) opened through the app's "Open file", one file
// after another on one page: each refused file must show its problem exactly as
// tests/hostile/expected.tsv records it (the same text the native test checks), and leave
// the journey on screen as it was. The files that only look odd (a byte-order mark, UTF-16
// with one) must open. A 100 MB file, made here, is refused by its size before it is read.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync, openSync, ftruncateSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { start, openApp, SHOTS } from './browser.mjs';

const HOSTILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'hostile');

// file name -> expected first problem, or "ok: N touchpoints, M transitions".
const expected = readFileSync(join(HOSTILE, 'expected.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t'));

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

// What must not change: the title and every card's text, in order.
const snapshot = (page) => page.evaluate(() => ({
  title: document.querySelector('h1')?.textContent,
  cards: [...document.querySelectorAll('.card')].map((c) => c.textContent),
}));

// Waits for the error notice about `name` and returns its listed problems.
async function refusal(page, name) {
  try {
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('.notice.error p')]
        .some((p) => p.textContent.startsWith(`Could not open ${name}`)),
      name,
      { timeout: 10000 },
    );
  } catch (e) {
    const notices = await page.locator('.notice').allInnerTexts();
    throw new Error(`${name}: no refusal shown; notices: ${JSON.stringify(notices)}`, { cause: e });
  }
  const problems = await page.locator('.notice.error .notice-details li').allInnerTexts();
  await page.getByRole('button', { name: 'Dismiss message' }).click();
  await page.waitForFunction(() => !document.querySelector('.notice.error .notice-details'));
  return problems;
}

test('every hostile file is refused with its message and the journey on screen stays as it was', async () => {
  const { page, context, errors } = await openApp(env);
  const input = page.locator('input[type=file]');
  const shown = await snapshot(page);
  assert.ok(shown.cards.length > 0, 'the sample journey is on screen');

  const refused = expected.filter(([, want]) => !want.startsWith('ok:'));
  assert.ok(refused.length >= 40, `${refused.length} refused files`);
  const wrong = [];
  for (const [file, want] of refused) {
    await input.setInputFiles(join(HOSTILE, file));
    const problems = await refusal(page, file);
    if (problems[0] !== want) wrong.push(`${file}:\n  expected: ${want}\n  shown:    ${problems[0]}`);
    assert.deepEqual(await snapshot(page), shown, `${file} changed the journey on screen`);
  }
  assert.deepEqual(wrong, [], wrong.join('\n'));

  // 100 MB of zeros, as a sparse file: refused from its size, never read.
  const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
  try {
    const big = join(dir, 'huge.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    await input.setInputFiles(big);
    const problems = await refusal(page, 'huge.json');
    // The same words as the core's (tests/hostile.rs) and the command line's.
    assert.equal(problems[0], 'file: the file is 100.0 MB; the limit is 50 MB');
    assert.deepEqual(await snapshot(page), shown, 'the 100 MB file changed the journey on screen');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.screenshot({ path: join(SHOTS, 'hostile-after-refusals.png') });
  assert.deepEqual(errors, [], 'no console or page errors');
  await context.close();
});

test('a byte-order mark or UTF-16 with one is not an error: those files open', async () => {
  const { page, context, errors } = await openApp(env);
  const input = page.locator('input[type=file]');
  const opens = expected.filter(([, want]) => want.startsWith('ok:'));
  assert.ok(opens.length > 0);
  for (const [file, want] of opens) {
    const cards = Number(/ok: (\d+) touchpoints/.exec(want)[1]);
    await input.setInputFiles(join(HOSTILE, file));
    await page.waitForFunction(
      (name) => [...document.querySelectorAll('.notice p')].some((p) => p.textContent === `Opened ${name}`),
      file,
      { timeout: 10000 },
    );
    await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, cards, { timeout: 5000 });
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
  assert.deepEqual(errors, [], 'no console or page errors');
  await context.close();
});
