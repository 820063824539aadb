// The operator dashboard end to end, in headless Chromium against the real hub: sign in, create a platform and hand
// its Token A to a fake CPO that registers through the OCPI handshake, watch it turn CONNECTED, retry a dead letter.
import type { Browser, Page } from 'playwright-core';
import { config } from '../../src/config';
import { aLocation } from '../builders';
import { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';
import { cpoModules, emspModules } from '../harness/modules';
import { browserRequired, chromiumFound, chromiumPath, launch, openPage, snap, type Watched } from './browser';

if (!chromiumFound) {
  (browserRequired ? test : test.skip)(`when HUB_E2E_REQUIRED=1, then a Chromium is found at ${chromiumPath}`, () => {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM_PATH`);
  });
}

const WAIT = { timeout: 10_000 };
const refused = (rec: { method: string; path: string }) =>
  rec.method === 'PUT' && rec.path.includes('/locations/')
    ? {
        status: 400,
        body: { status_code: 2001, status_message: 'refused by the test', timestamp: new Date().toISOString() },
      }
    : undefined;

(chromiumFound ? describe : describe.skip)('the operator dashboard in Chromium', () => {
  let hub: Hub;
  let browser: Browser;
  let watched: Watched;
  let page: Page;
  let cpo: FakeParty | undefined;
  let emsp: FakeParty;
  const platformRow = (name: string) => page.getByTestId('platform-row').filter({ hasText: name });

  beforeAll(async () => {
    hub = await startHub();
    browser = await launch();
    watched = await openPage(browser, hub.url);
    page = watched.page;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await cpo?.stop();
    await hub?.stop();
  });

  test("when the operator signs in with a wrong token, then the API's error is shown; with the right one, the platforms view opens", async () => {
    await page.goto(`${hub.url}/admin/ui`);
    await page.getByLabel('Admin token').fill('not-the-admin-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').filter({ hasText: 'missing or wrong admin token' }).waitFor(WAIT);
    expect(await page.getByTestId('nav-platforms').isVisible()).toBe(false);
    await snap(page, '01-sign-in-refused');

    await page.getByLabel('Admin token').fill(config.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Platforms', level: 1 }).waitFor(WAIT);
    expect(await page.getByTestId('login-error').isVisible()).toBe(false);
    expect(await page.evaluate("sessionStorage.getItem('ocpi-hub-admin-token')")).toBe(config.adminToken);
    await snap(page, '02-signed-in');
  });

  test('when the operator creates a platform and copies its Token A, then a CPO registers with that token through the OCPI handshake', async () => {
    await page.getByLabel('Name', { exact: true }).fill('CPO A backend');
    const role = page.getByTestId('role-row').first();
    await role.getByLabel('Role', { exact: true }).selectOption('CPO');
    await role.getByLabel('Country code', { exact: true }).fill('NL');
    await role.getByLabel('Party ID', { exact: true }).fill('CPA');
    await page.getByRole('button', { name: 'Create platform' }).click();

    await page.getByTestId('handover').waitFor(WAIT);
    const shown = await page.getByTestId('token-a').inputValue();
    expect(shown).toMatch(/^\S{16,}$/);
    expect(await page.getByTestId('versions-url').inputValue()).toBe(hub.versionsUrl);
    await page.getByTestId('copy-token-a').click();
    await page.getByTestId('copy-token-a').filter({ hasText: 'Copied' }).waitFor(WAIT);
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(shown);
    await platformRow('CPO A backend').getByTestId('role-status').filter({ hasText: 'PLANNED' }).waitFor(WAIT);
    await snap(page, '03-platform-created');

    await page.evaluate('window.notReloaded = true'); // gone if the page reloads
    cpo = await new FakeParty({
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }],
      modules: cpoModules,
    }).start();
    cpo.hubUrl = hub.url;
    const registered = await cpo.registerWith(hub.versionsUrl, copied);
    expect(registered.body).toMatchObject({ status_code: 1000 });
  });

  test('when the CPO has registered, then its role turns CONNECTED on the page without a reload', async () => {
    const row = platformRow('CPO A backend');
    await row.getByTestId('role-status').filter({ hasText: 'CONNECTED' }).waitFor(WAIT);
    await row.getByText('OCPI 2.2.1').waitFor(WAIT);
    expect(await page.evaluate('window.notReloaded')).toBe(true);
    await snap(page, '04-party-connected');
  });

  test('when a push is refused with HTTP 400, then the dead letter shows in the Outbox, and after Retry and a drain it is delivered', async () => {
    emsp = await hub.connect({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: emspModules });
    emsp.respond = refused;
    const pushed = await cpo!.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/LOC1', {
      body: aLocation({ country_code: 'NL', party_id: 'CPA', id: 'LOC1' }),
    });
    expect(pushed.status).toBeLessThan(300);
    await hub.drain();
    await platformRow('EMA backend').getByTestId('outbox-depth').filter({ hasText: '1 dead' }).waitFor(WAIT);
    await snap(page, '05-dead-letter-counted');

    await page.getByTestId('nav-outbox').click();
    const row = page.getByTestId('outbox-row').filter({ hasText: 'LOC1' });
    await row.getByTestId('status').filter({ hasText: 'dead' }).waitFor(WAIT);
    expect(await row.getByTestId('last-answer').textContent()).toMatch(/HTTP 400/);
    await snap(page, '06-outbox-dead-letter');

    emsp.respond = undefined; // the receiver is fixed
    await row.getByRole('button', { name: /^Retry/ }).click();
    await page.getByTestId('outbox-note').filter({ hasText: 'queued again' }).waitFor(WAIT);
    await hub.drain();
    await page.getByLabel('State', { exact: true }).selectOption('delivered');
    await page
      .getByTestId('outbox-row')
      .filter({ hasText: 'LOC1' })
      .getByTestId('status')
      .filter({ hasText: 'delivered' })
      .waitFor(WAIT);
    expect(emsp.received('/NL/CPA/LOC1', 'PUT')).toHaveLength(2);
    await snap(page, '07-outbox-delivered');
  });

  test('when the operator searches the audit by module and action, then the forwards to the eMSP are listed', async () => {
    await page.getByTestId('nav-audit').click();
    await page.getByRole('heading', { name: 'Recent traffic' }).waitFor(WAIT);
    await page.getByTestId('audit-row').first().waitFor(WAIT);
    await page.getByLabel('Module', { exact: true }).fill('locations');
    await page.getByLabel('Action', { exact: true }).fill('forward');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Matching entries' }).waitFor(WAIT);
    const forwards = page.getByTestId('audit-row').filter({ hasText: 'DE*EMA' });
    await forwards.nth(1).waitFor(WAIT); // the refused push and its retry
    expect(await forwards.count()).toBe(2);
    await snap(page, '08-audit-search');
  });

  test('when the operator creates an agreement and deletes it, then the list follows', async () => {
    await page.getByTestId('nav-agreements').click();
    await page.getByLabel('CPO country code').fill('NL');
    await page.getByLabel('CPO party ID').fill('CPA');
    await page.getByLabel('eMSP country code').fill('DE');
    await page.getByLabel('eMSP party ID').fill('EMA');
    await page.getByLabel('locations').check();
    await page.getByRole('button', { name: 'Create agreement' }).click();
    const row = page.getByTestId('agreement-row').filter({ hasText: 'DE*EMA' });
    await row.getByText('locations').waitFor(WAIT);
    await snap(page, '09-agreement-created');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: /^Delete/ }).click();
    await row.waitFor({ state: 'detached', ...WAIT });
    expect((await hub.admin('GET', '/agreements')).body).toEqual([]);
  });

  test('when the operator suspends the CPO and unsuspends it, then its role goes OFFLINE and back to CONNECTED', async () => {
    await page.getByTestId('nav-platforms').click();
    const row = platformRow('CPO A backend');
    await row.getByRole('button', { name: 'Suspend CPO A backend' }).click();
    await row.getByTestId('role-status').filter({ hasText: 'OFFLINE' }).waitFor(WAIT);
    await row.getByTestId('suspended').waitFor(WAIT);
    await snap(page, '10-platform-suspended');
    await row.getByRole('button', { name: 'Unsuspend CPO A backend' }).click();
    await row.getByTestId('role-status').filter({ hasText: 'CONNECTED' }).waitFor(WAIT);
  });

  test('when the operator used every view, then the page loaded nothing from outside the hub and logged no error', () => {
    expect(watched.problems).toEqual([]);
  });
});
