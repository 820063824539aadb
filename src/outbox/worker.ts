// The outbox worker. Claims are atomic (next_at moves a lease ahead, so replicas never share a row and a crashed
// claimer's rows come back); only the head of each receiver's queue for an object is claimable (per-object FIFO);
// receivers at their concurrency cap or OFFLINE are left out of the claim, so a slow one never holds others up.
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation } from 'mongoose';
import { config } from '../config';
import { digest, recordAudit } from '../audit/log';
import { log } from '../log';
import { deliveries } from '../observe/metrics';
import { countDelivery } from '../observe/traffic';
import { directory, type Directory } from '../parties/directory';
import { deliver, type Outcome } from './deliver';
import { OutboxModel, type OutboxRow } from './model';
import { policyFor } from './policy';
import { dropWhileOffline, isOffline } from './offline';

const BATCH = 200;
const IDLE_MS = 200;
const FLUSH_MS = 50;
const MAX_BACKOFF_MS = 10 * 60_000;

const inflight = new Map<string, number>(); // deliveries being sent, per receiver platform
let total = 0;
let acks: AnyBulkWriteOperation<OutboxRow>[] = [];

export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS) * (0.75 + Math.random() * 0.5);

async function claim(now: Date, limit: number, dir: Directory): Promise<OutboxRow[]> {
  const waiting = dir.platforms.filter((p) => isOffline(p) || (inflight.get(String(p._id)) ?? 0) >= config.receiverConcurrency).map((p) => p._id);
  const due = await OutboxModel.find({ state: 'pending', next_at: { $lte: now }, platform_id: { $nin: waiting } }, { platform_id: 1, object_key: 1, seq: 1 })
    .sort({ next_at: 1, _id: 1 })
    .limit(limit * 2)
    .lean<OutboxRow[]>();
  if (due.length === 0) return [];
  // The head of each (receiver, object) queue: the pending row with the lowest seq, whether due, in flight or backing off.
  const queued = await OutboxModel.find(
    { state: 'pending', object_key: { $in: [...new Set(due.map((d) => d.object_key))] }, platform_id: { $in: [...new Set(due.map((d) => String(d.platform_id)))] } },
    { platform_id: 1, object_key: 1, seq: 1 },
  )
    .sort({ seq: 1, _id: 1 })
    .lean<OutboxRow[]>();
  const heads = new Map<string, string>();
  for (const q of queued) if (!heads.has(`${q.platform_id}|${q.object_key}`)) heads.set(`${q.platform_id}|${q.object_key}`, String(q._id));
  const room = new Map<string, number>();
  const ids = due
    .filter((d) => heads.get(`${d.platform_id}|${d.object_key}`) === String(d._id))
    .filter((d) => {
      const pid = String(d.platform_id);
      const free = room.get(pid) ?? config.receiverConcurrency - (inflight.get(pid) ?? 0);
      room.set(pid, free - 1);
      return free > 0;
    })
    .slice(0, limit)
    .map((d) => d._id);
  if (ids.length === 0) return [];
  const claimer = randomUUID();
  await OutboxModel.updateMany({ _id: { $in: ids }, state: 'pending', next_at: { $lte: now } }, { $set: { next_at: new Date(now.getTime() + config.outboxLeaseMs), claimed_by: claimer } });
  // only what this claimer's update really took: a row another replica took first is not ours
  return OutboxModel.find({ _id: { $in: ids }, claimed_by: claimer }).sort({ seq: 1, _id: 1 }).lean<OutboxRow[]>();
}

