// Endpoint URLs used exactly as partners list them: theirs end in `/` and they answer 307 to the other form,
// as some real servers do (2.2.1 transport_and_format: a call to the endpoint itself keeps the URL as listed).
import { OutboxModel } from '../../src/outbox/model';
import { aCdr, aLocation } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { emspModules } from '../harness/modules';
import { CPO, startWithPair } from '../harness/pair';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const V = '/ocpi/2.2.1';
const paths = (party: FakeParty, part: string) => party.received(part).map((c) => `${c.method} ${c.path}`);

beforeAll(async () => {
  // The CPO answers its Sender GETs with its own locations page.
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: {
      answer: (c) =>
        c.method === 'GET' && c.path.includes('/locations/sender/') ? [aLocation({ id: 'PAGE-1' })] : undefined,
    },
  }));
});
afterAll(() => hub.stop());

describe('endpoint URLs exactly as listed', () => {
  test('when the eMSP lists its cdrs Receiver with a trailing / and redirects the other form, then a CDR from a CPO reaches it at the listed URL', async () => {
    const other = await fetch(`${emsp.url}${V}/cdrs/receiver`, { method: 'POST', redirect: 'manual' });
    expect([other.status, other.headers.get('location')]).toEqual([307, `${emsp.url}${V}/cdrs/receiver/`]);
    emsp.calls = [];
    const res = await cpo.ocpi('POST', `${V}/cdrs/receiver`, { to: 'hub', body: aCdr({ id: 'SLASH-1' }) });
    expect([res.status, res.body.status_code]).toEqual([201, 1000]);
    await hub.drain();
    expect(paths(emsp, '/cdrs/')).toEqual([`POST ${V}/cdrs/receiver/`]);
    expect(await OutboxModel.countDocuments({ module: 'cdrs', state: { $ne: 'delivered' } })).toBe(0);
  });

  test("when an eMSP asks the CPO for its locations through the hub, then the CPO's listed Sender URL is used as is and its page comes back", async () => {
    cpo.calls = [];
    const page = await emsp.ocpi('GET', `${V}/locations/sender?limit=5`, { to: CPO });
    expect([page.status, page.body.status_code]).toEqual([200, 1000]);
    expect(page.body.data.map((l: { id: string }) => l.id)).toEqual(['PAGE-1']);
    const one = await emsp.ocpi('GET', `${V}/locations/sender/PAGE-1`, { to: CPO });
    expect(one.body.status_code).toBe(1000);
    expect(paths(cpo, '/locations/')).toEqual([
      `GET ${V}/locations/sender/?limit=5`,
      `GET ${V}/locations/sender/PAGE-1`,
    ]);
  });

  test('when the hub pushes below a listed URL, then exactly one / joins it and the path (hubclientinfo, locations)', async () => {
    emsp.calls = [];
    expect(
      (
        await cpo.ocpi('PUT', `${V}/locations/receiver/NL/VLT/SLASH-LOC`, {
          to: 'hub',
          body: aLocation({ id: 'SLASH-LOC' }),
        })
      ).status,
    ).toBe(201);
    await hub.drain();
    expect(paths(emsp, '/locations/')).toEqual([`PUT ${V}/locations/receiver/NL/VLT/SLASH-LOC`]);
    expect(emsp.calls.every((c) => !c.path.includes('//'))).toBe(true);
    cpo.calls = [];
    await hub.connect({ roles: [{ role: 'EMSP', country_code: 'BE', party_id: 'NEW' }], modules: emspModules });
    await hub.drain();
    expect(new Set(paths(cpo, '/hubclientinfo/'))).toEqual(new Set([`PUT ${V}/hubclientinfo/receiver/BE/NEW`])); // PLANNED, then CONNECTED
  });
});
