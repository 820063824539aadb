// Hub client info: every status change of a party is PUT to the connected parties, the list is served
// paginated, and still-alive checks turn a silent party OFFLINE and back.
import * as stillAlive from '../../src/jobs/still-alive';
import type { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';
import { cpoModules, emspModules } from '../harness/modules';

let hub: Hub;
let emsp: FakeParty;
const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };
const inTen = () => new Date(Date.now() + 10 * 60_000);
const statuses = () =>
  emsp.received('/ocpi/2.2.1/hubclientinfo/receiver/NL/CPA', 'PUT').map((c) => (c.body as { status: string }).status);

beforeAll(async () => {
  hub = await startHub();
  emsp = await hub.connect({ roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: emspModules });
});
afterAll(() => hub.stop());

describe('ClientInfo pushes', () => {
  let cpo: FakeParty;

  test('when a CPO is declared and registers, then the eMSP receives PLANNED then CONNECTED, without routing headers', async () => {
    cpo = await hub.connect({ roles: [CPO], modules: cpoModules });
    await hub.drain();
    expect(statuses()).toEqual(['PLANNED', 'CONNECTED']);
    const put = emsp.received('/hubclientinfo/receiver/NL/CPA', 'PUT')[1];
    expect(put?.body).toEqual({
      party_id: 'CPA',
      country_code: 'NL',
      role: 'CPO',
      status: 'CONNECTED',
      last_updated: expect.stringMatching(/Z$/),
    });
    expect(put?.headers['ocpi-from-party-id']).toBeUndefined();
  });

  test('when the operator suspends and unsuspends the CPO, then OFFLINE and CONNECTED follow', async () => {
    await hub.admin('POST', `/platforms/${cpo.platformId}/suspend`);
    await hub.admin('POST', `/platforms/${cpo.platformId}/unsuspend`);
    await hub.drain();
    expect(statuses().slice(-2)).toEqual(['OFFLINE', 'CONNECTED']);
  });

  test('when the CPO stops answering, then still-alive turns it OFFLINE; when it is back, CONNECTED again', async () => {
    const port = cpo.port;
    await cpo.stop();
    await stillAlive.run(inTen());
    await hub.drain();
    expect(statuses().at(-1)).toBe('OFFLINE');
    const listed = await emsp.ocpi('GET', '/ocpi/2.2.1/hubclientinfo');
    expect(listed.body.data).toContainEqual(expect.objectContaining({ party_id: 'CPA', status: 'OFFLINE' }));
    expect((await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO })).body.status_code).toBe(4003);
    await cpo.start(port);
    await stillAlive.run(inTen());
    await hub.drain();
    expect(statuses().at(-1)).toBe('CONNECTED');
  });

  test('when a party was heard from recently, then still-alive leaves it alone', async () => {
    const before = cpo.received('/ocpi/versions').length;
    await cpo.ocpi('GET', '/ocpi/2.2.1/hubclientinfo');
    await stillAlive.run(new Date());
    expect(cpo.received('/ocpi/versions')).toHaveLength(before);
  });

  test('when the CPO unregisters, then SUSPENDED is announced', async () => {
    await cpo.ocpi('DELETE', '/ocpi/2.2.1/credentials');
    await hub.drain();
    expect(statuses().at(-1)).toBe('SUSPENDED');
  });
});

describe('the hubclientinfo list', () => {
  test('when a party GETs the list with a small limit, then it pages through every party with the headers', async () => {
    const seen: string[] = [];
    let url: string | undefined = '/ocpi/2.2.1/hubclientinfo?limit=1';
    while (url) {
      const res = await emsp.ocpi('GET', url);
      expect(res.headers.get('x-total-count')).toBe('2');
      seen.push(...res.body.data.map((c: { party_id: string }) => c.party_id));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
    expect(seen.sort()).toEqual(['CPA', 'EMA']);
  });
});
