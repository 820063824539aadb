// Per-platform rate limit (HUB_RATE_LIMIT_PER_MINUTE, 0 = off), enforced cluster-wide: each replica counts
// locally and adds its counts to a per-minute document in MongoDB every second (and at once near the limit),
// so the cluster total, not one replica's share, is what is limited.
import mongoose, { Schema } from 'mongoose';
import { config } from '../config';
import { rateLimited } from '../ocpi/errors';

const RateModel = mongoose.model('Rate', new Schema({ _id: String, n: Number, window: Number }, { versionKey: false, collection: 'rate_windows' }));

const windowOf = (ms: number) => Math.floor(ms / 60_000);
const local = new Map<string, number>(); // counted here, not yet added to the cluster total
const cluster = new Map<string, { window: number; total: number }>();
let timer: NodeJS.Timeout | undefined;

async function flushOne(platform: string, window: number): Promise<void> {
  const n = local.get(platform) ?? 0;
  local.delete(platform);
  const doc = await RateModel.findOneAndUpdate({ _id: `${platform}:${window}` }, { $inc: { n }, $set: { window } }, { upsert: true, returnDocument: 'after' }).lean<{ n: number }>();
  cluster.set(platform, { window, total: doc?.n ?? n });
}

async function flushAll(): Promise<void> {
  const window = windowOf(Date.now());
  await Promise.all([...local.keys()].map((p) => flushOne(p, window))).catch(() => undefined);
  await RateModel.deleteMany({ window: { $lt: window - 5 } }).catch(() => undefined);
}

/** Counts a request of `platform`; refuses it (429 with Retry-After) when the cluster's count for this minute is spent. */
export async function assertWithinRate(platform: string): Promise<void> {
  const limit = config.rateLimitPerMinute;
  if (limit === 0) return;
  timer ??= setInterval(() => void flushAll(), 1000).unref();
  const now = Date.now();
  const window = windowOf(now);
  const known = cluster.get(platform);
  const total = known?.window === window ? known.total : 0;
  local.set(platform, (local.get(platform) ?? 0) + 1);
  let count = total + (local.get(platform) ?? 0);
  if (count > limit * 0.9) {
    await flushOne(platform, window); // near the limit: exact, one write per request
    count = cluster.get(platform)?.total ?? count;
  }
  if (count > limit) throw rateLimited(Math.max(1, Math.ceil(((window + 1) * 60_000 - now) / 1000)));
}
