// The per-platform rate limit takes points from MongoDB in batches (a tenth of what is left), so counting
// accepted requests costs a write per batch, and still never allows more than the limit. Limit 1,000 here.
import './env-rate-limit-large';
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { OcpiError } from '../../src/ocpi/errors';
import { assertWithinRate } from '../../src/parties/rate-limit';
import { countWrites } from './db-writes';

beforeAll(() => mongoose.connect(config.mongodbUri ?? ''));
afterAll(async () => {
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
});

test('when a platform sends 1,100 requests in its minute, 50 at a time, then 1,000 pass, 100 get 429, and the counter was written far fewer times', async () => {
  const limits = mongoose.connection.db!.collection<{ key: string; points: number }>('rate_limits');
  const counting = countWrites();
  let writes: number;
  let passed = 0;
  let refused = 0;
  try {
    const one = () =>
      assertWithinRate('P-BATCH').then(
        () => (passed += 1),
        (error: unknown) => {
          expect(error).toBeInstanceOf(OcpiError);
          expect((error as OcpiError).http).toBe(429);
          refused += 1;
        },
      );
    for (let round = 0; round < 22; round++) await Promise.all(Array.from({ length: 50 }, one)); // 50 at a time, like a busy partner
  } finally {
    writes = counting.stop().filter((w) => w.startsWith('rate_limits.')).length;
  }
  expect([passed, refused]).toEqual([1000, 100]);
  expect(writes).toBeLessThan(100);
  expect((await limits.findOne({ key: 'platform:P-BATCH' }))?.points).toBeLessThanOrEqual(1001);
  console.log(`rate limit: 1,100 requests, ${writes} writes to the counter`);
});
