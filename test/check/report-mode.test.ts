// HUB_ONBOARDING_CHECK=report: the hub checks a partner by itself after the handshake and keeps the report,
// without holding it out of routing.
import '../setup/onboarding-report';
import { call } from '../harness/http';
import { startHub, type Hub } from '../harness/hub';
import { sleep, until } from '../harness/wait';
import { FakePartner } from './fake-partner';

describe('the onboarding check in report mode', () => {
  let hub: Hub;
  let partner: FakePartner;
  const sentAs = (id: string, encoding: string) =>
    until(async () => (await hub.admin('GET', `/platforms/${id}`)).body.token_sent_as === encoding, 5000);

  beforeAll(async () => {
    hub = await startHub();
    partner = await new FakePartner('invalid-cdrs').start();
  });
  afterAll(async () => {
    await partner.stop();
    await hub.stop();
  });

  test('when a partner registers, then it is CONNECTED at once and its check report appears shortly after', async () => {
    const { id } = await hub.createPlatform('Voltaplein', [{ role: 'CPO', country_code: 'NL', party_id: 'VLT' }]);
    const registered = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: partner.versionsUrl,
      token: partner.token,
    });
    expect(registered.body).toMatchObject({ roles: [{ status: 'CONNECTED' }], onboarding: null });
    const report = await until(async () => {
      const res = await hub.admin('GET', `/platforms/${id}/check`);
      return res.status === 404 ? undefined : res;
    }, 5000);
    expect(report?.body).toMatchObject({ verdict: 'fail', role: 'CPO' });
    expect((await hub.admin('GET', `/platforms/${id}`)).body).toMatchObject({
      roles: [{ status: 'CONNECTED' }],
      onboarding: { verdict: 'fail' },
    });
  });

  test('when the partner calls the hub with its raw token, then the next check reports that it sends raw tokens', async () => {
    const platform = (await hub.admin('GET', '/platforms')).body[0];
    const before = (await hub.admin('GET', `/platforms/${platform.id}/check`)).body.checks.find(
      (c: { id: string }) => c.id === 'auth.sends',
    );
    expect(before).toBeUndefined(); // it has not called the hub yet: nothing to judge
    expect((await call('GET', hub.versionsUrl, { token: partner.hubToken, rawToken: true })).status).toBe(200);
    expect(await sentAs(platform.id, 'raw')).toBe(true); // noted after the answer (parties/store.ts touch)
    const after = (await hub.admin('POST', `/platforms/${platform.id}/check`)).body.checks.find(
      (c: { id: string }) => c.id === 'auth.sends',
    );
    expect(after).toMatchObject({ verdict: 'fail', detail: expect.stringMatching(/raw token/) });
    expect((await call('GET', hub.versionsUrl, { token: partner.hubToken })).status).toBe(200);
    await sleep(2100); // time must pass: the hub caches a token's lookup for 2 s
    expect((await call('GET', hub.versionsUrl, { token: partner.hubToken })).status).toBe(200);
    expect(await sentAs(platform.id, 'base64')).toBe(true);
    const fixed = (await hub.admin('POST', `/platforms/${platform.id}/check`)).body.checks.find(
      (c: { id: string }) => c.id === 'auth.sends',
    );
    expect(fixed).toMatchObject({ verdict: 'pass' });
  });
});
