// Open routing of requests between parties: commands and charging profiles with their results coming back
// through proxied response_urls, real-time authorization, charging preferences.
import { aLocation, aSession, aSetChargingProfile, aStartSession, aStopSession, aToken } from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { emspModules } from '../harness/modules';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
let emsp2: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'EMA' };
const proxyUrl = new RegExp('/ocpi/2.2.1/proxy/');

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp,
    more: { emsp2 },
  } = await startWithPair({
    cpo: { roles: [CPO] },
    emsp: { roles: [EMSP] },
    more: { emsp2: { roles: [{ role: 'EMSP', country_code: 'BE', party_id: 'EMB' }], modules: emspModules } },
  }));
  await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/LOC1', {
    body: aLocation({ id: 'LOC1', country_code: 'NL', party_id: 'CPA' }),
  });
  const cdr_token = { country_code: 'DE', party_id: 'EMA', uid: 'T1', type: 'RFID' as const, contract_id: 'DE-EMA-C1' };
  await cpo.ocpi('PUT', '/ocpi/2.2.1/sessions/receiver/NL/CPA/SES1', {
    body: aSession({ id: 'SES1', country_code: 'NL', party_id: 'CPA', cdr_token }),
  });
  await emsp.ocpi('PUT', '/ocpi/2.2.1/tokens/receiver/DE/EMA/T1', {
    body: aToken({ uid: 'T1', country_code: 'DE', party_id: 'EMA' }),
  });
  await hub.drain();
});
afterEach(() => {
  for (const p of [cpo, emsp, emsp2]) {
    p.respond = undefined;
    p.calls = [];
  }
});
afterAll(() => hub.stop());

describe('commands', () => {
  test("when an eMSP starts a session at a location, then the hub routes it to the location's CPO and the CommandResult comes back once", async () => {
    const responseUrl = `${emsp.url}/ocpi/2.2.1/commands/sender/START_SESSION/cmd-1`;
    cpo.respond = (r) =>
      r.path.includes('/commands/') ? { status: 200, body: ok({ result: 'ACCEPTED', timeout: 30 }) } : undefined;
    const res = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/START_SESSION', {
      body: aStartSession({ location_id: 'LOC1', response_url: responseUrl }),
    });
    expect(res.body).toMatchObject({ status_code: 1000, data: { result: 'ACCEPTED', timeout: 30 } });
    const sent = cpo.received('/ocpi/2.2.1/commands/receiver/START_SESSION', 'POST')[0];
    const proxied = (sent?.body as { response_url: string }).response_url;
    expect(proxied).toMatch(proxyUrl);
    expect(emsp2.received('/commands')).toHaveLength(0);
    const result = await cpo.ocpi('POST', proxied, { body: { result: 'ACCEPTED' } });
    expect(result.body.status_code).toBe(1000);
    const delivered = emsp.received('/commands/sender/START_SESSION/cmd-1', 'POST');
    expect(delivered.map((c) => c.body)).toEqual([{ result: 'ACCEPTED' }]);
    expect(delivered[0]?.headers).toMatchObject({ 'ocpi-from-party-id': 'CPA', 'ocpi-to-party-id': 'EMA' });
    expect((await cpo.ocpi('POST', proxied, { body: { result: 'ACCEPTED' } })).status).toBe(404);
    expect((await cpo.ocpi('POST', '/ocpi/2.2.1/proxy/not-a-proxy', { body: {} })).status).toBe(404);
  });

  test("when an eMSP stops a session, then it reaches the session's CPO; an unknown session or location is 4001", async () => {
    const res = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/STOP_SESSION', {
      body: aStopSession({ session_id: 'SES1', response_url: `${emsp.url}/r/1` }),
    });
    expect(res.body.status_code).toBe(1000);
    expect(cpo.received('/commands/receiver/STOP_SESSION')).toHaveLength(1);
    const unknown = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/STOP_SESSION', {
      body: aStopSession({ session_id: 'NOPE', response_url: `${emsp.url}/r/2` }),
    });
    expect(unknown.body.status_code).toBe(4001);
    const nowhere = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/START_SESSION', {
      body: aStartSession({ location_id: 'NOWHERE', response_url: `${emsp.url}/r/3` }),
    });
    expect(nowhere.body.status_code).toBe(4001);
  });

  test('when the command body is invalid or the command unknown, then 400/2001 naming the problem', async () => {
    const bad = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/START_SESSION', {
      body: { location_id: 'LOC1' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.status_message).toMatch(/body\.response_url/);
    expect((await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/FLY', { body: {} })).body.status_message).toMatch(
      /path\.command/,
    );
  });

  test('when a START_SESSION body is invalid, even addressed to the CPO by OCPI-to-*, then the pipeline refuses it (2001) and nothing is relayed', async () => {
    for (const to of [undefined, CPO]) {
      const bad = await emsp.ocpi('POST', '/ocpi/2.2.1/commands/receiver/START_SESSION', {
        to,
        body: { location_id: 'LOC1', token: 'not-a-token', response_url: `${emsp.url}/r/9` },
      });
      expect([bad.status, bad.body.status_code]).toEqual([400, 2001]);
      expect(bad.body.status_message).toMatch(/body\.token/);
    }
    expect(cpo.received('/commands')).toHaveLength(0);
  });
});

