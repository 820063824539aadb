// tokens through the hub: eMSP pushes with ?type= stored and broadcast to CPOs only, PATCH, GET-All for CPOs, refusals.
import { aToken } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let emsp: FakeParty;
let otherEmsp: FakeParty;
let cpo: FakeParty;
let otherCpo: FakeParty;
let nsp: FakeParty;
let fleet: FakeParty;
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'EMA' };
const base = '/ocpi/2.2.1/tokens';
const token = (uid: string, extra: Record<string, unknown> = {}) =>
  aToken({ country_code: 'DE', party_id: 'EMA', uid, ...extra });
const cpos = () => [cpo, otherCpo];

const uids = (res: { body: { data?: { uid: string }[] } }) => (res.body.data ?? []).map((t) => t.uid);

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { otherEmsp, otherCpo, nsp, fleet },
  } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: receives('tokens') },
    emsp: { roles: [EMSP], modules: sends('tokens') },
    more: {
      // The other eMSP and the NSP list a tokens Receiver on purpose: the hub must still never send them a token.
      otherEmsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: receives('tokens') },
      otherCpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPB' }], modules: receives('tokens') },
      nsp: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: receives('tokens') },
      fleet: { roles: [{ role: 'OTHER', country_code: 'GB', party_id: 'FLT' }], modules: sends('tokens') },
    },
  }));
});
afterAll(() => hub.stop());

