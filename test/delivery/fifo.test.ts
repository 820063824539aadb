// Per-object FIFO and coalescing: queued PUTs of one object become one delivery, PATCHes keep their order,
// and a later update of an object never reaches a receiver before an earlier one.
import { aLocation, anEvse } from '../builders';
import type { FakeParty, Recorded } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { later, minute, rowsOf } from './outbox';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const base = '/ocpi/2.2.1/locations/receiver/NL/CPA';
const loc = (id: string, extra: Record<string, unknown> = {}) =>
  aLocation({ country_code: 'NL', party_id: 'CPA', id, ...extra });
const send = async (method: string, path: string, body: unknown) => {
  const res = await cpo.ocpi(method, `${base}/${path}`, { body });
  expect(res.status).toBeLessThan(300);
};
/** The receiver fails every locations call while `failing` is set. */
let failing = false;
const delivered: Recorded[] = [];
const standard = (rec: Recorded) => {
  if (failing) return { status: 503, body: 'down for maintenance' };
  delivered.push(rec);
  return undefined;
};

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: receives('locations') },
  }));
});
afterAll(() => hub.stop());
beforeEach(() => {
  failing = false;
  emsp.respond = standard;
  delivered.length = 0;
});
const deliveredTo = (part: string) => delivered.filter((c) => c.path.includes(part));

describe('coalescing', () => {
  test('when several PUTs of one location are queued while the receiver fails, then it gets one delivery, the newest', async () => {
    failing = true;
    await send('PUT', 'C1', loc('C1', { name: 'v1' }));
    await hub.drain(); // the first PUT fails once and backs off
    await send('PUT', 'C1', loc('C1', { name: 'v2' }));
    await send('PUT', 'C1', loc('C1', { name: 'v3' }));
    failing = false;
    await hub.drain(later());
    expect(deliveredTo('/NL/CPA/C1').map((c) => [c.method, (c.body as { name: string }).name])).toEqual([
      ['PUT', 'v3'],
    ]);
    expect((await rowsOf(hub, emsp, 'C1')).map((r) => r.state)).toEqual(['superseded', 'superseded', 'delivered']);
  });

  test('when PUTs of two different EVSEs are queued, then both are delivered', async () => {
    await send('PUT', 'C2', loc('C2'));
    await hub.drain();
    failing = true;
    await send('PUT', 'C2/EVSE-A', anEvse({ uid: 'EVSE-A', status: 'CHARGING', last_updated: minute(1) }));
    await hub.drain();
    await send('PUT', 'C2/EVSE-B', anEvse({ uid: 'EVSE-B', status: 'BLOCKED', last_updated: minute(2) }));
    failing = false;
    await hub.drain(later());
    expect(
      deliveredTo('/NL/CPA/C2/')
        .map((c) => c.path.split('/').at(-1))
        .sort(),
    ).toEqual(['EVSE-A', 'EVSE-B']);
  });

  test('when PUTs of two EVSEs whose uids share a prefix (E1, E10) are queued, then both are delivered', async () => {
    await send('PUT', 'C3', loc('C3'));
    await hub.drain();
    failing = true;
    await send('PUT', 'C3/E10', anEvse({ uid: 'E10', status: 'CHARGING', last_updated: minute(1) }));
    await hub.drain();
    await send('PUT', 'C3/E1', anEvse({ uid: 'E1', status: 'BLOCKED', last_updated: minute(2) }));
    failing = false;
    await hub.drain(later());
    // a PUT of EVSE E1 says nothing about EVSE E10: the E10 update must not be coalesced away
    expect(
      deliveredTo('/NL/CPA/C3/')
        .map((c) => c.path.split('/').at(-1))
        .sort(),
    ).toEqual(['E1', 'E10']);
    expect((await rowsOf(hub, emsp, 'C3')).map((r) => r.state)).not.toContain('superseded');
  });

  test('when a PATCH is queued before a newer full PUT of the location, then the PATCH is superseded and only the PUT is delivered', async () => {
    await send('PUT', 'C4', loc('C4', { name: 'old' }));
    await hub.drain();
    delivered.length = 0;
    failing = true;
    await send('PATCH', 'C4/VP-UT-0042-1', { status: 'CHARGING', last_updated: minute(3) });
    await hub.drain();
    await send('PUT', 'C4', loc('C4', { name: 'new' }));
    failing = false;
    await hub.drain(later());
    expect(deliveredTo('/NL/CPA/C4').map((c) => [c.method, (c.body as { name?: string }).name])).toEqual([
      ['PUT', 'new'],
    ]);
    expect((await rowsOf(hub, emsp, 'C4')).map((r) => [r.method, r.state])).toEqual([
      ['PUT', 'delivered'],
      ['PATCH', 'superseded'],
      ['PUT', 'delivered'],
    ]);
  });
});

describe('order per object', () => {
  test('when several PATCHes of one EVSE are queued while the receiver fails, then none is coalesced and they arrive in the order sent', async () => {
    await send('PUT', 'O1', loc('O1'));
    await hub.drain();
    delivered.length = 0;
    failing = true;
    const statuses = ['CHARGING', 'BLOCKED', 'AVAILABLE', 'OUTOFORDER', 'AVAILABLE'];
    for (const [i, status] of statuses.entries())
      await send('PATCH', 'O1/VP-UT-0042-1', { status, last_updated: minute(10 + i) });
    await hub.drain();
    failing = false;
    await hub.drain(later());
    expect(deliveredTo('/NL/CPA/O1').map((c) => (c.body as { status: string }).status)).toEqual(statuses);
  });

  test("when updates of two objects are interleaved and each first attempt fails after a random delay, then each object's updates arrive in order", async () => {
    for (const id of ['O2', 'O3']) await send('PUT', id, loc(id));
    await hub.drain();
    delivered.length = 0;
    const tried = new Set<string>();
    emsp.respond = (rec) => {
      const body = rec.body as { last_updated: string };
      const key = `${rec.path}@${body.last_updated}`;
      const delayMs = Math.floor(Math.random() * 40);
      if (!tried.has(key)) {
        tried.add(key);
        return { status: 500, body: 'try again', delayMs };
      }
      delivered.push(rec);
      return { status: 200, body: { status_code: 1000, timestamp: new Date().toISOString() }, delayMs };
    };
    for (let i = 0; i < 6; i++) {
      for (const id of ['O2', 'O3'])
        await send('PATCH', `${id}/VP-UT-0042-1`, {
          status: i % 2 ? 'CHARGING' : 'AVAILABLE',
          last_updated: minute(20 + i),
        });
    }
    await hub.drain(later());
    for (const id of ['O2', 'O3']) {
      const stamps = deliveredTo(`/NL/CPA/${id}/`).map((c) => (c.body as { last_updated: string }).last_updated);
      expect(stamps).toEqual([0, 1, 2, 3, 4, 5].map((i) => minute(20 + i)));
    }
    expect(tried.size).toBe(12);
  });
});
