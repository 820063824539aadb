// Several hub processes on one database: every receiver gets every record once, per-object order kept;
// a SIGKILLed hub loses nothing it acknowledged; SIGTERM exits cleanly within its bound.
import mongoose from 'mongoose';
import { aLocation } from '../builders';
import { ok, type FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { emspModules } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { spawnHub, type HubProcess } from '../harness/process';
import { until } from '../harness/wait';

jest.setTimeout(180_000);

let hub: Hub;
let cpo: FakeParty;
let receivers: FakeParty[];
const spawned: HubProcess[] = [];
const replica = async (env: Record<string, string> = {}) => {
  const p = await spawnHub(env);
  spawned.push(p);
  return p;
};

beforeAll(async () => {
  const pair = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }] },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
    more: {
      emb: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMB' }], modules: emspModules },
      emc: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMC' }], modules: emspModules },
    },
  });
  ({ hub, cpo } = pair); // registration and admin only: this process runs no outbox worker
  receivers = [pair.emsp, pair.more.emb, pair.more.emc];
});
afterEach(async () => {
  await Promise.all(spawned.splice(0).map((p) => p.kill('SIGKILL')));
  for (const r of receivers) {
    r.respond = undefined;
    r.calls = [];
  }
});
afterAll(() => hub.stop());

/** Runs `work` over `items` with at most `n` at a time. */
async function pool<T>(items: T[], n: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const received = (r: FakeParty) =>
  r.received('/ocpi/2.2.1/locations/receiver/NL/CPA/', 'PUT').map((c) => c.body as { id: string; x_version: number });
const put = (base: string, id: string, version: number) =>
  cpo.ocpi('PUT', `${base}/ocpi/2.2.1/locations/receiver/NL/CPA/${id}`, {
    body: aLocation({
      id,
      country_code: 'NL',
      party_id: 'CPA',
      x_version: version,
      last_updated: `2025-06-02T08:00:0${version}Z`,
    }),
  });

test("when two replicas fan out 2,000 pushes to three receivers, then each receiver gets every object's newest version, in order, with no duplicates", async () => {
  const [a, b] = await Promise.all([
    replica({ HUB_HTTP_TIMEOUT_MS: '10000' }),
    replica({ HUB_HTTP_TIMEOUT_MS: '10000' }),
  ]); // production lease and timeout
  const ids = Array.from({ length: 500 }, (_, i) => `R${i}`);
  // 500 locations, 4 versions each, one after another per location, alternating replicas: 2,000 pushes.
  await pool(ids, 16, async (id) => {
    for (let v = 1; v <= 4; v++) {
      const res = await put((Number(id.slice(1)) + v) % 2 ? a.url : b.url, id, v);
      expect(res.status === 200 || res.status === 201).toBe(true);
    }
  });
  const everyNewest = await until(
    () =>
      receivers.every(
        (r) =>
          new Set(
            received(r)
              .filter((l) => l.x_version === 4)
              .map((l) => l.id),
          ).size === ids.length,
      ),
    120_000,
    100,
  );
  expect(everyNewest).toBe(true);
  let duplicates = 0;
  let deliveries = 0;
  for (const r of receivers) {
    const seen = new Map<string, number[]>();
    for (const l of received(r)) seen.set(l.id, [...(seen.get(l.id) ?? []), l.x_version]);
    for (const [, versions] of seen) {
      deliveries += versions.length;
      duplicates += versions.length - new Set(versions).size;
      expect(versions).toEqual([...versions].sort((x, y) => x - y)); // never an older version after a newer one
    }
  }
  // At least once: a delivery is sent again only after an attempt that failed (e.g. a timeout the receiver
  // nevertheless processed). Every duplicate must be such a recorded retry, never two replicas claiming one row.
  const retried = await mongoose.connection
    .db!.collection('outbox')
    .countDocuments({ module: 'locations', state: 'delivered', attempts: { $gt: 1 } });
  process.stdout.write(
    `replicas: 2,000 pushes, ${deliveries} deliveries to 3 receivers (PUT coalescing saved ${6000 - deliveries}), ${duplicates} duplicates, ${retried} retried deliveries\n`,
  );
  expect(duplicates).toBeLessThanOrEqual(retried);
});

test('when a hub is SIGKILLed in the middle of a fan-out and started again, then nothing it acknowledged is missing at any receiver', async () => {
  // Receivers slower than the pushes, so deliveries are still under way when the hub is killed (a hub that hands its
  // rows over at once, outbox/handover.ts, kept up with 25 ms answers and the kill sometimes found nothing to cut).
  for (const r of receivers)
    r.respond = (c) => (c.method === 'PUT' ? { status: 200, body: ok(), delayMs: 200 } : undefined);
  const a = await replica({ HUB_OUTBOX_LEASE_SECONDS: '3' }); // a short lease, so the restart takes over soon
  const acknowledged = new Set<string>();
  let killed = false;
  await pool(
    Array.from({ length: 400 }, (_, i) => `K${i}`),
    16,
    async (id) => {
      if (killed) return;
      const res = await put(a.url, id, 1).catch(() => undefined); // after the kill, calls fail: not acknowledged
      if (res && (res.status === 201 || res.status === 200)) acknowledged.add(id);
      if (acknowledged.size >= 200 && !killed) {
        killed = true;
        await a.kill('SIGKILL');
      }
    },
  );
  expect(killed).toBe(true);
  const missing = (r: FakeParty) => [...acknowledged].filter((id) => !received(r).some((l) => l.id === id));
  expect(receivers.some((r) => missing(r).length > 0)).toBe(true); // the kill did interrupt the fan-out
  await replica({ HUB_OUTBOX_LEASE_SECONDS: '3' }); // a restart: claimed rows come back when their lease runs out
  expect(await until(() => receivers.every((r) => missing(r).length === 0), 60_000, 100)).toBe(true);
  for (const r of receivers) expect(missing(r)).toEqual([]);
});

test('when a hub gets SIGTERM, then it finishes what it was sending and exits 0 within its bound', async () => {
  for (const r of receivers)
    r.respond = (c) => (c.method === 'PUT' ? { status: 200, body: ok(), delayMs: 300 } : undefined);
  const a = await replica();
  for (let i = 0; i < 5; i++) expect((await put(a.url, `T${i}`, 1)).status).toBe(201);
  // deliveries in flight: each slow receiver has a PUT it has not answered yet
  expect(await until(() => receivers.every((r) => r.received('/locations/', 'PUT').length > 0))).toBe(true);
  const started = Date.now();
  expect(await a.kill('SIGTERM')).toBe(0);
  expect(Date.now() - started).toBeLessThan(15_000);
});
