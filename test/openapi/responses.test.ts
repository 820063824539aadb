// The hub's real answers hold to the committed document: each body validates (ajv, draft 2020-12) against the
// schema of its path, method and status, and each header the document requires is there and well-formed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  aCommandResponse,
  aLocation,
  anAuthorizationInfo,
  aSession,
  aStartSession,
  aTariff,
  aToken,
  aCdr,
  aCdrToken,
} from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Answer } from '../harness/http';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';

type Json = Record<string, any>;
const doc = JSON.parse(readFileSync(path.resolve(__dirname, '../../openapi/openapi.json'), 'utf8')) as Json;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const id = (name: string) => `https://ocpi-hub.test/schemas/${name}`;
const rewrite = (schema: unknown): any =>
  JSON.parse(
    JSON.stringify(schema).replace(/"#\/components\/schemas\/([^"]+)"/g, (_m, name: string) =>
      JSON.stringify(id(name)),
    ),
  );
for (const [name, schema] of Object.entries(doc.components.schemas as Json)) ajv.addSchema(rewrite(schema), id(name));
const compiled = new Map<string, ValidateFunction>();
const validator = (schema: unknown) => {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile(rewrite(schema)));
  return compiled.get(key) as ValidateFunction;
};
const deref = (node: Json): Json =>
  typeof node.$ref === 'string'
    ? deref(
        node.$ref
          .slice(2)
          .split('/')
          .reduce((n: Json, k: string) => n[k], doc),
      )
    : node;

/** The document's path template for a concrete path: the one with the fewest parameters among those matching. */
function templateOf(pathname: string): string {
  const matching = Object.keys(doc.paths).filter((t) =>
    new RegExp(`^${t.replace(/\./g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(pathname),
  );
  const params = (t: string) => (t.match(/\{/g) ?? []).length;
  const best = matching.sort((a, b) => params(a) - params(b))[0];
  if (!best) throw new Error(`no path in the document matches ${pathname}`);
  return best;
}

/** Fails, naming the operation and what differs, unless the answer conforms to the document. */
function expectConforms(method: string, url: string, res: Answer): void {
  const where = `${method} ${templateOf(new URL(url, 'http://hub').pathname)} → ${res.status}`;
  const op = doc.paths[templateOf(new URL(url, 'http://hub').pathname)][method.toLowerCase()];
  if (!op) throw new Error(`${where}: no such operation in the document`);
  const documented = op.responses[String(res.status)];
  if (!documented)
    throw new Error(
      `${where}: status not documented (has ${Object.keys(op.responses).join(', ')}); body ${JSON.stringify(res.body)}`,
    );
  const response = deref(documented);
  const problems: string[] = [];
  for (const [name, header] of Object.entries((response.headers ?? {}) as Json).map(
    ([n, h]) => [n, deref(h as Json)] as const,
  )) {
    const value = res.headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`header ${name} missing`);
      continue;
    }
    const schema = deref(header.schema);
    const validate = validator(header.schema);
    if (!validate(schema.type === 'integer' ? Number(value) : value))
      problems.push(`header ${name}: ${ajv.errorsText(validate.errors)}`);
  }
  const media = (res.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (response.content) {
    const schema = response.content[media]?.schema;
    if (!schema)
      problems.push(`content type ${media} not documented (has ${Object.keys(response.content).join(', ')})`);
    else {
      const validate = validator(schema);
      if (!validate(res.body)) problems.push(`body: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
    }
  } else if (res.body !== undefined && res.body !== '') problems.push('a body where the document has none');
  if (problems.length)
    throw new Error(
      `${where} does not conform to openapi/openapi.json:\n  ${problems.join('\n  ')}\n  body: ${JSON.stringify(res.body).slice(0, 800)}`,
    );
}

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'EMA' };
const V = '/ocpi/2.2.1';
const location = aLocation({ country_code: 'NL', party_id: 'CPA', id: 'LOC1' });
const token = aToken({ country_code: 'DE', party_id: 'EMA', uid: 'TOK1' });
const cdrToken = aCdrToken({ country_code: 'DE', party_id: 'EMA', uid: 'TOK1' });

