// The journey map, end to end: the release build in headless Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, openApp, SHOTS } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('the sample journey opens with its touchpoints under their stages', async () => {
  const { page, context, errors } = await openApp(env);
  assert.match(await page.locator('h1').innerText(), /Getting broadband at home/);

  const stages = await page.locator('.stage-name').allInnerTexts();
  assert.deepEqual(stages, ['Discover', 'Choose', 'Buy', 'Get connected', 'Use', 'Get help', 'Renew & recommend']);

  const cards = page.locator('.card');
  assert.equal(await cards.count(), 21);

  // A card sits horizontally inside the column of the stage it belongs to.
  const expectations = [
    ['I order and pick my install date', 'Buy'],
    ['The installer sets me up at home', 'Get connected'],
    ['I recommend Brightline to a friend', 'Renew & recommend'],
  ];
  for (const [name, stage] of expectations) {
    const card = page.locator('.card', { hasText: name });
    assert.equal(await card.getAttribute('data-stage'), stage);
    const c = await card.boundingBox();
    const col = await page.locator('.stage-column', { has: page.locator('.stage-name', { hasText: stage }) }).boundingBox();
    assert.ok(c.x >= col.x && c.x + c.width <= col.x + col.width, `${name} is inside ${stage}`);
  }

  // Arrows for transitions, and the partner installer is visible as such.
  assert.equal(await page.locator('svg.edges .edge-layer > .edge').count(), 26);
  const install = page.locator('.card', { hasText: 'The installer sets me up at home' });
  assert.match(await install.locator('.card-partner-name').innerText(), /FibreFit Installations/);

  // The emotion curve: a dot per stage with its value in words, and pain points counted.
  assert.equal(await page.locator('circle.emotion-dot').count(), 7);
  const values = await page.locator('text.emotion-value').allTextContents();
  assert.ok(values.every((v) => /^[+-]\d\.\d$/.test(v)), values.join(','));
  assert.ok(await page.locator('text.pain-count').count() >= 3);

  await page.screenshot({ path: join(SHOTS, 'sample-journey.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the map works on a laptop-sized screen: the page scrolls, nothing is cut off', async () => {
  const { page, context, errors } = await openApp(env, { width: 1280, height: 720 });
  const last = page.locator('.card', { hasText: 'I recommend Brightline to a friend' });
  await last.scrollIntoViewIfNeeded();
  const box = await last.boundingBox();
  assert.ok(box.x + box.width <= 1280 && box.y + box.height <= 720, 'the last card can be scrolled into view');
  await page.screenshot({ path: join(SHOTS, 'sample-journey-laptop.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