function outcomeOf(row: OutboxRow, outcome: Outcome, dir: Directory): AnyBulkWriteOperation<OutboxRow> {
  const now = new Date();
  const policy = policyFor(dir.platforms.find((p) => p._id.equals(row.platform_id)), row.module);
  const attempts = row.attempts + 1;
  deliveries.inc({ platform: String(row.platform_id), verdict: outcome.verdict });
  const to = row.headers['OCPI-to-country-code'] ? `${row.headers['OCPI-to-country-code']}*${row.headers['OCPI-to-party-id']}` : undefined;
  recordAudit({
    action: 'forward', from: row.headers['OCPI-from-country-code'] ? `${row.headers['OCPI-from-country-code']}*${row.headers['OCPI-from-party-id']}` : undefined, to,
    platform_id: String(row.platform_id), module: row.module, object_id: row.object_key, request_id: outcome.requestId,
    correlation_id: row.headers['X-Correlation-ID'], signature_digest: digest(outcome.signature), outcome: `${outcome.verdict} ${outcome.status ?? ''} ${outcome.error ?? ''}`.trim(),
  });
  const set: Record<string, unknown> = { attempts, last_status: outcome.status, last_error: outcome.error };
  const tooOld = now.getTime() - new Date(row.created_at).getTime() > policy.max_age_hours * 3600_000;
  if (outcome.verdict === 'delivered') Object.assign(set, { state: 'delivered', delivered_at: now });
  else if (outcome.verdict === 'final' || attempts >= policy.max_attempts || tooOld) set.state = 'dead';
  else set.next_at = new Date(now.getTime() + backoffMs(attempts));
  const unset = outcome.verdict === 'delivered' ? { claimed_by: 1, last_error: 1 } : { claimed_by: 1 }; // a delivered retry keeps no stale error
  if (outcome.verdict === 'delivered') delete set.last_error;
  return { updateOne: { filter: { _id: row._id, claimed_by: row.claimed_by }, update: { $set: set, $unset: unset } } };
}

async function deliverOne(row: OutboxRow, dir: Directory): Promise<void> {
  const pid = String(row.platform_id);
  inflight.set(pid, (inflight.get(pid) ?? 0) + 1);
  total++;
  const started = Date.now();
  try {
    const outcome = await deliver(row, dir);
    countDelivery(pid, Date.now() - started, outcome.verdict !== 'delivered');
    acks.push(outcomeOf(row, outcome, dir)); // read `acks` after the await: flush() may have swapped it meanwhile
  } finally {
    inflight.set(pid, (inflight.get(pid) ?? 1) - 1);
    total--;
    scheduleFlush();
    wake();
  }
}

let flushTimer: NodeJS.Timeout | undefined;
/** Outcomes are written in bulk; a failed write only means the rows are sent again after their lease (at least once). */
async function flush(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  const batch = acks;
  acks = [];
  if (batch.length > 0) await OutboxModel.bulkWrite(batch, { ordered: false }).catch((error: unknown) => log.error('outbox acknowledgement failed', { error: (error as Error).message }));
}
function scheduleFlush(): void {
  if (acks.length >= BATCH) void flush();
  else flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
}

/** One cycle, waiting for its deliveries (tests, drain). `now` lets tests move time on. */
export async function deliverDue(now = new Date()): Promise<number> {
  const dir = await directory();
  await dropWhileOffline(dir);
  const rows = await claim(now, BATCH, dir);
  await Promise.all(rows.map((row) => deliverOne(row, dir)));
  await flush();
  return rows.length;
}

export async function drain(now?: Date): Promise<void> {
  while ((await deliverDue(now)) > 0);
}

let running = false;
let loop: Promise<void> | undefined;
let wakeUp: (() => void) | undefined;

/** Interrupts the worker's pause: something was enqueued, or a receiver has room again. */
export function wake(): void {
  wakeUp?.();
}

const pause = (ms: number) => new Promise<void>((resolve) => {
  const t = setTimeout(resolve, ms);
  wakeUp = () => {
    clearTimeout(t);
    resolve();
  };
});

async function pump(): Promise<void> {
  while (running) {
    let claimed = 0;
    try {
      const dir = await directory();
      await dropWhileOffline(dir);
      const free = config.outboxConcurrency - total;
      const rows = free > 0 ? await claim(new Date(), Math.min(free, BATCH), dir) : [];
      claimed = rows.length;
      for (const row of rows) void deliverOne(row, dir);
    } catch (error) {
      log.error('outbox cycle failed', { error: (error as Error).message });
    }
    if (claimed === 0) await pause(IDLE_MS);
  }
}

export function startWorker(): void {
  running = true;
  loop = pump();
}

/** Stops claiming, lets deliveries in flight finish (bounded by the HTTP timeout) and records them. */
export async function stopWorker(): Promise<void> {
  running = false;
  wake();
  await loop;
  while (total > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await flush();
}
