// sessions through the hub: pushes stored and sent to the owner eMSP only, PATCH appending periods, GET-All visibility,
// refusals.
import { aCdrToken, aSession } from '../builders';
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
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const base = '/ocpi/2.2.1/sessions';
const EMA = aCdrToken({ country_code: 'DE', party_id: 'EMA' });
const EMB = aCdrToken({ country_code: 'DE', party_id: 'EMB', uid: 'EMB-0001', contract_id: 'DE-EMB-C0001' });
const session = (id: string, extra: Record<string, unknown> = {}) =>
  aSession({ country_code: 'NL', party_id: 'CPA', id, cdr_token: EMA, ...extra });

/** Follows `Link: <...>; rel="next"` from `url` to the last page as `party`; every page's answer. */
const ids = (res: { body: { data?: { id: string }[] } }) => (res.body.data ?? []).map((s) => s.id);

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { otherCpo, otherEmsp, nsp },
  } = await startWithPair({
    cpo: { roles: [CPO], modules: sends('sessions') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('sessions') },
    more: {
      otherCpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPB' }], modules: sends('sessions') },
      otherEmsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: receives('sessions') },
      // The NSP lists a sessions Receiver on purpose: the hub must still never send it a session.
      nsp: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: receives('sessions') },
    },
  }));
});
afterAll(() => hub.stop());

