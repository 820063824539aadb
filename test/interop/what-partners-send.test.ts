// What real partners send: `null` for empty optional fields (types.asciidoc: an optional field "might be null,
// or the field might be omitted") and ids in lower case (CiString). For every module: an object built on the
// spec's example with every optional field null is accepted, and the receiver, a strict partner that refuses
// null where the official OpenAPI does, gets them omitted.
import { Cdr } from '../../src/modules/cdrs/schema';
import { SetChargingProfile } from '../../src/modules/chargingprofiles/schema';
import { StartSession } from '../../src/modules/commands/schema';
import { Location } from '../../src/modules/locations/schema';
import { Session } from '../../src/modules/sessions/schema';
import { Tariff } from '../../src/modules/tariffs/schema';
import { Token } from '../../src/modules/tokens/schema';
import { withoutNulls } from '../../src/ocpi/nulls';
import {
  aCdr,
  aLocation,
  aSession,
  aSetChargingProfile,
  aStartSession,
  aTariff,
  aToken,
  countNulls,
  withNullOptionals,
} from '../builders';
import type { FakeParty, Recorded } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { CPO, startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const V = '/ocpi/2.2.1';

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair());
});
afterAll(() => hub.stop());

/** The one call `party` received on this path, once the outbox has run. */
async function delivered(party: FakeParty, method: string, path: string): Promise<Recorded> {
  await hub.drain();
  const got = party.received(path, method);
  expect(got).toHaveLength(1);
  return got[0] as Recorded;
}

/** What the sender sent, as the receiver must get it: the nulls omitted, nothing else changed. */
function expectOmitted(got: Recorded, sent: unknown, except: string[] = []) {
  expect(JSON.stringify(got.body)).not.toContain('null');
  const strip = (o: unknown) => Object.fromEntries(Object.entries(o as object).filter(([k]) => !except.includes(k)));
  expect(strip(got.body)).toEqual(strip(withoutNulls(sent)));
}

