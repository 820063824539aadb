// The per-platform rate limit across hub processes on one database: the cluster, not each replica, allows
// HUB_RATE_LIMIT_PER_MINUTE requests, and a replica that saw the limit spent refuses without writing.
import '../delivery/env-rate-limit';
import mongoose from 'mongoose';
import type { FakeParty } from '../harness/fake-party';
import { startHub, type Hub } from '../harness/hub';
import { spawnHub, type HubProcess } from '../harness/process';

jest.setTimeout(120_000);

let hub: Hub;
let cpo: FakeParty;
let replicas: HubProcess[];

beforeAll(async () => {
  hub = await startHub();
  cpo = await hub.connect({
    roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }],
    modules: [{ identifier: 'tokens', role: 'RECEIVER' }],
  });
  replicas = await Promise.all([spawnHub(), spawnHub()]); // HUB_RATE_LIMIT_PER_MINUTE=20 inherited
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
  await hub.stop();
});

test('when a platform spreads requests over two replicas, then together they allow the limit once, and refusals write nothing', async () => {
  const limits = mongoose.connection.db!.collection<{ key: string; points: number }>('rate_limits');
  const key = `platform:${cpo.platformId}`;
  await limits.deleteMany({ key }); // a fresh minute: registration's requests are not counted
  const statuses: number[] = [];
  for (let i = 0; i < 40; i++)
    statuses.push((await cpo.ocpi('GET', `${replicas[i % 2]!.url}/ocpi/2.2.1/hubclientinfo`)).status);
  expect(statuses.filter((s) => s === 200)).toHaveLength(20);
  expect(statuses.filter((s) => s === 429)).toHaveLength(20);
  expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
  // each replica writes at most once past the limit (to learn it is spent), then refuses from memory
  const counted = (await limits.findOne({ key }))?.points ?? 0;
  expect(counted).toBeGreaterThanOrEqual(20);
  expect(counted).toBeLessThanOrEqual(22);
  for (let i = 0; i < 20; i++)
    expect((await cpo.ocpi('GET', `${replicas[i % 2]!.url}/ocpi/2.2.1/hubclientinfo`)).status).toBe(429);
  expect((await limits.findOne({ key }))?.points).toBe(counted);
});
