// Registration started by the party (the hub is the credentials server), and each refusal of it.
import { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
const parties: FakeParty[] = [];
const aParty = async (o: ConstructorParameters<typeof FakeParty>[0]) => {
  const p = await new FakeParty(o).start();
  parties.push(p);
  return p;
};
const cpoRoles = (party_id: string) => [{ role: 'CPO', country_code: 'NL', party_id }];

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await Promise.all(parties.map((p) => p.stop()));
  await hub.stop();
});

describe('a party registering with the hub', () => {
  test('when a CPO posts its credentials with Token A, then the hub calls back with Token B and returns Token C and its HUB role', async () => {
    const cpo = await aParty({ roles: cpoRoles('CPA'), modules: [{ identifier: 'locations', role: 'SENDER' }] });
    const { id, tokenA } = await hub.createPlatform('CPO A', cpoRoles('CPA'));
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.status).toBe(200);
    expect(res.body.status_code).toBe(1000);
    expect(res.body.data.roles).toEqual([
      expect.objectContaining({ role: 'HUB', country_code: 'NL', party_id: 'HUB' }),
    ]);
    expect(res.body.data.url).toBe(hub.versionsUrl);
    // the hub fetched versions and details with Token B
    const callbacks = cpo.calls.filter((c) => c.path.startsWith('/ocpi/'));
    expect(callbacks.map((c) => c.path)).toEqual(['/ocpi/versions/', '/ocpi/2.2.1/']); // as listed, trailing / included;
    expect(
      callbacks.every((c) =>
        cpo.accepted.has(Buffer.from(String(c.headers.authorization).slice(6), 'base64').toString()),
      ),
    ).toBe(true);
    const platform = (await hub.admin('GET', `/platforms/${id}`)).body;
    expect(platform.roles).toEqual([{ role: 'CPO', country_code: 'NL', party_id: 'CPA', status: 'CONNECTED' }]);
    expect(platform.endpoints.map((e: { identifier: string }) => e.identifier)).toEqual(['credentials', 'locations']);
    // Token C now opens the hub; Token A is dead
    expect((await hub.ocpi('GET', '/ocpi/2.2.1/credentials', { token: cpo.hubToken })).body.data.token).toBe(
      cpo.hubToken,
    );
    expect((await hub.ocpi('GET', '/ocpi/versions', { token: tokenA })).status).toBe(401);
  });

  test('when an eMSP registers, then its role is CONNECTED too', async () => {
    const emsp = await aParty({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] });
    const { id, tokenA } = await hub.createPlatform('eMSP A', [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }]);
    expect((await emsp.registerWith(hub.versionsUrl, tokenA)).body.status_code).toBe(1000);
    expect((await hub.admin('GET', `/platforms/${id}`)).body.roles[0].status).toBe('CONNECTED');
  });

  test('when Token A is used again after a registration, then it is refused with 401', async () => {
    const cpo = await aParty({ roles: cpoRoles('CPB') });
    const { tokenA } = await hub.createPlatform('CPO B', cpoRoles('CPB'));
    await cpo.registerWith(hub.versionsUrl, tokenA);
    const again = await hub.ocpi('POST', '/ocpi/2.2.1/credentials', {
      token: tokenA,
      body: { token: 'B-second', url: cpo.versionsUrl, roles: cpo.roles },
    });
    expect(again.status).toBe(401);
    expect(again.body.status_code).toBe(2000);
  });

  test('when the party posts roles the operator did not declare, then it is refused and nothing is stored', async () => {
    const cpo = await aParty({ roles: cpoRoles('XXX') });
    const { id, tokenA } = await hub.createPlatform('CPO C', cpoRoles('CPC'));
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.status).toBe(403);
    expect(res.body.status_code).toBe(2000);
    expect(res.body.status_message).toMatch(/CPO:NL:XXX.*not the roles the hub operator declared/);
    const platform = (await hub.admin('GET', `/platforms/${id}`)).body;
    expect(platform.registered).toBe(false);
    expect(platform.roles[0].status).toBe('PLANNED');
  });

  test('when the party cannot be reached, then 3001, and Token A still works afterwards', async () => {
    const cpo = await aParty({ roles: cpoRoles('CPD') });
    const { tokenA } = await hub.createPlatform('CPO D', cpoRoles('CPD'));
    const details = await hub.ocpi('GET', '/ocpi/2.2.1/credentials', { token: tokenA });
    const res = await hub.ocpi('POST', '/ocpi/2.2.1/credentials', {
      token: tokenA,
      body: { token: 'B-unreachable', url: 'http://127.0.0.1:9/ocpi/versions', roles: cpo.roles },
    });
    expect(details.status).toBe(200);
    expect(res.status).toBe(400);
    expect(res.body.status_code).toBe(3001);
    expect(res.body.status_message).toMatch(/versions endpoint/);
    expect((await cpo.registerWith(hub.versionsUrl, tokenA)).body.status_code).toBe(1000);
  });

  test('when the party speaks no common version, then 3002', async () => {
    const cpo = await aParty({ roles: cpoRoles('CPE'), versions: ['2.1.1'] });
    const { tokenA } = await hub.createPlatform('CPO E', cpoRoles('CPE'));
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.body.status_code).toBe(3002);
    expect(res.body.status_message).toMatch(/2\.1\.1/);
  });

  test('when the party lists no credentials endpoint, then 3003', async () => {
    const cpo = await aParty({ roles: cpoRoles('CPF'), listCredentials: false });
    const { tokenA } = await hub.createPlatform('CPO F', cpoRoles('CPF'));
    expect((await cpo.registerWith(hub.versionsUrl, tokenA)).body.status_code).toBe(3003);
  });

  test('when the party answers garbage to the versions call, then 3001', async () => {
    const cpo = await aParty({ roles: cpoRoles('CPG') });
    cpo.respond = (r) => (r.path === '/ocpi/versions/' ? { status: 200, body: '<html>oops</html>' } : undefined);
    const { tokenA } = await hub.createPlatform('CPO G', cpoRoles('CPG'));
    const res = await cpo.registerWith(hub.versionsUrl, tokenA);
    expect(res.body.status_code).toBe(3001);
    expect(res.body.status_message).toMatch(/did not answer an OCPI response/);
  });
});
