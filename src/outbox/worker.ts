// The outbox worker: claims due rows in batches (atomically, so replicas never share a row), delivers each
// with the receiver's token, then records every outcome in one bulk write. Failed rows back off and retry.
import { randomUUID } from 'node:crypto';
import { log } from '../log';
import { directory } from '../parties/directory';
import { deliver, type Outcome } from './deliver';
import { OutboxModel, type OutboxRow } from './model';

const LEASE_MS = 30_000;
const BATCH = 100;
const IDLE_MS = 250;
const MAX_BACKOFF_MS = 10 * 60_000;

/** Claims up to BATCH due rows: `next_at` moves a lease ahead, so a crashed worker's rows come back by themselves. */
async function claim(now: Date): Promise<OutboxRow[]> {
  const due = await OutboxModel.find({ state: 'pending', next_at: { $lte: now } }, { _id: 1 }).sort({ next_at: 1, _id: 1 }).limit(BATCH).lean();
  if (due.length === 0) return [];
  const claimer = randomUUID();
  const ids = due.map((d) => d._id);
  await OutboxModel.updateMany(
    { _id: { $in: ids }, state: 'pending', next_at: { $lte: now } },
    { $set: { next_at: new Date(now.getTime() + LEASE_MS), claimed_by: claimer } },
  );
  return OutboxModel.find({ _id: { $in: ids }, claimed_by: claimer }).sort({ _id: 1 }).lean<OutboxRow[]>();
}

export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS) * (0.75 + Math.random() * 0.5);

function record(row: OutboxRow, outcome: Outcome, now: Date) {
  const set: Record<string, unknown> = { attempts: row.attempts + 1, last_status: outcome.status, last_error: outcome.error };
  if (outcome.ok) Object.assign(set, { state: 'delivered', delivered_at: now });
  else set.next_at = new Date(now.getTime() + backoffMs(row.attempts + 1));
  return { updateOne: { filter: { _id: row._id, claimed_by: row.claimed_by }, update: { $set: set, $unset: { claimed_by: 1 } } } };
}

/** One cycle: claim, deliver, record. Returns how many rows it handled. `now` lets tests move time on. */
export async function deliverDue(now = new Date()): Promise<number> {
  const rows = await claim(now);
  if (rows.length === 0) return 0;
  const dir = await directory();
  const outcomes = await Promise.all(rows.map((row) => deliver(row, dir)));
  await OutboxModel.bulkWrite(rows.map((row, i) => record(row, outcomes[i] as Outcome, new Date())), { ordered: false });
  return rows.length;
}

/** Delivers until nothing is due (tests, and shutdown). */
export async function drain(now?: Date): Promise<void> {
  while ((await deliverDue(now)) > 0);
}

let running = false;
let timer: NodeJS.Timeout | undefined;
let cycle: Promise<void> | undefined;

function schedule(delay: number) {
  if (!running || timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    cycle = deliverDue()
      .then((n) => schedule(n > 0 ? 0 : IDLE_MS))
      .catch((error: unknown) => {
        log.error('outbox cycle failed', { error: (error as Error).message });
        schedule(IDLE_MS * 4);
      });
  }, delay);
}

/** Runs the next cycle now instead of after the idle pause (called after an enqueue). */
export function wake(): void {
  if (running && timer && !cycle) return;
  if (timer) {
    clearTimeout(timer);
    timer = undefined;
  }
  schedule(0);
}

export function startWorker(): void {
  running = true;
  schedule(0);
}

/** Stops claiming; resolves when the cycle in flight has recorded its outcomes. */
export async function stopWorker(): Promise<void> {
  running = false;
  if (timer) clearTimeout(timer);
  timer = undefined;
  await cycle?.catch(() => undefined);
}
