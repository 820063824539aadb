// The hub's own credentials POST/PUT against a partner that calls the hub back with the token it was just given,
// as real implementations do (credentials.asciidoc): that token works from the moment it is sent.
import { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const parties: FakeParty[] = [];
const aCpo = async (party_id: string, o: Partial<ConstructorParameters<typeof FakeParty>[0]> = {}) => {
  const p = await new FakeParty({ roles: [{ role: 'CPO', country_code: 'NL', party_id }], ...o }).start();
  parties.push(p);
  return p;
};
const statusWith = async (token: string | undefined) => (await hub.ocpi('GET', '/ocpi/2.2.1', { token })).status;

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(parties.map((p) => p.stop()));
  await hub.stop();
});

describe('hub-initiated registration with a partner that calls back', () => {
  test("when the partner fetches the hub's versions and details with the new token during the POST, then both succeed and the registration completes", async () => {
    const cpo = await aCpo('CB1');
    const { id } = await hub.createPlatform('calls back', cpo.options.roles);
    const res = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: cpo.versionsUrl,
      token: cpo.issueTokenA(),
    });
    expect(res.status).toBe(200);
    expect(cpo.callbacks).toEqual([
      { url: hub.versionsUrl, status: 200, status_code: 1000 },
      { url: `${hub.url}/ocpi/2.2.1`, status: 200, status_code: 1000 },
    ]);
    expect(await statusWith(cpo.hubToken)).toBe(200);
  });

  test('when the partner refuses the POST, then the token the hub offered is dropped and the platform stays unregistered', async () => {
    let offered: string | undefined;
    const cpo = await aCpo('CB2', {
      duringHandshake: async (given) => {
        offered = given.token;
        throw new Error('the partner fails after its callbacks');
      },
    });
    const { id } = await hub.createPlatform('refuses', cpo.options.roles);
    const res = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: cpo.versionsUrl,
      token: cpo.issueTokenA(),
    });
    expect(res.status).toBe(502);
    expect(offered).toBeDefined();
    expect(await statusWith(offered)).toBe(401);
    expect((await hub.admin('GET', `/platforms/${id}`)).body.roles[0].status).toBe('PLANNED');
  });
});

describe('a kinder partner', () => {
  test('when a partner neither calls back nor ends its URLs in /, then the hub registers with it all the same', async () => {
    // kind: older implementations skip the callbacks; the hub must not depend on them either
    const cpo = await aCpo('KND', { kind: true });
    const { id } = await hub.createPlatform('kind', cpo.options.roles);
    expect(
      (
        await hub.admin('POST', `/platforms/${id}/register`, {
          versions_url: cpo.versionsUrl,
          token: cpo.issueTokenA(),
        })
      ).status,
    ).toBe(200);
    expect(cpo.callbacks).toEqual([]);
    expect(cpo.received('/credentials', 'POST').map((c) => c.path)).toEqual(['/ocpi/2.2.1/credentials']);
  });
});

