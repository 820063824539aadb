// The document served: /openapi.json is the committed document, /docs is Swagger UI from swagger-ui-dist's files,
// started by a separate script (helmet's CSP forbids inline ones); in Chromium, when one is found, it renders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { browserRequired, chromiumFound, chromiumPath, launch, openPage } from '../e2e/browser';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const committed = JSON.parse(readFileSync(path.resolve(__dirname, '../../openapi/openapi.json'), 'utf8'));

describe('the served document and its page', () => {
  test('when /openapi.json is fetched, then it is the committed document', async () => {
    const res = await call('GET', `${hub.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(committed);
  });

  test("when /docs is fetched, then it is HTML under helmet's CSP whose scripts are all files: the swagger-ui bundle and /docs/init.js", async () => {
    const res = await call('GET', `${hub.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = res.body as string;
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1])).toEqual([
      '/docs/swagger-ui-bundle.js',
      '/docs/init.js',
    ]);
    expect(scripts.map((m) => m[2]?.trim())).toEqual(['', '']);
    expect(html).toContain('href="/docs/swagger-ui.css"');
    expect(html).not.toMatch(/\son[a-z]+=/); // no inline event handlers either
  });

  test("when the page's files are fetched, then each comes with its type, and init.js loads /openapi.json", async () => {
    const types: Record<string, RegExp> = {
      '/docs/swagger-ui.css': /^text\/css/,
      '/docs/swagger-ui-bundle.js': /javascript/,
      '/docs/init.js': /javascript/,
      '/docs/favicon-32x32.png': /^image\/png/,
    };
    for (const [file, type] of Object.entries(types)) {
      const res = await call('GET', `${hub.url}${file}`);
      expect([file, res.status]).toEqual([file, 200]);
      expect(res.headers.get('content-type')).toMatch(type);
    }
    expect((await call('GET', `${hub.url}/docs/init.js`)).body).toContain("url: '/openapi.json'");
  });

  test('when a swagger-ui-dist file the page does not use is asked for, then 404 (not the petstore initializer)', async () => {
    expect((await call('GET', `${hub.url}/docs/swagger-initializer.js`)).status).toBe(404);
    expect((await call('GET', `${hub.url}/docs/index.html`)).status).toBe(404);
  });
});

if (!chromiumFound) {
  (browserRequired ? test : test.skip)(`when HUB_E2E_REQUIRED=1, then a Chromium is found at ${chromiumPath}`, () => {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  });
}

(chromiumFound ? describe : describe.skip)('/docs in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(() => browser?.close());

  test('when /docs is opened, then Swagger UI renders every tag of the document with no CSP violation, page error or outside request', async () => {
    const { page, problems } = await openPage(browser, hub.url);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) problems.push(`csp: ${message.text()}`);
    });
    await page.goto(`${hub.url}/docs`);
    await page.locator('.swagger-ui .info .title').filter({ hasText: 'ocpi-hub' }).waitFor({ timeout: 15_000 });
    const tags = await page.locator('.opblock-tag-section').count();
    expect(tags).toBe(committed.tags.length);
    expect(problems).toEqual([]);
  }, 60_000);
});