describe('charging profiles', () => {
  test('when an eMSP sets a profile on a session, then its CPO gets it with a proxied response_url and the result comes back', async () => {
    cpo.respond = (r) =>
      r.path.includes('/chargingprofiles/')
        ? { status: 200, body: ok({ result: 'ACCEPTED', timeout: 10 }) }
        : undefined;
    const res = await emsp.ocpi('PUT', '/ocpi/2.2.1/chargingprofiles/receiver/SES1', {
      body: aSetChargingProfile({ response_url: `${emsp.url}/cp/result-1` }),
    });
    expect(res.body.data).toEqual({ result: 'ACCEPTED', timeout: 10 });
    const proxied = (cpo.received('/chargingprofiles/receiver/SES1', 'PUT')[0]?.body as { response_url: string })
      .response_url;
    expect(proxied).toMatch(proxyUrl);
    await cpo.ocpi('POST', proxied, { body: { result: 'ACCEPTED' } });
    expect(emsp.received('/cp/result-1', 'POST')[0]?.body).toEqual({ result: 'ACCEPTED' });
  });

  test('when a charging-profile PUT body is invalid, even addressed to the CPO by OCPI-to-*, then the pipeline refuses it (2001) and nothing is relayed', async () => {
    for (const to of [undefined, CPO]) {
      const bad = await emsp.ocpi('PUT', '/ocpi/2.2.1/chargingprofiles/receiver/SES1', {
        to,
        body: { charging_profile: { charging_rate_unit: 'LITRES' }, response_url: `${emsp.url}/cp/x` },
      });
      expect([bad.status, bad.body.status_code]).toEqual([400, 2001]);
    }
    expect(cpo.received('/chargingprofiles')).toHaveLength(0);
  });

  test('when an eMSP GETs the active profile, then response_url in the query is proxied and the other parameters kept', async () => {
    const res = await emsp.ocpi(
      'GET',
      `/ocpi/2.2.1/chargingprofiles/receiver/SES1?duration=900&response_url=${encodeURIComponent(`${emsp.url}/cp/active`)}`,
    );
    expect(res.body.status_code).toBe(1000);
    const asked = new URL(cpo.received('/chargingprofiles/receiver/SES1', 'GET')[0]!.path, cpo.url);
    expect(asked.searchParams.get('duration')).toBe('900');
    expect(asked.searchParams.get('response_url')).toMatch(proxyUrl);
  });

  test("when the CPO PUTs an ActiveChargingProfile update, then it reaches the session's eMSP", async () => {
    const body = {
      start_date_time: '2025-06-02T08:15:00Z',
      charging_profile: { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 11000 }] },
    };
    const res = await cpo.ocpi('PUT', '/ocpi/2.2.1/chargingprofiles/sender/SES1', { body });
    expect(res.body.status_code).toBe(1000);
    expect(emsp.received('/ocpi/2.2.1/chargingprofiles/sender/SES1', 'PUT')[0]?.body).toEqual(body);
  });
});

