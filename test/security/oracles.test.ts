// No existence oracles: a command, a real-time authorization, a single GET or a proxy call about an object the
// caller may not see gets exactly the answer of an unknown object, names no hidden party and leaves nothing behind.
import '../setup/agreements-required';
import mongoose from 'mongoose';
import { aCdr, aLocation, aSession, aStartSession, aStopSession, aToken, anUnlockConnector } from '../builders';
import { ok, type FakeParty, type PartyRole } from '../harness/fake-party';
import type { Answer } from '../harness/http';
import type { Hub } from '../harness/hub';
import { cpoModules, emspModules } from '../harness/modules';
import { startWithPair } from '../harness/pair';

const V = '/ocpi/2.2.1';
const ROLE = {
  CPA: { role: 'CPO', country_code: 'NL', party_id: 'CPA' },
  CPB: { role: 'CPO', country_code: 'NL', party_id: 'CPB' },
  EMA: { role: 'EMSP', country_code: 'DE', party_id: 'EMA' },
  EMB: { role: 'EMSP', country_code: 'DE', party_id: 'EMB' },
} satisfies Record<string, PartyRole>;
type Name = keyof typeof ROLE;
const own = (n: Name) => ({ country_code: ROLE[n].country_code, party_id: ROLE[n].party_id });
const cdrToken = (emsp: Name, uid: string) => ({ ...own(emsp), uid, type: 'RFID' as const, contract_id: `C-${uid}` });

let hub: Hub;
const party = {} as Record<Name, FakeParty>;
const proxies = () => mongoose.connection.collection('proxies').countDocuments();

/** The answer as an outsider sees it, with the probed id replaced: HTTP status, status_code and message. */
const seen = (res: Answer, id: string) => ({
  status: res.status,
  code: res.body?.status_code,
  message: String(res.body?.status_message).split(id).join('<id>'),
});
const HIDDEN_PARTIES = /CPA|CPB|EMB|ZZZ/;

/** Asks the same thing about a hidden object and an unknown one; both answers must be identical and name no one. */
async function probe(ask: (id: string) => Promise<Answer>, hidden: string, unknown: string) {
  const a = seen(await ask(hidden), hidden);
  const b = seen(await ask(unknown), unknown);
  expect(a).toEqual(b);
  expect(a.message).not.toMatch(HIDDEN_PARTIES);
  return a;
}

beforeAll(async () => {
  const pair = await startWithPair({
    cpo: { roles: [ROLE.CPA] },
    emsp: { roles: [ROLE.EMA] },
    more: { EMB: { roles: [ROLE.EMB], modules: emspModules }, CPB: { roles: [ROLE.CPB], modules: cpoModules } },
  });
  hub = pair.hub;
  Object.assign(party, { CPA: pair.cpo, EMA: pair.emsp, ...pair.more });
  await hub.admin('POST', '/agreements', { cpo: own('CPB'), emsp: own('EMB'), modules: ['locations'] }); // EMA and CPB: no agreement
  await party.EMA.ocpi('PUT', `${V}/tokens/receiver/DE/EMA/TA1?type=RFID`, {
    to: 'hub',
    body: aToken({ ...own('EMA'), uid: 'TA1', type: 'RFID' }),
  });
  await party.EMB.ocpi('PUT', `${V}/tokens/receiver/DE/EMB/TB1?type=RFID`, {
    to: 'hub',
    body: aToken({ ...own('EMB'), uid: 'TB1', type: 'RFID' }),
  });
  await party.CPA.ocpi('PUT', `${V}/locations/receiver/NL/CPA/LA1`, {
    to: 'hub',
    body: aLocation({ ...own('CPA'), id: 'LA1' }),
  });
  const hiddenLocation = aLocation({
    ...own('CPA'),
    id: 'LAHID',
    publish: false,
    publish_allowed_to: [{ uid: 'TB1', type: 'RFID' }],
  });
  await party.CPA.ocpi('PUT', `${V}/locations/receiver/NL/CPA/LAHID`, { to: 'hub', body: hiddenLocation });
  await party.CPB.ocpi('PUT', `${V}/locations/receiver/NL/CPB/LB1`, {
    to: 'hub',
    body: aLocation({ ...own('CPB'), id: 'LB1' }),
  });
  await party.CPA.ocpi('PUT', `${V}/sessions/receiver/NL/CPA/SB1`, {
    to: 'hub',
    body: aSession({ ...own('CPA'), id: 'SB1', cdr_token: cdrToken('EMB', 'TB1') }),
  });
  await party.CPA.ocpi('POST', `${V}/cdrs/receiver`, {
    to: 'hub',
    body: aCdr({ ...own('CPA'), id: 'CB1', cdr_token: cdrToken('EMB', 'TB1') }),
  });
  await hub.drain();
  for (const p of Object.values(party)) p.calls = [];
});
afterAll(() => hub.stop());

