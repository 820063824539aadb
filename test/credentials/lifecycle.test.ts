// Hub-initiated registration, rotation and deletion; the party's own PUT and DELETE; tokens base64 and raw.
import { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const parties: FakeParty[] = [];
const aCpo = async (party_id: string) => {
  const p = await new FakeParty({ roles: [{ role: 'CPO', country_code: 'NL', party_id }] }).start();
  parties.push(p);
  return p;
};
const registered = async (party_id: string) => {
  const party = await aCpo(party_id);
  const { id, tokenA } = await hub.createPlatform(`CPO ${party_id}`, party.options.roles);
  await party.registerWith(hub.versionsUrl, tokenA);
  return { party, id, tokenA };
};
const credentials = (party: FakeParty, token = party.hubToken) => ({
  token,
  body: { token: [...party.accepted][0], url: party.versionsUrl, roles: party.roles },
});

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(parties.map((p) => p.stop()));
  await hub.stop();
});

describe('the hub registering itself with a party', () => {
  test("when the operator registers the hub with a party, then the hub POSTs its own new token and keeps the party's", async () => {
    const cpo = await aCpo('HIA');
    const { id } = await hub.createPlatform('hub-initiated', cpo.options.roles);
    const tokenA = cpo.issueTokenA();
    const res = await hub.admin('POST', `/platforms/${id}/register`, { versions_url: cpo.versionsUrl, token: tokenA });
    expect(res.status).toBe(200);
    expect(res.body.roles[0].status).toBe('CONNECTED');
    const post = cpo.received('/ocpi/2.2.1/credentials', 'POST')[0];
    expect(post?.headers.authorization).toBe(`Token ${Buffer.from(tokenA).toString('base64')}`);
    expect(post?.body).toMatchObject({
      url: hub.versionsUrl,
      roles: [{ role: 'HUB', country_code: 'NL', party_id: 'HUB' }],
    });
    // the token the hub sent is what the party now uses with the hub
    expect((await hub.ocpi('GET', '/ocpi/2.2.1', { token: cpo.hubToken })).body.status_code).toBe(1000);
  });

  test("when the operator rotates, then the hub PUTs a new token with the party's token and the old one dies", async () => {
    const { party, id } = await registered('ROT');
    const before = party.hubToken;
    const res = await hub.admin('POST', `/platforms/${id}/rotate`);
    expect(res.status).toBe(200);
    expect(party.received('/credentials', 'PUT')).toHaveLength(1);
    expect(party.hubToken).not.toBe(before);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: before })).status).toBe(401);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: party.hubToken })).status).toBe(200);
  });

  test('when the operator deletes a registered platform, then the hub DELETEs at the party and the party is SUSPENDED for good', async () => {
    const { party, id } = await registered('DEL');
    const token = party.hubToken;
    expect((await hub.admin('DELETE', `/platforms/${id}`)).status).toBe(204);
    expect(party.received('/credentials', 'DELETE')).toHaveLength(1);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token })).status).toBe(401);
    const after = await hub.admin('GET', `/platforms/${id}`);
    expect(after.body.roles[0].status).toBe('SUSPENDED');
    expect((await hub.admin('POST', `/platforms/${id}/token-a`)).status).toBe(409);
  });

  test('when the party is unreachable for a hub-initiated registration, then the operator gets 502 with the OCPI reason', async () => {
    const { id } = await hub.createPlatform('nowhere', [{ role: 'CPO', country_code: 'NL', party_id: 'NOW' }]);
    const res = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: 'http://127.0.0.1:9/ocpi/versions',
      token: 'x',
    });
    expect(res.status).toBe(502);
    expect(res.body.details).toEqual([{ ocpi_status_code: 3001 }]);
  });
});

describe('the party changing its registration', () => {
  test('when the party PUTs, then the hub re-fetches its endpoints and issues a new Token C', async () => {
    const { party } = await registered('PUT');
    const fetched = party.received('/ocpi/2.2.1').length;
    const old = party.hubToken;
    const res = await hub.ocpi('PUT', '/ocpi/2.2.1/credentials', credentials(party));
    expect(res.body.status_code).toBe(1000);
    expect(res.body.data.token).not.toBe(old);
    expect(party.received('/ocpi/2.2.1').length).toBe(fetched + 1);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: old })).status).toBe(401);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: res.body.data.token })).status).toBe(200);
  });

  test('when the party DELETEs, then its token stops working', async () => {
    const { party } = await registered('DLP');
    expect((await hub.ocpi('DELETE', '/ocpi/2.2.1/credentials', { token: party.hubToken })).body.status_code).toBe(
      1000,
    );
    expect((await hub.ocpi('GET', '/ocpi/2.2.1/credentials', { token: party.hubToken })).status).toBe(401);
  });

  test('when a registered party POSTs again, then 405; PUT and DELETE with Token A, then 405', async () => {
    const { party } = await registered('405');
    expect((await hub.ocpi('POST', '/ocpi/2.2.1/credentials', credentials(party))).status).toBe(405);
    const { tokenA } = await hub.createPlatform('unregistered', [{ role: 'CPO', country_code: 'NL', party_id: 'UNR' }]);
    const put = await hub.ocpi('PUT', '/ocpi/2.2.1/credentials', credentials(party, tokenA));
    expect(put.status).toBe(405);
    expect(put.body.status_code).toBe(2000);
    expect((await hub.ocpi('DELETE', '/ocpi/2.2.1/credentials', { token: tokenA })).status).toBe(405);
  });
});

describe('tokens', () => {
  test('when a token is sent raw instead of base64, then it is accepted too', async () => {
    const { party } = await registered('RAW');
    const res = await hub.ocpi('GET', '/ocpi/2.2.1/credentials', { token: party.hubToken, rawToken: true });
    expect(res.body.data.token).toBe(party.hubToken);
  });

  test('when the token is missing, unknown or Token A outside versions and credentials, then 401 with an OCPI envelope', async () => {
    const missing = await hub.ocpi('GET', '/ocpi/versions');
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ status_code: 2000, status_message: expect.stringMatching(/Authorization/) });
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: 'nope' })).status).toBe(401);
    const { tokenA } = await hub.createPlatform('A only', [{ role: 'EMSP', country_code: 'NL', party_id: 'AON' }]);
    const elsewhere = await hub.ocpi('GET', '/ocpi/2.2.1/hubclientinfo', { token: tokenA });
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.body.status_message).toMatch(/Token A is valid only for versions and credentials/);
  });
});