describe('optional fields sent as null, module by module', () => {
  test('when the strict receiver itself gets a null optional field, then it refuses it 400/2001 (so what it accepts below had none)', async () => {
    const token = `Token ${Buffer.from([...emsp.accepted][0] ?? '').toString('base64')}`;
    const body = JSON.stringify(withNullOptionals(aLocation({ id: 'X' }), Location));
    const res = await fetch(`${emsp.url}${V}/locations/receiver/NL/VLT/X`, {
      method: 'PUT',
      headers: { Authorization: token, 'Content-Type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status_code: 2001 });
  });

  test('locations: a CPO PUTs a location with every optional field null (EVSE and connector included), the eMSP gets them omitted', async () => {
    const sent = withNullOptionals(aLocation({ id: 'NUL-LOC' }), Location);
    expect(countNulls(sent)).toBeGreaterThan(15);
    const res = await cpo.ocpi('PUT', `${V}/locations/receiver/NL/VLT/NUL-LOC`, { to: 'hub', body: sent });
    expect([res.status, res.body.status_code]).toEqual([201, 1000]);
    expectOmitted(await delivered(emsp, 'PUT', '/locations/receiver/NL/VLT/NUL-LOC'), sent);
    const copy = await emsp.ocpi('GET', `${V}/locations/sender/NUL-LOC`, { to: 'hub' });
    expect(copy.body.data).toEqual(withoutNulls(sent)); // stored omitted too
  });

  test('sessions: a CPO PUTs a session with every optional field null, the owner eMSP gets them omitted', async () => {
    const sent = withNullOptionals(aSession({ id: 'NUL-S', total_cost: undefined }), Session);
    expect(sent).toMatchObject({ end_date_time: null, total_cost: null });
    const res = await cpo.ocpi('PUT', `${V}/sessions/receiver/NL/VLT/NUL-S`, { to: 'hub', body: sent });
    expect([res.status, res.body.status_code]).toEqual([201, 1000]);
    expectOmitted(await delivered(emsp, 'PUT', '/sessions/receiver/NL/VLT/NUL-S'), sent);
  });

  test('sessions PATCH: a null there clears the field: forwarded as sent, gone from the stored session', async () => {
    const patch = { total_cost: null, last_updated: '2025-06-02T10:00:00Z' };
    const res = await cpo.ocpi('PATCH', `${V}/sessions/receiver/NL/VLT/NUL-S`, { to: 'hub', body: patch });
    expect([res.status, res.body.status_code]).toEqual([200, 1000]);
    expect((await delivered(emsp, 'PATCH', '/sessions/receiver/NL/VLT/NUL-S')).body).toEqual(patch);
    const stored = await cpo.ocpi('GET', `${V}/sessions/receiver/NL/VLT/NUL-S`, { to: 'hub' });
    expect(stored.body.data).not.toHaveProperty('total_cost');
    expect(stored.body.data.last_updated).toBe('2025-06-02T10:00:00Z');
  });

  test('cdrs: a CPO POSTs a CDR with every optional field null, the eMSP gets them omitted', async () => {
    const sent = withNullOptionals(aCdr({ id: 'NUL-CDR' }), Cdr);
    const res = await cpo.ocpi('POST', `${V}/cdrs/receiver`, { to: 'hub', body: sent });
    expect([res.status, res.body.status_code]).toEqual([201, 1000]);
    expectOmitted(await delivered(emsp, 'POST', '/cdrs/receiver/'), sent);
  });

  test('tariffs: a CPO PUTs a tariff with every optional field null (min_price, restrictions...), the eMSP gets them omitted', async () => {
    const sent = withNullOptionals(aTariff({ id: 'NUL-T' }), Tariff);
    expect(sent).toMatchObject({ min_price: null });
    const res = await cpo.ocpi('PUT', `${V}/tariffs/receiver/NL/VLT/NUL-T`, { to: 'hub', body: sent });
    expect([res.status, res.body.status_code]).toEqual([201, 1000]);
    expectOmitted(await delivered(emsp, 'PUT', '/tariffs/receiver/NL/VLT/NUL-T'), sent);
  });

  test('tokens: an eMSP PUTs a token with every optional field null (group_id...), the CPO gets them omitted', async () => {
    const sent = withNullOptionals(aToken({ uid: 'NUL-TOK' }), Token);
    expect(sent).toMatchObject({ group_id: null });
    const res = await emsp.ocpi('PUT', `${V}/tokens/receiver/DE/MXP/NUL-TOK?type=RFID`, { to: 'hub', body: sent });
    expect([res.status, res.body.status_code]).toEqual([201, 1000]);
    expectOmitted(await delivered(cpo, 'PUT', '/tokens/receiver/DE/MXP/NUL-TOK'), sent);
  });

  test('commands: an eMSP sends START_SESSION with every optional field null, the CPO gets them omitted', async () => {
    const sent = withNullOptionals(aStartSession({ location_id: 'NUL-LOC' }), StartSession);
    expect(sent).toMatchObject({ evse_uid: null, connector_id: null, authorization_reference: null });
    cpo.calls = [];
    const res = await emsp.ocpi('POST', `${V}/commands/receiver/START_SESSION`, { to: CPO, body: sent });
    expect([res.status, res.body.status_code]).toEqual([200, 1000]);
    expectOmitted(await delivered(cpo, 'POST', '/commands/receiver/START_SESSION'), sent, ['response_url']);
  });

  test('chargingprofiles: an eMSP PUTs a SetChargingProfile with every optional field null, the CPO gets them omitted', async () => {
    const sent = withNullOptionals(aSetChargingProfile(), SetChargingProfile);
    expect(countNulls(sent)).toBeGreaterThan(0);
    const res = await emsp.ocpi('PUT', `${V}/chargingprofiles/receiver/NUL-S`, { to: CPO, body: sent });
    expect([res.status, res.body.status_code]).toEqual([200, 1000]);
    expectOmitted(await delivered(cpo, 'PUT', '/chargingprofiles/receiver/NUL-S'), sent, ['response_url']);
  });

  test("credentials and hubclientinfo: a partner's business_details with null website and logo are accepted and stored without them", async () => {
    // every registration in this suite sends them (the strict fake partner does); hubclientinfo's ClientInfo has no
    // optional field
    const platform = (await hub.admin('GET', `/platforms/${emsp.platformId}`)).body;
    expect(emsp.roles[0]?.business_details).toEqual({ name: 'MXP backend', website: null, logo: null });
    expect(platform.roles[0]).toMatchObject({ role: 'EMSP', country_code: 'DE', party_id: 'MXP', status: 'CONNECTED' });
    const info = await cpo.ocpi('GET', `${V}/hubclientinfo`);
    expect(JSON.stringify(info.body)).not.toContain('null');
  });
});

describe('ids in lower case (CiString), as partners write them', () => {
  test('when a CPO pushes a location and a session under its ids in lower case, then they are stored under its own and reach the eMSP the cdr_token names in lower case', async () => {
    const loc = aLocation({ id: 'low-loc', country_code: 'nl', party_id: 'vlt' });
    expect((await cpo.ocpi('PUT', `${V}/locations/receiver/nl/vlt/low-loc`, { to: 'hub', body: loc })).status).toBe(
      201,
    );
    const session = aSession({
      id: 'low-s',
      country_code: 'nl',
      party_id: 'vlt',
      cdr_token: { country_code: 'de', party_id: 'mxp', uid: 'u1', type: 'RFID', contract_id: 'c1' },
    });
    expect((await cpo.ocpi('PUT', `${V}/sessions/receiver/nl/vlt/low-s`, { to: 'hub', body: session })).status).toBe(
      201,
    );
    await hub.drain();
    expect(emsp.received('/locations/receiver/nl/vlt/low-loc', 'PUT')).toHaveLength(1);
    expect(emsp.received('/sessions/receiver/nl/vlt/low-s', 'PUT')).toHaveLength(1);
    const copy = await cpo.ocpi('GET', `${V}/locations/receiver/NL/VLT/LOW-LOC`, { to: 'hub' });
    expect(copy.body.data).toEqual(loc);
  });
});
