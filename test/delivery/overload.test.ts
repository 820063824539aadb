// Overload: a per-platform rate limit counted in MongoDB, refusals answered from memory (429 with an OCPI envelope and
// Retry-After) and a body
// size limit (413 with an OCPI envelope). HUB_RATE_LIMIT_PER_MINUTE=20 and HUB_BODY_LIMIT=10kb for this file.
import './env-rate-limit';
import mongoose from 'mongoose';
import { aToken } from '../builders';
import type { FakeParty } from '../harness/fake-party';
import type { Hub } from '../harness/hub';
import { receives, sends } from '../harness/modules';
import { startWithPair } from '../harness/pair';
import { countWrites } from './db-writes';

let hub: Hub;
let cpo: FakeParty;
let emsp: FakeParty;
const tokenPath = '/ocpi/2.2.1/tokens/receiver/DE/EMA';

beforeAll(async () => {
  ({ hub, cpo, emsp } = await startWithPair({
    cpo: { roles: [{ role: 'CPO', country_code: 'NL', party_id: 'CPA' }], modules: receives('tokens') },
    emsp: { roles: [{ role: 'EMSP', country_code: 'DE', party_id: 'EMA' }], modules: sends('tokens') },
  }));
});
afterAll(() => hub.stop());

describe('the per-platform rate limit', () => {
  test('when a platform sends its 21st request within the minute, then it gets 429 with an OCPI envelope and Retry-After; another platform is not affected', async () => {
    // registration took 3 requests (versions, version details, credentials POST): 17 more are allowed
    for (let i = 4; i <= 20; i++) {
      const res = await cpo.ocpi('GET', '/ocpi/2.2.1/hubclientinfo');
      expect([i, res.status]).toEqual([i, 200]);
    }
    const refused = await cpo.ocpi('GET', '/ocpi/2.2.1/hubclientinfo');
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      status_code: 2000,
      status_message: expect.stringMatching(/rate limit/),
      timestamp: expect.any(String),
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await cpo.ocpi('GET', '/ocpi/2.2.1/hubclientinfo')).status).toBe(429); // and it stays refused

    const other = await emsp.ocpi('GET', '/ocpi/2.2.1/hubclientinfo');
    expect(other.status).toBe(200);
    expect(other.body.status_code).toBe(1000);
  });

  test('when the limit is spent, then refused requests cost no database write; the count is in MongoDB, shared by every replica', async () => {
    const limits = mongoose.connection.db!.collection<{ key: string; points: number }>('rate_limits');
    const counted = await limits.findOne({ key: `platform:${cpo.platformId}` });
    expect(counted?.points).toBe(20); // the 20th request blocked the platform in memory: the refusals were not counted
    const writes = countWrites();
    for (let i = 0; i < 10; i++) expect((await cpo.ocpi('GET', '/ocpi/2.2.1/hubclientinfo')).status).toBe(429);
    expect(writes.stop()).toEqual([]);
    expect((await limits.findOne({ key: `platform:${cpo.platformId}` }))?.points).toBe(20);
    const counting = countWrites(); // and the counter does see the limiter's write for an accepted request
    expect((await emsp.ocpi('GET', '/ocpi/2.2.1/hubclientinfo')).status).toBe(200);
    expect(counting.stop()).toContain('rate_limits.findOneAndUpdate');
  });

  test("when a platform's minute has expired, then its counter starts again in the same document (no TTL index needed)", async () => {
    const limits = mongoose.connection.db!.collection<{ key: string; points: number; expire: Date }>('rate_limits');
    const key = `platform:${emsp.platformId}`;
    await limits.updateOne({ key }, { $set: { expire: new Date(Date.now() - 1000), points: 19 } });
    expect((await emsp.ocpi('GET', '/ocpi/2.2.1/hubclientinfo')).status).toBe(200);
    expect(await limits.find({ key }).toArray()).toEqual([
      expect.objectContaining({ points: 1, expire: expect.any(Date) }),
    ]);
    expect((await limits.indexes()).map((i) => i.expireAfterSeconds)).toEqual([undefined, undefined]);
  });
});

describe('the body size limit', () => {
  test('when a body is larger than HUB_BODY_LIMIT, then 413 with an OCPI envelope and nothing stored; a normal body passes', async () => {
    const big = aToken({ country_code: 'DE', party_id: 'EMA', uid: 'BIG', issuer: 'x'.repeat(20_000) });
    const res = await emsp.ocpi('PUT', `${tokenPath}/BIG?type=RFID`, { body: big });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      status_code: 2000,
      status_message: expect.stringMatching(/larger than the hub accepts/),
    });
    expect((await emsp.ocpi('GET', `${tokenPath}/BIG?type=RFID`)).status).toBe(404);

    const jose = await emsp.ocpi('PUT', `${tokenPath}/BIG?type=RFID`, {
      rawBody: 'a'.repeat(20_000),
      headers: { 'Content-Type': 'application/jose' },
    });
    expect(jose.status).toBe(413);
    expect(jose.body.status_code).toBe(2000);

    const normal = await emsp.ocpi('PUT', `${tokenPath}/SMALL?type=RFID`, {
      body: aToken({ country_code: 'DE', party_id: 'EMA', uid: 'SMALL' }),
    });
    expect(normal.status).toBe(201);
  });
});
