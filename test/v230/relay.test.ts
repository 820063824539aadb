// Modules the hub does not model, between 2.3.0 platforms: Payments (2.3.0 mod_payments) and a party's custom
// module are relayed by direct routing when both parties list them, under the usual hub rules; nothing is stored.
import { ok } from '../harness/fake-party';
import { registered230, type FakeParty230, type FakeParty230Options } from '../harness/fake-party-230';
import { startHub, type Hub } from '../harness/hub';

let hub: Hub;
let cpo: FakeParty230;
let ptp: FakeParty230;
let emsp: FakeParty230;
const CPO = { role: 'CPO', country_code: 'BE', party_id: 'BEC' };
const PTP = { role: 'OTHER', country_code: 'NL', party_id: 'PTP' }; // 2.3.0 has no payment-terminal role: OTHER
const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'TNM' };

const registered = (o: FakeParty230Options) => registered230(hub, o);

/** After payment_terminal_activate.json (2.3.0): the CPO asks the PTP to activate a terminal at a location. */
const activation = {
  location_ids: ['df37373d-1669-4127-a6ac-d86750095119'],
  reference: 'Term-SerialNumber',
  last_updated: '2019-12-10T17:16:15Z',
};

beforeAll(async () => {
  hub = await startHub();
  cpo = await registered({
    roles: [CPO],
    modules: [
      { identifier: 'payments', role: 'RECEIVER' },
      { identifier: 'bectnm-hints', role: 'RECEIVER' },
    ],
  });
  ptp = await registered({ roles: [PTP], modules: [{ identifier: 'payments', role: 'SENDER' }] });
  emsp = await registered({ roles: [EMSP], modules: [{ identifier: 'bectnm-hints', role: 'SENDER' }] });
});
afterAll(async () => {
  await Promise.all([cpo, ptp, emsp].map((p) => p.stop()));
  await hub.stop();
});

describe('Payments between two 2.3.0 platforms', () => {
  test('when the CPO POSTs a terminal activation to the PTP through the hub then the PTP gets it at its Sender and its answer comes back', async () => {
    const terminal = { terminal_id: 'a06dc823-3e5a-40c8-89cf-1b5b9e941412', ...activation };
    ptp.respond = (req) => (req.path.endsWith('/terminals/activate') ? { status: 200, body: ok(terminal) } : undefined);
    const res = await cpo.ocpi('POST', 'payments:SENDER', {
      subpath: '/terminals/activate',
      body: activation,
      to: PTP,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status_code: 1000, data: terminal });
    const [got] = ptp.received('/payments/', 'POST');
    expect(got?.path).toBe('/ocpi/2.3.0/payments/sender/terminals/activate');
    expect(got?.body).toEqual(activation);
    expect(got?.headers).toMatchObject({
      'ocpi-from-party-id': 'BEC',
      'ocpi-to-party-id': 'PTP',
      'x-correlation-id': expect.any(String),
      'ocpi-hub-signature': expect.any(String),
    });
    expect(Buffer.from(String(got?.headers.authorization).replace('Token ', ''), 'base64').toString()).toBe(
      [...ptp.accepted][0],
    );
    ptp.respond = undefined;
  });

  test('when the PTP pages its terminals list to the CPO the other way then the query reaches the CPO Receiver unchanged', async () => {
    const res = await ptp.ocpi('GET', 'payments:RECEIVER', { subpath: '/terminals/T1?x=1', to: CPO });
    expect(res.body.status_code).toBe(1000);
    expect(cpo.received('/payments/receiver/terminals/T1?x=1', 'GET')).toHaveLength(1);
  });

  test('when a party that does not list payments calls them then 403; a target that does not implement the interface gives 4001', async () => {
    ptp.calls = [];
    const refused = await emsp.ocpi('POST', 'payments:SENDER', {
      subpath: '/terminals/activate',
      body: activation,
      to: PTP,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.status_code).toBe(2000);
    const noSuch = await cpo.ocpi('POST', 'payments:RECEIVER', { subpath: '/terminals', body: activation, to: PTP });
    expect(noSuch.body.status_code).toBe(4001);
    const nobody = await cpo.ocpi('POST', 'payments:SENDER', {
      subpath: '/terminals/activate',
      body: activation,
      to: { role: 'CPO', country_code: 'XX', party_id: 'NOP' },
    });
    expect(nobody.body.status_code).toBe(4001);
    const unrouted = await cpo.ocpi('POST', 'payments:SENDER', { subpath: '/terminals/activate', body: activation });
    expect(unrouted.body.status_code).toBe(4001);
    expect(ptp.received('/payments/')).toHaveLength(0);
  });

  test('when the PTP is offline then the CPO gets 4003 and nothing reaches it', async () => {
    ptp.calls = [];
    await hub.admin('POST', `/platforms/${ptp.platformId}/suspend`);
    const res = await cpo.ocpi('POST', 'payments:SENDER', {
      subpath: '/terminals/activate',
      body: activation,
      to: PTP,
    });
    expect(res.body.status_code).toBe(4003);
    expect(ptp.calls).toHaveLength(0);
    await hub.admin('POST', `/platforms/${ptp.platformId}/unsuspend`);
  });
});

describe("a party's custom module", () => {
  test('when both parties list a custom module then the hub lists it too and relays a call between them', async () => {
    await emsp.readHub(emsp.hubToken!);
    expect(emsp.hubEndpoints['bectnm-hints:RECEIVER']).toBe(`${hub.url}/ocpi/2.3.0/bectnm-hints/receiver`);
    const res = await emsp.ocpi('PUT', 'bectnm-hints:RECEIVER', {
      subpath: '/BE/BEC/h1',
      body: { hint: 'bring a cable' },
      to: CPO,
    });
    expect(res.body.status_code).toBe(1000);
    expect(cpo.received('/ocpi/2.3.0/bectnm-hints/receiver/BE/BEC/h1', 'PUT')[0]?.body).toEqual({
      hint: 'bring a cable',
    });
  });
});