/** A party's call through the hub (OCPI-to = the hub unless `to` says otherwise), checked against the document. */
async function party(who: FakeParty, method: string, url: string, o: Parameters<FakeParty['ocpi']>[2] = { to: 'hub' }) {
  const res = await who.ocpi(method, url, o);
  expectConforms(method, url, res);
  return res;
}
async function admin(method: string, url: string, body?: unknown) {
  const res = await hub.admin(method, url, body);
  expectConforms(method, `/admin${url}`, res);
  return res;
}
async function plain(url: string, token?: string) {
  const res = await hub.ocpi('GET', url, token ? { token } : {});
  expectConforms('GET', url, res);
  return res;
}

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({ cpo: { roles: [CPO] }, emsp: { roles: [EMSP] } }));
  cpo.respond = (rec) => (rec.path.includes('/commands/') ? { status: 200, body: ok(aCommandResponse()) } : undefined);
  // real-time authorization is relayed to the token's eMSP: it knows TOK1 and no other
  emsp.respond = (rec) => {
    if (!rec.path.includes('/authorize')) return undefined;
    if (rec.path.includes('/TOK1/')) return { status: 200, body: ok(anAuthorizationInfo({ token })) };
    return { status: 404, body: { status_code: 2004, timestamp: new Date().toISOString() } };
  };
});
afterAll(() => hub.stop());

describe('configuration modules', () => {
  test('when a party reads versions, version details, credentials and hubclientinfo, then each answer conforms', async () => {
    expect((await plain('/ocpi/versions', cpo.hubToken)).status).toBe(200);
    expect((await plain(V, cpo.hubToken)).body.data.endpoints.length).toBeGreaterThan(10);
    expect((await plain(`${V}/credentials`, cpo.hubToken)).body.data.roles[0].role).toBe('HUB');
    const clients = await party(emsp, 'GET', `${V}/hubclientinfo`, {});
    expect(clients.body.data.length).toBeGreaterThanOrEqual(2);
  });

  test('when a registered party POSTs credentials again, then the 405 conforms; without a token, the 401 does', async () => {
    const again = await party(cpo, 'POST', `${V}/credentials`, {
      body: { token: 'x', url: cpo.versionsUrl, roles: cpo.roles },
    });
    expect(again.status).toBe(405);
    expect((await plain(`${V}/locations/sender`)).status).toBe(401);
  });
});

describe('functional modules', () => {
  test('when a CPO pushes and reads a location, EVSE and connector, then 201, 200 and the reads conform', async () => {
    expect((await party(cpo, 'PUT', `${V}/locations/receiver/NL/CPA/LOC1`, { to: 'hub', body: location })).status).toBe(
      201,
    );
    expect((await party(cpo, 'PUT', `${V}/locations/receiver/NL/CPA/LOC1`, { to: 'hub', body: location })).status).toBe(
      200,
    );
    await party(cpo, 'PATCH', `${V}/locations/receiver/NL/CPA/LOC1`, {
      to: 'hub',
      body: { name: 'Renamed', last_updated: location.last_updated },
    });
    expect((await party(cpo, 'GET', `${V}/locations/receiver/NL/CPA/LOC1`)).body.data.id).toBe('LOC1');
    await party(cpo, 'GET', `${V}/locations/receiver/NL/CPA/LOC1/VP-UT-0042-1/1`);
  });

  test('when an eMSP reads locations (GET-All, one, EVSE, connector), then the pages and paging headers conform', async () => {
    const all = await party(emsp, 'GET', `${V}/locations/sender?limit=1`);
    expect([all.headers.get('x-total-count'), all.headers.get('x-limit')]).toEqual(['1', '100']);
    expect((await party(emsp, 'GET', `${V}/locations/sender/LOC1`)).body.data.name).toBe('Renamed');
    await party(emsp, 'GET', `${V}/locations/sender/LOC1/VP-UT-0042-1`);
    await party(emsp, 'GET', `${V}/locations/sender/LOC1/VP-UT-0042-1/2`);
  });

  test('when sessions, tariffs and tokens are pushed and read, then every answer conforms', async () => {
    const session = aSession({
      country_code: 'NL',
      party_id: 'CPA',
      id: 'S1',
      location_id: 'LOC1',
      cdr_token: cdrToken,
    });
    expect((await party(cpo, 'PUT', `${V}/sessions/receiver/NL/CPA/S1`, { to: 'hub', body: session })).status).toBe(
      201,
    );
    await party(cpo, 'GET', `${V}/sessions/receiver/NL/CPA/S1`);
    expect((await party(emsp, 'GET', `${V}/sessions/sender`)).body.data).toHaveLength(1);
    expect(
      (
        await party(cpo, 'PUT', `${V}/tariffs/receiver/NL/CPA/T1`, {
          to: 'hub',
          body: aTariff({ country_code: 'NL', party_id: 'CPA', id: 'T1' }),
        })
      ).status,
    ).toBe(201);
    expect((await party(emsp, 'GET', `${V}/tariffs/sender`)).body.data).toHaveLength(1);
    await party(cpo, 'DELETE', `${V}/tariffs/receiver/NL/CPA/T1`);
    expect(
      (await party(emsp, 'PUT', `${V}/tokens/receiver/DE/EMA/TOK1?type=RFID`, { to: 'hub', body: token })).status,
    ).toBe(201);
    await party(emsp, 'GET', `${V}/tokens/receiver/DE/EMA/TOK1`);
    expect((await party(cpo, 'GET', `${V}/tokens/sender`)).body.data).toHaveLength(1);
    expect(
      (await party(cpo, 'POST', `${V}/tokens/sender/TOK1/authorize`, { to: 'hub', body: { location_id: 'LOC1' } })).body
        .data.allowed,
    ).toBe('ALLOWED');
  });

  test('when a CPO posts a CDR and both parties read it, then the 201 with its Location and the reads conform', async () => {
    const posted = await party(cpo, 'POST', `${V}/cdrs/receiver`, {
      to: 'hub',
      body: aCdr({ country_code: 'NL', party_id: 'CPA', id: 'CDR1', cdr_token: cdrToken }),
    });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('location')).toBe(`${hub.url}${V}/cdrs/receiver/NL/CPA/CDR1`);
    await party(emsp, 'GET', posted.headers.get('location') ?? '');
    expect((await party(emsp, 'GET', `${V}/cdrs/sender`)).body.data).toHaveLength(1);
  });

  test("when an eMSP sends a command, then the CPO's relayed CommandResponse conforms", async () => {
    const res = await party(emsp, 'POST', `${V}/commands/receiver/START_SESSION`, {
      body: aStartSession({ location_id: 'LOC1' }),
    });
    expect(res.body.data.result).toBe('ACCEPTED');
  });

  test('when requests are refused (invalid body, foreign namespace, unknown objects, unknown receiver), then the 400, 403, 404 and 4001 answers conform', async () => {
    const invalid = await party(cpo, 'PUT', `${V}/locations/receiver/NL/CPA/LOC2`, {
      to: 'hub',
      body: { ...location, id: 'LOC2', coordinates: 'nowhere' },
    });
    expect([invalid.status, invalid.body.status_code]).toEqual([400, 2001]);
    const foreign = await party(emsp, 'PUT', `${V}/locations/receiver/NL/CPA/LOC1`, { to: 'hub', body: location });
    expect(foreign.status).toBe(403);
    const unknown = await party(emsp, 'GET', `${V}/locations/sender/NOPE`);
    expect([unknown.status, unknown.body.status_code]).toEqual([404, 2003]);
    const unknownToken = await party(cpo, 'POST', `${V}/tokens/sender/NOPE/authorize`, { to: 'hub' });
    expect([unknownToken.status, unknownToken.body.status_code]).toEqual([404, 2004]);
    const nobody = await party(emsp, 'GET', `${V}/locations/sender`, {
      to: { role: 'CPO', country_code: 'XX', party_id: 'NOP' },
    });
    expect([nobody.status, nobody.body.status_code]).toEqual([200, 4001]);
  });
});

