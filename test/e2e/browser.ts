// Headless Chromium for the dashboard's end-to-end tests: Debian's chromium driven by playwright-core, never a
// downloaded browser. No Chromium: the tests are skipped, or fail when HUB_E2E_REQUIRED=1 (as in CI).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumFound = existsSync(chromiumPath);
export const browserRequired = process.env.HUB_E2E_REQUIRED === '1';

/** Screenshots of each step, kept as artefacts of the run. */
export const ARTEFACTS = path.resolve(__dirname, '../../test-results/e2e');

// Headless and without the sandbox (playwright's defaults), and no background calls: this network is closed.
// playwright starts each browser with a fresh, temporary --user-data-dir of its own.
const FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launch = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    chromiumSandbox: false,
    args: FLAGS,
    timeout: 30_000,
  });

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors (CSP violations among them) and requests that left the hub. */
  problems: string[];
}

/** A page that may reach the hub only (no CDN, nothing from the internet), its problems recorded. */
export async function openPage(browser: Browser, hubUrl: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: hubUrl });
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${hubUrl}/`)) return route.continue();
    problems.push(`request outside the hub: ${url}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // a refused sign-in is an expected 401 in the console; anything else is a fault of the page
    if (message.type() === 'error' && !/status of 401/.test(message.text()))
      problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
}

export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
