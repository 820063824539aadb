// OCPI 2.1.1 parties registering with the hub and the hub with them: flat credentials, raw tokens, the highest
// common version, PUT and DELETE as 2.1.1 defines them.
import { FakeParty211, type FakeParty211Options } from '../harness/fake-party-211';
import { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const parties: { stop: () => Promise<void> }[] = [];
const aParty = async (o: FakeParty211Options) => {
  const p = await new FakeParty211(o).start();
  parties.push(p);
  return p;
};
const rawTokenOf = (h: unknown) => String(h).replace(/^Token /, '');

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(parties.map((p) => p.stop()));
  await hub.stop();
});

describe("the hub's versions for 2.1.1 parties", () => {
  test('when a party reads the versions, then 2.1.1 is listed next to 2.2.1 and its details have one URL per module and no roles', async () => {
    const { tokenA } = await hub.createPlatform('reader', [{ role: 'CPO', country_code: 'NL', party_id: 'VR1' }]);
    const versions = await hub.ocpi('GET', '/ocpi/versions', { token: tokenA, rawToken: true });
    expect(versions.body.data.map((v: { version: string }) => v.version)).toEqual(['2.2.1', '2.1.1', '2.3.0']);
    const details = await hub.ocpi('GET', versions.body.data[1].url, { token: tokenA, rawToken: true });
    expect(details.body.data.version).toBe('2.1.1');
    const endpoints = details.body.data.endpoints as { identifier: string; url: string; role?: string }[];
    expect(endpoints.map((e) => e.identifier)).toEqual([
      'credentials',
      'locations',
      'sessions',
      'cdrs',
      'tariffs',
      'tokens',
      'commands',
    ]);
    expect(endpoints.every((e) => e.role === undefined && e.url === `${hub.url}/ocpi/2.1.1/${e.identifier}`)).toBe(
      true,
    );
  });
});

describe('a 2.1.1 party registering with the hub', () => {
  test('when a 2.1.1 CPO POSTs flat credentials with Token A, then the hub calls back with its raw token and answers flat credentials', async () => {
    const cpo = await aParty({ role: 'CPO', country_code: 'BE', party_id: 'BEC', modules: ['locations', 'tokens'] });
    const { id, tokenA } = await hub.createPlatform('BeCharged', [
      { role: 'CPO', country_code: 'BE', party_id: 'BEC' },
    ]);
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      token: cpo.hubToken,
      url: hub.versionsUrl,
      business_details: { name: expect.any(String) },
      party_id: 'HUB',
      country_code: 'NL',
    });
    expect(cpo.calls.map((c) => c.path)).toEqual(['/ocpi/versions', '/ocpi/2.1.1']);
    expect(cpo.calls.every((c) => cpo.accepted.has(rawTokenOf(c.headers.authorization)))).toBe(true);
    const platform = (await hub.admin('GET', `/platforms/${id}`)).body;
    expect(platform.version).toBe('2.1.1');
    expect(platform.token_encoding).toBe('raw');
    expect(platform.roles).toEqual([{ role: 'CPO', country_code: 'BE', party_id: 'BEC', status: 'CONNECTED' }]);
    // a 2.1.1 CPO serves locations (2.2.1 SENDER) and receives tokens (2.2.1 RECEIVER)
    expect(platform.endpoints).toEqual([
      { identifier: 'credentials', role: 'RECEIVER', url: `${cpo.url}/ocpi/2.1.1/credentials` },
      { identifier: 'locations', role: 'SENDER', url: `${cpo.url}/ocpi/2.1.1/locations` },
      { identifier: 'tokens', role: 'RECEIVER', url: `${cpo.url}/ocpi/2.1.1/tokens` },
    ]);
    const own = await cpo.ocpi('GET', 'credentials');
    expect(own.body.data.token).toBe(cpo.hubToken);
  });

  test('when the flat body names another party than the operator declared, then it is refused with 403 and nothing is stored', async () => {
    const cpo = await aParty({ role: 'CPO', country_code: 'BE', party_id: 'BEX' });
    const { id, tokenA } = await hub.createPlatform('declared other', [
      { role: 'CPO', country_code: 'BE', party_id: 'BEY' },
    ]);
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.status).toBe(403);
    expect(res.body.status_message).toMatch(/declared/);
    expect((await hub.admin('GET', `/platforms/${id}`)).body.registered).toBe(false);
  });

  test('when the operator declared two roles, then a 2.1.1 registration is refused: 2.1.1 parties have one role', async () => {
    const cpo = await aParty({ role: 'CPO', country_code: 'BE', party_id: 'BE2' });
    const { tokenA } = await hub.createPlatform('two roles', [
      { role: 'CPO', country_code: 'BE', party_id: 'BE2' },
      { role: 'EMSP', country_code: 'BE', party_id: 'BE2' },
    ]);
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.status).toBe(403);
    expect(res.body.status_message).toMatch(/exactly one role/);
  });

  test('when a 2.1.1 body lacks party_id, then it is refused with 400/2001 naming the field', async () => {
    const { tokenA } = await hub.createPlatform('bad body', [{ role: 'CPO', country_code: 'BE', party_id: 'BBD' }]);
    const res = await hub.ocpi('POST', '/ocpi/2.1.1/credentials', {
      token: tokenA,
      rawToken: true,
      body: { token: 'x', url: 'http://127.0.0.1:9/v', business_details: { name: 'x' }, country_code: 'BE' },
    });
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(2001);
    expect(res.body.status_message).toMatch(/party_id/);
  });

  test('when a registered 2.1.1 party PUTs new flat credentials, then it gets a new token and the old one dies; DELETE unregisters', async () => {
    const emsp = await aParty({ role: 'EMSP', country_code: 'NL', party_id: 'E21', modules: ['locations'] });
    const { id, tokenA } = await hub.createPlatform('eMSP 2.1.1', [
      { role: 'EMSP', country_code: 'NL', party_id: 'E21' },
    ]);
    await emsp.registerWith(hub.versionsUrl, tokenA);
    const old = emsp.hubToken;
    const fresh = 'B-fresh-token';
    emsp.accepted.add(fresh);
    const put = await emsp.ocpi('PUT', 'credentials', { body: emsp.flat(fresh) });
    expect(put.body.status_code).toBe(1000);
    expect(put.body.data.token).not.toBe(old);
    expect((await emsp.ocpi('GET', 'credentials')).status).toBe(401);
    emsp.hubToken = put.body.data.token;
    expect((await emsp.ocpi('DELETE', 'credentials')).body.status_code).toBe(1000);
    expect((await hub.admin('GET', `/platforms/${id}`)).body.registered).toBe(false);
  });
});

