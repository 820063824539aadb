// A 2.1.1 CPO (raw token, flat credentials, no routing headers) exchanging with a 2.2.1 eMSP through the hub:
// each push arrives converted, routed as a 2.2.1 push without OCPI-to-* would be.
import { cdr211, loc211, session211, tariff211, token221 } from '../builders/v211';
import type { FakeParty } from '../harness/fake-party';
import { connect211, type FakeParty211 } from '../harness/fake-party-211';
import { ok } from '../harness/fake-party';
import { conformance } from '../harness/conformance';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
let cpo: FakeParty211;
let emsp: FakeParty;
const TNM = { role: 'EMSP', country_code: 'DE', party_id: 'TNM' };

beforeAll(async () => {
  hub = await startHub();
  cpo = await connect211(hub, {
    role: 'CPO',
    country_code: 'BE',
    party_id: 'BEC',
    modules: ['locations', 'tariffs', 'sessions', 'cdrs', 'tokens', 'commands'],
  });
  emsp = await hub.connect({
    roles: [TNM],
    modules: [
      ...['locations', 'tariffs', 'sessions', 'cdrs'].map((identifier) => ({ identifier, role: 'RECEIVER' as const })),
      { identifier: 'tokens', role: 'SENDER' as const },
    ],
  });
  await hub.admin('PATCH', `/platforms/${cpo.platformId}`, { default_time_zone: 'Europe/Brussels' });
  // the eMSP's token, which the 2.1.1 CPO's sessions and CDRs name by its contract_id (auth_id)
  const put = await emsp.ocpi('PUT', '/ocpi/2.2.1/tokens/receiver/DE/TNM/012345678?type=RFID', {
    to: 'hub',
    body: token221(),
  });
  expect(put.body.status_code).toBe(1000);
  await hub.drain();
});
afterAll(async () => {
  await cpo.stop();
  await hub.stop();
});

