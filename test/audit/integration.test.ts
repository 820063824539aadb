// The hub's own actions reach the audit log: every forward and relay (with the digest of the signature the hub
// sent) and every operator action, chained and verifiable, with no personal data in it.
import { flushAudit } from '../../src/audit/log';
import { aLocation, aToken } from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [CPO] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
  }));
});
afterAll(() => hub.stop());

test('when the hub forwards, relays and is operated, then each is in the audit log, verifiable, without personal data', async () => {
  await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/AU1', {
    body: aLocation({ id: 'AU1', country_code: 'NL', party_id: 'CPA' }),
    headers: { 'X-Correlation-ID': 'audit-corr-1' },
  });
  await emsp.ocpi('PUT', '/ocpi/2.2.1/tokens/receiver/DE/EMA/SECRET-UID-42', {
    body: aToken({ uid: 'SECRET-UID-42', country_code: 'DE', party_id: 'EMA' }),
  });
  await hub.drain();
  cpo.respond = (r) => (r.path.startsWith('/ocpi/2.2.1/sessions/sender') ? { status: 200, body: ok([]) } : undefined);
  await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO, headers: { 'X-Correlation-ID': 'audit-corr-2' } });
  await hub.admin('POST', `/platforms/${cpo.platformId}/suspend`);
  await flushAudit();

  const forwards = (await hub.admin('GET', '/audit?action=forward&correlation_id=audit-corr-1')).body.entries;
  expect(forwards).toEqual([
    expect.objectContaining({
      to: 'DE*EMA',
      module: 'locations',
      outcome: expect.stringMatching(/^delivered 200/),
      signature_digest: expect.stringMatching(/^[0-9a-f]{64}$/),
    }),
  ]);
  const relays = (await hub.admin('GET', '/audit?action=relay&correlation_id=audit-corr-2')).body.entries;
  expect(relays).toEqual([
    expect.objectContaining({ from: 'DE*EMA', to: 'NL*CPA', module: 'sessions', outcome: 'HTTP 200 1000' }),
  ]);
  const admin = (
    await hub.admin(
      'GET',
      `/audit?action=${encodeURIComponent(`admin POST /admin/platforms/${cpo.platformId}/suspend`)}`,
    )
  ).body.entries;
  expect(admin).toHaveLength(1);
  expect((await hub.admin('GET', '/audit/verify')).body).toMatchObject({ ok: true });
  const everything = JSON.stringify((await hub.admin('GET', '/audit?limit=1000')).body);
  expect(everything).toContain('tokens'); // the token's forward is there...
  expect(everything).not.toContain('SECRET-UID-42'); // ...without its uid
});
