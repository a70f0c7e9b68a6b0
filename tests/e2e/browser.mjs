// Shared set-up for the end-to-end tests: the release build served on loopback, and Debian's
// Chromium driven by playwright-core (never a downloaded browser).
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'test-results');
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/// How every test and benchmark starts Chromium: Debian's (or CHROMIUM_PATH), headless, with
/// CHROMIUM_ARGS.
const LAUNCH = () => ({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
  headless: true,
});

export function launchChromium() {
  return chromium.launch(LAUNCH());
}

/// The same Chromium with a profile kept in `dir` (service workers, storage across restarts);
/// `options` are Playwright's context options.
export function launchPersistentChromium(dir, options = {}) {
  return chromium.launchPersistentContext(dir, { ...LAUNCH(), ...options });
}

export async function start() {
  const server = await serve(resolve(ROOT, process.env.DIST || 'dist'), 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await launchChromium();
  return {
    url,
    browser,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/// A fresh page that records console errors and page errors, at a projector-like size.
export async function openApp(env, viewport = { width: 1600, height: 900 }) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(env.url);
  // The app renders only once its wasm has loaded: wait for a card, not the load event.
  await page.waitForSelector('.card', { timeout: 30000 });
  return { page, context, errors };
}