describe('pushes from a 2.1.1 CPO', () => {
  test('when the eMSP pushes a token, then the 2.1.1 CPO receives it with auth_id, at its URL, with its raw token', async () => {
    const got = cpo.received('/ocpi/2.1.1/tokens/DE/TNM/012345678', 'PUT');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toMatchObject({ uid: '012345678', auth_id: 'DE8ACC12E46L89', type: 'RFID' });
    for (const f of ['contract_id', 'country_code', 'group_id', 'energy_contract'])
      expect(got[0]?.body).not.toHaveProperty(f);
    expect(cpo.accepted.has(String(got[0]?.headers.authorization).replace('Token ', ''))).toBe(true);
    expect((await hub.admin('GET', `/platforms/${cpo.platformId}`)).body.conversion_dropped.tokens).toBe(3);
  });

  test("when it PUTs a location without time_zone, then the eMSP gets a 2.2.1 location with owner, publish, max_voltage and the platform's time zone", async () => {
    const res = await cpo.ocpi('PUT', 'locations', { subpath: '/BE/BEC/LOC1', body: loc211() });
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    const got = emsp.received('/locations/receiver/BE/BEC/LOC1', 'PUT');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      publish: true,
      parking_type: 'ON_STREET',
      time_zone: 'Europe/Brussels',
    });
    expect((got[0]?.body as any).evses[0].connectors[0]).toMatchObject({
      max_voltage: 220,
      max_amperage: 16,
      tariff_ids: ['11'],
    });
  });

  test('when it PATCHes a connector, then the eMSP gets the PATCH with 2.2.1 field names', async () => {
    await cpo.ocpi('PATCH', 'locations', {
      subpath: '/BE/BEC/LOC1/3256/1',
      body: { tariff_id: '12', last_updated: '2015-07-01T10:00:00Z' },
    });
    await hub.drain();
    expect(emsp.received('/locations/receiver/BE/BEC/LOC1/3256/1', 'PATCH')[0]?.body).toEqual({
      tariff_ids: ['12'],
      last_updated: '2015-07-01T10:00:00Z',
    });
  });

  test('when it PUTs then PATCHes a tariff, then the eMSP gets two full 2.2.1 tariffs (2.2.1 has no tariff PATCH)', async () => {
    await cpo.ocpi('PUT', 'tariffs', { subpath: '/BE/BEC/12', body: tariff211() });
    await hub.drain(); // else the newer full PUT supersedes the queued one
    await cpo.ocpi('PATCH', 'tariffs', {
      subpath: '/BE/BEC/12',
      body: { tariff_alt_url: 'https://becharged.example/tariffs/12', last_updated: '2015-03-01T00:00:00Z' },
    });
    await hub.drain();
    const got = emsp.received('/tariffs/receiver/BE/BEC/12', 'PUT');
    expect(got).toHaveLength(2);
    expect(got[1]?.body).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      id: '12',
      tariff_alt_url: 'https://becharged.example/tariffs/12',
      elements: tariff211().elements,
    });
  });

  test("when it PUTs a session naming the token by auth_id, then only the token's eMSP gets it, with cdr_token and location ids", async () => {
    const res = await cpo.ocpi('PUT', 'sessions', { subpath: '/BE/BEC/101', body: session211() });
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    const got = emsp.received('/sessions/receiver/BE/BEC/101', 'PUT');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toMatchObject({
      start_date_time: '2015-06-29T22:39:09Z',
      location_id: 'LOC1',
      evse_uid: '3256',
      connector_id: '1',
      total_cost: { excl_vat: 2.5 },
      cdr_token: { country_code: 'DE', party_id: 'TNM', uid: '012345678', contract_id: 'DE8ACC12E46L89' },
    });
  });

  test('when a session names an auth_id no token has, then it is held for the operator and delivered to nobody', async () => {
    const res = await cpo.ocpi('PUT', 'sessions', {
      subpath: '/BE/BEC/102',
      body: { ...session211(), id: '102', auth_id: 'UNKNOWN-CONTRACT' },
    });
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    expect(emsp.received('/102')).toHaveLength(0);
    const view = (await hub.admin('GET', `/platforms/${cpo.platformId}`)).body;
    expect(view.held).toEqual({
      count: 1,
      latest: [expect.objectContaining({ module: 'sessions', reason: expect.stringContaining('UNKNOWN-CONTRACT') })],
    });
  });

  test("when it POSTs a CDR, then the token's eMSP gets a 2.2.1 CDR with end_date_time, cdr_location and a Price", async () => {
    const res = await cpo.ocpi('POST', 'cdrs', { body: cdr211() });
    expect(res.body.status_code).toBe(1000);
    await hub.drain();
    const got = emsp.received('/cdrs/receiver', 'POST');
    expect(got).toHaveLength(1);
    expect(got[0]?.body).toMatchObject({
      country_code: 'BE',
      party_id: 'BEC',
      end_date_time: '2015-06-29T23:37:32Z',
      total_cost: { excl_vat: 4 },
      cdr_location: { id: 'LOC1', evse_uid: '3256', connector_id: '1' },
      cdr_token: { contract_id: 'DE8ACC12E46L89' },
    });
  });

  test('when it asks a real-time authorization, then the eMSP is asked in 2.2.1 and the CPO gets a 2.1.1 AuthorizationInfo', async () => {
    emsp.respond = (r) =>
      r.path.includes('/authorize')
        ? {
            status: 200,
            body: ok({
              allowed: 'ALLOWED',
              token: token221(),
              authorization_reference: 'AUTH-1',
              location: { location_id: 'LOC1', evse_uids: ['3256'] },
            }),
          }
        : undefined;
    const res = await cpo.ocpi('POST', 'tokens', {
      subpath: '/012345678/authorize',
      body: { location_id: 'LOC1', evse_uids: ['3256'], connector_ids: ['1'] },
    });
    emsp.respond = undefined;
    expect(res.body.status_code).toBe(1000);
    expect(res.body.data).toEqual({ allowed: 'ALLOWED', location: { location_id: 'LOC1', evse_uids: ['3256'] } });
    const asked = emsp.received('/authorize', 'POST')[0];
    expect(asked?.body).toEqual({ location_id: 'LOC1', evse_uids: ['3256'] });
  });
});

