// With roaming agreements required (production default), a module the hub only relays flows between a CPO and
// an eMSP only under an agreement covering every module (agreements name functional modules only).
import '../setup/agreements-required';
import { registered230, type FakeParty230 } from '../harness/fake-party-230';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
let cpo: FakeParty230;
let emsp: FakeParty230;
const CPO = { role: 'CPO', country_code: 'BE', party_id: 'BEC' };
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'TNM' };
const party = ({ country_code, party_id }: { country_code: string; party_id: string }) => ({ country_code, party_id });
const hints = (role: 'SENDER' | 'RECEIVER') => [{ identifier: 'bectnm-hints', role }];

beforeAll(async () => {
  hub = await startHub();
  cpo = await registered230(hub, { roles: [CPO], modules: hints('RECEIVER') });
  emsp = await registered230(hub, { roles: [EMSP], modules: hints('SENDER') });
});
afterAll(async () => {
  await Promise.all([cpo.stop(), emsp.stop()]);
  await hub.stop();
});

test('when no agreement binds the eMSP and the CPO then the CPO is unknown to it (4001), with an agreement not covering every module the call is refused with 403, and relayed once one covers all modules', async () => {
  await emsp.readHub(emsp.hubToken!);
  const call = () =>
    emsp.ocpi('PUT', 'bectnm-hints:RECEIVER', { subpath: '/BE/BEC/h1', body: { hint: 'ring twice' }, to: CPO });
  // No agreement at all: the CPO is answered like an unknown party (no existence oracle, as hubclientinfo hides it).
  const refused = await call();
  expect(refused.status).toBe(200);
  expect(refused.body.status_code).toBe(4001);
  expect(cpo.received('/bectnm-hints/')).toHaveLength(0);
  const onlyCdrs = await hub.admin('POST', '/agreements', { cpo: party(CPO), emsp: party(EMSP), modules: ['cdrs'] });
  expect(onlyCdrs.status).toBe(201);
  expect((await call()).status).toBe(403);
  await hub.admin('DELETE', `/agreements/${onlyCdrs.body.id}`);
  expect((await hub.admin('POST', '/agreements', { cpo: party(CPO), emsp: party(EMSP) })).status).toBe(201);
  const relayed = await call();
  expect(relayed.body.status_code).toBe(1000);
  expect(cpo.received('/ocpi/2.3.0/bectnm-hints/receiver/BE/BEC/h1', 'PUT')).toHaveLength(1);
});
