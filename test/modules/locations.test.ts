// locations through the hub: pushes stored and broadcast, nested EVSE/connector paths, GET-All pages, refusals.
import { aConnector, aLocation, anEvse } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let otherCpo: FakeParty;
let emsp: FakeParty;
let nsp: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const base = '/ocpi/2.2.1/locations';
const loc = (id: string, extra: Record<string, unknown> = {}) =>
  aLocation({ country_code: 'NL', party_id: 'CPA', id, ...extra });

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { otherCpo, nsp },
  } = await startWithPair({
    cpo: { roles: [CPO], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
    more: {
      otherCpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPB' }], modules: receives('locations') },
      nsp: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: receives('locations') },
    },
  }));
});
afterAll(() => hub.stop());

describe('locations pushed to the hub', () => {
  test('when a CPO PUTs a new location to the hub, then 201, and each eMSP and NSP receives it from the hub, the other CPO not', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/LOC1`, {
      to: 'hub',
      body: loc('LOC1', { x_custom: { kept: true } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    for (const party of [emsp, nsp]) {
      const got = party.received('/locations/receiver/NL/CPA/LOC1', 'PUT');
      expect(got).toHaveLength(1);
      expect(got[0]?.body).toMatchObject({ id: 'LOC1', x_custom: { kept: true } });
      expect(got[0]?.headers).toMatchObject({
        'ocpi-from-country-code': 'NL',
        'ocpi-from-party-id': 'HUB',
        'ocpi-to-party-id': party.options.roles[0]?.party_id,
      });
    }
    expect(otherCpo.received('/locations')).toHaveLength(0);
    expect(cpo.received('/locations')).toHaveLength(0);
  });

  test('when the same location is PUT again, then 200 and last_updated is kept (the same instant, written with Z)', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/LOC1`, {
      to: 'hub',
      body: loc('LOC1', { last_updated: '2025-07-01T10:00:00+00:00' }),
    });
    expect(res.status).toBe(200);
    const stored = await cpo.ocpi('GET', `${base}/receiver/NL/CPA/LOC1`, { to: 'hub' });
    expect(stored.body.data.last_updated).toBe('2025-07-01T10:00:00Z'); // the same instant, written with Z
  });

  test('when an EVSE and a connector are PUT and PATCHed, then the stored location has them and its last_updated follows', async () => {
    const evse = anEvse({
      uid: 'EVSE-NEW',
      evse_id: 'NL*CPA*E999',
      last_updated: '2025-08-01T00:00:00Z',
      connectors: [aConnector({ id: '1' })],
    });
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/LOC1/EVSE-NEW`, { body: evse })).status).toBe(201);
    const patch = await cpo.ocpi('PATCH', `${base}/receiver/NL/CPA/LOC1/EVSE-NEW/1`, {
      body: { max_voltage: 400, last_updated: '2025-08-02T00:00:00Z' },
    });
    expect(patch.status).toBe(200);
    const stored = (await cpo.ocpi('GET', `${base}/receiver/NL/CPA/LOC1`)).body.data;
    const added = stored.evses.find((e: { uid: string }) => e.uid === 'EVSE-NEW');
    expect(added.connectors[0]).toMatchObject({ id: '1', max_voltage: 400, last_updated: '2025-08-02T00:00:00Z' });
    expect(added.last_updated).toBe('2025-08-02T00:00:00Z');
    expect(stored.last_updated).toBe('2025-08-02T00:00:00Z');
    await hub.drain();
    expect(emsp.received('/NL/CPA/LOC1/EVSE-NEW/1', 'PATCH')[0]?.body).toEqual({
      max_voltage: 400,
      last_updated: '2025-08-02T00:00:00Z',
    });
  });

  test('when a PATCH lacks last_updated, then 400/2001 naming it', async () => {
    const res = await cpo.ocpi('PATCH', `${base}/receiver/NL/CPA/LOC1`, { body: { name: 'x' } });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.last_updated/);
  });

  test('when the body id differs from the URL id, then 400/2001 and nothing stored', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/LOC9`, { body: loc('OTHER') });
    expect(res.status).toBe(400);
    expect(res.body.status_message).toMatch(/body\.id "OTHER" differs/);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/LOC9`)).status).toBe(404);
  });

  test('when a party writes in another namespace or as the wrong role, then 403/2000 and nothing is stored', async () => {
    const spoof = await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPA/LOC2`, { body: loc('LOC2') });
    expect(spoof.status).toBe(403);
    expect(spoof.body.status_message).toMatch(/NL\*CPA is not a CPO namespace/);
    const fromHeader = await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPA/LOC2`, { from: CPO, body: loc('LOC2') });
    expect(fromHeader.status).toBe(403);
    const asEmsp = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/LOC2`, {
      body: loc('LOC2', { country_code: 'DE', party_id: 'EMA' }),
    });
    expect(asEmsp.status).toBe(403);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/LOC2`)).status).toBe(404);
  });

  test('when an EVSE is PUT into an unknown location, then 404/2003', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/NOPE/E1`, { body: anEvse({ uid: 'E1' }) });
    expect(res.status).toBe(404);
    expect(res.body.status_code).toBe(2003);
  });
});

describe('locations GET-All from the hub', () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/P${i}`, {
        body: loc(`P${i}`, { last_updated: `2025-01-0${i + 1}T00:00:00Z` }),
      });
    }
  });

  test('when an eMSP walks the pages by Link, then it gets every location once, oldest first, with the headers', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${base}/sender?limit=3&date_from=2025-01-02T00:00:00Z&date_to=2025-02-01T00:00:00Z`;
    let pages = 0;
    while (url) {
      const res = await emsp.ocpi('GET', url, { to: 'hub' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-total-count')).toBe('6');
      expect(res.headers.get('x-limit')).toBe('100');
      seen.push(...res.body.data.map((l: { id: string }) => l.id));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      if (url) expect(url).toContain('date_from=2025-01-02T00%3A00%3A00Z');
      pages++;
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
  });

  test('when date_to is given, then it is exclusive; offset skips', async () => {
    const res = await emsp.ocpi(
      'GET',
      `${base}/sender?date_from=2025-01-01T00:00:00Z&date_to=2025-01-03T00:00:00Z&offset=1`,
    );
    expect(res.body.data.map((l: { id: string }) => l.id)).toEqual(['P1']);
    expect(res.headers.get('x-total-count')).toBe('2');
  });

  test('when an eMSP GETs one location, EVSE and connector by id, then it gets them; an unknown id is 404/2003', async () => {
    expect((await emsp.ocpi('GET', `${base}/sender/P3`)).body.data.id).toBe('P3');
    const evseUid = (await emsp.ocpi('GET', `${base}/sender/P3`)).body.data.evses[0].uid;
    expect((await emsp.ocpi('GET', `${base}/sender/P3/${evseUid}`)).body.data.uid).toBe(evseUid);
    expect((await emsp.ocpi('GET', `${base}/sender/P3/${evseUid}/1`)).body.data.id).toBe('1');
    const missing = await emsp.ocpi('GET', `${base}/sender/NOPE`);
    expect(missing.status).toBe(404);
    expect(missing.body.status_code).toBe(2003);
  });

  test('when a query parameter is invalid, then 400/2001 naming it', async () => {
    const res = await emsp.ocpi('GET', `${base}/sender?date_from=yesterday`);
    expect(res.status).toBe(400);
    expect(res.body.status_message).toMatch(/query\.date_from/);
  });
});