describe("the hub's extensions and the admin API", () => {
  test('when the keys, health, readiness, metrics and document are read, then each answer conforms', async () => {
    expect((await plain('/.well-known/jwks.json')).body.keys.length).toBeGreaterThan(0);
    await plain('/healthz');
    await plain('/readyz');
    expect((await plain('/metrics')).body).toContain('ocpi_hub_requests_total');
    await plain('/openapi.json');
  });

  test('when the operator lists and reads platforms, creates and lists agreements and reads the outbox and audit, then each answer conforms', async () => {
    expect((await admin('GET', '/platforms')).body).toHaveLength(2);
    expect((await admin('GET', `/platforms/${cpo.platformId}`)).body.outbox.pending).toBeGreaterThanOrEqual(0);
    const created = await admin('POST', '/platforms', {
      name: 'NSP',
      roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSA' }],
    });
    expect(created.status).toBe(201);
    await admin('PATCH', `/platforms/${created.body.id}`, {
      roles: [{ role: 'NSP', country_code: 'BE', party_id: 'NSB' }],
    });
    await admin('POST', `/platforms/${created.body.id}/token-a`);
    await admin('POST', `/platforms/${created.body.id}/suspend`);
    expect(
      (
        await admin('POST', '/agreements', {
          cpo: { country_code: 'NL', party_id: 'CPA' },
          emsp: { country_code: 'DE', party_id: 'EMA' },
        })
      ).status,
    ).toBe(201);
    expect((await admin('GET', '/agreements')).body).toHaveLength(1);
    await hub.drain();
    expect((await admin('GET', '/outbox?state=delivered&limit=5')).body.total).toBeGreaterThan(0);
    await admin('GET', '/keys');
    await admin('GET', '/audit?limit=3');
    await admin('GET', '/audit/verify');
  });

  test('when the operator sends an invalid body or names an unknown platform, then the 400 and 404 conform', async () => {
    expect((await admin('POST', '/platforms', { name: '' })).status).toBe(400);
    expect((await admin('GET', '/platforms/0123456789abcdef01234567')).status).toBe(404);
  });
});
