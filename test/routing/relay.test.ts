// Direct routing: requests naming another party are relayed with its token and answered unchanged,
// page Links and CDR Locations come back as hub proxy URLs, and every hub error has its cause.
import { aCdr, aSession } from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { emspModules } from '../harness/modules';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
let other: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'EMA' };
const link = (res: { headers: Headers }) => /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { other },
  } = await startWithPair({
    cpo: { roles: [CPO] },
    emsp: { roles: [EMSP] },
    more: { other: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: emspModules } },
  }));
});
afterEach(() => {
  for (const p of [cpo, emsp, other]) p.respond = undefined;
});
afterAll(() => hub.stop());

describe('relaying a request to the party named in OCPI-to-*', () => {
  test("when an eMSP walks a CPO's paginated sessions, then each page comes back unchanged with a hub Link that only it may follow", async () => {
    const all = ['S1', 'S2', 'S3'].map((id) => aSession({ id, country_code: 'NL', party_id: 'CPA' }));
    cpo.respond = (r) => {
      if (!r.path.startsWith('/ocpi/2.2.1/sessions/sender')) return undefined;
      const offset = Number(new URL(r.path, cpo.url).searchParams.get('offset') ?? 0);
      const headers: Record<string, string> = { 'X-Total-Count': '3', 'X-Limit': '2' };
      if (offset === 0) headers.Link = `<${cpo.url}/ocpi/2.2.1/sessions/sender?offset=2&limit=2>; rel="next"`;
      return { status: 200, body: ok(all.slice(offset, offset + 2)), headers };
    };
    const first = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender?limit=2', {
      to: CPO,
      headers: { 'X-Request-ID': 'emsp-1', 'X-Correlation-ID': 'walk-1' },
    });
    expect(first.status).toBe(200);
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual(['S1', 'S2']);
    expect(first.headers.get('x-total-count')).toBe('3');
    expect(first.headers.get('x-limit')).toBe('2');
    const next = link(first);
    expect(next).toMatch(new RegExp(`^${hub.url}/ocpi/2.2.1/proxy/`));
    const asked = cpo.received('/ocpi/2.2.1/sessions/sender/?limit=2')[0];
    expect(asked?.headers).toMatchObject({
      'ocpi-from-party-id': 'EMA',
      'ocpi-to-party-id': 'CPA',
      'x-correlation-id': 'walk-1',
    });
    expect(asked?.headers['x-request-id']).not.toBe('emsp-1');
    expect((await other.ocpi('GET', next!)).status).toBe(404); // a proxy works only for the party it was issued to
    const second = await emsp.ocpi('GET', next!);
    expect(second.body.data.map((s: { id: string }) => s.id)).toEqual(['S3']);
    expect(link(second)).toBeUndefined();
    expect(cpo.received('offset=2&limit=2')).toHaveLength(1);
  });

  test('when a CPO PUTs a session straight to its eMSP, then the eMSP receives it, the hub keeps nothing, and the answer comes back as given', async () => {
    emsp.respond = (r) => (r.method === 'PUT' ? { status: 400, body: ok(undefined, 2001) } : undefined);
    const session = aSession({ id: 'DIRECT1', country_code: 'NL', party_id: 'CPA' });
    const res = await cpo.ocpi('PUT', '/ocpi/2.2.1/sessions/receiver/NL/CPA/DIRECT1', { to: EMSP, body: session });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(emsp.received('/ocpi/2.2.1/sessions/receiver/NL/CPA/DIRECT1', 'PUT')[0]?.body).toMatchObject({
      id: 'DIRECT1',
    });
    expect((await cpo.ocpi('GET', '/ocpi/2.2.1/sessions/receiver/NL/CPA/DIRECT1')).status).toBe(404);
  });

  test("when a CPO POSTs a CDR straight to its eMSP, then the Location it gets is a hub URL leading to the eMSP's copy", async () => {
    emsp.respond = (r) =>
      r.method === 'POST' && r.path.includes('/cdrs/')
        ? { status: 201, body: ok(), headers: { Location: `${emsp.url}/ocpi/2.2.1/cdrs/receiver/copy-77` } }
        : r.path.endsWith('/copy-77')
          ? { status: 200, body: ok({ id: 'CDR77' }) }
          : undefined;
    const res = await cpo.ocpi('POST', '/ocpi/2.2.1/cdrs/receiver', {
      to: EMSP,
      body: aCdr({ id: 'CDR77', country_code: 'NL', party_id: 'CPA' }),
    });
    expect(res.status).toBe(201);
    const location = res.headers.get('location');
    expect(location).toMatch(new RegExp(`^${hub.url}/ocpi/2.2.1/proxy/`));
    expect((await cpo.ocpi('GET', location!)).body.data).toEqual({ id: 'CDR77' });
  });

  test('when a party writes directly in a namespace that is not its own, then 403 and nothing is relayed', async () => {
    const res = await other.ocpi('PUT', '/ocpi/2.2.1/tokens/receiver/DE/EMA/T1', {
      to: CPO,
      from: { role: 'EMSP', country_code: 'DE', party_id: 'EMB' },
      body: {},
    });
    expect(res.status).toBe(400); // the body is validated first: an empty token is refused before routing
    const spoof = await other.ocpi('GET', '/ocpi/2.2.1/tokens/receiver/DE/EMA/T1', { to: CPO });
    expect(spoof.status).toBe(403);
    expect(cpo.received('/tokens/')).toHaveLength(0);
  });
});

describe('hub errors on relays', () => {
  test('when the receiver is unknown, then 4001', async () => {
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', {
      to: { role: 'CPO', country_code: 'FR', party_id: 'ZZZ' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status_code: 4001, status_message: 'no party FR*ZZZ is known to the hub' });
  });

  test('when the receiver does not answer in time, then 4002', async () => {
    cpo.respond = () => ({ status: 200, body: ok([]), delayMs: 1500 });
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO });
    expect(res.body.status_code).toBe(4002);
    expect(res.body.status_message).toMatch(/did not answer within 1000 ms/);
  });

  test('when the receiver refuses connections or is suspended, then 4003', async () => {
    const port = cpo.port;
    await cpo.stop();
    const down = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO });
    expect(down.body.status_code).toBe(4003);
    await cpo.start(port);
    await hub.admin('POST', `/platforms/${cpo.platformId}/suspend`);
    const suspended = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO });
    expect(suspended.body).toMatchObject({ status_code: 4003, status_message: 'NL*CPA is offline' });
    await hub.admin('POST', `/platforms/${cpo.platformId}/unsuspend`);
  });

  test('when the receiver answers something that is not OCPI, then 4000 and the hub stays up', async () => {
    cpo.respond = () => ({ status: 200, body: '<html>proxy error</html>' });
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO });
    expect(res.body.status_code).toBe(4000);
    expect(res.body.status_message).toMatch(/without an OCPI response/);
  });

  test('when the receiver does not implement the interface, then 4001 saying so', async () => {
    const res = await cpo.ocpi('PUT', '/ocpi/2.2.1/sessions/receiver/NL/CPA/S9', {
      to: { role: 'CPO', country_code: 'NL', party_id: 'CPA' },
      body: aSession({ id: 'S9', country_code: 'NL', party_id: 'CPA' }),
    });
    expect(res.body.status_code).toBe(4001);
  });
});
