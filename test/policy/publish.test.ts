// publish=false locations (2.2.1 locations, publish_allowed_to): they reach only the eMSPs holding a listed token,
// matched by uid and type, by visual_number and issuer, or by group_id; never an NSP.
import { aLocation, aToken } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Answer } from '../harness/http';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';
import { emspModules, nspModules } from '../harness/modules';

let hub: Hub;
let cpa: FakeParty;
let ema: FakeParty;
let emb: FakeParty;
let nsp: FakeParty;
const V = '/ocpi/2.2.1';
const EVSE = 'VP-UT-0042-1'; // the builder's first EVSE
const ids = (res: Answer) => (res.body.data as { id: string }[]).map((l) => l.id).sort();
const putIds = (party: FakeParty) =>
  [...new Set(party.received('/locations/receiver/NL/CPA/', 'PUT').map((c) => c.path.split('/')[7]))].sort();
const pushToken = (emsp: FakeParty, party_id: string, token: Record<string, unknown>) =>
  emsp.ocpi('PUT', `${V}/tokens/receiver/DE/${party_id}/${String(token.uid)}?type=${String(token.type ?? 'RFID')}`, {
    to: 'hub',
    body: aToken({ country_code: 'DE', party_id, visual_number: undefined, group_id: undefined, ...token }),
  });
const putLocation = (id: string, fields: Record<string, unknown>) =>
  cpa.ocpi('PUT', `${V}/locations/receiver/NL/CPA/${id}`, {
    to: 'hub',
    body: aLocation({ country_code: 'NL', party_id: 'CPA', id, ...fields }),
  });

// HIDDEN-* are unpublished; each lists one token of DE*EMA, found by a different kind of reference.
const ALLOWED = {
  'HIDDEN-UID': [{ uid: 'PUB-UID-1', type: 'RFID' }],
  'HIDDEN-VIS': [{ visual_number: 'VIS-0001', issuer: 'Issuer One' }],
  'HIDDEN-GRP': [{ group_id: 'GRP-1' }],
};
const FOR_EMA = ['HIDDEN-GRP', 'HIDDEN-UID', 'HIDDEN-VIS', 'PUBLIC'];

beforeAll(async () => {
  ({
    hub,
    cpo: cpa,
    emsp: ema,
    more: { emb, nsp },
  } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
    more: {
      emb: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: emspModules },
      nsp: { roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }], modules: nspModules },
    },
  }));
  // DE*EMA holds one token per kind of reference
  await pushToken(ema, 'EMA', { uid: 'PUB-UID-1', type: 'RFID' });
  await pushToken(ema, 'EMA', { uid: 'PUB-UID-2', visual_number: 'VIS-0001', issuer: 'Issuer One' });
  await pushToken(ema, 'EMA', { uid: 'PUB-UID-3', group_id: 'GRP-1' });
  // DE*EMB holds near misses: same uid of another type, same visual_number of another issuer, another group
  await pushToken(emb, 'EMB', { uid: 'PUB-UID-1', type: 'APP_USER' });
  await pushToken(emb, 'EMB', { uid: 'PUB-UID-4', visual_number: 'VIS-0001', issuer: 'Issuer Two' });
  await pushToken(emb, 'EMB', { uid: 'PUB-UID-5', group_id: 'GRP-2' });
  for (const [id, publish_allowed_to] of Object.entries(ALLOWED))
    expect((await putLocation(id, { publish: false, publish_allowed_to })).status).toBe(201);
  expect((await putLocation('HIDDEN-NONE', { publish: false })).status).toBe(201);
  expect((await putLocation('PUBLIC', { publish: true })).status).toBe(201);
  await hub.drain();
});
afterAll(() => hub.stop());

describe('broadcast of unpublished locations', () => {
  test('when the CPO pushes them, then the eMSP holding a listed token receives each (by uid+type, visual_number+issuer, group_id)', () => {
    expect(putIds(ema)).toEqual(FOR_EMA);
  });

  test('when the CPO pushes them, then an eMSP holding only near-miss tokens and the NSP receive only the published one', () => {
    expect(putIds(emb)).toEqual(['PUBLIC']);
    expect(putIds(nsp)).toEqual(['PUBLIC']);
  });

  test('when a published location is pushed, then every eMSP and the NSP receive it', () => {
    for (const p of [ema, emb, nsp]) expect(p.received('/locations/receiver/NL/CPA/PUBLIC', 'PUT')).toHaveLength(1);
  });

  test('when an EVSE and a connector of an unpublished location change, then only the allowed eMSP receives the updates', async () => {
    for (const p of [ema, emb, nsp]) p.calls = [];
    const evse = await cpa.ocpi('PATCH', `${V}/locations/receiver/NL/CPA/HIDDEN-UID/${EVSE}`, {
      body: { status: 'CHARGING', last_updated: '2025-06-03T10:00:00Z' },
    });
    expect(evse.status).toBe(200);
    const connector = await cpa.ocpi('PATCH', `${V}/locations/receiver/NL/CPA/HIDDEN-GRP/${EVSE}/1`, {
      body: { max_amperage: 16, last_updated: '2025-06-03T10:05:00Z' },
    });
    expect(connector.status).toBe(200);
    await hub.drain();
    expect(ema.received(`/locations/receiver/NL/CPA/HIDDEN-UID/${EVSE}`, 'PATCH')).toHaveLength(1);
    expect(ema.received(`/locations/receiver/NL/CPA/HIDDEN-GRP/${EVSE}/1`, 'PATCH')).toHaveLength(1);
    expect(emb.received('/locations/')).toHaveLength(0);
    expect(nsp.received('/locations/')).toHaveLength(0);
  });
});

