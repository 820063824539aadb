// The outbox worker: claims (claim.ts) for receivers with room, sends, and records the outcomes in bulk. Receivers
// with less than half their slots free or OFFLINE are left out of the claim, so a slow one never holds others up.
import { performance } from 'node:perf_hooks';
import type { AnyBulkWriteOperation } from 'mongoose';
import { config } from '../config';
import { digest, recordAudit } from '../audit/log';
import { log } from '../log';
import { deliveries } from '../observe/metrics';
import { countDelivery } from '../observe/traffic';
import { directory, type Directory } from '../parties/directory';
import { claim } from './claim';
import { deliver, Shared, type Outcome } from './deliver';
import { OutboxModel, type OutboxRow } from './model';
import { finished, inflightTotal, roomOf, started, wantsClaim } from './pace';
import { policyFor } from './policy';
import { dropWhileOffline, isOffline } from './offline';

const BATCH = 200;
const IDLE_MS = 200;
const FLUSH_MS = 50;
const MAX_BACKOFF_MS = 10 * 60_000;

let acks: Ack[] = [];

export const backoffMs = (attempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS) * (0.75 + Math.random() * 0.5);

/** Receivers to claim for: online, and with at least half their slots free (pace.ts). */
const claimable = (dir: Directory) =>
  dir.platforms.filter((p) => !isOffline(p) && wantsClaim(String(p._id))).map((p) => p._id);

type Counter = ReturnType<typeof deliveries.labels>;
const counters = new Map<string, Counter>();
/** The labelled counter, made once per receiver and verdict (no label object per delivery). */
function counterOf(platform: string, verdict: string): Counter {
  const key = `${platform} ${verdict}`;
  let counter = counters.get(key);
  if (!counter) counters.set(key, (counter = deliveries.labels(platform, verdict)));
  return counter;
}

/** A delivered row (written with the others of its claim and status in one update) or the update of a failed one. */
type Ack = { delivered: OutboxRow; status?: number } | AnyBulkWriteOperation<OutboxRow>;

function outcomeOf(row: OutboxRow, outcome: Outcome, dir: Directory): Ack {
  const now = new Date();
  const policy = policyFor(
    dir.platforms.find((p) => p._id.equals(row.platform_id)),
    row.module,
  );
  const attempts = row.attempts + 1;
  counterOf(String(row.platform_id), outcome.verdict).inc();
  const to = row.headers['OCPI-to-country-code']
    ? `${row.headers['OCPI-to-country-code']}*${row.headers['OCPI-to-party-id']}`
    : undefined;
  recordAudit({
    action: 'forward',
    from: row.headers['OCPI-from-country-code']
      ? `${row.headers['OCPI-from-country-code']}*${row.headers['OCPI-from-party-id']}`
      : undefined,
    to,
    platform_id: String(row.platform_id),
    module: row.module,
    object_id: row.object_key,
    request_id: outcome.requestId,
    correlation_id: row.headers['X-Correlation-ID'],
    signature_digest: digest(outcome.signature),
    outcome: `${outcome.verdict} ${outcome.status ?? ''} ${outcome.error ?? ''}`.trim(),
  });
  if (outcome.verdict === 'delivered') return { delivered: row, status: outcome.status };
  const set: Record<string, unknown> = { attempts };
  if (outcome.status !== undefined) set.last_status = outcome.status;
  if (outcome.error !== undefined) set.last_error = outcome.error;
  const tooOld = now.getTime() - new Date(row.created_at).getTime() > policy.max_age_hours * 3600_000;
  if (outcome.verdict === 'final' || attempts >= policy.max_attempts || tooOld) set.state = 'dead';
  else set.next_at = new Date(now.getTime() + backoffMs(attempts));
  return {
    updateOne: {
      filter: { _id: row._id, claimed_by: row.claimed_by },
      update: { $set: set, $unset: { claimed_by: 1 } },
    },
  };
}

async function deliverOne(row: OutboxRow, dir: Directory, shared: Shared): Promise<void> {
  const pid = String(row.platform_id);
  const began = performance.now();
  started(pid);
  let outcome: Outcome = { verdict: 'retry', error: 'not sent' };
  try {
    outcome = await deliver(row, dir, shared);
    countDelivery(pid, performance.now() - began, outcome.verdict !== 'delivered');
    acks.push(outcomeOf(row, outcome, dir)); // read `acks` after the await: flush() may have swapped it meanwhile
  } finally {
    const wantsMore = finished(pid, outcome.verdict, performance.now() - began);
    scheduleFlush();
    if (wantsMore) wake();
  }
}

/**
 * Delivered rows of one claim and status share one update (the claim's own rows, so a row another replica has
 * claimed since is left alone). A delivered row keeps no stale error and no payload: it is never sent again.
 */
function writesOf(batch: Ack[]): AnyBulkWriteOperation<OutboxRow>[] {
  const writes: AnyBulkWriteOperation<OutboxRow>[] = [];
  const groups = new Map<string, OutboxRow[]>();
  for (const ack of batch) {
    if (!('delivered' in ack)) writes.push(ack);
    else
      groups.set(`${ack.delivered.claimed_by} ${ack.status}`, [
        ...(groups.get(`${ack.delivered.claimed_by} ${ack.status}`) ?? []),
        ack.delivered,
      ]);
  }
  const now = new Date();
  for (const [key, rows] of groups) {
    const status = Number(key.split(' ')[1]);
    const filter = { _id: { $in: rows.map((r) => r._id) }, claimed_by: rows[0]?.claimed_by };
    const update = {
      $set: { state: 'delivered' as const, delivered_at: now, last_status: status },
      $inc: { attempts: 1 },
      $unset: { claimed_by: 1, last_error: 1, body: 1, url: 1 },
    };
    writes.push({ updateMany: { filter, update } });
  }
  return writes;
}

let flushTimer: NodeJS.Timeout | undefined;
/** Outcomes are written in bulk; a failed write only means the rows are sent again after their lease (at least once). */
async function flush(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  const batch = acks;
  acks = [];
  if (batch.length > 0)
    await OutboxModel.collection
      .bulkWrite(writesOf(batch) as never, { ordered: false })
      .catch((error: unknown) => log.error('outbox acknowledgement failed', { error: (error as Error).message }));
}
function scheduleFlush(): void {
  if (acks.length >= BATCH) void flush();
  else flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
}

/** One cycle, waiting for its deliveries (tests, drain). `now` lets tests move time on. */
export async function deliverDue(now = new Date()): Promise<number> {
  const dir = await directory();
  await dropWhileOffline(dir);
  const rows = await claim(now, BATCH, claimable(dir), roomOf);
  const shared = new Shared();
  await Promise.all(rows.map((row) => deliverOne(row, dir, shared)));
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

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
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
      const free = config.outboxConcurrency - inflightTotal();
      const rows = free > 0 ? await claim(new Date(), Math.min(free, BATCH), claimable(dir), roomOf) : [];
      claimed = rows.length;
      const shared = new Shared();
      for (const row of rows) void deliverOne(row, dir, shared);
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
  while (inflightTotal() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await flush();
}
