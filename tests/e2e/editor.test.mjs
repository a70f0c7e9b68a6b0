// The editor, end to end, as a new user would use it: start blank, build a journey, connect,
// move, undo and redo, reload, save and reopen a file, and survive a broken file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { start, openApp, SHOTS } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const card = (page, name) => page.locator('.card', { hasText: name });

// Yew renders on its own schedule: after an action, wait for the DOM instead of reading it.
async function cardCount(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, n, { timeout: 5000 });
  return n;
}
async function stageOf(page, name, stage) {
  await page.waitForFunction(([name, stage]) => [...document.querySelectorAll('.card')]
    .some((c) => c.textContent.includes(name) && c.dataset.stage === stage), [name, stage], { timeout: 5000 });
  return stage;
}

async function startBlank(page) {
  await page.getByRole('button', { name: 'New journey', exact: true }).click();
  await page.getByRole('menuitem', { name: /Blank journey/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 0);
}

async function addTouchpoint(page, name) {
  await page.getByRole('button', { name: 'Add touchpoint', exact: true }).click();
  const field = page.getByLabel('Name', { exact: true });
  await field.fill(name);
  await card(page, name).waitFor();
}

test('a new user builds, connects, moves, undoes and finds it all after a reload', async () => {
  const { page, context, errors } = await openApp(env);
  await startBlank(page);
  assert.equal(await page.locator('.stage-name').first().innerText(), 'Discover');

  await addTouchpoint(page, 'I search for a current account');
  await page.getByLabel('Brand promise', { exact: true }).fill('Open in ten minutes, from the sofa');
  await page.getByLabel('Emotion').selectOption('1');
  await page.getByLabel('Moment of truth').check();
  const first = card(page, 'I search for a current account');
  assert.equal(await first.locator('.mot').count(), 1, 'moment of truth is marked');
  assert.equal(await first.locator('.emotion').innerText(), '+1');

  await addTouchpoint(page, 'I compare accounts');
  assert.equal(await cardCount(page, 2), 2);

  // Connect: select the first card, press Connect, click the second.
  await first.click();
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await card(page, 'I compare accounts').click();
  await page.waitForFunction(() => document.querySelectorAll('.edge-layer > .edge').length === 1);

  // Move with the keyboard: the focused card goes one stage to the right.
  const second = card(page, 'I compare accounts');
  await second.focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => [...document.querySelectorAll('.card')]
    .some((c) => c.textContent.includes('I compare accounts') && c.dataset.stage === 'Choose'));

  // Undo puts it back, redo moves it again.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  assert.equal(await stageOf(page, 'I compare accounts', 'Discover'), 'Discover');
  await page.keyboard.press('Control+Shift+Z');
  assert.equal(await stageOf(page, 'I compare accounts', 'Choose'), 'Choose');

  // Drag the first card into the "Buy" column.
  const buy = await page.locator('.stage-column', { has: page.locator('.stage-name', { hasText: /^Buy$/ }) }).boundingBox();
  const box = await first.boundingBox();
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 60, { steps: 4 });
  await page.mouse.move(buy.x + buy.width / 2, box.y + 40, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => [...document.querySelectorAll('.card')]
    .some((c) => c.textContent.includes('I search for a current account') && c.dataset.stage === 'Buy'));

  // Everything is saved within a second: reload and find it.
  await page.waitForTimeout(800);
  await page.reload();
  await page.waitForSelector('.card');
  assert.equal(await page.locator('.card').count(), 2);
  assert.equal(await card(page, 'I search for a current account').getAttribute('data-stage'), 'Buy');
  assert.equal(await card(page, 'I compare accounts').getAttribute('data-stage'), 'Choose');
  assert.equal(await page.locator('.edge-layer > .edge').count(), 1);

  await page.screenshot({ path: join(SHOTS, 'editor-built.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the inspector edits every group and text typed is never markup', async () => {
  const { page, context, errors } = await openApp(env);
  await card(page, 'I order and pick my install date').dblclick();
  for (const legend of ['Customer', 'Brand', 'Loose/tight', 'Delivery', 'Measures', 'Notes']) {
    assert.equal(await page.locator('legend', { hasText: new RegExp(`^${legend}$`) }).count(), 1, legend);
  }
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'I order and pick my install date');
  await page.getByLabel('Experience').selectOption('loose');
  await page.getByLabel('Behaviour').selectOption('tight');
  assert.match(await card(page, 'I order and pick my install date').locator('.quadrant').innerText(), /Reversed/);
  await page.screenshot({ path: join(SHOTS, 'inspector.png') });

  const hostile = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"'&`;
  await page.getByLabel('Name', { exact: true }).fill(hostile);
  const shown = card(page, '<img src=x');
  await shown.waitFor();
  assert.ok((await shown.locator('.card-name').innerText()).endsWith(hostile), 'shown as typed');
  assert.ok((await shown.getAttribute('aria-label')).startsWith(hostile), 'accessible name starts with the name');
  assert.equal(await page.locator('.card img, .card script').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('save a file, open it in a fresh browser profile, and a broken file changes nothing', async () => {
  const { page, context } = await openApp(env);
  await page.getByLabel('Journey title').fill('Workshop journey');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file', exact: true }).click();
  const file = join(SHOTS, 'workshop-journey.json');
  await (await download).saveAs(file);
  const text = await readFile(file, 'utf8');
  assert.match(text, /"format": "throughline-journey"/);
  await context.close();

  // A fresh profile: nothing in storage, so it opens on the sample.
  const fresh = await openApp(env);
  assert.match(await fresh.page.locator('h1').innerText(), /Getting broadband/);
  await fresh.page.locator('input[type=file]').setInputFiles(file);
  await fresh.page.waitForFunction(() => document.querySelector('h1').textContent.includes('Workshop journey'));
  assert.equal(await fresh.page.locator('.card').count(), 21);

  // A broken file: the error names the problem and where; the journey stays as it was.
  await fresh.page.locator('input[type=file]').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "throughline-journey", "version": 1, "journey": {"title": 7}}'),
  });
  const alert = fresh.page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Could not open broken\.json/);
  assert.match(await alert.innerText(), /journey\.title/);
  assert.match(await fresh.page.locator('h1').innerText(), /Workshop journey/);
  assert.equal(await fresh.page.locator('.card').count(), 21);
  await fresh.page.screenshot({ path: join(SHOTS, 'broken-file.png') });
  await fresh.context.close();
});

test('delete and undo with the keyboard; shortcuts do not fire while typing', async () => {
  const { page, context } = await openApp(env);
  const c = card(page, 'I get my first bill');
  await c.click();
  await page.keyboard.press('Delete');
  assert.equal(await cardCount(page, 20), 20);
  await page.keyboard.press('Control+z');
  assert.equal(await cardCount(page, 21), 21);

  // Backspace in a text field edits the text, not the journey.
  await c.dblclick();
  const name = page.getByLabel('Name', { exact: true });
  await name.press('End');
  await name.press('Backspace');
  await card(page, 'I get my first bil').first().waitFor();
  assert.equal(await page.locator('.card').count(), 21);
  assert.equal(await name.inputValue(), 'I get my first bil');
  await context.close();
});

test('search and filters fade what does not match; templates start a new journey', async () => {
  const { page, context, errors } = await openApp(env);
  await page.getByLabel('Search touchpoints').fill('installer');
  const status = page.locator('.match-count');
  await status.waitFor();
  const n = Number((await status.innerText()).split(' ')[0]);
  assert.ok(n > 0 && n < 21, `some match: ${n}`);
  assert.equal(await page.locator('.card.dim').count(), 21 - n);
  assert.equal(await card(page, 'The installer sets me up at home').getAttribute('class').then((c) => c.includes('dim')), false);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal(await page.locator('.card.dim').count(), 0);
  await page.getByLabel('Filter by delivery').selectOption({ label: 'FibreFit Installations' });
  assert.match(await status.innerText(), /^3 of 21 match/);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByRole('button', { name: 'New journey', exact: true }).click();
  const templates = page.getByRole('menuitem', { name: /\((Retail banking|Healthcare|Automotive retail)\)/ });
  assert.ok(await templates.count() >= 3, 'three industry templates are offered');
  await templates.first().click();
  await page.getByText(/Started from the template/).waitFor();
  assert.ok(await page.locator('.card').count() >= 12);
  await page.screenshot({ path: join(SHOTS, 'template.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('export the framework and a spreadsheet, and open the spreadsheet back as a journey', async () => {
  const { page, context, errors } = await openApp(env);
  const exportAs = async (item) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: item }).click();
    const d = await download;
    const path = join(SHOTS, d.suggestedFilename());
    await d.saveAs(path);
    return { path, name: d.suggestedFilename(), text: await readFile(path, 'utf8') };
  };
  const html = await exportAs(/Design framework \(HTML\)/);
  assert.match(html.name, /\.html$/);
  assert.match(html.text, /<html/i);
  assert.match(html.text, /Broadband that just works/);
  assert.doesNotMatch(html.text, /<script/i, 'the framework carries no script');

  const csv = await exportAs(/^Spreadsheet \(CSV\)/);
  assert.match(csv.name, /\.csv$/);
  await page.locator('input[type=file]').setInputFiles(csv.path);
  await page.getByText(`Opened ${csv.name}`).waitFor();
  assert.equal(await page.locator('.card').count(), 21);
  assert.equal(await page.locator('.stage-name').count(), 7);
  assert.deepEqual(errors, []);
  await context.close();
});

test('insights list what the graph says; a finding selects its touchpoints; the overlay tints by a measure', async () => {
  const { page, context, errors } = await openApp(env);
  await page.getByRole('tab', { name: 'Insights' }).click();
  const scores = page.getByLabel('Score summary');
  await scores.waitFor();
  for (const group of ['Structure', 'Continuity', 'Intent and promise', 'Customer', 'Delivery']) {
    assert.equal(await page.locator('.finding-group h3', { hasText: group }).count(), 1, group);
  }
  // A hand-off that drops context is listed and, clicked, selects the touchpoints it is about.
  const handOff = page.locator('.finding', { hasText: /context/i }).first();
  await handOff.click();
  const selected = await page.locator('.card[aria-selected=true]').count();
  assert.ok(selected >= 1, 'the finding selected its touchpoints');

  // Findings follow edits: fixing the job sheet hand-off changes the count.
  const before = await page.locator('.finding').count();
  await page.getByLabel('Tint cards by').selectOption({ label: 'Expectation gap' });
  const bill = card(page, 'I get my first bill');
  assert.match(await bill.getAttribute('class'), /tint-\d/);
  assert.match(await bill.locator('.tint-label').innerText(), /^gap \d+$/);
  await card(page, 'Credit check and line booking').dblclick();
  await page.getByRole('tab', { name: 'Insights' }).click();
  assert.ok(before > 0);
  await page.screenshot({ path: join(SHOTS, 'insights.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('when browser storage is full the user is told, offered a download, and nothing is lost', async () => {
  const { page, context, errors } = await openApp(env);
  // Simulate a full quota: every write to localStorage throws, as browsers do.
  await page.evaluate(() => {
    window.__realSetItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByLabel('Journey title').fill('Edited while storage is full');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /Could not save in this browser: browser storage is full/);
  assert.match(await page.locator('h1').innerText(), /Edited while storage is full/, 'the journey in memory is intact');

  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: 'Download a copy' }).click();
  const file = join(SHOTS, 'storage-full-copy.json');
  await (await download).saveAs(file);
  assert.match(await readFile(file, 'utf8'), /Edited while storage is full/);

  // Space comes back: the next change saves and the warning goes.
  await page.evaluate(() => { Storage.prototype.setItem = window.__realSetItem; });
  await page.getByLabel('Journey title').fill('Saved again');
  await page.getByText('Saved in this browser again.').waitFor();
  await page.reload();
  await page.waitForSelector('.card');
  assert.match(await page.locator('h1').innerText(), /Saved again/);
  assert.deepEqual(errors.filter((e) => !/quota/i.test(e)), []);
  await context.close();
});

test('several journeys are kept: switch, duplicate, and delete only after confirming', async () => {
  const { page, context } = await openApp(env);
  await page.getByLabel('Journey title').fill('Journey A');
  await page.getByRole('button', { name: 'New journey', exact: true }).click();
  await page.getByRole('menuitem', { name: /Blank journey/ }).click();
  await page.getByLabel('Journey title').fill('Journey B');
  await page.waitForTimeout(500);

  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  const menu = page.getByRole('menu');
  await menu.getByRole('button', { name: 'Journey A', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('h1').textContent.includes('Journey A'));
  assert.equal(await page.locator('.card').count(), 21);

  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  await menu.getByRole('button', { name: 'Duplicate Journey A' }).click();
  await page.waitForFunction(() => document.querySelector('h1').textContent.includes('Journey A (copy)'));
  await page.waitForTimeout(500);

  // Refusing the confirmation keeps the journey.
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  await menu.getByRole('button', { name: 'Delete Journey B' }).click();
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  assert.equal(await menu.getByRole('button', { name: 'Journey B', exact: true }).count(), 1);

  page.once('dialog', (d) => d.accept());
  await menu.getByRole('button', { name: 'Delete Journey B' }).click();
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  const titles = await menu.locator('.doc-list .menu-item').allInnerTexts();
  assert.deepEqual(titles.sort(), ['Journey A', 'Journey A (copy)']);
  await context.close();
});

test('rows can show channels; dropping a card on a channel row changes its channel', async () => {
  const { page, context, errors } = await openApp(env);
  await page.getByLabel('Rows show').selectOption('channels');
  const rows = await page.locator('.lane-name').allTextContents();
  assert.deepEqual(rows.slice(0, 3), ['Website', 'App', 'Phone']);
  assert.equal(await page.locator('.visibility-line').count(), 0);

  // Drag "I get my first bill" (Email & SMS) onto the Phone row of its own stage.
  const bill = card(page, 'I get my first bill');
  await bill.scrollIntoViewIfNeeded();
  const box = await bill.boundingBox();
  const phone = await page.locator('.lane-row', { has: page.locator('.lane-name', { hasText: 'Phone' }) }).boundingBox();
  await page.mouse.move(box.x + 30, box.y + 30);
  await page.mouse.down();
  await page.mouse.move(box.x + 40, box.y + 60, { steps: 3 });
  await page.mouse.move(box.x + 30, phone.y + 40, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => [...document.querySelectorAll('.card')]
    .some((c) => c.textContent.includes('I get my first bill') && c.querySelector('.card-meta').textContent.startsWith('Phone')));
  assert.equal(await bill.getAttribute('data-stage'), 'Use', 'the stage did not change');
  assert.deepEqual(errors, []);
  await context.close();
});

test('drop-downs show the model after undo and across touchpoints; Ctrl+Z works from a drop-down', async () => {
  const { page, context, errors } = await openApp(env);
  await card(page, 'I order and pick my install date').dblclick();
  const perf = page.getByLabel('Performance');
  assert.equal(await perf.inputValue(), '3');
  await perf.selectOption('5');
  // Focus is still on the drop-down: Ctrl+Z must undo the journey, not do nothing.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('#' + [...document.querySelectorAll('label')]
    .find((l) => l.textContent === 'Performance').htmlFor).value === '3');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#' + [...document.querySelectorAll('label')]
    .find((l) => l.textContent === 'Performance').htmlFor).value === '5');

  // Another touchpoint shows its own value, and coming back shows this one's again.
  await card(page, 'I check which speeds reach my address').dblclick();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'I check which speeds reach my address');
  assert.equal(await page.getByLabel('Performance').inputValue(), '3');
  await card(page, 'I order and pick my install date').dblclick();
  assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'I order and pick my install date');
  assert.equal(await page.getByLabel('Performance').inputValue(), '5');
  assert.deepEqual(errors, []);
  await context.close();
});

