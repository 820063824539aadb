// Per-minute traffic counters in MongoDB: requests in, relays and deliveries out with their p95, outbox depth,
// read back by the admin API for the dashboard's charts, and purged by the retention job.
import { Types } from 'mongoose';
import * as retention from '../../src/jobs/retention';
import { PlatformTraffic, TrafficSparklines } from '../../src/openapi/admin-views';
import { TrafficModel } from '../../src/observe/traffic';
import { p95, run as sampleOutbox } from '../../src/admin/traffic-query';
import { aLocation } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { startWithPair } from '../harness/pair';

const CPO = { role: 'CPO', country_code: 'NL', party_id: 'CPA' };

describe('traffic per partner and minute', () => {
  let hub: Hub;
  let cpo: FakeParty;
  let emsp: FakeParty;

  beforeAll(async () => {
    ({ hub, cpo, emsp } = await startWithPair({
      cpo: { roles: [CPO] },
      emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }] },
    }));
  });
  afterAll(() => hub.stop());

  test("when parties call the hub, relay and receive deliveries, then each platform's minutes count them", async () => {
    const sum = (rows: Record<string, unknown>[], f: string) => rows.reduce((n, r) => n + Number(r[f] ?? 0), 0);
    await hub.drain(); // the hubclientinfo announcements of the registrations
    const before = async (p: FakeParty, f: string) =>
      sum((await hub.admin('GET', `/platforms/${p.platformId}/traffic`)).body.minutes, f);
    const [cpoIn, cpoOut, emspOut] = [await before(cpo, 'in'), await before(cpo, 'out'), await before(emsp, 'out')];
    expect(cpoIn).toBe(3); // versions, details, credentials
    for (const id of ['L1', 'L2'])
      await cpo.ocpi('PUT', `/ocpi/2.2.1/locations/receiver/NL/CPA/${id}`, {
        to: 'hub',
        body: aLocation({ country_code: 'NL', party_id: 'CPA', id }),
      });
    await emsp.ocpi('GET', '/ocpi/2.2.1/sessions/sender', { to: CPO });
    await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/L9', { to: 'hub', body: { id: 'L9' } });
    await hub.drain();

    const ofCpo = (await hub.admin('GET', `/platforms/${cpo.platformId}/traffic`)).body;
    expect(ofCpo.hours).toBe(24);
    expect(PlatformTraffic.safeParse(ofCpo).error).toBeUndefined(); // as documented
    expect(sum(ofCpo.minutes, 'in')).toBe(cpoIn + 3);
    expect(sum(ofCpo.minutes, 'errors')).toBe(1); // the invalid location
    expect(sum(ofCpo.minutes, 'out')).toBe(cpoOut + 1); // the eMSP's GET relayed to it
    expect(ofCpo.minutes.at(-1).relay_p95_ms).toBeGreaterThan(0);
    const ofEmsp = (await hub.admin('GET', `/platforms/${emsp.platformId}/traffic?hours=1`)).body;
    expect(sum(ofEmsp.minutes, 'out')).toBe(emspOut + 2); // two locations delivered
    expect(ofEmsp.minutes.at(-1).delivery_p95_ms).toBeGreaterThan(0);

    const lines = (await hub.admin('GET', '/traffic')).body;
    expect(lines.slots).toBe(48);
    expect(TrafficSparklines.safeParse(lines).error).toBeUndefined();
    expect(lines.platforms[cpo.platformId].reduce((a: number, b: number) => a + b, 0)).toBe(cpoIn + cpoOut + 4);
    expect((await hub.admin('GET', '/traffic?hours=99')).status).toBe(400);
  });

  test('when deliveries wait in the outbox, then the sampling job records the depth of that minute', async () => {
    emsp.respond = () => ({ status: 503, body: 'down' });
    await cpo.ocpi('PUT', '/ocpi/2.2.1/locations/receiver/NL/CPA/L3', {
      to: 'hub',
      body: aLocation({ country_code: 'NL', party_id: 'CPA', id: 'L3' }),
    });
    await hub.drain();
    await sampleOutbox();
    const minutes = (await hub.admin('GET', `/platforms/${emsp.platformId}/traffic`)).body.minutes;
    expect(minutes.at(-1)).toMatchObject({ outbox: 1 });
    expect(minutes.at(-1).errors).toBeGreaterThanOrEqual(1);
    emsp.respond = undefined;
  });

  test('when the retention job runs, then minutes older than two days are purged and recent ones kept', async () => {
    const old = new Date(Date.now() - 3 * 24 * 3600_000);
    await TrafficModel.create({ platform_id: new Types.ObjectId(cpo.platformId), minute: old, in: 5 });
    const before = await TrafficModel.countDocuments();
    const purged = await retention.run();
    expect(purged.traffic).toBe(1);
    expect(await TrafficModel.countDocuments()).toBe(before - 1);
  });

  test('the p95 is the bound of the bucket holding the 95th percentile', () => {
    expect(p95(undefined)).toBeNull();
    expect(p95({ 0: 94, 5: 6 })).toBe(250);
    expect(p95({ 0: 96, 5: 4 })).toBe(5);
  });
});
