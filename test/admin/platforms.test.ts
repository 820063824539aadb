// The operator API's platform calls: exact shapes, validation, auth, PATCH of roles, suspension.
import { FakeParty } from '../harness/fake-party';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const roles = [{ role: 'CPO', country_code: 'nl', party_id: 'abc' }];

describe('admin platforms', () => {
  test('when a platform is created, then 201 with roles PLANNED, Token A and the versions URL, and never a secret afterwards', async () => {
    const res = await hub.admin('POST', '/platforms', { name: 'Alpha', roles });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Alpha',
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'ABC', status: 'PLANNED' }],
      endpoints: [],
      token_a: expect.any(String),
      versions_url: hub.versionsUrl,
    });
    const listed = await hub.admin('GET', '/platforms');
    expect(listed.body).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(res.body.token_a);
    expect(Object.keys(listed.body[0])).not.toEqual(
      expect.arrayContaining(['token_a', 'token_a_index', 'token_b_sealed']),
    );
  });

  test('when the body is invalid, then 400 with an error naming the field', async () => {
    const res = await hub.admin('POST', '/platforms', {
      name: 'Bad',
      roles: [{ role: 'CPO', country_code: 'NLD', party_id: 'X' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/roles\.0\.country_code/);
    expect(res.body.details[0].path).toBe('roles.0.country_code');
    const scsp = await hub.admin('POST', '/platforms', {
      name: 'S',
      roles: [{ role: 'SCSP', country_code: 'NL', party_id: 'SC' }],
    });
    expect(scsp.body.error).toMatch(/SCSP and NAP are not supported/);
  });

  test('when a role already belongs to another platform, then 409', async () => {
    const res = await hub.admin('POST', '/platforms', {
      name: 'Dup',
      roles: [{ role: 'CPO', country_code: 'NL', party_id: 'ABC' }],
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatch(/CPO:NL:ABC/);
  });

  test('when the admin token is missing or wrong, then 401 with a JSON error', async () => {
    expect((await call('GET', `${hub.url}/admin/platforms`)).status).toBe(401);
    const wrong = await call('GET', `${hub.url}/admin/platforms`, { bearer: 'not-the-token-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatch(/admin token/);
  });

  test('when the platform id is unknown, then 404', async () => {
    expect((await hub.admin('GET', '/platforms/nope')).status).toBe(404);
    expect((await hub.admin('GET', '/platforms/64b7f0c2a1b2c3d4e5f60718')).status).toBe(404);
  });

  test("when roles are patched after registration, then they apply at the party's next PUT", async () => {
    const party = await new FakeParty({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'PAT' }] }).start();
    try {
      const { id, tokenA } = await hub.createPlatform('Patchy', party.options.roles);
      await party.registerWith(hub.versionsUrl, tokenA);
      const both = [...party.options.roles, { role: 'NSP', country_code: 'DE', party_id: 'PAT' }];
      const patched = await hub.admin('PATCH', `/platforms/${id}`, { name: 'Patchy 2', roles: both });
      expect(patched.body.name).toBe('Patchy 2');
      expect(patched.body.roles).toHaveLength(1);
      expect(patched.body.pending_roles).toHaveLength(2);
      party.options.roles.push({ role: 'NSP', country_code: 'DE', party_id: 'PAT' });
      const put = await hub.ocpi('PUT', '/ocpi/2.2.1/credentials', {
        token: party.hubToken,
        body: { token: [...party.accepted][0], url: party.versionsUrl, roles: party.roles },
      });
      expect(put.body.status_code).toBe(1000);
      const after = (await hub.admin('GET', `/platforms/${id}`)).body;
      expect(after.roles.map((r: { role: string; status: string }) => `${r.role}:${r.status}`)).toEqual([
        'EMSP:CONNECTED',
        'NSP:CONNECTED',
      ]);
      expect(after.pending_roles).toBeUndefined();
    } finally {
      await party.stop();
    }
  });

  test('when a platform is suspended, then its traffic is refused and it shows OFFLINE; unsuspended, CONNECTED again', async () => {
    const party = await new FakeParty({ roles: [{ role: 'CPO', country_code: 'BE', party_id: 'SUS' }] }).start();
    try {
      const { id, tokenA } = await hub.createPlatform('Sleepy', party.options.roles);
      await party.registerWith(hub.versionsUrl, tokenA);
      const suspended = await hub.admin('POST', `/platforms/${id}/suspend`);
      expect(suspended.body.roles[0].status).toBe('OFFLINE');
      const refused = await hub.ocpi('GET', '/ocpi/versions', { token: party.hubToken });
      expect(refused.status).toBe(403);
      expect(refused.body.status_message).toMatch(/suspended/);
      expect((await hub.admin('POST', `/platforms/${id}/unsuspend`)).body.roles[0].status).toBe('CONNECTED');
      expect((await hub.ocpi('GET', '/ocpi/versions', { token: party.hubToken })).status).toBe(200);
    } finally {
      await party.stop();
    }
  });

  test('when a fresh Token A is issued, then the old one dies and the new one registers', async () => {
    const { id, tokenA } = await hub.createPlatform('Again', [{ role: 'CPO', country_code: 'FR', party_id: 'AGN' }]);
    const fresh = (await hub.admin('POST', `/platforms/${id}/token-a`)).body.token_a;
    expect(fresh).not.toBe(tokenA);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: tokenA })).status).toBe(401);
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: fresh })).status).toBe(200);
  });
});