test('arrow keys keep moving the focused card; the open journey in the list is not reloaded', async () => {
  const { page, context } = await openApp(env);
  // Not the last touchpoint in the list, so a reorder would show up as lost focus.
  const c = card(page, 'I check which speeds reach my address');
  await c.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => [...document.querySelectorAll('.card')]
    .some((c) => c.textContent.includes('I check which speeds') && c.dataset.stage === 'Buy'));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent.includes('I check which speeds')), true);

  // Clicking the journey that is open keeps its unsaved edits and its undo history.
  await page.getByLabel('Journey title').fill('Edited just now');
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  await page.getByRole('menu').getByRole('button', { name: 'Edited just now', exact: true }).click();
  assert.match(await page.locator('h1').innerText(), /Edited just now/);
  assert.equal(await page.getByRole('button', { name: 'Undo', exact: true }).isEnabled(), true);
  // Esc closes an open menu.
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('menu').count(), 0);
  await context.close();
});

test('dragging from a card handle to another card connects them', async () => {
  const { page, context, errors } = await openApp(env);
  const edges = await page.locator('.edge-layer > .edge').count();
  const from = card(page, 'I ask in a HomeTech store');
  const to = card(page, 'I get my order confirmation');
  await from.hover();
  const h = await from.locator('.connect-handle').boundingBox();
  const t = await to.boundingBox();
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(t.x + 40, t.y + 30, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction((n) => document.querySelectorAll('.edge-layer > .edge').length === n, edges + 1);
  // The store card did not move: a handle drag is not a card drag.
  assert.equal(await from.getAttribute('data-stage'), 'Choose');
  await page.keyboard.press('Control+z');
  await page.waitForFunction((n) => document.querySelectorAll('.edge-layer > .edge').length === n, edges);
  assert.deepEqual(errors, []);
  await context.close();
});

test('lane kinds decide where the line of visibility runs', async () => {
  const { page, context, errors } = await openApp(env);
  // Canvas units (the element's own top), not the viewport: a message closing above the map
  // moves the viewport position.
  const top = () => page.evaluate(() => parseFloat(document.querySelector('.visibility-line').style.top));
  const before = await top();
  // Back stage becomes a front-stage lane: the line moves down below it.
  await page.getByLabel('Kind of Back stage').selectOption({ label: 'Front stage' });
  await page.waitForFunction((y) => parseFloat(document.querySelector('.visibility-line').style.top) > y + 10, before);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((y) => parseFloat(document.querySelector('.visibility-line').style.top) === y, before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the side panel can be hidden to give the map the screen, and opening a card brings it back', async () => {
  const { page, context } = await openApp(env, { width: 1366, height: 768 });
  const mapWidth = async () => (await page.locator('.map-area').boundingBox()).width;
  const before = await mapWidth();
  await page.getByRole('button', { name: 'Hide panel' }).click();
  assert.ok(await mapWidth() > before + 250, 'the map takes the panel\'s width');
  await card(page, 'I check which speeds reach my address').dblclick();
  await page.getByLabel('Name', { exact: true }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Hide panel' }).isVisible());
  await page.screenshot({ path: join(SHOTS, 'laptop-1366.png') });
  await context.close();
});

test('copy a touchpoint and paste it into another journey: it lands in the stage of the same name', async () => {
  const { page, context, errors } = await openApp(env);
  await card(page, 'The installer sets me up at home').click();
  await page.keyboard.press('Control+c');
  await page.getByText('Copied 1 touchpoint').waitFor();
  await page.getByRole('button', { name: 'New journey', exact: true }).click();
  await page.getByRole('menuitem', { name: /Blank journey/ }).click();
  await cardCount(page, 0);
  // The blank journey has no "Get connected" stage: the first stage takes it, and the user is
  // told what did not come along.
  await page.keyboard.press('Control+v');
  await cardCount(page, 1);
  const status = await page.getByRole('status').innerText();
  assert.match(status, /Pasted 1 touchpoint; this journey has no stage "Get connected", .*partner "FibreFit Installations".*left out/);

  // A card from a stage the blank journey does have lands there.
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  await page.getByRole('menu').getByRole('button', { name: /Getting broadband/ }).first().click();
  await card(page, 'I order and pick my install date').click();
  await page.keyboard.press('Control+c');
  await page.getByRole('button', { name: 'Journeys', exact: true }).click();
  await page.getByRole('menu').getByRole('button', { name: 'Untitled journey', exact: true }).click();
  await cardCount(page, 1);
  await page.keyboard.press('Control+v');
  await cardCount(page, 2);
  assert.equal(await card(page, 'I order and pick my install date').getAttribute('data-stage'), 'Buy');
  assert.match(await card(page, 'I order and pick my install date').locator('.card-meta').innerText(), /^Website · Sales$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a rubber band selects the cards it touches, even when released over the side panel', async () => {
  const { page, context, errors } = await openApp(env);
  // From the empty customer-action cell of "Discover" down across the front-stage cards.
  const row = await page.locator('.lane-row').first().boundingBox();
  const first = await card(page, 'I check which speeds reach my address').boundingBox();
  const side = await page.locator('aside.side').boundingBox();
  await page.mouse.move(first.x - 8, row.y + 10);
  await page.mouse.down();
  await page.mouse.move(first.x + 40, first.y + 40, { steps: 5 });
  await page.mouse.move(side.x + 40, first.y + 60, { steps: 10 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelectorAll('.card[aria-selected=true]').length >= 3);
  assert.equal(await page.locator('.band').count(), 0, 'the band is gone');
  assert.equal(await card(page, 'I check which speeds reach my address').getAttribute('aria-selected'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});

test('duplicating a selection is one undo step', async () => {
  const { page, context, errors } = await openApp(env);
  await card(page, 'I compare packages online').click();
  await card(page, 'I chat with an adviser about the speed I need').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+d');
  await cardCount(page, 23);
  assert.equal(await page.locator('.card', { hasText: '(copy)' }).count(), 2);
  await page.keyboard.press('Control+z');
  await cardCount(page, 21);
  await page.keyboard.press('Control+y');
  await cardCount(page, 23);
  assert.deepEqual(errors, []);
  await context.close();
});
