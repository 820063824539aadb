// Reading the per-minute traffic back for the dashboard: a platform's last hours minute by minute (rates, error
// counts, p95 latencies, outbox depth), and a coarse series per platform for the platforms list's sparklines.
import type { Types } from 'mongoose';
import { OutboxModel } from '../outbox/model';
import { BUCKETS_MS, sampleOutbox, TrafficModel, type TrafficMinute } from '../observe/traffic';

/** The bound of the bucket holding the 95th percentile, or null without samples. */
export function p95(buckets: Record<string, number> | undefined): number | null {
  const counts = BUCKETS_MS.map((_, i) => buckets?.[String(i)] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  const at = counts.findIndex((n) => (seen += n) >= total * 0.95);
  const bound = BUCKETS_MS[at] ?? Infinity;
  return Number.isFinite(bound) ? bound : (BUCKETS_MS[BUCKETS_MS.length - 2] ?? 0) * 2;
}

export interface MinutePoint {
  t: string;
  in: number;
  out: number;
  errors: number;
  relay_p95_ms: number | null;
  delivery_p95_ms: number | null;
  outbox: number | null;
}

const point = (m: TrafficMinute): MinutePoint => ({
  t: m.minute.toISOString(),
  in: m.in ?? 0,
  out: (m.relays ?? 0) + (m.deliveries ?? 0),
  errors: (m.in_errors ?? 0) + (m.relay_errors ?? 0) + (m.delivery_errors ?? 0),
  relay_p95_ms: p95(m.relay_ms),
  delivery_p95_ms: p95(m.delivery_ms),
  outbox: m.outbox ?? null,
});

/** Minutes with traffic in the last `hours`, oldest first (minutes without any are absent: the chart shows 0). */
export async function platformTraffic(platformId: Types.ObjectId, hours: number): Promise<MinutePoint[]> {
  const since = new Date(Date.now() - hours * 3600_000);
  const rows = await TrafficModel.find({ platform_id: platformId, minute: { $gte: since } })
    .sort({ minute: 1 })
    .lean<TrafficMinute[]>();
  return rows.map(point);
}

/** Requests in plus out per platform, in `slots` equal slots over the last `hours`. */
export async function sparklines(hours: number, slots: number): Promise<Record<string, number[]>> {
  const since = Date.now() - hours * 3600_000;
  const slotMs = (hours * 3600_000) / slots;
  const rows = await TrafficModel.aggregate<{ _id: { p: Types.ObjectId; s: number }; n: number }>([
    { $match: { minute: { $gte: new Date(since) } } },
    {
      $group: {
        _id: {
          p: '$platform_id',
          s: { $floor: { $divide: [{ $subtract: [{ $toLong: '$minute' }, since] }, slotMs] } },
        },
        n: { $sum: { $add: [{ $ifNull: ['$in', 0] }, { $ifNull: ['$relays', 0] }, { $ifNull: ['$deliveries', 0] }] } },
      },
    },
  ]);
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    const series = (out[String(r._id.p)] ??= new Array<number>(slots).fill(0));
    if (r._id.s >= 0 && r._id.s < slots) series[r._id.s] = r.n;
  }
  return out;
}

/** The job: pending outbox rows per platform into this minute's row. */
export async function run(now = Date.now()): Promise<void> {
  const rows = await OutboxModel.aggregate<{ _id: Types.ObjectId; n: number }>([
    { $match: { state: 'pending' } },
    { $group: { _id: '$platform_id', n: { $sum: 1 } } },
  ]);
  await sampleOutbox(
    rows.map((r) => [String(r._id), r.n]),
    now,
  );
}