describe('real-time authorization', () => {
  test('when a CPO authorizes a token the hub knows, then its eMSP answers and the answer comes back unchanged', async () => {
    emsp.respond = (r) =>
      r.path.includes('/authorize')
        ? { status: 200, body: ok({ allowed: 'ALLOWED', token: { uid: 'T1' } }) }
        : undefined;
    const res = await cpo.ocpi('POST', '/ocpi/2.2.1/tokens/sender/T1/authorize', { body: { location_id: 'LOC1' } });
    expect(res.body.data.allowed).toBe('ALLOWED');
    expect(emsp.received('/ocpi/2.2.1/tokens/sender/T1/authorize?type=RFID', 'POST')[0]?.body).toEqual({
      location_id: 'LOC1',
    });
    expect(emsp2.received('/authorize')).toHaveLength(0);
  });

  test('when the eMSP answers 2002, then it is passed through', async () => {
    emsp.respond = (r) => (r.path.includes('/authorize') ? { status: 200, body: ok(undefined, 2002) } : undefined);
    expect((await cpo.ocpi('POST', '/ocpi/2.2.1/tokens/sender/T1/authorize')).body.status_code).toBe(2002);
  });

  test('when the token is unknown to the hub, then every eMSP is asked and the first ALLOWED wins; when none knows it, 404/2004', async () => {
    emsp.respond = (r) => (r.path.includes('/authorize') ? { status: 404, body: ok(undefined, 2004) } : undefined);
    emsp2.respond = (r) =>
      r.path.includes('/authorize')
        ? { status: 200, body: ok({ allowed: 'ALLOWED', token: { uid: 'X9' } }), delayMs: 20 }
        : undefined;
    const res = await cpo.ocpi('POST', '/ocpi/2.2.1/tokens/sender/X9/authorize');
    expect(res.body.data.allowed).toBe('ALLOWED');
    emsp2.respond = emsp.respond;
    const unknown = await cpo.ocpi('POST', '/ocpi/2.2.1/tokens/sender/X9/authorize');
    expect(unknown.status).toBe(404);
    expect(unknown.body.status_code).toBe(2004);
  });

  test('when every eMSP refuses, then the last refusal is the answer', async () => {
    emsp.respond = (r) =>
      r.path.includes('/authorize')
        ? { status: 200, body: ok({ allowed: 'BLOCKED', token: { uid: 'X8' } }) }
        : undefined;
    emsp2.respond = (r) =>
      r.path.includes('/authorize')
        ? { status: 200, body: ok({ allowed: 'NOT_ALLOWED', token: { uid: 'X8' } }), delayMs: 30 }
        : undefined;
    expect((await cpo.ocpi('POST', '/ocpi/2.2.1/tokens/sender/X8/authorize')).body.data.allowed).toBe('NOT_ALLOWED');
  });
});

describe('charging preferences', () => {
  test("when an eMSP sets charging preferences of its session, then the session's CPO receives them", async () => {
    cpo.respond = (r) => (r.path.includes('charging_preferences') ? { status: 200, body: ok('ACCEPTED') } : undefined);
    const prefs = { profile_type: 'FAST', departure_time: '2025-06-02T18:00:00Z' };
    const res = await emsp.ocpi('PUT', '/ocpi/2.2.1/sessions/sender/SES1/charging_preferences', { body: prefs });
    expect(res.body.data).toBe('ACCEPTED');
    expect(cpo.received('/ocpi/2.2.1/sessions/sender/SES1/charging_preferences', 'PUT')[0]?.body).toEqual(prefs);
    expect(
      (await emsp2.ocpi('PUT', '/ocpi/2.2.1/sessions/sender/SES1/charging_preferences', { body: prefs })).body
        .status_code,
    ).toBe(4001);
  });
});
