// The partner page end to end, in headless Chromium against the real hub: register with a partner from the page,
// run its conformance check, then see the report (with evidence) and charts drawn from a short traffic run.
import type { Browser, Page } from 'playwright-core';
import { config } from '../../src/config';
import { run as sampleOutbox } from '../../src/admin/traffic-query';
import { aLocation, aToken } from '../builders';
import { FakePartner } from '../check/fake-partner';
import type { FakeParty } from '../harness/fake-party';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { emspModules } from '../harness/modules';
import { browserRequired, chromiumFound, chromiumPath, launch, openPage, snap, type Watched } from './browser';

if (!chromiumFound) {
  (browserRequired ? test : test.skip)(`when HUB_E2E_REQUIRED=1, then a Chromium is found at ${chromiumPath}`, () => {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  });
}

const WAIT = { timeout: 15_000 };

(chromiumFound ? describe : describe.skip)('the partner page in Chromium', () => {
  let hub: Hub;
  let browser: Browser;
  let watched: Watched;
  let page: Page;
  let partner: FakePartner;
  let emsp: FakeParty;
  let id: string;

  beforeAll(async () => {
    hub = await startHub();
    partner = await new FakePartner('receivers-down').start();
    emsp = await hub.connect({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: emspModules });
    id = (await hub.createPlatform('Voltaplein', [{ role: 'CPO', country_code: 'NL', party_id: 'VLT' }])).id;
    browser = await launch();
    watched = await openPage(browser, hub.url);
    page = watched.page;
    await page.goto(`${hub.url}/admin/ui/#partner?id=${id}`);
    await page.getByLabel('Admin token').fill(config.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await partner?.stop();
    await hub?.stop();
  });

  test('when the operator registers with the partner from its page, then the handshake completes and its endpoints show', async () => {
    await page.getByTestId('partner-name').filter({ hasText: 'Voltaplein' }).waitFor(WAIT);
    await page.getByTestId('register-versions-url').fill(partner.versionsUrl);
    await page.getByTestId('register-token').fill(partner.token);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('role-status').filter({ hasText: 'CONNECTED' }).waitFor(WAIT);
    await page.getByTestId('endpoints').getByText(`${partner.url}/ocpi/cpo/2.2.1/cdrs/`).waitFor(WAIT);
    expect(partner.hubToken).toBeDefined();
  });

  test('when the operator runs the check, then the report shows every check passed, with expandable evidence', async () => {
    await page.getByTestId('run-check').click();
    await page.getByTestId('report-verdict').filter({ hasText: 'pass' }).waitFor(WAIT);
    const checks = page.getByTestId('check');
    expect(await checks.count()).toBeGreaterThan(30);
    expect(await page.locator('[data-testid="check"][data-verdict="fail"]').count()).toBe(0);
    await page.getByTestId('passed-checks').locator('summary').first().click();
    const offset = page.locator('[data-testid="check"][data-id="lists.cdrs.offset"]');
    await offset.locator('summary').click();
    const second = offset.getByTestId('evidence').filter({ hasText: 'offset=1&limit=1' });
    await second.waitFor(WAIT);
    expect(await second.textContent()).toContain('Token *** (base64)');
    await snap(page, 'partner-01-check-report');
  });

  test('when traffic has flowed for a while, then the charts draw it and the platforms list shows its sparkline and verdict', async () => {
    const asPartner = (method: string, path: string, body: unknown) =>
      call(method, `${hub.url}${path}`, {
        token: partner.hubToken,
        body,
        headers: {
          'OCPI-from-country-code': 'NL',
          'OCPI-from-party-id': 'VLT',
          'OCPI-to-country-code': 'NL',
          'OCPI-to-party-id': 'HUB',
        },
      });
    for (let i = 0; i < 12; i++)
      await asPartner(
        'PUT',
        `/ocpi/2.2.1/locations/receiver/NL/VLT/L${i}`,
        aLocation({ country_code: 'NL', party_id: 'VLT', id: `L${i}` }),
      );
    await asPartner('PUT', '/ocpi/2.2.1/locations/receiver/NL/VLT/BAD', { id: 'BAD' }); // an error in the rate
    for (let i = 0; i < 8; i++)
      await emsp.ocpi('GET', '/ocpi/2.2.1/cdrs/sender?limit=2', {
        to: { role: 'CPO', country_code: 'NL', party_id: 'VLT' },
      });
    // tokens for the partner's Receiver, which answers 503: they wait in its outbox
    for (let i = 0; i < 3; i++)
      await emsp.ocpi('PUT', `/ocpi/2.2.1/tokens/receiver/DE/EMA/T${i}`, {
        to: 'hub',
        body: aToken({ country_code: 'DE', party_id: 'EMA', uid: `T${i}` }),
      });
    await hub.drain();
    await sampleOutbox();

    for (const chart of ['chart-in', 'chart-out', 'chart-errors', 'chart-latency', 'chart-outbox']) {
      await page.locator(`[data-testid="${chart}"]:not([data-total="0"])`).waitFor(WAIT);
    }
    expect(Number(await page.getByTestId('chart-in').getAttribute('data-total'))).toBeGreaterThanOrEqual(13);
    await page
      .getByTestId('partner-outbox-summary')
      .filter({ hasText: /[1-9]\d* pending|in flight/ })
      .waitFor(WAIT);
    await page.getByTestId('passed-checks').locator('summary').first().click(); // folded again: the page at a glance
    await snap(page, 'partner-02-charts');

    await page.getByRole('link', { name: '← Platforms' }).click();
    const row = page.getByTestId('platform-row').filter({ hasText: 'Voltaplein' });
    await row.locator('[data-testid="sparkline"]:not([data-total="0"])').waitFor(WAIT);
    await row.getByTestId('check-verdict').filter({ hasText: 'pass' }).waitFor(WAIT);
    await snap(page, 'partner-03-platforms-list');
  });

  test('when the operator used the partner page, then it loaded nothing from outside the hub and logged no error', () => {
    expect(watched.problems).toEqual([]);
  });
});
