// Per-platform rate limit (HUB_RATE_LIMIT_PER_MINUTE, 0 = off), enforced cluster-wide by rate-limiter-flexible:
// one counter document per platform in MongoDB, incremented atomically by every replica, its minute starting at the
// platform's first request. Once a replica sees the limit spent it refuses that platform from memory until the
// minute ends, so a refused request costs no database write. While the database fails, each replica limits alone.
// A replica takes points in batches of a tenth of what is left (one at a time near the limit): one journaled write
// costs about 2.7 ms on the embedded engine, too much for every request of a platform sending thousands a minute.
import mongoose from 'mongoose';
import { RateLimiterMemory, RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '../config';
import { rateLimited } from '../ocpi/errors';

const COLLECTION = 'rate_limits';
/** Points this replica took from the platform's counter and has not used yet, until its minute ends. */
const leases = new Map<string, { left: number; until: number; next: number }>();
let current: { db: mongoose.mongo.Db; limiter: RateLimiterMongo; ready: Promise<unknown> } | undefined;

/**
 * Expiry is read from each document's `expire` at query time (an expired counter is replaced through the unique
 * `key` index), so the TTL index the library would add is not needed: the hub never relies on TTL expiry.
 */
function limiterFor(db: mongoose.mongo.Db) {
  if (current?.db === db) return current;
  const points = config.rateLimitPerMinute;
  const limiter = new RateLimiterMongo({
    storeClient: db,
    tableName: COLLECTION,
    keyPrefix: 'platform',
    points,
    duration: 60,
    inMemoryBlockOnConsumed: points,
    disableIndexesCreation: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'platform', points, duration: 60 }),
  });
  const ready = db
    .collection(COLLECTION)
    .createIndex({ key: 1 }, { unique: true })
    .catch((error: unknown) => {
      current = undefined; // tried again by the next request
      throw error;
    });
  current = { db, limiter, ready };
  return current;
}

/** Takes one point from this replica's lease for the platform, if it holds one for the running minute. */
function fromLease(platform: string): boolean {
  const lease = leases.get(platform);
  if (!lease || lease.until <= Date.now() || lease.left === 0) return false;
  lease.left -= 1;
  return true;
}

/** Takes a batch of points from the cluster's counter: one at a minute's start, then a tenth of what is left. */
async function refill(platform: string, db: mongoose.mongo.Db): Promise<void> {
  const { limiter, ready } = limiterFor(db);
  await ready;
  const now = Date.now();
  const lease = leases.get(platform);
  const take = lease && lease.until > now ? lease.next : 1;
  try {
    const res = await limiter.consume(platform, take);
    leases.set(platform, {
      left: take,
      until: now + res.msBeforeNext,
      next: Math.max(1, Math.floor(res.remainingPoints / 10)),
    });
  } catch (refused) {
    if (!(refused instanceof RateLimiterRes)) throw refused;
    throw rateLimited(Math.max(1, Math.ceil(refused.msBeforeNext / 1000)));
  }
}

/** One refill per platform at a time: concurrent requests wait for it rather than each taking (and losing) a batch. */
const refills = new Map<string, Promise<void>>();

/**
 * Counts a request of `platform`; refuses it (429 with Retry-After) when the cluster's count for its minute is spent.
 */
export async function assertWithinRate(platform: string): Promise<void> {
  if (config.rateLimitPerMinute === 0) return;
  const db = mongoose.connection.db;
  if (!db) throw new Error('the database is not connected');
  while (!fromLease(platform)) {
    let pending = refills.get(platform);
    if (!pending) {
      pending = refill(platform, db).finally(() => refills.delete(platform));
      refills.set(platform, pending);
    }
    await pending;
  }
}
