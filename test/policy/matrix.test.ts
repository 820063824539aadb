// The visibility matrix: every role × functional module × hub interface, checked against the spec's typical-roles
// table.
import { aCdr, aLocation, aSession, aSetChargingProfile, aStartSession, aTariff, aToken } from '../builders';
import type { FakeParty, PartyRole } from '../harness/fake-party';
import type { Answer } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';

type Role = 'CPO' | 'EMSP' | 'NSP' | 'OTHER';
type Module = 'locations' | 'sessions' | 'cdrs' | 'tariffs' | 'tokens' | 'commands' | 'chargingprofiles';
type Iface = 'SENDER' | 'RECEIVER';
const ROLES: Role[] = ['CPO', 'EMSP', 'NSP', 'OTHER'];

// 2.2.1 "Typical OCPI implementation per Role": CPO sends locations, sessions, cdrs, tariffs and receives tokens,
// commands,
// chargingprofiles; eMSP the opposite; NSP receives locations and tariffs. The hub's documented choices: OTHER receives
// locations and tariffs and may send tokens. Written out here on purpose, not imported from src.
const TYPICAL: Record<Module, { sender: Role[]; receiver: Role[] }> = {
  locations: { sender: ['CPO'], receiver: ['EMSP', 'NSP', 'OTHER'] },
  sessions: { sender: ['CPO'], receiver: ['EMSP'] },
  cdrs: { sender: ['CPO'], receiver: ['EMSP'] },
  tariffs: { sender: ['CPO'], receiver: ['EMSP', 'NSP', 'OTHER'] },
  tokens: { sender: ['EMSP', 'OTHER'], receiver: ['CPO'] },
  commands: { sender: ['EMSP'], receiver: ['CPO'] },
  chargingprofiles: { sender: ['EMSP'], receiver: ['CPO'] },
};
// Modules whose hub Sender interface is a GET-All: there, owners may also read (their own data; the hub's readerRoles).
const GET_ALL: Module[] = ['locations', 'sessions', 'cdrs', 'tariffs', 'tokens'];

/**
 * The hub's Receiver is called by the module's Senders; its Sender by the module's Receivers (and by owners on
 * GET-All).
 */
function allowedCallers(module: Module, iface: Iface): Role[] {
  if (iface === 'RECEIVER') return TYPICAL[module].sender;
  return GET_ALL.includes(module) ? [...TYPICAL[module].receiver, ...TYPICAL[module].sender] : TYPICAL[module].receiver;
}

const ID: Record<Role, PartyRole> = {
  CPO: { role: 'CPO', country_code: 'NL', party_id: 'CPA' },
  EMSP: { role: 'EMSP', country_code: 'DE', party_id: 'EMA' },
  NSP: { role: 'NSP', country_code: 'BE', party_id: 'NSA' },
  OTHER: { role: 'OTHER', country_code: 'FR', party_id: 'OTH' },
};
const V = '/ocpi/2.2.1';
const own = (r: Role) => ({ country_code: ID[r].country_code, party_id: ID[r].party_id });
const ns = (r: Role) => `${ID[r].country_code}/${ID[r].party_id}`;
// Every fake party lists both interfaces of every module, so what each receives is decided by the hub's policy alone.
const EVERYTHING = [...Object.keys(TYPICAL), 'hubclientinfo'].flatMap((identifier) =>
  (['SENDER', 'RECEIVER'] as const).map((role) => ({ identifier, role })),
);
const EMA_TOKEN = {
  country_code: 'DE',
  party_id: 'EMA',
  uid: 'MATRIX-T1',
  type: 'RFID' as const,
  contract_id: 'DE-EMA-CM1',
};

let hub: Hub;
const party = {} as Record<Role, FakeParty>;
let seq = 0;

/**
 * A START_SESSION from the eMSP to the CPO; returns the hub proxy the CPO got as response_url (the commands Sender
 * side).
 */
async function commandResultUrl(): Promise<string> {
  const n = ++seq;
  const res = await party.EMSP.ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
    body: aStartSession({ location_id: 'M-LOC', response_url: `${party.EMSP.url}/results/${n}` }),
  });
  if (res.body.status_code !== 1000) throw new Error(`START_SESSION failed: ${JSON.stringify(res.body)}`);
  const sent = party.CPO.received('/commands/receiver/START_SESSION', 'POST').at(-1);
  return (sent?.body as { response_url: string }).response_url;
}

