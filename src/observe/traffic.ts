// Per-minute traffic counters per platform, kept in MongoDB so every replica adds to the same minute and the
// dashboard charts the cluster: requests in, relays and deliveries out, their errors and latency buckets, and
// outbox depth. Each process adds up in memory and writes every few seconds ($inc upserts, one per minute row).
import mongoose, { Schema, Types, type AnyBulkWriteOperation } from 'mongoose';

/** Latency bucket upper bounds (ms); a p95 is read back as the bound of the bucket it falls in. */
export const BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, Infinity];
const FLUSH_MS = 5000;

export interface TrafficMinute {
  platform_id: Types.ObjectId;
  minute: Date;
  in?: number;
  in_errors?: number;
  relays?: number;
  relay_errors?: number;
  deliveries?: number;
  delivery_errors?: number;
  relay_ms?: Record<string, number>;
  delivery_ms?: Record<string, number>;
  outbox?: number;
}

const TrafficSchema = new Schema<TrafficMinute>(
  { platform_id: { type: Schema.Types.ObjectId, required: true }, minute: { type: Date, required: true } },
  { strict: false, versionKey: false },
);
TrafficSchema.index({ platform_id: 1, minute: 1 }, { unique: true });
TrafficSchema.index({ minute: 1 }); // the retention purge

export const TrafficModel = mongoose.model<TrafficMinute>('TrafficMinute', TrafficSchema, 'traffic_minutes');

let pending = new Map<string, Record<string, number>>();
let timer: NodeJS.Timeout | undefined;

const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;
const bucketOf = (ms: number) => BUCKETS_MS.findIndex((b) => ms <= b);

/** A platform id as String(_id) writes it (ObjectId.isValid would build an ObjectId to find out, twice per request). */
const PLATFORM_ID = /^[0-9a-f]{24}$/i;

/** The current minute's row of a platform (undefined for an id that is not one); counting allocates nothing else. */
function rowOf(platformId: string): Record<string, number> | undefined {
  if (!PLATFORM_ID.test(platformId)) return undefined;
  const key = `${platformId}|${minuteOf(Date.now())}`;
  let row = pending.get(key);
  if (!row) pending.set(key, (row = {}));
  timer ??= setTimeout(() => void flushTraffic(), FLUSH_MS).unref();
  return row;
}

/** Adds one to `field` (zero when `when` is false: the field is still written, as a zero count). */
function add(row: Record<string, number>, field: string, when = true): void {
  row[field] = (row[field] ?? 0) + (when ? 1 : 0);
}

/** The fields one kind of timed call counts in: its total, its failures and its latency buckets. */
interface Timed {
  total: string;
  errors: string;
  buckets: string[];
}
const timed = (total: string, prefix: string): Timed => ({
  total,
  errors: `${prefix}_errors`,
  buckets: BUCKETS_MS.map((_, i) => `${prefix}_ms.${i}`),
});
const RELAYS = timed('relays', 'relay');
const DELIVERIES = timed('deliveries', 'delivery');

function countTimed(kind: Timed, platformId: string, ms: number, failed: boolean): void {
  const row = rowOf(platformId);
  if (!row) return;
  add(row, kind.total);
  add(row, kind.errors, failed);
  add(row, kind.buckets[bucketOf(ms)] as string);
}

export function countRequest(platformId: string, failed: boolean): void {
  const row = rowOf(platformId);
  if (!row) return;
  add(row, 'in');
  add(row, 'in_errors', failed);
}
export const countRelay = (platformId: string, ms: number, failed: boolean) =>
  countTimed(RELAYS, platformId, ms, failed);
export const countDelivery = (platformId: string, ms: number, failed: boolean) =>
  countTimed(DELIVERIES, platformId, ms, failed);

/** Writes what this process counted; a failed write loses those counts only (they are statistics). */
export async function flushTraffic(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const batch = pending;
  pending = new Map();
  const ops: AnyBulkWriteOperation<TrafficMinute>[] = [...batch].map(([key, inc]) => {
    const [pid, minute] = key.split('|');
    return {
      updateOne: {
        filter: { platform_id: new Types.ObjectId(pid), minute: new Date(Number(minute)) },
        update: { $inc: inc },
        upsert: true,
      },
    };
  });
  if (ops.length > 0) await TrafficModel.bulkWrite(ops, { ordered: false }).catch(() => undefined);
}

/** Outbox depth per platform, sampled into the current minute (a scheduled job, once per cluster). */
export async function sampleOutbox(depths: [string, number][], now = Date.now()): Promise<void> {
  const minute = new Date(minuteOf(now));
  const ops: AnyBulkWriteOperation<TrafficMinute>[] = depths.map(([pid, n]) => ({
    updateOne: {
      filter: { platform_id: new Types.ObjectId(pid), minute },
      update: { $max: { outbox: n } },
      upsert: true,
    },
  }));
  if (ops.length > 0) await TrafficModel.bulkWrite(ops, { ordered: false });
}
