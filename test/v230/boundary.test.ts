// 2.3.0 and 2.2.1 partners through the hub: a CDR with taxes and a location with an MCS connector from 2.3.0 CPOs,
// a 2.2.1 CDR to a 2.3.0 eMSP; what 2.2.1 cannot carry is left out and counted, and 2.2.1 receivers get bodies
// their own (strict, closed-enum) schemas accept.
import { Cdr } from '../../src/modules/cdrs/schema';
import { Location } from '../../src/modules/locations/schema';
import { Session } from '../../src/modules/sessions/schema';
import { aCdr, aCdrToken, aLocation, aSession } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import { registered230, type FakeParty230, type FakeParty230Options } from '../harness/fake-party-230';
import { conformance } from '../harness/conformance';
import { startHub, type Hub } from '../harness/hub';
import { aCdr230, aLocation230, anEmaidToken230 } from '../convert/examples-230';

let hub: Hub;
let cpo230: FakeParty230;
let emsp230: FakeParty230;
let cpo221: FakeParty;
let emsp221: FakeParty;
const HUB = { role: 'OTHER', country_code: 'NL', party_id: 'HUB' };

const registered = (o: FakeParty230Options) => registered230(hub, o);
const droppedOf = async (party: { platformId: string }) =>
  (await hub.admin('GET', `/platforms/${party.platformId}`)).body.conversion_dropped;

beforeAll(async () => {
  hub = await startHub();
  cpo230 = await registered({
    roles: [{ role: 'CPO', country_code: 'BE', party_id: 'BEC' }],
    modules: [
      { identifier: 'locations', role: 'SENDER' },
      { identifier: 'cdrs', role: 'SENDER' },
      { identifier: 'tokens', role: 'RECEIVER' },
    ],
  });
  const receives = ['locations', 'cdrs', 'sessions'].map((identifier) => ({ identifier, role: 'RECEIVER' as const }));
  emsp230 = await registered({ roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'EM3' }], modules: receives });
  cpo221 = await hub.connect({
    roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }],
    modules: [
      { identifier: 'cdrs', role: 'SENDER' },
      { identifier: 'tokens', role: 'RECEIVER' },
    ],
  });
  emsp221 = await hub.connect({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'TNM' }], modules: receives });
});
afterAll(async () => {
  await Promise.all([cpo230.stop(), emsp230.stop()]);
  await hub.stop();
});

describe('CDRs across 2.3.0 and 2.2.1', () => {
  test('when a 2.3.0 CPO POSTs a CDR with taxes for a 2.2.1 eMSP then the eMSP gets excl_vat/incl_vat in a valid 2.2.1 CDR, the tax list counted', async () => {
    const res = await cpo230.ocpi('POST', 'cdrs:RECEIVER', { body: aCdr230(), to: HUB });
    expect(res.status).toBe(201);
    await hub.drain();
    const [got] = emsp221.received('/ocpi/2.2.1/cdrs/receiver', 'POST');
    const cdr = Cdr.parse(got?.body);
    expect(cdr.total_cost).toEqual({ excl_vat: 4, incl_vat: 4.4 });
    expect(cdr.total_time_cost).toEqual({ excl_vat: 4, incl_vat: 4.4 });
    expect(got?.body).not.toHaveProperty('total_cost.taxes');
    expect(await droppedOf(emsp221)).toEqual({ cdrs: 2 });
  });

  test('when a 2.2.1 CPO POSTs a CDR for a 2.3.0 eMSP then the eMSP gets before_taxes and the VAT as one tax', async () => {
    const cdr = aCdr({
      country_code: 'NL',
      party_id: 'CPA',
      id: 'CDR-221',
      cdr_token: aCdrToken({ country_code: 'NL', party_id: 'EM3' }),
      total_cost: { excl_vat: 10, incl_vat: 12.1 },
    });
    expect((await cpo221.ocpi('POST', '/ocpi/2.2.1/cdrs/receiver', { to: 'hub', body: cdr })).status).toBe(201);
    await hub.drain();
    const [got] = emsp230.received('/ocpi/2.3.0/cdrs/receiver', 'POST');
    expect((got?.body as any).total_cost).toEqual({ before_taxes: 10, taxes: [{ name: 'VAT', amount: 2.1 }] });
    expect(got?.body).not.toHaveProperty('total_cost.excl_vat');
    expect((got?.body as any).tariffs[0].tax_included).toBe('NO');
  });
});

describe('sessions pushed directly to an eMSP', () => {
  // total_cost as in session_example_2_short_finished.json of 2.3.0
  const session230 = (id: string, emsp: { country_code: string; party_id: string }) => ({
    ...aSession({ country_code: 'BE', party_id: 'BEC', id, cdr_token: aCdrToken(emsp), status: 'COMPLETED' }),
    total_cost: { before_taxes: 8.5, taxes: [{ name: 'VAT', amount: 0.85 }] },
  });

  test('when a 2.3.0 CPO PUTs a session to a 2.3.0 eMSP then it arrives as sent; to a 2.2.1 eMSP with excl_vat/incl_vat', async () => {
    const to230 = session230('S-230', { country_code: 'NL', party_id: 'EM3' });
    const res = await cpo230.ocpi('PUT', 'sessions:RECEIVER', {
      subpath: '/BE/BEC/S-230',
      body: to230,
      to: { role: 'EMSP', country_code: 'NL', party_id: 'EM3' },
    });
    expect(res.body.status_code).toBe(1000);
    expect(emsp230.received('/sessions/receiver/BE/BEC/S-230', 'PUT')[0]?.body).toEqual(to230);
    const to221 = session230('S-221', { country_code: 'DE', party_id: 'TNM' });
    await cpo230.ocpi('PUT', 'sessions:RECEIVER', {
      subpath: '/BE/BEC/S-221',
      body: to221,
      to: { role: 'EMSP', country_code: 'DE', party_id: 'TNM' },
    });
    const [got] = emsp221.received('/sessions/receiver/BE/BEC/S-221', 'PUT');
    expect(Session.parse(got?.body).total_cost).toEqual({ excl_vat: 8.5, incl_vat: 9.35 });
  });
});

