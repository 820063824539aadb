// A realistic day on the hub with agreements required: afterwards every party has received exactly what it is
// entitled to (nothing missing, nothing extra), and GET-All gives each exactly its share of every module.
import '../setup/agreements-required';
import { aCdr, aLocation, aSession, aStartSession, aStopSession, aTariff, aToken } from '../builders';
import { ok, type FakeParty, type PartyRole } from '../harness/fake-party';
import type { Answer } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { cpoModules, emspModules, nspModules } from '../harness/modules';

type Name = 'CPA' | 'CPB' | 'EMA' | 'EMB' | 'EMC' | 'NSP';
const ROLE: Record<Name, PartyRole> = {
  CPA: { role: 'CPO', country_code: 'NL', party_id: 'CPA' },
  CPB: { role: 'CPO', country_code: 'NL', party_id: 'CPB' },
  EMA: { role: 'EMSP', country_code: 'DE', party_id: 'EMA' },
  EMB: { role: 'EMSP', country_code: 'DE', party_id: 'EMB' },
  EMC: { role: 'EMSP', country_code: 'BE', party_id: 'EMC' },
  NSP: { role: 'NSP', country_code: 'FR', party_id: 'NSP' },
};
const NAMES = Object.keys(ROLE) as Name[];
const AGREEMENTS: [Name, Name][] = [
  ['CPA', 'EMA'],
  ['CPA', 'EMB'],
  ['CPB', 'EMC'],
];
const V = '/ocpi/2.2.1';
const own = (n: Name) => ({ country_code: ROLE[n].country_code, party_id: ROLE[n].party_id });
const path = (n: Name) => `${ROLE[n].country_code}/${ROLE[n].party_id}`;

// Objects of the day: ids are unique across the day so each names one object.
const TOKENS: Record<string, Name> = { TA1: 'EMA', TA2: 'EMA', TB1: 'EMB', TC1: 'EMC' };
const cdrToken = (uid: string) => {
  const emsp = TOKENS[uid] as Name;
  return { ...own(emsp), uid, type: 'RFID' as const, contract_id: `C-${uid}` };
};

// What each party is entitled to receive from the hub during the day (hand-derived from the agreements above);
// a relayed Sender GET list goes to the URL as the party listed it, trailing / included.
const ENTITLED_CALLS: Record<Name, string[]> = {
  CPA: [
    'tokens:DE*EMA*TA1',
    'tokens:DE*EMA*TA2',
    'tokens:DE*EMB*TB1',
    'commands:STOP_SESSION SA2',
    'relay:GET sessions/sender/',
    'hubclientinfo:DE*EMA',
  ],
  CPB: ['tokens:BE*EMC*TC1', 'relay:GET locations/sender/', 'hubclientinfo:BE*EMC'],
  EMA: [
    'locations:NL*CPA*LA1',
    'locations:NL*CPA*LA2',
    'tariffs:NL*CPA*TARA',
    'sessions:NL*CPA*SA1',
    'cdrs:NL*CPA*CA1',
    'authorize:TA1',
    'hubclientinfo:NL*CPA',
  ],
  EMB: [
    'locations:NL*CPA*LA1',
    'tariffs:NL*CPA*TARA',
    'sessions:NL*CPA*SA2',
    'command result:STOP_SESSION/b-1',
    'hubclientinfo:NL*CPA',
  ],
  EMC: [
    'locations:NL*CPB*LB1',
    'tariffs:NL*CPB*TARB',
    'sessions:NL*CPB*SB1',
    'cdrs:NL*CPB*CB1',
    'authorize:ZZ9',
    'hubclientinfo:NL*CPB',
  ],
  NSP: [
    'locations:NL*CPA*LA1',
    'locations:NL*CPB*LB1',
    'tariffs:NL*CPA*TARA',
    'tariffs:NL*CPB*TARB',
    'hubclientinfo:NL*CPA',
    'hubclientinfo:NL*CPB',
  ],
};
// What GET-All from the hub must give each party, per module (null: refused, 403).
const ENTITLED_LISTS: Record<Name, Record<string, string[] | null>> = {
  CPA: {
    locations: ['NL*CPA*LA1', 'NL*CPA*LA2'],
    tariffs: ['NL*CPA*TARA'],
    tokens: ['DE*EMA*TA1', 'DE*EMA*TA2', 'DE*EMB*TB1'],
    sessions: ['NL*CPA*SA1', 'NL*CPA*SA2', 'NL*CPA*SA3'],
    cdrs: ['NL*CPA*CA1', 'NL*CPA*CA3'],
    hubclientinfo: ['DE*EMA', 'DE*EMB', 'FR*NSP', 'NL*CPA'],
  },
  CPB: {
    locations: ['NL*CPB*LB1'],
    tariffs: ['NL*CPB*TARB'],
    tokens: ['BE*EMC*TC1'],
    sessions: ['NL*CPB*SB1'],
    cdrs: ['NL*CPB*CB1'],
    hubclientinfo: ['BE*EMC', 'FR*NSP', 'NL*CPB'],
  },
  EMA: {
    locations: ['NL*CPA*LA1', 'NL*CPA*LA2'],
    tariffs: ['NL*CPA*TARA'],
    tokens: ['DE*EMA*TA1', 'DE*EMA*TA2'],
    sessions: ['NL*CPA*SA1'],
    cdrs: ['NL*CPA*CA1'],
    hubclientinfo: ['DE*EMA', 'NL*CPA'],
  },
  EMB: {
    locations: ['NL*CPA*LA1'],
    tariffs: ['NL*CPA*TARA'],
    tokens: ['DE*EMB*TB1'],
    sessions: ['NL*CPA*SA2'],
    cdrs: [],
    hubclientinfo: ['DE*EMB', 'NL*CPA'],
  },
  EMC: {
    locations: ['NL*CPB*LB1'],
    tariffs: ['NL*CPB*TARB'],
    tokens: ['BE*EMC*TC1'],
    sessions: ['NL*CPB*SB1'],
    cdrs: ['NL*CPB*CB1'],
    hubclientinfo: ['BE*EMC', 'NL*CPB'],
  },
  NSP: {
    locations: ['NL*CPA*LA1', 'NL*CPB*LB1'],
    tariffs: ['NL*CPA*TARA', 'NL*CPB*TARB'],
    tokens: null,
    sessions: null,
    cdrs: null,
    hubclientinfo: ['FR*NSP', 'NL*CPA', 'NL*CPB'],
  },
};

