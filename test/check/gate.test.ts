// HUB_ONBOARDING_CHECK=required: a newly registered platform stays out of routing (roles PLANNED) until a check
// passes or the operator accepts it; both are audited.
import '../setup/onboarding-required';
import { AuditModel } from '../../src/audit/model';
import { flushAudit } from '../../src/audit/log';
import { CheckReport } from '../../src/openapi/admin-views';
import { startHub, type Hub } from '../harness/hub';
import { emspModules } from '../harness/modules';
import type { FakeParty } from '../harness/fake-party';
import { FakePartner } from './fake-partner';

const CPO = { role: 'CPO', country_code: 'NL', party_id: 'VLT' };
const relayToCpo = (emsp: FakeParty, party_id = 'VLT') =>
  emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender?limit=2', { to: { ...CPO, party_id } });

describe('the onboarding gate (HUB_ONBOARDING_CHECK=required)', () => {
  let hub: Hub;
  let emsp: FakeParty;
  const partners: FakePartner[] = [];

  beforeAll(async () => {
    hub = await startHub();
    emsp = await hub.connect({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: emspModules });
  });
  afterAll(async () => {
    await Promise.all(partners.map((p) => p.stop()));
    await hub.stop();
  });

  async function registerCpo(partner: FakePartner): Promise<string> {
    partners.push(await partner.start());
    const { id } = await hub.createPlatform('Voltaplein', [{ ...CPO, party_id: partner.partyId }]);
    const registered = await hub.admin('POST', `/platforms/${id}/register`, {
      versions_url: partner.versionsUrl,
      token: partner.token,
    });
    expect(registered.status).toBe(200);
    return id;
  }
  const auditActions = async (id: string) => {
    await flushAudit();
    return (await AuditModel.find({ platform_id: id }).sort({ seq: 1 }).lean()).map(
      (e) => `${e.action} → ${e.outcome}`,
    );
  };

  test('when a partner fails its check, then it stays PLANNED and out of routing until the operator accepts it', async () => {
    const id = await registerCpo(new FakePartner('invalid-cdrs'));
    const before = await hub.admin('GET', `/platforms/${id}`);
    expect(before.body).toMatchObject({
      registered: true,
      roles: [{ status: 'PLANNED' }],
      onboarding: { state: 'held' },
    });
    expect((await relayToCpo(emsp)).body.status_code).toBe(4003);

    const check = await hub.admin('POST', `/platforms/${id}/check`);
    expect(check.status).toBe(200);
    expect(check.body.verdict).toBe('fail');
    expect(CheckReport.strict().safeParse(check.body).error).toBeUndefined(); // as documented
    expect(
      (await hub.admin('GET', `/platforms/${id}/check`)).body.checks.find(
        (c: { id: string }) => c.id === 'objects.cdrs.schema',
      ).verdict,
    ).toBe('fail');
    expect((await hub.admin('GET', `/platforms/${id}`)).body).toMatchObject({
      roles: [{ status: 'PLANNED' }],
      onboarding: { state: 'held', verdict: 'fail' },
    });
    expect((await relayToCpo(emsp)).body.status_code).toBe(4003);

    const accepted = await hub.admin('POST', `/platforms/${id}/accept`);
    expect(accepted.body).toMatchObject({ roles: [{ status: 'CONNECTED' }], onboarding: { state: 'accepted' } });
    const relayed = await relayToCpo(emsp);
    expect(relayed.body).toMatchObject({ status_code: 1000 });
    expect(relayed.body.data).toHaveLength(2);
    expect((await hub.admin('POST', `/platforms/${id}/accept`)).status).toBe(409);
    const audit = await auditActions(id);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^onboarding check → fail: \d+ passed, 0 warnings, 1 failed$/),
        'onboarding accepted by the operator → CONNECTED',
      ]),
    );
    await hub.admin('DELETE', `/platforms/${id}`);
  });

  test('when a partner passes its check, then the check releases it into routing', async () => {
    const id = await registerCpo(new FakePartner(undefined, 'VLU'));
    expect((await hub.admin('GET', `/platforms/${id}`)).body.roles[0].status).toBe('PLANNED');
    const check = await hub.admin('POST', `/platforms/${id}/check`);
    expect(check.body.verdict).toBe('pass');
    expect((await hub.admin('GET', `/platforms/${id}`)).body).toMatchObject({
      roles: [{ status: 'CONNECTED' }],
      onboarding: { state: 'passed', verdict: 'pass' },
    });
    expect((await relayToCpo(emsp, 'VLU')).body.status_code).toBe(1000);
    expect(await auditActions(id)).toContain('onboarding released: check passed → CONNECTED');
  });

  test('when the platform is unknown or not registered, then check and accept answer 404 and 409', async () => {
    expect((await hub.admin('POST', '/platforms/0123456789abcdef01234567/check')).status).toBe(404);
    const { id } = await hub.createPlatform('Not yet', [{ role: 'CPO', country_code: 'NL', party_id: 'NYT' }]);
    expect((await hub.admin('POST', `/platforms/${id}/check`)).status).toBe(409);
    expect((await hub.admin('GET', `/platforms/${id}/check`)).status).toBe(404);
  });
});
