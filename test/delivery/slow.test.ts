// A slow receiver does not hold up a fast one: with the real background worker, per-receiver concurrency keeps
// the slow receiver's queue to itself.
import { startWorker, stopWorker } from '../../src/outbox/worker';
import { aLocation } from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { until } from '../harness/wait';

let hub: Hub;
let cpo: FakeParty;
let fast: FakeParty;
let slow: FakeParty;
const COUNT = 30;
const puts = (party: FakeParty) => party.received('/ocpi/2.2.1/locations/receiver/NL/CPA/', 'PUT');

/** How many of the party's location rows are recorded delivered, waiting up to 3 s for the last answers. */
async function deliveredCount(party: FakeParty): Promise<number> {
  const count = async (): Promise<number> =>
    (await hub.admin('GET', `/outbox?platform=${party.platformId}&state=delivered&module=locations`)).body.total;
  await until(async () => (await count()) >= COUNT, 3000, 100);
  return count();
}

beforeAll(async () => {
  ({
    hub,
    cpo,
    emsp: fast,
    more: { slow },
  } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: sends('locations') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMF' }], modules: receives('locations') },
    more: { slow: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMS' }], modules: receives('locations') } },
  }));
  slow.respond = (rec) => (rec.path.includes('/locations/') ? { status: 200, body: ok(), delayMs: 2000 } : undefined);
  startWorker();
});
afterAll(async () => {
  await stopWorker();
  await hub.stop();
});

describe('a slow receiver next to a fast one', () => {
  test('when 30 locations are pushed and one receiver answers after 2 s, then the fast receiver has all 30 well before the slow one', async () => {
    for (let i = 0; i < COUNT; i++) {
      const res = await cpo.ocpi('PUT', `/ocpi/2.2.1/locations/receiver/NL/CPA/S${i}`, {
        body: aLocation({ country_code: 'NL', party_id: 'CPA', id: `S${i}` }),
      });
      expect(res.status).toBe(201);
    }
    const lastPush = Date.now();
    expect(await until(() => puts(fast).length >= COUNT, 1500, 10)).toBe(true);
    const fastDoneAfter = Date.now() - lastPush;
    const slowSoFar = puts(slow).length;
    expect(fastDoneAfter).toBeLessThan(1500);
    expect(slowSoFar).toBeLessThan(COUNT); // the slow one is still receiving
    expect(new Set(puts(fast).map((c) => c.path)).size).toBe(COUNT);
  }, 10_000);

  test('when the slow receiver has answered everything, then it got each location once, at most 8 at a time, and every row of both receivers is recorded delivered', async () => {
    expect(await until(() => puts(slow).length >= COUNT, 12_000, 10)).toBe(true);
    expect(await deliveredCount(fast)).toBe(COUNT);
    expect(await deliveredCount(slow)).toBe(COUNT);
    expect(puts(slow)).toHaveLength(COUNT); // nothing sent twice
    // never more than HUB_RECEIVER_CONCURRENCY (8) calls open at the slow receiver at once
    const arrivals = puts(slow).map((c) => c.at);
    expect(Math.max(...arrivals.map((t) => arrivals.filter((u) => u <= t && u > t - 1900).length))).toBeLessThanOrEqual(
      8,
    );
  }, 20_000);
});