/** The objects (and requests) a party received, named `module:id`, from what its fake backend recorded. */
function receivedBy(p: FakeParty): string[] {
  const out = new Set<string>();
  for (const c of p.calls) {
    const url = new URL(c.path, 'http://x');
    const [, ocpi, version, module, side, ...rest] = url.pathname.split('/').map(decodeURIComponent);
    const body = (c.body ?? {}) as Record<string, unknown>;
    if (ocpi !== 'ocpi' || version !== '2.2.1') out.add(`other:${c.method} ${url.pathname}`);
    else if (module === 'hubclientinfo') out.add(`hubclientinfo:${rest[0]}*${rest[1]}`);
    else if (module === 'cdrs' && side === 'receiver' && c.method === 'POST')
      out.add(`cdrs:${String(body.country_code)}*${String(body.party_id)}*${String(body.id)}`);
    else if (module === 'commands' && side === 'receiver')
      out.add(`commands:${rest[0]} ${String(body.session_id ?? body.location_id)}`);
    else if (module === 'commands' && side === 'sender') out.add(`command result:${rest.join('/')}`);
    else if (module === 'tokens' && side === 'sender' && rest[1] === 'authorize') out.add(`authorize:${rest[0]}`);
    else if (side === 'receiver' && rest.length >= 3) out.add(`${module}:${rest[0]}*${rest[1]}*${rest[2]}`);
    else out.add(`relay:${c.method} ${[module, side, ...rest].join('/')}`);
  }
  return [...out].sort();
}

/** ClientInfo is named by its party; every other object by its party and id (uid for tokens). */
const listKey = (o: Record<string, unknown>) =>
  [o.country_code, o.party_id, o.id ?? o.uid]
    .filter((v) => v !== undefined)
    .map(String)
    .join('*');

let hub: Hub;
const party = {} as Record<Name, FakeParty>;
const answers: Record<string, Answer> = {};

/** One step of the day; its answer is kept for the assertions. */
async function step(name: string, p: Name, method: string, url: string, o: Parameters<FakeParty['ocpi']>[2] = {}) {
  answers[name] = await party[p].ocpi(method, url, o);
  return answers[name];
}
const pushLocation = (cpo: Name, id: string, extra: Record<string, unknown> = {}) =>
  step(`location ${id}`, cpo, 'PUT', `${V}/locations/receiver/${path(cpo)}/${id}`, {
    to: 'hub',
    body: aLocation({ ...own(cpo), id, ...extra }),
  });
const pushTariff = (cpo: Name, id: string) =>
  step(`tariff ${id}`, cpo, 'PUT', `${V}/tariffs/receiver/${path(cpo)}/${id}`, {
    to: 'hub',
    body: aTariff({ ...own(cpo), id }),
  });
const pushSession = (cpo: Name, id: string, uid: string) =>
  step(`session ${id}`, cpo, 'PUT', `${V}/sessions/receiver/${path(cpo)}/${id}`, {
    to: 'hub',
    body: aSession({ ...own(cpo), id, cdr_token: cdrToken(uid) }),
  });