describe('hub-initiated rotation (PUT) with a partner that calls back', () => {
  const registered = async (party_id: string, o: Partial<ConstructorParameters<typeof FakeParty>[0]> = {}) => {
    const party = await aCpo(party_id, o);
    const { id, tokenA } = await hub.createPlatform(`CPO ${party_id}`, party.options.roles);
    expect((await party.registerWith(hub.versionsUrl, tokenA)).body.status_code).toBe(1000);
    return { party, id };
  };

  test('when the partner uses the old and the new token before answering, then both work until it has answered, then only the new one', async () => {
    const seen: Record<string, number> = {};
    const { party, id } = await registered('ROA', {
      duringHandshake: async (given) => {
        seen.old = await statusWith(party.hubToken); // the party still holds the old token here
        seen.new = await statusWith(given.token);
        seen.oldModules = (await hub.ocpi('GET', '/ocpi/2.2.1/hubclientinfo', { token: party.hubToken })).status;
      },
    });
    const old = party.hubToken;
    const res = await hub.admin('POST', `/platforms/${id}/rotate`);
    expect(res.status).toBe(200);
    expect(seen).toEqual({ old: 200, new: 200, oldModules: 200 });
    expect(party.callbacks.map((c) => c.status)).toEqual([200, 200]);
    expect(await statusWith(old)).toBe(401);
    expect(await statusWith(party.hubToken)).toBe(200);
  });

  test('when the partner refuses the PUT, then the offered token is dropped and the old tokens keep working both ways', async () => {
    let offered: string | undefined;
    let refuse = false;
    const { party, id } = await registered('ROB', {
      duringHandshake: async (given) => {
        offered = given.token;
        if (refuse) throw new Error('refused');
      },
    });
    refuse = true;
    const old = party.hubToken;
    expect((await hub.admin('POST', `/platforms/${id}/rotate`)).status).toBe(502);
    expect(await statusWith(offered)).toBe(401);
    expect(await statusWith(old)).toBe(200);
    // the hub still reaches the party with the token it had: a second rotation goes through
    refuse = false;
    expect((await hub.admin('POST', `/platforms/${id}/rotate`)).status).toBe(200);
    expect(await statusWith(party.hubToken)).toBe(200);
  });

  test("when the operator deletes the platform after a rotation, then the hub DELETEs at the partner with the partner's new token", async () => {
    const { party, id } = await registered('ROC');
    expect((await hub.admin('POST', `/platforms/${id}/rotate`)).status).toBe(200);
    const token = party.hubToken;
    expect((await hub.admin('DELETE', `/platforms/${id}`)).status).toBe(204);
    const deleted = party.received('/credentials', 'DELETE');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]?.path).toBe('/ocpi/2.2.1/credentials/');
    expect(party.accepted.size).toBe(0); // the partner accepted the DELETE (it clears its tokens only then)
    expect(await statusWith(token)).toBe(401);
  });
});

describe('the hub as credentials server, token B', () => {
  test('when a party registers, then the hub calls it back with its Token B in the one encoding it reads', async () => {
    const cpo = await aCpo('RWB', { tokenEncoding: 'raw' });
    const { id, tokenA } = await hub.createPlatform('raw reader', cpo.options.roles);
    expect((await hub.admin('PATCH', `/platforms/${id}`, { token_encoding: 'raw' })).status).toBe(200);
    expect((await cpo.registerWith(hub.versionsUrl, tokenA)).body.status_code).toBe(1000);
    const tokenB = [...cpo.accepted][0];
    expect(cpo.received('/ocpi/', 'GET').map((c) => c.headers.authorization)).toEqual([
      `Token ${tokenB}`,
      `Token ${tokenB}`,
    ]);
  });

  test('when a party PUTs a new Token B, then the hub calls it back with the new one; if that fails, the old tokens keep working both ways', async () => {
    const cpo = await aCpo('PTB');
    const { id, tokenA } = await hub.createPlatform('PUT B', cpo.options.roles);
    expect((await cpo.registerWith(hub.versionsUrl, tokenA)).body.status_code).toBe(1000);
    const credentialsUrl = `${hub.url}/ocpi/2.2.1/credentials`;
    cpo.calls = [];
    const res = await cpo.updateWith(credentialsUrl);
    expect(res.body.status_code).toBe(1000);
    const tokenB = [...cpo.accepted][0] ?? '';
    expect(cpo.received('/ocpi/', 'GET').map((c) => c.headers.authorization)).toEqual(
      Array(2).fill(`Token ${Buffer.from(tokenB).toString('base64')}`),
    );
    // the party's versions endpoint fails: the hub answers 3001 and keeps the tokens it had
    const before = cpo.hubToken;
    cpo.respond = (r) => (r.path.startsWith('/ocpi/versions') ? { status: 500, body: 'down' } : undefined);
    expect((await cpo.updateWith(credentialsUrl)).body.status_code).toBe(3001);
    cpo.respond = undefined;
    expect(cpo.hubToken).toBe(before);
    expect(await statusWith(before)).toBe(200);
    expect((await hub.admin('POST', `/platforms/${id}/rotate`)).status).toBe(200); // the hub still reaches it with the old Token B
  });
});