// One representative endpoint of each hub interface, called as a party of `r` (acting in its own namespace).
const CALLS: Record<Module, Record<Iface, (r: Role) => Promise<Answer>>> = {
  locations: {
    RECEIVER: (r) =>
      party[r].ocpi('PUT', `${V}/locations/receiver/${ns(r)}/L-${r}`, {
        to: 'hub',
        body: aLocation({ ...own(r), id: `L-${r}` }),
      }),
    SENDER: (r) => party[r].ocpi('GET', `${V}/locations/sender`, { to: 'hub' }),
  },
  sessions: {
    RECEIVER: (r) =>
      party[r].ocpi('PUT', `${V}/sessions/receiver/${ns(r)}/S-${r}`, {
        to: 'hub',
        body: aSession({ ...own(r), id: `S-${r}`, cdr_token: EMA_TOKEN }),
      }),
    SENDER: (r) => party[r].ocpi('GET', `${V}/sessions/sender`, { to: 'hub' }),
  },
  cdrs: {
    RECEIVER: (r) =>
      party[r].ocpi('POST', `${V}/cdrs/receiver`, {
        to: 'hub',
        body: aCdr({ ...own(r), id: `C-${r}`, cdr_token: EMA_TOKEN }),
      }),
    SENDER: (r) => party[r].ocpi('GET', `${V}/cdrs/sender`, { to: 'hub' }),
  },
  tariffs: {
    RECEIVER: (r) =>
      party[r].ocpi('PUT', `${V}/tariffs/receiver/${ns(r)}/T-${r}`, {
        to: 'hub',
        body: aTariff({ ...own(r), id: `T-${r}` }),
      }),
    SENDER: (r) => party[r].ocpi('GET', `${V}/tariffs/sender`, { to: 'hub' }),
  },
  tokens: {
    RECEIVER: (r) =>
      party[r].ocpi('PUT', `${V}/tokens/receiver/${ns(r)}/K-${r}?type=RFID`, {
        to: 'hub',
        body: aToken({ ...own(r), uid: `K-${r}`, type: 'RFID' }),
      }),
    SENDER: (r) => party[r].ocpi('GET', `${V}/tokens/sender`, { to: 'hub' }),
  },
  commands: {
    RECEIVER: (r) =>
      party[r].ocpi('POST', `${V}/commands/receiver/START_SESSION`, {
        body: aStartSession({ location_id: 'M-LOC', response_url: `${party[r].url}/results/r` }),
      }),
    // The hub serves the commands Sender side as the proxy it puts in each command's response_url (issued to that CPO).
    SENDER: async (r) => party[r].ocpi('POST', await commandResultUrl(), { body: { result: 'ACCEPTED' } }),
  },
  chargingprofiles: {
    RECEIVER: (r) =>
      party[r].ocpi('PUT', `${V}/chargingprofiles/receiver/M-SES`, {
        body: aSetChargingProfile({ response_url: `${party[r].url}/cp/r` }),
      }),
    SENDER: (r) =>
      party[r].ocpi('PUT', `${V}/chargingprofiles/sender/M-SES`, {
        body: {
          start_date_time: '2025-06-02T08:15:00Z',
          charging_profile: { charging_rate_unit: 'W', charging_profile_period: [{ start_period: 0, limit: 11000 }] },
        },
      }),
  },
};

const cells = (Object.keys(TYPICAL) as Module[]).flatMap((module) =>
  (['RECEIVER', 'SENDER'] as Iface[]).flatMap((iface) =>
    ROLES.map((role) => ({ module, iface, role, allowed: allowedCallers(module, iface).includes(role) })),
  ),
);

beforeAll(async () => {
  hub = await startHub();
  for (const role of ROLES) party[role] = await hub.connect({ roles: [ID[role]], modules: EVERYTHING });
  // what commands and charging profiles are routed by: a location of the CPO and a session of the eMSP's token there
  await party.CPO.ocpi('PUT', `${V}/locations/receiver/NL/CPA/M-LOC`, {
    to: 'hub',
    body: aLocation({ ...own('CPO'), id: 'M-LOC' }),
  });
  await party.CPO.ocpi('PUT', `${V}/sessions/receiver/NL/CPA/M-SES`, {
    to: 'hub',
    body: aSession({ ...own('CPO'), id: 'M-SES', cdr_token: EMA_TOKEN }),
  });
});
afterAll(() => hub.stop());