const postCdr = (cpo: Name, id: string, uid: string) =>
  step(`cdr ${id}`, cpo, 'POST', `${V}/cdrs/receiver`, {
    to: 'hub',
    body: aCdr({ ...own(cpo), id, cdr_token: cdrToken(uid) }),
  });

async function aDay(): Promise<void> {
  // Morning: eMSPs push their tokens, CPOs their locations (one of CPA's only for a token of EMA) and tariffs.
  for (const [uid, emsp] of Object.entries(TOKENS)) {
    await step(`token ${uid}`, emsp, 'PUT', `${V}/tokens/receiver/${path(emsp)}/${uid}?type=RFID`, {
      to: 'hub',
      body: aToken({ ...own(emsp), uid, type: 'RFID' }),
    });
  }
  await pushLocation('CPA', 'LA1');
  await pushLocation('CPA', 'LA2', { publish: false, publish_allowed_to: [{ uid: 'TA1', type: 'RFID' }] });
  await pushLocation('CPB', 'LB1');
  await pushTariff('CPA', 'TARA');
  await pushTariff('CPB', 'TARB');
  await hub.drain();

  // Midday: EVSE status changes, sessions start (SA3 is a token of EMC at CPA, with whom EMC has no agreement).
  await step('evse LA2', 'CPA', 'PATCH', `${V}/locations/receiver/NL/CPA/LA2/VP-UT-0042-1`, {
    body: { status: 'CHARGING', last_updated: '2025-06-02T09:00:00Z' },
  });
  await step('evse LB1', 'CPB', 'PATCH', `${V}/locations/receiver/NL/CPB/LB1/VP-UT-0042-2`, {
    body: { status: 'AVAILABLE', last_updated: '2025-06-02T09:05:00Z' },
  });
  await pushSession('CPA', 'SA1', 'TA1');
  await pushSession('CPA', 'SA2', 'TB1');
  await pushSession('CPA', 'SA3', 'TC1');
  await pushSession('CPB', 'SB1', 'TC1');
  await step('session SA1 patch', 'CPA', 'PATCH', `${V}/sessions/receiver/NL/CPA/SA1`, {
    body: { kwh: 20.5, last_updated: '2025-06-02T09:30:00Z' },
  });
  await step('authorize TA1', 'CPA', 'POST', `${V}/tokens/sender/TA1/authorize`, { body: { location_id: 'LA2' } });
  await step('authorize ZZ9', 'CPB', 'POST', `${V}/tokens/sender/ZZ9/authorize`, { body: { location_id: 'LB1' } });
  await step('stop SA2', 'EMB', 'POST', `${V}/commands/receiver/STOP_SESSION`, {
    body: aStopSession({ session_id: 'SA2', response_url: `${party.EMB.url}${V}/commands/sender/STOP_SESSION/b-1` }),
  });
  const proxied = (
    party.CPA.received('/commands/receiver/STOP_SESSION', 'POST')[0]?.body as { response_url: string } | undefined
  )?.response_url;
  if (proxied) await step('result SA2', 'CPA', 'POST', proxied, { body: { result: 'ACCEPTED' } });
  await step('start at LA1 by EMC', 'EMC', 'POST', `${V}/commands/receiver/START_SESSION`, {
    body: aStartSession({ location_id: 'LA1', response_url: `${party.EMC.url}/r/1` }),
  });
  await step('stop SA3 by EMC', 'EMC', 'POST', `${V}/commands/receiver/STOP_SESSION`, {
    body: aStopSession({ session_id: 'SA3', response_url: `${party.EMC.url}/r/2` }),
  });

  // Relays: EMA reads its agreed CPO's sessions, the NSP CPB's locations; forbidden pairs try too.
  party.CPA.respond = (r) =>
    r.path.startsWith(`${V}/sessions/sender`)
      ? { status: 200, body: ok([aSession({ ...own('CPA'), id: 'SA1', cdr_token: cdrToken('TA1') })]) }
      : undefined;
  await step('EMA reads CPA sessions', 'EMA', 'GET', `${V}/sessions/sender`, { to: ROLE.CPA });
  await step('NSP reads CPB locations', 'NSP', 'GET', `${V}/locations/sender`, { to: ROLE.CPB });
  await step('EMC reads CPA sessions', 'EMC', 'GET', `${V}/sessions/sender`, { to: ROLE.CPA });
  await step('EMA reads CPB sessions', 'EMA', 'GET', `${V}/sessions/sender`, { to: ROLE.CPB });
  await step('EMB reads CPB tariffs', 'EMB', 'GET', `${V}/tariffs/sender`, { to: ROLE.CPB });
  await step('NSP reads CPA sessions', 'NSP', 'GET', `${V}/sessions/sender`, { to: ROLE.CPA });
  await step('CPA sends EMC a session', 'CPA', 'PUT', `${V}/sessions/receiver/NL/CPA/SA3`, {
    to: ROLE.EMC,
    body: aSession({ ...own('CPA'), id: 'SA3', cdr_token: cdrToken('TC1') }),
  });
  party.CPA.respond = undefined;

  // Afternoon: EMA and EMC go down for maintenance and come back (ClientInfo); evening: CDRs.
  for (const n of ['EMA', 'EMC'] as const) {
    await hub.admin('POST', `/platforms/${party[n].platformId}/suspend`);
    await hub.admin('POST', `/platforms/${party[n].platformId}/unsuspend`);
  }
  await postCdr('CPA', 'CA1', 'TA1');
  await postCdr('CPA', 'CA3', 'TC1');
  await postCdr('CPB', 'CB1', 'TC1');
  await hub.drain();
}