describe('sessions pushed to the hub', () => {
  test('when a CPO PUTs a new session, then 201, and only the owner eMSP named in cdr_token receives it, from the hub', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S1`, {
      to: 'hub',
      body: session('S1'),
      headers: { 'X-Correlation-ID': 'corr-s1' },
    });
    expect(res.status).toBe(201);
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    const got = emsp.received('/sessions/receiver/NL/CPA/S1', 'PUT');
    expect(got).toHaveLength(1);
    expect(got[0]?.path).toBe('/ocpi/2.2.1/sessions/receiver/NL/CPA/S1');
    expect(got[0]?.body).toEqual(session('S1'));
    expect(got[0]?.headers).toMatchObject({
      'ocpi-from-country-code': 'NL',
      'ocpi-from-party-id': 'HUB',
      'ocpi-to-country-code': 'DE',
      'ocpi-to-party-id': 'EMA',
      'x-correlation-id': 'corr-s1',
    });
    expect(got[0]?.headers['x-request-id']).toEqual(expect.any(String));
    expect(got[0]?.headers['x-request-id']).not.toBe(res.headers.get('x-request-id'));
    for (const party of [otherEmsp, nsp, otherCpo, cpo]) expect(party.received('/S1')).toHaveLength(0);
  });

  test('when the same session is PUT again, then 200 and the owner eMSP receives the new version with last_updated as sent (written with Z)', async () => {
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S2`, { to: 'hub', body: session('S2') })).status).toBe(201);
    await hub.drain(); // delivered before the next PUT: otherwise the newer PUT supersedes it in the outbox
    // last_updated with an explicit +00:00 offset: accepted, the same instant sent on with Z (2.2.1 types: DateTime)
    const again = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S2`, {
      to: 'hub',
      body: session('S2', { kwh: 20.5, last_updated: '2025-06-02T09:00:00+00:00' }),
    });
    expect(again.status).toBe(200);
    expect(again.body.status_code).toBe(1000);
    const stored = await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S2`, { to: 'hub' });
    expect(stored.body.data).toMatchObject({ kwh: 20.5, last_updated: '2025-06-02T09:00:00Z' });
    await hub.drain();
    const got = emsp.received('/NL/CPA/S2', 'PUT').map((c) => c.body as { kwh: number; last_updated: string });
    expect(got.map((s) => [s.kwh, s.last_updated])).toEqual([
      [12.85, '2025-06-02T08:15:00Z'],
      [20.5, '2025-06-02T09:00:00Z'],
    ]);
    expect(otherEmsp.received('/S2')).toHaveLength(0);
  });

  test('when a PATCH carries charging_periods, then they are appended to the stored list and the PATCH is forwarded as sent', async () => {
    const first = { start_date_time: '2025-06-02T06:40:00Z', dimensions: [{ type: 'ENERGY' as const, volume: 5 }] };
    const second = {
      start_date_time: '2025-06-02T07:10:00Z',
      dimensions: [{ type: 'ENERGY' as const, volume: 7.85 }],
      tariff_id: 'AC-STANDARD',
    };
    await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S3`, {
      to: 'hub',
      body: session('S3', { charging_periods: [first] }),
    });
    const patch = { kwh: 12.85, charging_periods: [second], last_updated: '2025-06-02T07:15:00Z' };
    const res = await cpo.ocpi('PATCH', `${base}/receiver/NL/CPA/S3`, { to: 'hub', body: patch });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    const stored = (await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S3`, { to: 'hub' })).body.data;
    expect(stored.charging_periods).toEqual([first, second]);
    expect(stored).toMatchObject({ kwh: 12.85, last_updated: '2025-06-02T07:15:00Z', status: 'ACTIVE' });
    await hub.drain();
    const got = emsp.received('/NL/CPA/S3', 'PATCH');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toEqual(patch);
    expect(got[0]?.headers).toMatchObject({ 'ocpi-from-party-id': 'HUB', 'ocpi-to-party-id': 'EMA' });
    expect(otherEmsp.received('/S3')).toHaveLength(0);
  });

  test('when a PATCH lacks last_updated, then 400/2001 naming it and the stored session is unchanged', async () => {
    await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S4`, { to: 'hub', body: session('S4') });
    const res = await cpo.ocpi('PATCH', `${base}/receiver/NL/CPA/S4`, { to: 'hub', body: { kwh: 99 } });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.last_updated/);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S4`, { to: 'hub' })).body.data.kwh).toBe(12.85);
  });

  test('when an unknown session is PATCHed, then 404 and nothing is forwarded', async () => {
    const res = await cpo.ocpi('PATCH', `${base}/receiver/NL/CPA/NOPE`, {
      to: 'hub',
      body: { kwh: 1, last_updated: '2025-06-02T09:00:00Z' },
    });
    expect(res.status).toBe(404);
    await hub.drain();
    expect(emsp.received('/NOPE')).toHaveLength(0);
  });

  test('when the body id differs from the URL id, then 400/2001 and nothing is stored', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S5`, { to: 'hub', body: session('OTHER') });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/body\.id "OTHER" differs/);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S5`, { to: 'hub' })).status).toBe(404);
  });

  test('when a party writes in another namespace or as the wrong role, then 403/2000, nothing is stored or forwarded', async () => {
    const spoof = await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPA/S6`, { to: 'hub', body: session('S6') });
    expect(spoof.status).toBe(403);
    expect(spoof.body.status_code).toBe(2000);
    expect(spoof.body.status_message).toMatch(/NL\*CPA is not a CPO namespace/);
    const fromHeader = await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPA/S6`, {
      to: 'hub',
      from: CPO,
      body: session('S6'),
    });
    expect(fromHeader.status).toBe(403);
    const asEmsp = await emsp.ocpi('PUT', `${base}/receiver/DE/EMA/S6`, {
      to: 'hub',
      body: session('S6', { country_code: 'DE', party_id: 'EMA' }),
    });
    expect(asEmsp.status).toBe(403);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S6`, { to: 'hub' })).status).toBe(404);
    await hub.drain();
    expect(emsp.received('/S6')).toHaveLength(0);
  });

  test('when the body is not valid JSON, then 400/2000', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S7`, { to: 'hub', rawBody: '{"id": "S7",' });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2000);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S7`, { to: 'hub' })).status).toBe(404);
  });

  test('when a session carries unknown fields, also nested, then the stored copy and what the eMSP receives keep them', async () => {
    const body = {
      ...session('S8'),
      x_top: { a: 1 },
      cdr_token: { ...EMA, x_token_note: 'kept' },
      charging_periods: [
        {
          start_date_time: '2025-06-02T06:40:00Z',
          dimensions: [{ type: 'ENERGY', volume: 1, x_dim: true }],
          x_period: 'p',
        },
      ],
      total_cost: { excl_vat: 1, incl_vat: 1.21, x_price: 'kept' },
    };
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S8`, { to: 'hub', body })).status).toBe(201);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S8`, { to: 'hub' })).body.data).toEqual(body);
    await hub.drain();
    expect(emsp.received('/NL/CPA/S8', 'PUT')[0]?.body).toEqual(body);
  });
  test('when a session is pushed with no OCPI-to headers (open routing), then it is stored and reaches the owner eMSP as if sent to the hub', async () => {
    const res = await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S9`, { body: session('S9') });
    expect(res.status).toBe(201);
    expect((await cpo.ocpi('GET', `${base}/receiver/NL/CPA/S9`, { to: 'hub' })).body.data).toEqual(session('S9'));
    await hub.drain();
    const got = emsp.received('/NL/CPA/S9', 'PUT');
    expect(got).toHaveLength(1);
    expect(got[0]?.headers).toMatchObject({ 'ocpi-from-party-id': 'HUB', 'ocpi-to-party-id': 'EMA' });
    expect(otherEmsp.received('/S9')).toHaveLength(0);
  });

  test('when cdr_token names the eMSP in lower case, then the session still reaches that eMSP and only it (CiString)', async () => {
    const body = session('S10', { cdr_token: { ...EMA, country_code: 'de', party_id: 'ema' } });
    expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S10`, { to: 'hub', body })).status).toBe(201);
    await hub.drain();
    expect(emsp.received('/NL/CPA/S10', 'PUT').map((c) => c.body)).toEqual([body]);
    expect(otherEmsp.received('/S10')).toHaveLength(0);
  });

  test('when the owner eMSP fails to take a session, then the delivery is kept and retried until it succeeds', async () => {
    let failures = 0;
    emsp.respond = (req) =>
      req.path.endsWith('/S11') && failures++ === 0
        ? { status: 500, body: { status_code: 3000, timestamp: new Date().toISOString() } }
        : undefined;
    try {
      expect((await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/S11`, { to: 'hub', body: session('S11') })).status).toBe(
        201,
      );
      await hub.drain();
      expect(emsp.received('/NL/CPA/S11', 'PUT')).toHaveLength(1);
      await hub.drain(new Date(Date.now() + 10 * 60_000)); // past any back-off
      const got = emsp.received('/NL/CPA/S11', 'PUT');
      expect(got).toHaveLength(2);
      expect(got[1]?.body).toEqual(session('S11'));
      expect(got[1]?.headers['x-request-id']).not.toBe(got[0]?.headers['x-request-id']);
    } finally {
      emsp.respond = undefined;
    }
  });
});