describe('tokens pushed to the hub', () => {
  test('when an eMSP PUTs a new token with ?type=, then 201, and each CPO receives it from the hub with the same ?type=, no eMSP or NSP does', async () => {
    const body = token('TK1', { type: 'APP_USER' });
    const res = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK1?type=APP_USER`, {
      to: 'hub',
      body,
      headers: { 'X-Correlation-ID': 'corr-tk1' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    for (const party of cpos()) {
      const got = party.received('/tokens/receiver/DE/EMA/TK1', 'PUT');
      expect(got).toHaveLength(1);
      expect(got[0]?.path).toBe('/ocpi/2.2.1/tokens/receiver/DE/EMA/TK1?type=APP_USER');
      expect(got[0]?.body).toEqual(body);
      expect(got[0]?.headers).toMatchObject({
        'ocpi-from-country-code': 'NL',
        'ocpi-from-party-id': 'HUB',
        'ocpi-to-country-code': 'NL',
        'ocpi-to-party-id': party.options.roles[0]?.party_id,
        'x-correlation-id': 'corr-tk1',
      });
    }
    for (const party of [otherEmsp, nsp, emsp]) expect(party.received('/tokens')).toHaveLength(0);
  });

  test('when a token is PUT without ?type=, then it is stored and forwarded as RFID', async () => {
    const res = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK2`, { to: 'hub', body: token('TK2') });
    expect(res.status).toBe(201);
    const stored = await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK2`, { to: 'hub' });
    expect(stored.status).toBe(200);
    expect(stored.body.data).toEqual(token('TK2'));
    expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK2?type=RFID`, { to: 'hub' })).body.data).toEqual(
      token('TK2'),
    );
    const asAppUser = await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK2?type=APP_USER`, { to: 'hub' });
    expect(asAppUser.status).toBe(404);
    expect(asAppUser.body.status_code).toBe(2004);
    await hub.drain();
    for (const party of cpos())
      expect(party.received('/DE/EMA/TK2', 'PUT').map((c) => c.path)).toEqual([
        '/ocpi/2.2.1/tokens/receiver/DE/EMA/TK2?type=RFID',
      ]);
  });

  test('when the same token is PUT again, then 200 and the stored copy is replaced', async () => {
    expect((await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK3`, { to: 'hub', body: token('TK3') })).status).toBe(201);
    const again = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK3?type=RFID`, {
      to: 'hub',
      body: token('TK3', { whitelist: 'NEVER', last_updated: '2025-06-03T00:00:00Z' }),
    });
    expect(again.status).toBe(200);
    expect(again.body.status_code).toBe(1000);
    expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK3`, { to: 'hub' })).body.data).toMatchObject({
      whitelist: 'NEVER',
      last_updated: '2025-06-03T00:00:00Z',
    });
  });

  test('when a token is PATCHed, then 200, the stored copy has the change and each CPO receives the PATCH as sent, with ?type=', async () => {
    await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK4?type=RFID`, { to: 'hub', body: token('TK4') });
    const patch = { valid: false, last_updated: '2025-06-04T00:00:00Z' };
    const res = await emsp.ocpi('PATCH', `${base}/receiver/DE/EMA/TK4?type=RFID`, { to: 'hub', body: patch });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    const stored = (await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK4?type=RFID`, { to: 'hub' })).body.data;
    expect(stored).toEqual({ ...token('TK4'), ...patch });
    await hub.drain();
    for (const party of cpos()) {
      const got = party.received('/DE/EMA/TK4', 'PATCH');
      expect(got).toHaveLength(1);
      expect(got[0]?.path).toBe('/ocpi/2.2.1/tokens/receiver/DE/EMA/TK4?type=RFID');
      expect(got[0]?.body).toEqual(patch);
    }
    for (const party of [otherEmsp, nsp]) expect(party.received('/TK4')).toHaveLength(0);
  });

  test('when a PATCH lacks last_updated, then 400/2001 naming it; an unknown token PATCHed is 404/2004', async () => {
    await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK5`, { to: 'hub', body: token('TK5') });
    const res = await emsp.ocpi('PATCH', `${base}/receiver/DE/EMA/TK5`, { to: 'hub', body: { valid: false } });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.last_updated/);
    expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK5`, { to: 'hub' })).body.data.valid).toBe(true);
    const unknown = await emsp.ocpi('PATCH', `${base}/receiver/DE/EMA/NOPE`, {
      to: 'hub',
      body: { valid: false, last_updated: '2025-06-04T00:00:00Z' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.status_code).toBe(2004);
  });

  test('when the body uid or type differs from the URL, then 400/2001 and nothing is stored', async () => {
    const uid = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK6`, { to: 'hub', body: token('OTHER') });
    expect(uid.status).toBe(400);
    expect(uid.body.status_code).toBe(2001);
    expect(uid.body.status_message).toMatch(/body\.uid "OTHER" differs/);
    const type = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK6?type=RFID`, {
      to: 'hub',
      body: token('TK6', { type: 'APP_USER' }),
    });
    expect(type.status).toBe(400);
    expect(type.body.status_code).toBe(2001);
    expect(type.body.status_message).toMatch(/body\.type "APP_USER" differs/);
    // without ?type= the type is RFID, so an APP_USER body does not match either
    expect(
      (await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK6`, { to: 'hub', body: token('TK6', { type: 'APP_USER' }) }))
        .status,
    ).toBe(400);
    for (const t of ['RFID', 'APP_USER'])
      expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK6?type=${t}`, { to: 'hub' })).status).toBe(404);
  });

  test('when ?type= is not a token type, then 400/2001 naming it', async () => {
    const res = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK7?type=CARD`, { to: 'hub', body: token('TK7') });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/query\.type/);
  });

  test('when an unknown token is asked for on the Receiver interface, then 404 with status_code 2004', async () => {
    const res = await emsp.ocpi('GET', `${base}/receiver/DE/EMA/UNKNOWN?type=RFID`, { to: 'hub' });
    expect(res.status).toBe(404);
    expect(res.body.status_code).toBe(2004);
    expect(res.body.data).toBeUndefined();
  });

  test("when a CPO pushes a token, or an eMSP writes in another eMSP's namespace, then 403/2000, nothing is stored or forwarded", async () => {
    const asCpo = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/TK8`, {
      to: 'hub',
      body: token('TK8', { country_code: 'NL', party_id: 'CPA' }),
    });
    expect(asCpo.status).toBe(403);
    expect(asCpo.body.status_code).toBe(2000);
    const spoof = await otherEmsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK8`, { to: 'hub', body: token('TK8') });
    expect(spoof.status).toBe(403);
    expect(spoof.body.status_message).toMatch(/DE\*EMA is not a/);
    expect(
      (await otherEmsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK8`, { to: 'hub', from: EMSP, body: token('TK8') }))
        .status,
    ).toBe(403);
    expect(
      (
        await otherEmsp.ocpi('PATCH', `${base}/receiver/DE/EMA/TK5`, {
          to: 'hub',
          body: { valid: false, last_updated: '2025-06-05T00:00:00Z' },
        })
      ).status,
    ).toBe(403);
    expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK8`, { to: 'hub' })).status).toBe(404);
    expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK5`, { to: 'hub' })).body.data.valid).toBe(true);
    await hub.drain();
    for (const party of cpos()) {
      expect(party.received('/TK8')).toHaveLength(0);
      expect(party.received('/TK5', 'PATCH')).toHaveLength(0);
    }
  });

  test('when the body is not valid JSON, then 400/2000', async () => {
    const res = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK9`, { to: 'hub', rawBody: '{"uid": TK9}' });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2000);
  });

  test('when a token carries unknown fields, also nested, then the stored copy and what the CPOs get keep them', async () => {
    const body = {
      ...token('TK10'),
      x_top: { fleet: 'F-12' },
      energy_contract: { supplier_name: 'Windstroom Noord', contract_id: 'EC-1', x_contract: [true] },
    };
    expect((await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK10`, { to: 'hub', body })).status).toBe(201);
    expect((await emsp.ocpi('GET', `${base}/receiver/DE/EMA/TK10`, { to: 'hub' })).body.data).toEqual(body);
    await hub.drain();
    for (const party of cpos()) expect(party.received('/DE/EMA/TK10', 'PUT')[0]?.body).toEqual(body);
  });
  test('when a token is pushed with no OCPI-to headers (open routing), then it is stored and broadcast to the CPOs as if sent to the hub', async () => {
    expect((await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/TK11`, { body: token('TK11') })).status).toBe(201);
    await hub.drain();
    for (const party of cpos()) expect(party.received('/DE/EMA/TK11', 'PUT')).toHaveLength(1);
    for (const party of [otherEmsp, nsp]) expect(party.received('/TK11')).toHaveLength(0);
  });
  test('when an OTHER party (e.g. a fleet platform) pushes a token in its namespace, then only the CPOs receive it', async () => {
    const body = aToken({ country_code: 'GB', party_id: 'FLT', uid: 'FL1' });
    expect((await fleet.ocpi('PUT', `${base}/receiver/GB/FLT/FL1`, { to: 'hub', body })).status).toBe(201);
    await hub.drain();
    for (const party of cpos()) expect(party.received('/GB/FLT/FL1', 'PUT').map((c) => c.body)).toEqual([body]);
    for (const party of [emsp, otherEmsp, nsp]) expect(party.received('/FL1')).toHaveLength(0);
  });
});

describe('tokens GET-All from the hub', () => {
  // In January 2024, apart from every other test's tokens: five of EMA, two of EMB.
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/G${i}`, {
        to: 'hub',
        body: token(`G${i}`, { last_updated: `2024-01-0${i + 1}T00:00:00Z` }),
      });
    }
    for (let i = 0; i < 2; i++) {
      await otherEmsp.ocpi('PUT', `${base}/receiver/DE/EMB/H${i}`, {
        to: 'hub',
        body: aToken({ country_code: 'DE', party_id: 'EMB', uid: `H${i}`, last_updated: `2024-01-1${i}T00:00:00Z` }),
      });
    }
  });
  const january = 'date_from=2024-01-01T00:00:00Z&date_to=2024-02-01T00:00:00Z';

  test("when a CPO walks the pages by Link with date filters, then it gets every eMSP's tokens once, oldest first, with the headers", async () => {
    const pages = await cpo.walk(`${base}/sender?limit=3&date_from=2024-01-02T00:00:00Z&date_to=2024-02-01T00:00:00Z`);
    expect(pages).toHaveLength(2);
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200);
      expect(page.body.status_code).toBe(1000);
      expect(page.headers.get('x-total-count')).toBe('6');
      expect(page.headers.get('x-limit')).toBe('100');
      if (i === 0) expect(page.headers.get('link')).toContain('date_from=2024-01-02T00%3A00%3A00Z');
      else expect(page.headers.get('link')).toBeNull();
    }
    expect(pages.flatMap(uids)).toEqual(['G1', 'G2', 'G3', 'G4', 'H0', 'H1']);
  });

  test('when an eMSP GETs all, then it sees only its own tokens', async () => {
    const res = await otherEmsp.ocpi('GET', `${base}/sender?${january}`, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    expect(uids(res)).toEqual(['H0', 'H1']);
    expect(res.headers.get('x-total-count')).toBe('2');
  });

  test('when an NSP GETs all tokens, then 403/2000', async () => {
    const res = await nsp.ocpi('GET', `${base}/sender?${january}`, { to: 'hub' });
    expect(res.status).toBe(403);
    expect(res.body.status_code).toBe(2000);
    expect(res.body.data).toBeUndefined();
  });
});
