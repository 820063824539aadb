// tariffs through the hub: PUT and DELETE stored and broadcast to eMSPs, NSPs and OTHER (never CPOs), GET-All pages,
// refusals.
import { aTariff } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let otherCpo: FakeParty;
let emsp: FakeParty;
let otherEmsp: FakeParty;
let nsp: FakeParty;
let other: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const base = '/ocpi/2.2.1/tariffs';
const tariff = (id: string, extra: Record<string, unknown> = {}) =>
  aTariff({ country_code: 'NL', party_id: 'CPA', id, ...extra });
const receivers = () => [emsp, otherEmsp, nsp, other];

const ids = (res: { body: { data?: { id: string }[] } }) => (res.body.data ?? []).map((t) => t.id);

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { otherCpo, otherEmsp, nsp, other },
  } = await startWithPair({
    cpo: { roles: [CPO], modules: sends('tariffs') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('tariffs') },
    more: {
      // The other CPO lists a tariffs Receiver on purpose: a CPO's tariffs must still never reach another CPO.
      otherCpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPB' }], modules: receives('tariffs') },
      otherEmsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: receives('tariffs') },
      nsp: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: receives('tariffs') },
      other: { roles: [{ role: 'OTHER', country_code: 'GB', party_id: 'OTH' }], modules: receives('tariffs') },
    },
  }));
});
afterAll(() => hub.stop());

describe('tariffs pushed to the hub', () => {
  test('when a CPO PUTs a new tariff, then 201, and each eMSP, NSP and OTHER receives it from the hub, no CPO does', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T1`, {
      to: 'hub',
      body: tariff('T1'),
      headers: { 'X-Correlation-ID': 'corr-t1' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    for (const party of receivers()) {
      const got = party.received('/tariffs/receiver/NL/CPA/T1', 'PUT');
      expect(got).toHaveLength(1);
      expect(got[0]?.path).toBe('/ocpi/2.2.1/tariffs/receiver/NL/CPA/T1');
      expect(got[0]?.body).toEqual(tariff('T1'));
      const role = party.options.roles[0];
      expect(got[0]?.headers).toMatchObject({
        'ocpi-from-country-code': 'NL',
        'ocpi-from-party-id': 'HUB',
        'ocpi-to-country-code': role?.country_code,
        'ocpi-to-party-id': role?.party_id,
        'x-correlation-id': 'corr-t1',
      });
    }
    expect(otherCpo.received('/tariffs')).toHaveLength(0);
    expect(cpo.received('/tariffs')).toHaveLength(0);
  });

  test('when the same tariff is PUT again, then 200, the stored copy is replaced and the receivers get the new version', async () => {
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T2`, { to: 'hub', body: tariff('T2') })).status).toBe(201);
    await hub.drain(); // delivered before the next PUT: otherwise the newer PUT supersedes it in the outbox
    const again = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T2`, {
      to: 'hub',
      body: tariff('T2', { currency: 'CHF', last_updated: '2025-06-03T00:00:00Z' }),
    });
    expect(again.status).toBe(200);
    expect(again.body.status_code).toBe(1000);
    const stored = await cpo.ocpi('GET', `${base}/receiver/NL/CPA/T2`, { to: 'hub' });
    expect(stored.body.data).toMatchObject({ currency: 'CHF', last_updated: '2025-06-03T00:00:00Z' });
    await hub.drain();
    expect(emsp.received('/NL/CPA/T2', 'PUT').map((c) => (c.body as { currency: string }).currency)).toEqual([
      'EUR',
      'CHF',
    ]);
  });

  test("when a CPO DELETEs a tariff, then it is forwarded as a DELETE and is gone from the hub's copy and from GET-All", async () => {
    await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T3`, { to: 'hub', body: tariff('T3') });
    const res = await cpo.ocpi('DELETE', `${base}/receiver/NL/CPA/T3`, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    for (const party of receivers()) {
      const deleted = party.received('/tariffs/receiver/NL/CPA/T3', 'DELETE');
      expect(deleted).toHaveLength(1);
      expect(deleted[0]?.path).toBe('/ocpi/2.2.1/tariffs/receiver/NL/CPA/T3');
      expect(deleted[0]?.headers).toMatchObject({
        'ocpi-from-party-id': 'HUB',
        'ocpi-to-party-id': party.options.roles[0]?.party_id,
      });
    }
    expect(otherCpo.received('/T3')).toHaveLength(0);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/T3`, { to: 'hub' })).status).toBe(404);
    const all = (await emsp.walk(`${base}/sender`)).flatMap(ids);
    expect(all).toContain('T1');
    expect(all).not.toContain('T3');
  });

  test('when an unknown tariff is DELETEd, then 404 and nothing is forwarded', async () => {
    const res = await cpo.ocpi('DELETE', `${base}/receiver/NL/CPA/NOPE`, { to: 'hub' });
    expect(res.status).toBe(404);
    await hub.drain();
    for (const party of receivers()) expect(party.received('/NOPE')).toHaveLength(0);
  });

  test('when the body id differs from the URL id, then 400/2001 and nothing is stored', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T4`, { to: 'hub', body: tariff('OTHER') });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.id "OTHER" differs/);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/T4`, { to: 'hub' })).status).toBe(404);
  });

  test('when a field is invalid, then 400/2001 naming it', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T5`, {
      to: 'hub',
      body: tariff('T5', { elements: [] }),
    });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.elements/);
  });

  test('when a party writes a tariff in another namespace or as the wrong role, then 403/2000, nothing is stored or forwarded', async () => {
    const spoof = await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPA/T6`, { to: 'hub', body: tariff('T6') });
    expect(spoof.status).toBe(403);
    expect(spoof.body.status_code).toBe(2000);
    expect(spoof.body.status_message).toMatch(/NL\*CPA is not a CPO namespace/);
    expect(
      (await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPA/T6`, { to: 'hub', from: CPO, body: tariff('T6') })).status,
    ).toBe(403);
    expect(
      (
        await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/T6`, {
          to: 'hub',
          body: tariff('T6', { country_code: 'DE', party_id: 'EMA' }),
        })
      ).status,
    ).toBe(403);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/T6`, { to: 'hub' })).status).toBe(404);
    await hub.drain();
    for (const party of receivers()) expect(party.received('/T6')).toHaveLength(0);
  });

  test('when another CPO DELETEs a tariff in a namespace not its own, then 403/2000 and the tariff stays', async () => {
    await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T7`, { to: 'hub', body: tariff('T7') });
    const res = await otherCpo.ocpi('DELETE', `${base}/receiver/NL/CPA/T7`, { to: 'hub' });
    expect(res.status).toBe(403);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/T7`, { to: 'hub' })).status).toBe(200);
  });

  test('when the body is not valid JSON, then 400/2000', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T8`, { to: 'hub', rawBody: 'not json' });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2000);
  });

  test('when a tariff carries unknown fields, also nested, then the stored copy and what the receivers get keep them', async () => {
    const body = {
      ...tariff('T9'),
      x_top: 'kept',
      elements: [
        {
          price_components: [{ type: 'ENERGY', price: 0.3901, step_size: 1, x_component: { deep: [1] } }],
          x_element: true,
        },
      ],
    };
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T9`, { to: 'hub', body })).status).toBe(201);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/T9`, { to: 'hub' })).body.data).toEqual(body);
    await hub.drain();
    for (const party of receivers()) expect(party.received('/NL/CPA/T9', 'PUT')[0]?.body).toEqual(body);
  });
  test('when a tariff is pushed with no OCPI-to headers (open routing), then it is stored and broadcast as if sent to the hub', async () => {
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/T10`, { body: tariff('T10') })).status).toBe(201);
    await hub.drain();
    for (const party of receivers()) expect(party.received('/NL/CPA/T10', 'PUT')).toHaveLength(1);
    expect(otherCpo.received('/T10')).toHaveLength(0);
  });
});

