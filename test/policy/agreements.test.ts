// Roaming agreements (HUB_AGREEMENTS=required, the production default): the admin API, and that without an agreement
// nothing flows between a CPO and an eMSP by any path, with one everything does, limited to its modules.
import '../setup/agreements-required';
import { aCdr, aLocation, aSession, aStartSession, aTariff, aToken } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Answer } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { cpoModules, emspModules, nspModules } from '../harness/modules';

let hub: Hub;
let cpa: FakeParty;
let ema: FakeParty;
let emb: FakeParty;
let nsp: FakeParty;
const CPA = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const EMA = { role: 'EMSP', country_code: 'DE', party_id: 'EMA' };
const V = '/ocpi/2.2.1';
const pair = (emsp: string, modules?: string[]) => ({
  cpo: { country_code: 'NL', party_id: 'CPA' },
  emsp: { country_code: 'DE', party_id: emsp },
  ...(modules ? { modules } : {}),
});
const ids = (res: Answer) => (res.body.data as { id?: string; uid?: string }[]).map((o) => o.id ?? o.uid).sort();
const getAll = (party: FakeParty, module: string) => party.ocpi('GET', `${V}/${module}/sender`, { to: 'hub' });
const cdrToken = (party_id: string, uid: string) => ({
  country_code: 'DE',
  party_id,
  uid,
  type: 'RFID' as const,
  contract_id: `DE-${party_id}-${uid}`,
});
const putLocation = (id: string) =>
  cpa.ocpi('PUT', `${V}/locations/receiver/NL/CPA/${id}`, {
    to: 'hub',
    body: aLocation({ country_code: 'NL', party_id: 'CPA', id }),
  });
const putTariff = (id: string) =>
  cpa.ocpi('PUT', `${V}/tariffs/receiver/NL/CPA/${id}`, {
    to: 'hub',
    body: aTariff({ country_code: 'NL', party_id: 'CPA', id }),
  });
const putSession = (id: string, emsp = 'EMA') =>
  cpa.ocpi('PUT', `${V}/sessions/receiver/NL/CPA/${id}`, {
    to: 'hub',
    body: aSession({ country_code: 'NL', party_id: 'CPA', id, cdr_token: cdrToken(emsp, `U-${id}`) }),
  });
const postCdr = (id: string, emsp = 'EMA') =>
  cpa.ocpi('POST', `${V}/cdrs/receiver`, {
    to: 'hub',
    body: aCdr({ country_code: 'NL', party_id: 'CPA', id, cdr_token: cdrToken(emsp, `U-${id}`) }),
  });
const pushToken = (emsp: FakeParty, party_id: string, uid: string) =>
  emsp.ocpi('PUT', `${V}/tokens/receiver/DE/${party_id}/${uid}?type=RFID`, {
    to: 'hub',
    body: aToken({ country_code: 'DE', party_id, uid, type: 'RFID' }),
  });
const startAt = (location_id: string) =>
  ema.ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
    body: aStartSession({ location_id, response_url: `${ema.url}/results/1` }),
  });
const clientInfosOfCpa = (party: FakeParty) => party.received('/hubclientinfo/receiver/NL/CPA', 'PUT');
const listedParties = async (party: FakeParty) =>
  ((await party.ocpi('GET', `${V}/hubclientinfo`)).body.data as { party_id: string }[]).map((c) => c.party_id).sort();
const clear = () => [cpa, ema, emb, nsp].forEach((p) => (p.calls = []));

beforeAll(async () => {
  hub = await startHub();
  ema = await hub.connect({ roles: [EMA], modules: emspModules });
  emb = await hub.connect({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: emspModules });
  nsp = await hub.connect({ roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: nspModules });
  expect((await hub.admin('POST', '/agreements', pair('EMB'))).status).toBe(201); // the control: CPA trades with EMB
  cpa = await hub.connect({ roles: [CPA], modules: cpoModules });
  await hub.drain();
});
afterAll(() => hub.stop());

describe('ClientInfo of a CPO', () => {
  test("when the CPO connected, then its ClientInfo reached the eMSP under agreement and the NSP, not the other eMSP; nor is it in that one's list", async () => {
    expect(clientInfosOfCpa(ema)).toHaveLength(0);
    expect(clientInfosOfCpa(emb).map((c) => (c.body as { status: string }).status)).toEqual(['PLANNED', 'CONNECTED']);
    expect(clientInfosOfCpa(nsp).map((c) => (c.body as { status: string }).status)).toEqual(['PLANNED', 'CONNECTED']);
    expect(await listedParties(ema)).toEqual(['EMA']);
    expect(await listedParties(emb)).toEqual(['CPA', 'EMB']);
    expect(await listedParties(nsp)).toEqual(['CPA', 'NSA']);
  });
});