describe('commands', () => {
  const start = (id: string) =>
    party.EMA.ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
      body: aStartSession({ location_id: id, response_url: `${party.EMA.url}/r/1` }),
    });

  test.each([
    ['a location of a CPO without agreement', 'LB1'],
    ['an unpublished location not listing the caller', 'LAHID'],
  ])(
    'when an eMSP starts a session at %s, then it is answered like an unknown location and no proxy is issued',
    async (_what, id) => {
      const before = await proxies();
      expect(await probe(start, id, 'NO-SUCH-LOC')).toMatchObject({ status: 200, code: 4001 });
      expect(await proxies()).toBe(before);
      expect(party.CPA.calls.length + party.CPB.calls.length).toBe(0);
    },
  );

  test('when an eMSP unlocks a connector or stops a session it may not see, then the answer is that of an unknown one', async () => {
    await probe(
      (id) =>
        party.EMA.ocpi('POST', `${V}/commands/receiver/UNLOCK_CONNECTOR`, {
          body: anUnlockConnector({ location_id: id, response_url: `${party.EMA.url}/r/2` }),
        }),
      'LB1',
      'NO-SUCH-LOC',
    );
    await probe(
      (id) =>
        party.EMA.ocpi('POST', `${V}/commands/receiver/STOP_SESSION`, {
          body: aStopSession({ session_id: id, response_url: `${party.EMA.url}/r/3` }),
        }),
      'SB1',
      'NO-SUCH-SESSION',
    );
  });

  test('when an eMSP names a CPO it has no agreement with, then the CPO is as unknown as one that does not exist', async () => {
    const before = await proxies();
    const startAt = (cpo: PartyRole) =>
      party.EMA.ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
        to: cpo,
        body: aStartSession({ location_id: 'LB1', response_url: `${party.EMA.url}/r/4` }),
      });
    const hidden = seen(await startAt(ROLE.CPB), 'NL*CPB');
    expect(hidden).toEqual(seen(await startAt({ role: 'CPO', country_code: 'NL', party_id: 'ZZZ' }), 'NL*ZZZ'));
    expect(hidden).toMatchObject({ status: 200, code: 4001 });
    expect(await proxies()).toBe(before);
    expect(party.CPB.calls).toEqual([]);
  });

  test('when an eMSP names a CPO it knows but may not send commands to, then 403 before any proxy row is written', async () => {
    const before = await proxies();
    const res = await party.EMB.ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
      to: ROLE.CPB,
      body: aStartSession({ location_id: 'LB1', response_url: `${party.EMB.url}/r/4` }),
    });
    expect(res.status).toBe(403);
    expect(await proxies()).toBe(before);
    expect(party.CPB.calls).toEqual([]);
  });

  test('when an eMSP starts a session at a location it may see, then the command reaches the CPO (the probe is real)', async () => {
    party.CPA.respond = () => ({ status: 200, body: ok({ result: 'ACCEPTED', timeout: 30 }) });
    const res = await start('LA1');
    party.CPA.respond = undefined;
    expect(res.body.status_code).toBe(1000);
    expect(party.CPA.received('/commands/receiver/START_SESSION')).toHaveLength(1);
  });
});

describe('real-time authorization', () => {
  test('when a CPO asks about a token of an eMSP it has no agreement with, then it gets 404/2004 like an unknown token and the eMSP is not asked', async () => {
    const ask = (uid: string) =>
      party.CPB.ocpi('POST', `${V}/tokens/sender/${uid}/authorize`, { body: { location_id: 'LB1' } });
    expect(await probe(ask, 'TA1', 'NO-SUCH-UID')).toMatchObject({ status: 404, code: 2004 });
    expect(party.EMA.received('/authorize')).toEqual([]);
  });
});

describe('single GETs', () => {
  test.each([
    ['a location of a CPO without agreement', 'LB1'],
    ['an unpublished location', 'LAHID'],
  ])('when an eMSP GETs %s, then it gets 404/2003 like an unknown location', async (_what, id) => {
    expect(await probe((x) => party.EMA.ocpi('GET', `${V}/locations/sender/${x}`), id, 'NO-SUCH-LOC')).toMatchObject({
      status: 404,
      code: 2003,
    });
  });

  test("when an eMSP GETs the hub's copy of another eMSP's CDR, then it gets the answer of an unknown CDR", async () => {
    expect(
      await probe((x) => party.EMA.ocpi('GET', `${V}/cdrs/receiver/NL/CPA/${x}`), 'CB1', 'NO-SUCH-CDR'),
    ).toMatchObject({ status: 404 });
  });
});

describe('proxies', () => {
  test('when a party calls a proxy URL issued to another party, then it is answered like an unknown URL and nothing is forwarded', async () => {
    party.CPA.respond = () => ({ status: 200, body: ok({ result: 'ACCEPTED', timeout: 30 }) });
    await party.EMA.ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
      body: aStartSession({ location_id: 'LA1', response_url: `${party.EMA.url}/r/5` }),
    });
    party.CPA.respond = undefined;
    const issued = (party.CPA.received('/commands/receiver/START_SESSION').at(-1)?.body as { response_url: string })
      .response_url;
    const id = issued.split('/').at(-1) as string;
    const ask = (x: string) => party.EMB.ocpi('POST', issued.replace(id, x), { body: { result: 'ACCEPTED' } });
    expect(await probe(ask, id, 'bm8tc3VjaC1wcm94eS1pZC0wMDAwMDAw')).toMatchObject({ status: 404 });
    expect(party.EMA.received('/r/5')).toEqual([]);
  });
});