describe('reading unpublished locations from the hub', () => {
  test('when the allowed eMSP GETs all locations, then it sees the published one and the ones listing its tokens, with the count', async () => {
    const res = await ema.ocpi('GET', `${V}/locations/sender`, { to: 'hub' });
    expect(ids(res)).toEqual(FOR_EMA);
    expect(res.headers.get('x-total-count')).toBe(String(FOR_EMA.length));
  });

  test('when another eMSP or the NSP GETs all locations, then only the published one, with a count of 1', async () => {
    for (const p of [emb, nsp]) {
      const res = await p.ocpi('GET', `${V}/locations/sender`, { to: 'hub' });
      expect(ids(res)).toEqual(['PUBLIC']);
      expect(res.headers.get('x-total-count')).toBe('1');
    }
  });

  test('when the owner CPO GETs all locations, then it sees all of its own, the unlisted unpublished one included', async () => {
    expect(ids(await cpa.ocpi('GET', `${V}/locations/sender`, { to: 'hub' }))).toEqual(
      [...FOR_EMA, 'HIDDEN-NONE'].sort(),
    );
  });

  test.each(Object.keys(ALLOWED))(
    'when parties GET %s by id, then the allowed eMSP gets it; the other eMSP and the NSP get 404/2003',
    async (id) => {
      const mine = await ema.ocpi('GET', `${V}/locations/sender/${id}`);
      expect(mine.status).toBe(200);
      expect(mine.body.data.id).toBe(id);
      expect((await ema.ocpi('GET', `${V}/locations/sender/${id}/${EVSE}`)).body.data.uid).toBe(EVSE);
      for (const p of [emb, nsp]) {
        for (const path of [id, `${id}/${EVSE}`, `${id}/${EVSE}/1`]) {
          const res = await p.ocpi('GET', `${V}/locations/sender/${path}`);
          expect(res.status).toBe(404);
          expect(res.body.status_code).toBe(2003);
        }
      }
    },
  );

  test('when an unpublished location lists no token, then no eMSP gets it by id', async () => {
    for (const p of [ema, emb, nsp])
      expect((await p.ocpi('GET', `${V}/locations/sender/HIDDEN-NONE`)).status).toBe(404);
  });
});

describe("publish_allowed_to names other eMSPs' drivers", () => {
  test('when a location lists tokens of two eMSPs, then each receives and reads only its own entries, and the owner CPO all', async () => {
    const both = [{ uid: 'PUB-UID-1', type: 'RFID' }, { uid: 'PUB-UID-4', type: 'RFID' }, { group_id: 'GRP-2' }];
    await pushToken(emb, 'EMB', { uid: 'PUB-UID-4', type: 'RFID' });
    expect((await putLocation('SHARED', { publish: false, publish_allowed_to: both })).status).toBe(201);
    await hub.drain();
    const pushed = (party: FakeParty) =>
      (party.received('/locations/receiver/NL/CPA/SHARED', 'PUT')[0]?.body as { publish_allowed_to: unknown[] })
        .publish_allowed_to;
    expect(pushed(ema)).toEqual([{ uid: 'PUB-UID-1', type: 'RFID' }]);
    expect(pushed(emb)).toEqual([{ uid: 'PUB-UID-4', type: 'RFID' }, { group_id: 'GRP-2' }]);
    const read = async (party: FakeParty) =>
      ((await party.ocpi('GET', `${V}/locations/sender/SHARED`)).body.data as { publish_allowed_to: unknown[] })
        .publish_allowed_to;
    expect(await read(ema)).toEqual([{ uid: 'PUB-UID-1', type: 'RFID' }]);
    const page = (await emb.ocpi('GET', `${V}/locations/sender?limit=100`)).body.data as {
      id: string;
      publish_allowed_to?: unknown[];
    }[];
    expect(page.find((l) => l.id === 'SHARED')?.publish_allowed_to).toEqual([
      { uid: 'PUB-UID-4', type: 'RFID' },
      { group_id: 'GRP-2' },
    ]);
    expect((await cpa.ocpi('GET', `${V}/locations/receiver/NL/CPA/SHARED`)).body.data.publish_allowed_to).toEqual(both);
  });
});