beforeAll(async () => {
  hub = await startHub();
  for (const [cpo, emsp] of AGREEMENTS) {
    const res = await hub.admin('POST', '/agreements', { cpo: own(cpo), emsp: own(emsp) });
    if (res.status !== 201) throw new Error(`agreement: ${JSON.stringify(res.body)}`);
  }
  // eMSPs and the NSP first: each hears of the CPOs that connect later (and may trade with it)
  for (const n of ['EMA', 'EMB', 'EMC', 'NSP', 'CPA', 'CPB'] as const) {
    const modules = ROLE[n].role === 'CPO' ? cpoModules : ROLE[n].role === 'EMSP' ? emspModules : nspModules;
    party[n] = await hub.connect({ roles: [ROLE[n]], modules });
  }
  await aDay();
});
afterAll(() => hub.stop());

describe('the day itself', () => {
  test('when the parties pushed, then the hub accepted every push', () => {
    for (const [name, res] of Object.entries(answers).filter(([n]) =>
      /^(token|location|tariff|session|cdr|evse) /.test(n),
    )) {
      expect({ name, status: res.status, code: res.body.status_code }).toEqual({
        name,
        status: expect.any(Number),
        code: 1000,
      });
    }
  });

  test('when parties under agreement relayed, then they got the answer; forbidden pairs got 403 or 4001 and the target nothing', () => {
    expect(answers['EMA reads CPA sessions']?.body.data.map((s: { id: string }) => s.id)).toEqual(['SA1']);
    expect(answers['NSP reads CPB locations']?.body.status_code).toBe(1000);
    expect(answers['NSP reads CPA sessions']?.status).toBe(403); // the NSP may trade locations with CPA, so it knows CPA
    // a party the caller may not trade with at all is unknown to it, as in hubclientinfo
    for (const name of [
      'EMC reads CPA sessions',
      'EMA reads CPB sessions',
      'EMB reads CPB tariffs',
      'CPA sends EMC a session',
    ]) {
      expect({ name, code: answers[name]?.body.status_code }).toEqual({ name, code: 4001 });
    }
    // open routing to a location the eMSP may not see: answered like an unknown location (no existence oracle)
    expect(answers['start at LA1 by EMC']?.body.status_code).toBe(4001);
  });

  test('when open routing met a session of a CPO the eMSP has no agreement with, then it was refused', () => {
    expect(answers['stop SA3 by EMC']?.body.status_code).not.toBe(1000);
    expect(answers['stop SA2']?.body.status_code).toBe(1000);
    expect(answers['result SA2']?.body.status_code).toBe(1000);
  });
});

describe('what each party received', () => {
  test.each(NAMES)('when the day is over, then %s received exactly what it is entitled to', (n) => {
    expect(receivedBy(party[n])).toEqual([...ENTITLED_CALLS[n]].sort());
  });

  test('when the day is over, then the session and CDR of the token of an eMSP without agreement reached nobody', () => {
    for (const n of NAMES) {
      expect(receivedBy(party[n]).filter((id) => /\*(SA3|CA3)$/.test(id))).toEqual([]);
    }
  });
});

describe('what each party reads from the hub', () => {
  const cells = NAMES.flatMap((n) => Object.keys(ENTITLED_LISTS[n]).map((module) => ({ n, module })));

  test.each(cells)(
    'when $n GETs all $module, then it gets exactly its entitled set, and X-Total-Count agrees',
    async ({ n, module }) => {
      const expected = ENTITLED_LISTS[n][module];
      const res = await party[n].ocpi(
        'GET',
        module === 'hubclientinfo' ? `${V}/hubclientinfo` : `${V}/${module}/sender`,
        module === 'hubclientinfo' ? {} : { to: 'hub' },
      );
      if (expected === null || expected === undefined) {
        expect(res.status).toBe(403);
        return;
      }
      expect(res.status).toBe(200);
      expect((res.body.data as Record<string, unknown>[]).map(listKey).sort()).toEqual([...expected].sort());
      expect(res.headers.get('x-total-count')).toBe(String(expected.length));
    },
  );
});