describe('a location with an MCS connector', () => {
  test('when a 2.3.0 CPO pushes it to the hub then a 2.3.0 eMSP gets it unchanged and a 2.2.1 eMSP without the MCS EVSE, counted', async () => {
    const res = await cpo230.ocpi('PUT', 'locations:RECEIVER', {
      subpath: '/BE/BEC/LOC1',
      body: aLocation230(),
      to: HUB,
    });
    expect(res.status).toBe(201);
    await hub.drain();
    const [to230] = emsp230.received('/ocpi/2.3.0/locations/receiver/BE/BEC/LOC1', 'PUT');
    expect(to230?.body).toEqual(aLocation230());
    const [to221] = emsp221.received('/ocpi/2.2.1/locations/receiver/BE/BEC/LOC1', 'PUT');
    const location = Location.parse(to221?.body);
    expect(location.evses?.map((e) => e.uid)).toEqual(['3256']);
    expect(to221?.body).not.toHaveProperty('parking_places');
    expect((await droppedOf(emsp221)).locations).toBe(10);
  });

  test("when a 2.2.1 eMSP reads the hub's locations then the MCS EVSE is not in what it gets; a 2.3.0 eMSP reads it whole", async () => {
    const page221 = await emsp221.ocpi('GET', '/ocpi/2.2.1/locations/sender', { to: 'hub' });
    const loc221 = page221.body.data.find((l: { id: string }) => l.id === 'LOC1');
    expect(Location.parse(loc221).evses?.map((e) => e.uid)).toEqual(['3256']);
    const page230 = await emsp230.ocpi('GET', 'locations:SENDER', { to: HUB });
    expect(page230.body.data.find((l: { id: string }) => l.id === 'LOC1')).toEqual(aLocation230());
  });

  test('when a 2.2.1 CPO pushes a location then a 2.2.1 eMSP reads it by GET-All exactly as sent, a field it does not model included', async () => {
    const sent = { ...aLocation({ country_code: 'NL', party_id: 'CPA', id: 'LOC221' }), x_operator_note: 'kept' };
    expect(
      (await cpo221.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/LOC221', { to: 'hub', body: sent })).status,
    ).toBe(201);
    const page = await emsp221.ocpi('GET', '/ocpi/2.2.1/locations/sender', { to: 'hub' });
    expect(page.body.data.find((l: { id: string }) => l.id === 'LOC221')).toEqual(sent);
  });

  test('when a 2.2.1 CPO sends an MCS connector then it is refused (2.2.1 lists no MCS)', async () => {
    const body = { ...aLocation230(), country_code: 'NL', party_id: 'CPA', id: 'LOC9' };
    const res = await cpo221.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/LOC9', { to: 'hub', body });
    expect(res.body.status_code).toBe(2001);
  });
});

describe('an EMAID token', () => {
  test('when a 2.3.0 eMSP pushes it to the hub then a 2.3.0 CPO gets it as EMAID and a 2.2.1 CPO as OTHER, in URL and body', async () => {
    const token: Record<string, any> = { ...anEmaidToken230(), country_code: 'NL', party_id: 'EM3' };
    const res = await emsp230.ocpi('PUT', 'tokens:RECEIVER', {
      subpath: `/NL/EM3/${token.uid}?type=EMAID`,
      body: token,
      to: HUB,
    });
    expect(res.status).toBe(201);
    await hub.drain();
    expect(cpo230.received(`/tokens/receiver/NL/EM3/${token.uid}?type=EMAID`, 'PUT')[0]?.body).toEqual(token);
    const [to221] = cpo221.received(`/tokens/receiver/NL/EM3/${token.uid}?type=OTHER`, 'PUT');
    expect(to221?.body).toEqual({ ...token, type: 'OTHER' });
  });
});

describe('what 2.2.1 partners receive from 2.3.0 partners', () => {
  test("when every body the 2.2.1 eMSP received is checked then each validates against the 2.2.1 schemas of the hub's OpenAPI document", () => {
    const schemaOf = (p: string) =>
      ({ locations: 'Location', sessions: 'Session', cdrs: 'Cdr' })[p.split('/')[3] as string] ?? 'none';
    const bodies = emsp221.calls.filter((c) => c.method === 'PUT' || c.method === 'POST');
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    expect(conformance('Location', aLocation230())).not.toEqual([]); // the check refuses what 2.2.1 does not list (MCS)
    for (const c of bodies)
      expect({ path: c.path, problems: conformance(schemaOf(c.path), c.body) }).toEqual({ path: c.path, problems: [] });
  });
});