describe('tariffs GET-All from the hub', () => {
  // In February 2024, apart from every other test's tariffs.
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/P${i}`, {
        to: 'hub',
        body: tariff(`P${i}`, { last_updated: `2024-02-0${i + 1}T00:00:00Z` }),
      });
    }
  });

  test('when an eMSP walks the pages by Link with date filters, then it gets every tariff once, oldest first, with the headers', async () => {
    const pages = await emsp.walk(`${base}/sender?limit=3&date_from=2024-02-02T00:00:00Z&date_to=2024-03-01T00:00:00Z`);
    expect(pages).toHaveLength(2);
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200);
      expect(page.body.status_code).toBe(1000);
      expect(page.headers.get('x-total-count')).toBe('6');
      expect(page.headers.get('x-limit')).toBe('100');
      if (i === 0) {
        expect(page.headers.get('link')).toContain('date_from=2024-02-02T00%3A00%3A00Z');
        expect(page.headers.get('link')).toContain('date_to=2024-03-01T00%3A00%3A00Z');
      } else expect(page.headers.get('link')).toBeNull();
    }
    expect(pages.flatMap(ids)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
  });

  test('when an NSP and an OTHER party GET all, then they see the same tariffs', async () => {
    for (const party of [nsp, other]) {
      const res = await party.ocpi(
        'GET',
        `${base}/sender?date_from=2024-02-01T00:00:00Z&date_to=2024-03-01T00:00:00Z`,
        { to: 'hub' },
      );
      expect(res.status).toBe(200);
      expect(ids(res)).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    }
  });

  test("when limit is above the hub's maximum, then it is capped at X-Limit", async () => {
    const res = await emsp.ocpi(
      'GET',
      `${base}/sender?limit=1000&date_from=2024-02-01T00:00:00Z&date_to=2024-03-01T00:00:00Z`,
      { to: 'hub' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-limit')).toBe('100');
    expect(ids(res)).toHaveLength(7);
  });
});