describe('the hub registering with a 2.1.1 party', () => {
  test("when the party lists only 2.1.1, then the hub POSTs flat credentials with the raw token and keeps the party's", async () => {
    const emsp = await aParty({ role: 'EMSP', country_code: 'DE', party_id: 'EM1', modules: ['locations', 'tokens'] });
    const { id } = await hub.createPlatform('eMSP DE', [{ role: 'EMSP', country_code: 'DE', party_id: 'EM1' }]);
    const res = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: emsp.versionsUrl,
      token: emsp.issueTokenA(),
    });
    expect(res.status).toBe(200);
    const post = emsp.received('/credentials', 'POST')[0];
    expect(post?.body).toEqual({
      token: emsp.hubToken,
      url: hub.versionsUrl,
      business_details: { name: expect.any(String) },
      party_id: 'HUB',
      country_code: 'NL',
    });
    // the first versions call (base64, as 2.2.1 defines) is refused; from then on the token goes raw
    expect(emsp.calls.slice(1).every((c) => /^Token [AB]-[0-9a-f]+$/.test(String(c.headers.authorization)))).toBe(true);
    const platform = (await hub.admin('GET', `/platforms/${id}`)).body;
    expect(platform.version).toBe('2.1.1');
    expect(platform.endpoints.find((e: { identifier: string }) => e.identifier === 'tokens').role).toBe('SENDER');
    // 2.1.1 eMSP uses the hub with the token it was given, raw
    emsp.hubEndpoints = { credentials: `${hub.url}/ocpi/2.1.1/credentials` };
    expect((await emsp.ocpi('GET', 'credentials')).body.data.party_id).toBe('HUB');
    const rotate = await hub.admin('POST', `/platforms/${id}/rotate`);
    expect(rotate.status).toBe(200);
    expect(emsp.received('/credentials', 'PUT')[0]?.body).toEqual(
      expect.objectContaining({ token: emsp.hubToken, party_id: 'HUB' }),
    );
  });

  test('when a party lists 2.1.1 and 2.2.1, then the highest common version wins', async () => {
    const both = await new FakeParty({
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'BTH' }],
      versions: ['2.1.1', '2.2.1'],
    }).start();
    parties.push(both);
    const { id } = await hub.createPlatform('both', [{ role: 'CPO', country_code: 'NL', party_id: 'BTH' }]);
    expect(
      (
        await hub.admin('POST', `/platforms/${id}/register`, {
          versions_url: both.versionsUrl,
          token: both.issueTokenA(),
        })
      ).status,
    ).toBe(200);
    expect((await hub.admin('GET', `/platforms/${id}`)).body.version).toBe('2.2.1');
  });
});