describe('pulls by a 2.1.1 CPO', () => {
  test('when it GETs the tokens list, then each token is 2.1.1 (auth_id, no owner fields)', async () => {
    const res = await cpo.ocpi('GET', 'tokens');
    expect(res.body.status_code).toBe(1000);
    expect(res.body.data).toEqual([expect.objectContaining({ uid: '012345678', auth_id: 'DE8ACC12E46L89' })]);
    expect(res.body.data[0]).not.toHaveProperty('contract_id');
    expect(res.body.data[0]).not.toHaveProperty('country_code');
  });
});

describe('requests of a 2.2.1 eMSP to the 2.1.1 CPO', () => {
  test("when the eMSP GETs the CPO's locations directly, then the 2.1.1 page comes back as 2.2.1 locations with owner and time zone", async () => {
    cpo.respond = (r) =>
      r.method === 'GET' && r.path.startsWith('/ocpi/2.1.1/locations')
        ? { status: 200, body: ok([loc211()]) }
        : undefined;
    const res = await emsp.ocpi('GET', '/ocpi/2.2.1/locations/sender', {
      to: { role: 'CPO', country_code: 'BE', party_id: 'BEC' },
    });
    cpo.respond = undefined;
    expect(res.body.status_code).toBe(1000);
    expect(res.body.data).toEqual([
      expect.objectContaining({
        country_code: 'BE',
        party_id: 'BEC',
        id: 'LOC1',
        publish: true,
        time_zone: 'Europe/Brussels',
        parking_type: 'ON_STREET',
      }),
    ]);
    expect(conformance('Location', res.body.data[0])).toEqual([]);
  });
});

describe('commands to a 2.1.1 CPO', () => {
  test('when the 2.2.1 eMSP sends START_SESSION, then the CPO gets a 2.1.1 StartSession, and its 2.1.1 result reaches the eMSP as a CommandResult', async () => {
    cpo.respond = (r) =>
      r.path.endsWith('/commands/START_SESSION') ? { status: 200, body: ok({ result: 'ACCEPTED' }) } : undefined;
    const token = { ...token221(), country_code: 'DE', party_id: 'TNM' };
    const res = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/START_SESSION', {
      body: { response_url: `${emsp.url}/results/1`, token, location_id: 'LOC1', evse_uid: '3256', connector_id: '1' },
    });
    cpo.respond = undefined;
    expect(res.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED', timeout: 30 } });
    const asked = cpo.received('/ocpi/2.1.1/commands/START_SESSION', 'POST')[0]?.body as any;
    expect(asked).toMatchObject({
      location_id: 'LOC1',
      evse_uid: '3256',
      token: { uid: '012345678', auth_id: 'DE8ACC12E46L89' },
    });
    expect(asked).not.toHaveProperty('connector_id');
    const result = await cpo.ocpi('POST', asked.response_url, { body: { result: 'UNKNOWN_SESSION' } });
    expect(result.body.status_code).toBe(1000);
    expect(emsp.received('/results/1', 'POST')[0]?.body).toEqual({ result: 'FAILED' });
  });
});

describe('what 2.2.1 partners receive from a 2.1.1 CPO', () => {
  test("when every body the 2.2.1 eMSP received is checked, then each validates against the 2.2.1 schemas of the hub's OpenAPI document", () => {
    const schemaOf = (c: { method: string; path: string }) => {
      const depth = c.path.split('?')[0]!.split('/').filter(Boolean).length; // ocpi 2.2.1 module receiver cc pid id...
      if (c.path.includes('/locations/'))
        return c.method === 'PATCH'
          ? ['LocationPatch', 'EvsePatch', 'ConnectorPatch'][depth - 7]
          : ['Location', 'Evse', 'Connector'][depth - 7];
      return { tariffs: 'Tariff', sessions: 'Session', cdrs: 'Cdr' }[c.path.split('/')[3] as string];
    };
    const bodies = emsp.calls.filter(
      (c) =>
        c.method !== 'GET' && c.method !== 'DELETE' && !c.path.includes('/authorize') && !c.path.includes('/results/'),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(6);
    expect(conformance('Location', { ...loc211(), country_code: 'BE' })).not.toEqual([]); // the check does refuse a 2.1.1 body
    for (const c of bodies)
      expect({ path: c.path, problems: conformance(schemaOf(c) ?? 'none', c.body) }).toEqual({
        path: c.path,
        problems: [],
      });
  });
});
