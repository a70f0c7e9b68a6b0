// A large journey (more than WINDOW_ABOVE = 300 touchpoints in src/ui/canvas.rs) is drawn
// only near the visible part of the map: scrolling draws what comes into view, the map still
// says how many touchpoints it holds, and a card moved with the keyboard keeps its focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openApp, SHOTS } from './browser.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = 600;
let env;
let journey;
before(async () => {
  // The command line's generator (src/generate.rs): deterministic, with loops and hand-offs.
  journey = execFileSync('cargo', ['run', '--quiet', '--', 'generate', '--touchpoints', String(N), '--seed', '3'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  env = await start();
});
after(() => env?.close());

/// Ids of the cards drawn, and whether any of them is inside the scroll box's visible part.
async function drawn(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.canvas-scroll').getBoundingClientRect();
    const cards = [...document.querySelectorAll('.card')];
    const inView = cards.filter((c) => {
      const r = c.getBoundingClientRect();
      return r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
    });
    return {
      ids: cards.map((c) => c.dataset.touchpointId),
      inView: inView.length,
      slots: document.querySelectorAll('.card-slot').length,
      said: Number(document.querySelector('.canvas').dataset.touchpoints),
    };
  });
}

test('a large journey draws the cards near the view, and scrolling draws the rest', async () => {
  const { page, errors } = await openApp(env);
  await page.locator('input[type=file]').setInputFiles({ name: 'large.json', mimeType: 'application/json', buffer: journey });
  await page.waitForFunction((n) => document.querySelector('.canvas')?.dataset.touchpoints === String(n), N, { timeout: 30000 });

  const first = await drawn(page);
  assert.equal(first.said, N);
  assert.ok(first.ids.length > 0 && first.ids.length < N / 2, `drew ${first.ids.length} of ${N} cards`);
  assert.equal(first.ids.length + first.slots, N, 'every touchpoint has a card or a stand-in');
  assert.ok(first.inView > 0);

  // To the far corner of the map: other cards are drawn there, and some are in view.
  await page.evaluate(() => {
    const s = document.querySelector('.canvas-scroll');
    s.scrollTo(s.scrollWidth, s.scrollHeight);
  });
  await page.waitForFunction((before) => {
    const ids = [...document.querySelectorAll('.card')].map((c) => c.dataset.touchpointId);
    return ids.some((id) => !before.includes(id));
  }, first.ids, { timeout: 10000 });
  const far = await drawn(page);
  assert.ok(far.inView > 0, 'cards are drawn where the view is');
  assert.ok(far.ids.some((id) => !first.ids.includes(id)));
  await page.screenshot({ path: join(SHOTS, 'large-far-corner.png') });

  // Back to the start; a card moved with the keyboard keeps focus as the map redraws.
  await page.evaluate(() => document.querySelector('.canvas-scroll').scrollTo(0, 0));
  // A card inside the visible part once the map has redrawn there (one drawn for the far
  // corner would rightly go as the map redraws).
  const id = await page.evaluate(() => new Promise((resolve) => {
    const look = () => {
      const box = document.querySelector('.canvas-scroll').getBoundingClientRect();
      const card = [...document.querySelectorAll('.card')].find((c) => {
        const r = c.getBoundingClientRect();
        return r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      });
      if (card) resolve(card.dataset.touchpointId);
      else requestAnimationFrame(look);
    };
    look();
  }));
  const card = page.locator(`.card[data-touchpoint-id="${id}"]`);
  const stage = await card.getAttribute('data-stage');
  await card.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(([id, stage]) => {
    const c = document.querySelector(`.card[data-touchpoint-id="${id}"]`);
    return c && c.dataset.stage !== stage;
  }, [id, stage], { timeout: 10000 });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.touchpointId), id);
  assert.deepEqual(errors, []);
});