describe('sessions GET-All from the hub', () => {
  // In March 2024, apart from every other test's sessions: five for EMA, one for EMB, one of another CPO for EMA.
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) {
      await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/G${i}`, {
        to: 'hub',
        body: session(`G${i}`, { last_updated: `2024-03-0${i + 1}T00:00:00Z` }),
      });
    }
    await cpo.ocpi('PUT', `${base}/receiver/NL/CPA/H0`, {
      to: 'hub',
      body: session('H0', { cdr_token: EMB, last_updated: '2024-03-10T00:00:00Z' }),
    });
    await otherCpo.ocpi('PUT', `${base}/receiver/NL/CPB/OB1`, {
      to: 'hub',
      body: aSession({
        country_code: 'NL',
        party_id: 'CPB',
        id: 'OB1',
        cdr_token: EMA,
        last_updated: '2024-03-11T00:00:00Z',
      }),
    });
  });
  const march = 'date_from=2024-03-01T00:00:00Z&date_to=2024-04-01T00:00:00Z';

  test('when the owner eMSP walks the pages by Link with date filters, then it gets only its sessions, oldest first, with the headers', async () => {
    const pages = await emsp.walk(`${base}/sender?limit=2&date_from=2024-03-02T00:00:00Z&date_to=2024-04-01T00:00:00Z`);
    expect(pages).toHaveLength(3);
    for (const [i, page] of pages.entries()) {
      expect(page.status).toBe(200);
      expect(page.body.status_code).toBe(1000);
      expect(page.headers.get('x-total-count')).toBe('5');
      expect(page.headers.get('x-limit')).toBe('100');
      const link = page.headers.get('link');
      if (i < pages.length - 1) {
        expect(link).toContain('date_from=2024-03-02T00%3A00%3A00Z');
        expect(link).toContain('date_to=2024-04-01T00%3A00%3A00Z');
      } else expect(link).toBeNull();
    }
    expect(pages.flatMap(ids)).toEqual(['G1', 'G2', 'G3', 'G4', 'OB1']);
  });

  test('when date_from and date_to are given, then date_from is inclusive and date_to exclusive', async () => {
    const res = await emsp.ocpi('GET', `${base}/sender?date_from=2024-03-02T00:00:00Z&date_to=2024-03-04T00:00:00Z`, {
      to: 'hub',
    });
    expect(ids(res)).toEqual(['G1', 'G2']);
    expect(res.headers.get('x-total-count')).toBe('2');
  });

  test('when another eMSP GETs all, then it sees only the session naming it, none of the others', async () => {
    const res = await otherEmsp.ocpi('GET', `${base}/sender?${march}`, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(['H0']);
    expect(res.headers.get('x-total-count')).toBe('1');
  });

  test("when the owning CPO GETs all, then it sees only its own sessions, not another CPO's", async () => {
    const res = await cpo.ocpi('GET', `${base}/sender?${march}`, { to: 'hub' });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    expect(ids(res)).toEqual(['G0', 'G1', 'G2', 'G3', 'G4', 'H0']);
    expect(res.headers.get('x-total-count')).toBe('6');
  });

  test('when an NSP GETs all sessions, then 403/2000', async () => {
    const res = await nsp.ocpi('GET', `${base}/sender?${march}`, { to: 'hub' });
    expect(res.status).toBe(403);
    expect(res.body.status_code).toBe(2000);
    expect(res.body.data).toBeUndefined();
  });
});