describe('the role × module × interface matrix', () => {
  test('when the matrix is built from the spec, then it covers 4 roles × 7 modules × 2 interfaces and refuses somewhere in every module', () => {
    expect(cells).toHaveLength(56);
    for (const module of Object.keys(TYPICAL)) expect(cells.some((c) => c.module === module && !c.allowed)).toBe(true);
  });

  test.each(cells.filter((c) => c.allowed))(
    "when the $role calls the hub's $module $iface interface, then it is served",
    async ({ module, iface, role }) => {
      const res = await CALLS[module][iface](role);
      expect(res.status).not.toBe(403);
      expect([200, 201]).toContain(res.status);
      expect(res.body.status_code).toBe(1000);
    },
  );

  test.each(cells.filter((c) => !c.allowed && !(c.module === 'commands' && c.iface === 'SENDER')))(
    "when the $role calls the hub's $module $iface interface, then 403/2000 naming the interface",
    async ({ module, iface, role }) => {
      const res = await CALLS[module][iface](role);
      expect(res.status).toBe(403);
      expect(res.body.status_code).toBe(2000);
      const side = iface === 'RECEIVER' ? 'Receiver' : 'Sender';
      expect(res.body.status_message).toContain(`${module} ${side} interface`);
      expect(res.body.status_message).toContain(role);
    },
  );

  // A response_url proxy is issued to the one CPO that got the command: to anyone else it does not exist (404, not 403,
  // so its existence is not revealed), and the result does not reach the eMSP.
  test.each(cells.filter((c) => !c.allowed && c.module === 'commands' && c.iface === 'SENDER'))(
    'when the $role posts a CommandResult to a response_url proxy issued to the CPO, then 404 and nothing reaches the eMSP',
    async ({ role }) => {
      const before = party.EMSP.received('/results/', 'POST').length;
      const res = await CALLS.commands.SENDER(role);
      expect(res.status).toBe(404);
      expect(res.body.status_code).toBe(2000);
      expect(party.EMSP.received('/results/', 'POST')).toHaveLength(before);
    },
  );
});

describe('forwards of the pushes the matrix made', () => {
  const PUSHED: Module[] = ['locations', 'sessions', 'cdrs', 'tariffs', 'tokens'];

  // Each push is named by its module and the namespace it came from (a CDR's is in its body), so a refused push
  // that was forwarded anyway would show up as well as a forward to the wrong role.
  test.each(ROLES)(
    'when the outbox has run, then the %s received exactly the pushes of the roles that send to it',
    async (role) => {
      await hub.drain();
      const got = new Set(
        party[role].calls
          .filter((c) => c.method !== 'GET' && PUSHED.some((m) => c.path.startsWith(`${V}/${m}/receiver`)))
          .map((c) => {
            const [, , , module, , cc, pid] = c.path.split('/');
            const body = c.body as { country_code: string; party_id: string };
            return module === 'cdrs'
              ? `cdrs from ${body.country_code}/${body.party_id}`
              : `${module} from ${cc}/${pid}`;
          }),
      );
      const expected = PUSHED.filter((m) => TYPICAL[m].receiver.includes(role)).flatMap((m) =>
        TYPICAL[m].sender.map((sender) => `${m} from ${ns(sender)}`),
      );
      expect([...got].sort()).toEqual(expected.sort());
    },
  );
});

describe("the hub's other Sender endpoints", () => {
  const authorize = (r: Role) =>
    party[r].ocpi('POST', `${V}/tokens/sender/UNKNOWN-1/authorize`, { body: { location_id: 'M-LOC' } });
  const preferences = (r: Role) =>
    party[r].ocpi('PUT', `${V}/sessions/sender/M-SES/charging_preferences`, { body: { profile_type: 'FAST' } });
  const rows = [
    ...ROLES.map((role) => ({
      what: 'real-time authorization (tokens Sender)',
      module: 'tokens',
      call: authorize,
      role,
      allowed: TYPICAL.tokens.receiver.includes(role),
    })),
    ...ROLES.map((role) => ({
      what: 'charging preferences (sessions Sender)',
      module: 'sessions',
      call: preferences,
      role,
      allowed: TYPICAL.sessions.receiver.includes(role),
    })),
  ];

  test.each(rows)(
    'when the $role asks for $what, then allowed is $allowed',
    async ({ module, call, role, allowed }) => {
      const res = await call(role);
      if (allowed) {
        expect(res.status).not.toBe(403);
        expect(res.body.status_code).toBe(1000);
      } else {
        expect(res.status).toBe(403);
        expect(res.body.status_code).toBe(2000);
        expect(res.body.status_message).toContain(`${module} Sender interface`);
      }
    },
  );
});
