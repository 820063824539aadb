// OCPI 2.3.0 platforms registering with the hub and the hub with them: 2.3.0 versions and details, credentials
// carrying hub_party_id and, in roles, the parties the receiver may trade with (2.3.0 has no HUB role), PUT, DELETE.
import { FakeParty230, type FakeParty230Options } from '../harness/fake-party-230';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const parties: FakeParty230[] = [];
const aParty = async (o: FakeParty230Options) => {
  const p = await new FakeParty230(o).start();
  parties.push(p);
  return p;
};
/** Declared by the operator, then registered party-initiated. */
async function registered(name: string, o: FakeParty230Options) {
  const party = await aParty(o);
  const { id, tokenA } = await hub.createPlatform(name, o.roles);
  party.platformId = id;
  const res = await party.registerWith(hub.versionsUrl, tokenA);
  return { party, res };
}
const CPO = { role: 'CPO', country_code: 'BE', party_id: 'BEC' };
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'TNM' };
const HUB_AS_OTHER = {
  role: 'OTHER',
  country_code: 'NL',
  party_id: 'HUB',
  business_details: { name: expect.any(String) },
};

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(parties.map((p) => p.stop()));
  await hub.stop();
});

describe("the hub's 2.3.0 versions", () => {
  test('when a party reads the versions then 2.3.0 is listed, and its details serve every module at 2.3.0 URLs, Payments and Bookings to relay', async () => {
    const { tokenA } = await hub.createPlatform('reader', [{ role: 'CPO', country_code: 'NL', party_id: 'VR3' }]);
    const versions = await hub.ocpi('GET', '/ocpi/versions', { token: tokenA });
    const v230 = versions.body.data.find((v: { version: string }) => v.version === '2.3.0');
    expect(v230.url).toBe(`${hub.url}/ocpi/2.3.0`);
    const details = await hub.ocpi('GET', v230.url, { token: tokenA });
    expect(details.body.data.version).toBe('2.3.0');
    const listed = (details.body.data.endpoints as { identifier: string; role: string; url: string }[]).map(
      (e) => `${e.identifier}:${e.role} ${e.url.replace(hub.url, '')}`,
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        'credentials:SENDER /ocpi/2.3.0/credentials',
        'hubclientinfo:SENDER /ocpi/2.3.0/hubclientinfo',
        'cdrs:RECEIVER /ocpi/2.3.0/cdrs/receiver',
        'locations:SENDER /ocpi/2.3.0/locations/sender',
        'payments:SENDER /ocpi/2.3.0/payments/sender',
        'payments:RECEIVER /ocpi/2.3.0/payments/receiver',
        'bookings:RECEIVER /ocpi/2.3.0/bookings/receiver',
      ]),
    );
  });
});

describe('2.3.0 platforms registering with the hub', () => {
  test('when the first 2.3.0 CPO registers then the hub answers hub_party_id and, no party being tradable yet, itself as OTHER', async () => {
    const { party, res } = await registered('BeCharged', {
      roles: [CPO],
      modules: [{ identifier: 'locations', role: 'RECEIVER' }],
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      token: party.hubToken,
      url: hub.versionsUrl,
      hub_party_id: 'NLHUB',
      roles: [HUB_AS_OTHER],
    });
    expect(res.body.data.roles.some((r: { role: string }) => r.role === 'HUB')).toBe(false);
    expect(party.calls.map((c) => c.path)).toEqual(['/ocpi/versions', '/ocpi/2.3.0/']);
    const platform = (await hub.admin('GET', `/platforms/${party.platformId}`)).body;
    expect(platform.version).toBe('2.3.0');
    expect(platform.endpoints).toContainEqual({
      identifier: 'locations',
      role: 'RECEIVER',
      url: `${party.url}/ocpi/2.3.0/locations/receiver/`,
    });
  });

  test('when a 2.3.0 eMSP registers next then its credentials list the CPO it may trade with, and the CPO now sees the eMSP', async () => {
    const cpo = parties[0]!;
    const { party: emsp, res } = await registered('TheNewMotion', { roles: [EMSP] });
    expect(res.body.data.hub_party_id).toBe('NLHUB');
    expect(res.body.data.roles).toEqual([{ ...CPO, business_details: { name: 'BEC 2.3.0 platform' } }]);
    const seenByCpo = await cpo.ocpi('GET', 'credentials:SENDER');
    expect(seenByCpo.body.data.roles).toEqual([expect.objectContaining(EMSP)]);
    expect(seenByCpo.body.data.token).toBe(cpo.hubToken);
    expect(emsp.hubEndpoints['credentials:SENDER']).toBe(`${hub.url}/ocpi/2.3.0/credentials`);
  });

  test('when a registered 2.3.0 party PUTs its credentials then it gets a new token and 2.3.0 credentials; after DELETE a PUT is 405', async () => {
    const emsp = parties[1]!;
    const old = emsp.hubToken;
    const res = await emsp.ocpi('PUT', 'credentials:SENDER', { body: emsp.credentials([...emsp.accepted][0]!) });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ hub_party_id: 'NLHUB', url: hub.versionsUrl });
    expect(res.body.data.token).not.toBe(old);
    emsp.hubToken = res.body.data.token;
    expect((await emsp.ocpi('DELETE', 'credentials:SENDER')).status).toBe(200);
    const { tokenA } = await hub
      .admin('POST', `/platforms/${emsp.platformId}/token-a`)
      .then((r) => ({ tokenA: r.body.token_a as string }));
    const put = await hub.ocpi('PUT', emsp.hubEndpoints['credentials:SENDER']!, {
      token: tokenA,
      body: emsp.credentials('x'),
    });
    expect(put.status).toBe(405);
  });

  test('when a 2.3.0 party sends a HUB role then it is refused as not what the operator declared', async () => {
    const party = await aParty({ roles: [{ role: 'HUB', country_code: 'FR', party_id: 'GIR' }] });
    const { tokenA } = await hub.createPlatform('other hub', [{ role: 'CPO', country_code: 'FR', party_id: 'GIR' }]);
    const res = await party.registerWith(hub.versionsUrl, tokenA);
    expect(res.status).toBe(403);
  });
});

describe('the hub registering with a 2.3.0 platform', () => {
  test('when the operator registers the hub with a 2.3.0 eMSP then the hub POSTs 2.3.0 credentials (hub_party_id, tradable roles) at 2.3.0', async () => {
    const emsp = await aParty({
      roles: [{ role: 'EMSP', country_code: 'NL', party_id: 'ALF' }],
      modules: [{ identifier: 'cdrs', role: 'RECEIVER' }],
    });
    const { id } = await hub.createPlatform('Alfen eMSP', emsp.options.roles);
    const res = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: emsp.versionsUrl,
      token: emsp.issueTokenA(hub.versionsUrl),
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('2.3.0');
    const posted = emsp.received('/ocpi/2.3.0/credentials/', 'POST')[0]!;
    expect(posted.body).toMatchObject({ url: hub.versionsUrl, hub_party_id: 'NLHUB' });
    expect((posted.body as { roles: unknown[] }).roles).toEqual([expect.objectContaining(CPO)]);
    expect(Buffer.from(String(posted.headers.authorization).replace('Token ', ''), 'base64').toString()).toMatch(/^A-/);
  });
});