describe('the agreements admin API', () => {
  let id: string;

  test('when the operator creates an agreement, then 201 with its id, parties, modules and creation time', async () => {
    const res = await hub.admin('POST', '/agreements', {
      cpo: { country_code: 'NL', party_id: 'CPX' },
      emsp: { country_code: 'DE', party_id: 'EMX' },
      modules: ['locations', 'tariffs'],
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['cpo', 'created_at', 'emsp', 'id', 'modules']);
    expect(res.body).toMatchObject({
      cpo: { country_code: 'NL', party_id: 'CPX' },
      emsp: { country_code: 'DE', party_id: 'EMX' },
      modules: ['locations', 'tariffs'],
    });
    expect(typeof res.body.id).toBe('string');
    expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
    id = res.body.id;
  });

  test('when the same pair is created again, then 409 naming it', async () => {
    const res = await hub.admin('POST', '/agreements', {
      cpo: { country_code: 'NL', party_id: 'CPX' },
      emsp: { country_code: 'DE', party_id: 'EMX' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/NL\*CPX.*DE\*EMX/);
  });

  test.each([
    ['no eMSP', { cpo: { country_code: 'NL', party_id: 'CPX' } }],
    ['an unknown module', { ...pair('EMY'), modules: ['locations', 'teleportation'] }],
    ['a configuration module', { ...pair('EMY'), modules: ['hubclientinfo'] }],
    [
      'a country code of three letters',
      { cpo: { country_code: 'NLD', party_id: 'CPX' }, emsp: { country_code: 'DE', party_id: 'EMY' } },
    ],
    [
      'a party id too long',
      { cpo: { country_code: 'NL', party_id: 'CPXX' }, emsp: { country_code: 'DE', party_id: 'EMY' } },
    ],
    ['an unknown field', { ...pair('EMY'), note: 'x' }],
  ])('when the body has %s, then 400 and nothing is stored', async (_what, body) => {
    const res = await hub.admin('POST', '/agreements', body);
    expect(res.status).toBe(400);
    expect(typeof res.body.error).toBe('string');
    const list = (await hub.admin('GET', '/agreements')).body as { emsp: { party_id: string } }[];
    expect(list.some((a) => a.emsp.party_id === 'EMY')).toBe(false);
  });

  test('when the operator lists agreements, then each is there with its modules', async () => {
    const res = await hub.admin('GET', '/agreements');
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual(expect.objectContaining({ id, modules: ['locations', 'tariffs'] }));
    expect(res.body).toContainEqual(
      expect.objectContaining({
        cpo: { country_code: 'NL', party_id: 'CPA' },
        emsp: { country_code: 'DE', party_id: 'EMB' },
      }),
    );
  });

  test('when the operator deletes an agreement, then 204, and deleting it again or an unknown id is 404', async () => {
    expect((await hub.admin('DELETE', `/agreements/${id}`)).status).toBe(204);
    expect((await hub.admin('GET', '/agreements')).body).not.toContainEqual(expect.objectContaining({ id }));
    expect((await hub.admin('DELETE', `/agreements/${id}`)).status).toBe(404);
    expect((await hub.admin('DELETE', '/agreements/not-an-id')).status).toBe(404);
  });
});

describe('a CPO and an eMSP without an agreement', () => {
  beforeAll(clear);

  test('when the CPO broadcasts a location and a tariff, then the eMSP receives neither; the eMSP under agreement and the NSP do', async () => {
    expect((await putLocation('LOC1')).status).toBe(201);
    expect((await putTariff('TAR1')).status).toBe(201);
    await hub.drain();
    expect(ema.received('/locations/')).toHaveLength(0);
    expect(ema.received('/tariffs/')).toHaveLength(0);
    for (const p of [emb, nsp]) {
      expect(p.received('/locations/receiver/NL/CPA/LOC1', 'PUT')).toHaveLength(1);
      expect(p.received('/tariffs/receiver/NL/CPA/TAR1', 'PUT')).toHaveLength(1);
    }
  });

  test("when the eMSP GETs all locations and tariffs from the hub, then it sees none of that CPO's, and X-Total-Count says 0", async () => {
    for (const module of ['locations', 'tariffs']) {
      const res = await getAll(ema, module);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual([]);
      expect(res.headers.get('x-total-count')).toBe('0');
      const control = await getAll(emb, module);
      expect(control.headers.get('x-total-count')).toBe('1');
    }
  });

  test("when the CPO pushes a session and a CDR of the eMSP's token, then the hub keeps them but the eMSP gets nothing, by push or GET-All", async () => {
    expect((await putSession('SES1')).status).toBe(201);
    expect((await postCdr('CDR1')).status).toBe(201);
    await hub.drain();
    expect(ema.received('/sessions/')).toHaveLength(0);
    expect(ema.received('/cdrs/')).toHaveLength(0);
    for (const module of ['sessions', 'cdrs']) {
      const res = await getAll(ema, module);
      expect(res.body.data).toEqual([]);
      expect(res.headers.get('x-total-count')).toBe('0');
    }
    expect(ids(await getAll(cpa, 'sessions'))).toEqual(['SES1']);
  });

  test('when the eMSP pushes a token, then the CPO does not receive it nor see it in GET-All; a token of the eMSP under agreement it does', async () => {
    await pushToken(ema, 'EMA', 'TA1');
    await pushToken(emb, 'EMB', 'TB1');
    await hub.drain();
    expect(cpa.received('/tokens/receiver/DE/EMA')).toHaveLength(0);
    expect(cpa.received('/tokens/receiver/DE/EMB/TB1', 'PUT')).toHaveLength(1);
    const res = await getAll(cpa, 'tokens');
    expect(ids(res)).toEqual(['TB1']);
    expect(res.headers.get('x-total-count')).toBe('1');
  });

  test('when either relays directly to the other, then it is answered like an unknown party (4001), and nothing reaches the other', async () => {
    const get = await ema.ocpi('GET', `${V}/sessions/sender`, { to: CPA });
    expect([get.status, get.body.status_code, get.body.status_message]).toEqual([
      200,
      4001,
      'no party NL*CPA is known to the hub',
    ]);
    const put = await cpa.ocpi('PUT', `${V}/sessions/receiver/NL/CPA/SESX`, {
      to: EMA,
      body: aSession({ country_code: 'NL', party_id: 'CPA', id: 'SESX', cdr_token: cdrToken('EMA', 'U1') }),
    });
    expect(put.body.status_code).toBe(4001);
    expect(cpa.received('/sessions/')).toHaveLength(0);
    expect(ema.received('/sessions/')).toHaveLength(0);
  });

  test('when the CPO asks for real-time authorization of an unknown token, then only the eMSP under agreement is asked', async () => {
    const res = await cpa.ocpi('POST', `${V}/tokens/sender/UNKNOWN-1/authorize`);
    expect(res.body.status_code).toBe(1000);
    expect(ema.received('/authorize')).toHaveLength(0);
    expect(emb.received('/tokens/sender/UNKNOWN-1/authorize', 'POST')).toHaveLength(1);
  });

  test("when the CPO asks for real-time authorization of the eMSP's known token, then it is answered like an unknown token and the eMSP is not asked", async () => {
    const res = await cpa.ocpi('POST', `${V}/tokens/sender/TA1/authorize`);
    const unknown = await cpa.ocpi('POST', `${V}/tokens/sender/NO-SUCH-UID/authorize`);
    expect([res.status, res.body]).toEqual([unknown.status, { ...unknown.body, timestamp: res.body.timestamp }]);
    expect(ema.received('/authorize')).toHaveLength(0);
  });

  test("when the eMSP sends a command to the CPO's location, then it is answered like an unknown location (4001) and the CPO gets nothing", async () => {
    const res = await startAt('LOC1');
    expect([res.status, res.body.status_code]).toEqual([200, 4001]);
    expect(cpa.received('/commands/')).toHaveLength(0);
  });

  test("when the eMSP asks for the CPO's objects by id, then they are unknown to it", async () => {
    const location = await ema.ocpi('GET', `${V}/locations/sender/LOC1`);
    expect(location.status).toBe(404);
    expect(location.body.status_code).toBe(2003);
    expect((await ema.ocpi('GET', `${V}/cdrs/receiver/NL/CPA/CDR1`)).status).toBe(404);
  });

  test('when either routes session requests openly (stop, charging profile, preferences), then none reaches the other', async () => {
    const profile = { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 11000 }] };
    const stop = await ema.ocpi('POST', `${V}/commands/receiver/STOP_SESSION`, {
      body: { session_id: 'SES1', response_url: `${ema.url}/results/2` },
    });
    expect(stop.body.status_code).not.toBe(1000);
    const set = await ema.ocpi('PUT', `${V}/chargingprofiles/receiver/SES1`, {
      body: { response_url: `${ema.url}/cp/1`, charging_profile: profile },
    });
    expect(set.body.status_code).not.toBe(1000);
    const prefs = await ema.ocpi('PUT', `${V}/sessions/sender/SES1/charging_preferences`, {
      body: { profile_type: 'FAST' },
    });
    expect(prefs.body.status_code).not.toBe(1000);
    const active = await cpa.ocpi('PUT', `${V}/chargingprofiles/sender/SES1`, {
      body: { start_date_time: '2025-06-02T08:15:00Z', charging_profile: profile },
    });
    expect(active.status).toBe(403);
    for (const part of ['/commands/', '/chargingprofiles/', '/sessions/']) {
      expect(cpa.received(part)).toHaveLength(0);
      expect(ema.received(part)).toHaveLength(0);
    }
  });
});

describe('a CPO and an eMSP under an agreement', () => {
  let agreement: string;
  beforeAll(async () => {
    clear();
    agreement = (await hub.admin('POST', '/agreements', pair('EMA'))).body.id;
  });

  test("when the CPO broadcasts a location, then the eMSP receives it, and its GET-All shows all of that CPO's locations", async () => {
    await putLocation('LOC2');
    await hub.drain();
    expect(ema.received('/locations/receiver/NL/CPA/LOC2', 'PUT')).toHaveLength(1);
    const res = await getAll(ema, 'locations');
    expect(ids(res)).toEqual(['LOC1', 'LOC2']);
    expect(res.headers.get('x-total-count')).toBe('2');
    expect(ids(await getAll(ema, 'tariffs'))).toEqual(['TAR1']);
  });

  test("when the CPO pushes a session and a CDR of the eMSP's token, then the eMSP receives them and sees them in GET-All", async () => {
    await putSession('SES2');
    await postCdr('CDR2');
    await hub.drain();
    expect(ema.received('/sessions/receiver/NL/CPA/SES2', 'PUT')).toHaveLength(1);
    expect(ema.received('/cdrs/receiver', 'POST').map((c) => (c.body as { id: string }).id)).toEqual(['CDR2']);
    expect(ids(await getAll(ema, 'sessions'))).toEqual(['SES1', 'SES2']);
    expect(ids(await getAll(ema, 'cdrs'))).toEqual(['CDR1', 'CDR2']);
  });

  test('when the eMSP pushes a token, then the CPO receives it and sees it in GET-All', async () => {
    await pushToken(ema, 'EMA', 'TA2');
    await hub.drain();
    expect(cpa.received('/tokens/receiver/DE/EMA/TA2', 'PUT')).toHaveLength(1);
    expect(ids(await getAll(cpa, 'tokens'))).toEqual(['TA1', 'TA2', 'TB1']);
  });

  test('when the eMSP relays to the CPO directly, then it is relayed', async () => {
    const res = await ema.ocpi('GET', `${V}/sessions/sender`, { to: CPA });
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    expect(cpa.received('/sessions/sender', 'GET')).toHaveLength(1);
  });

  test('when the CPO asks for real-time authorization of an unknown token, then this eMSP is asked too', async () => {
    await cpa.ocpi('POST', `${V}/tokens/sender/UNKNOWN-2/authorize`);
    expect(ema.received('/tokens/sender/UNKNOWN-2/authorize', 'POST')).toHaveLength(1);
    expect(emb.received('/tokens/sender/UNKNOWN-2/authorize', 'POST')).toHaveLength(1);
  });

  test("when the eMSP sends a command to the CPO's location, then the CPO receives it", async () => {
    const res = await startAt('LOC1');
    expect(res.body.status_code).toBe(1000);
    expect(cpa.received('/commands/receiver/START_SESSION', 'POST')).toHaveLength(1);
  });

  test("when the CPO's status changes, then its ClientInfo reaches this eMSP, and the CPO is in its list", async () => {
    await hub.admin('POST', `/platforms/${cpa.platformId}/suspend`);
    await hub.admin('POST', `/platforms/${cpa.platformId}/unsuspend`);
    await hub.drain();
    expect(clientInfosOfCpa(ema).map((c) => (c.body as { status: string }).status)).toEqual(['OFFLINE', 'CONNECTED']);
    expect(clientInfosOfCpa(emb)).toHaveLength(2);
    expect(await listedParties(ema)).toEqual(['CPA', 'EMA']);
  });

  afterAll(async () => {
    await hub.admin('DELETE', `/agreements/${agreement}`);
  });
});

describe('an agreement limited to locations', () => {
  let agreement: string;
  beforeAll(async () => {
    clear();
    const res = await hub.admin('POST', '/agreements', pair('EMA', ['locations']));
    expect(res.body.modules).toEqual(['locations']);
    agreement = res.body.id;
  });

  test('when the CPO pushes a location, a tariff and a session, then only the location reaches the eMSP', async () => {
    await putLocation('LOC3');
    await putTariff('TAR3');
    await putSession('SES3');
    await hub.drain();
    expect(ema.received('/locations/receiver/NL/CPA/LOC3', 'PUT')).toHaveLength(1);
    expect(ema.received('/tariffs/')).toHaveLength(0);
    expect(ema.received('/sessions/')).toHaveLength(0);
    expect(emb.received('/tariffs/receiver/NL/CPA/TAR3', 'PUT')).toHaveLength(1);
  });

  test("when the eMSP GETs all, then it sees the CPO's locations but no tariffs or sessions", async () => {
    expect(ids(await getAll(ema, 'locations'))).toEqual(['LOC1', 'LOC2', 'LOC3']);
    for (const module of ['tariffs', 'sessions', 'cdrs']) {
      const res = await getAll(ema, module);
      expect(res.body.data).toEqual([]);
      expect(res.headers.get('x-total-count')).toBe('0');
    }
  });

  test('when the eMSP sends a command, then 403; when the CPO authorizes its token, then the answer of an unknown token (commands and tokens are not agreed)', async () => {
    expect((await startAt('LOC1')).status).toBe(403); // the eMSP sees the location (agreed), so the refusal tells nothing new
    const known = await cpa.ocpi('POST', `${V}/tokens/sender/TA1/authorize`);
    const unknown = await cpa.ocpi('POST', `${V}/tokens/sender/NO-SUCH-UID/authorize`);
    expect([known.status, known.body.status_code]).toEqual([unknown.status, unknown.body.status_code]);
    expect(cpa.received('/commands/')).toHaveLength(0);
    expect(ema.received('/authorize')).toHaveLength(0);
  });

  test('when the operator deletes the agreement, then nothing flows again', async () => {
    expect((await hub.admin('DELETE', `/agreements/${agreement}`)).status).toBe(204);
    clear();
    await putLocation('LOC4');
    await hub.drain();
    expect(ema.received('/locations/')).toHaveLength(0);
    expect(emb.received('/locations/receiver/NL/CPA/LOC4', 'PUT')).toHaveLength(1);
    const res = await getAll(ema, 'locations');
    expect(res.body.data).toEqual([]);
    expect(res.headers.get('x-total-count')).toBe('0');
    expect((await ema.ocpi('GET', `${V}/locations/sender`, { to: CPA })).body.status_code).toBe(4001); // no agreement left: CPA is unknown to EMA
  });
});

// Agreements bind a CPO and an eMSP; a party of role OTHER (e.g. a fleet platform) trades without one, as an NSP does.
describe('a party of role OTHER, outside agreements', () => {
  let oth: FakeParty;
  beforeAll(async () => {
    clear();
    oth = await hub.connect({
      roles: [{ role: 'OTHER', country_code: 'FR', party_id: 'OTH' }],
      modules: [
        { identifier: 'tokens', role: 'SENDER' },
        ...['locations', 'tariffs', 'hubclientinfo'].map((identifier) => ({ identifier, role: 'RECEIVER' as const })),
      ],
    });
  });

  test('when it pushes a token, then the CPO receives it and sees it in its GET-All', async () => {
    const res = await oth.ocpi('PUT', `${V}/tokens/receiver/FR/OTH/TO1?type=RFID`, {
      to: 'hub',
      body: aToken({ country_code: 'FR', party_id: 'OTH', uid: 'TO1', type: 'RFID' }),
    });
    expect(res.status).toBe(201);
    await hub.drain();
    expect(cpa.received('/tokens/receiver/FR/OTH/TO1', 'PUT')).toHaveLength(1);
    const all = await getAll(cpa, 'tokens');
    expect(ids(all)).toContain('TO1');
  });

  test("when the CPO pushes a location, then it receives it and sees the CPO's locations in its GET-All", async () => {
    await putLocation('LOC5');
    await hub.drain();
    expect(oth.received('/locations/receiver/NL/CPA/LOC5', 'PUT')).toHaveLength(1);
    expect(ids(await getAll(oth, 'locations'))).toEqual(['LOC1', 'LOC2', 'LOC3', 'LOC4', 'LOC5']);
  });
});
