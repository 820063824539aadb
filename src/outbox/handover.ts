// The hand-over: while the worker runs, the rows this replica inserts for receivers with a free slot are inserted
// already claimed by it (claimed_by and a lease, as a claim leaves them) and sent from memory once the insert is
// journaled: no claim reads them back or writes them again. FIFO and the delivered-revision watermark are checked as
// the claim checks them, but after the insert: the rows' (receiver, object) queues are read (queues.ts), and a row
// goes at once only if it is the only pending row of its pair and no newer PUT of the pair was delivered; the others
// are released to the claim. Insert first, read second: of two replicas writing one object, at least one sees the
// other's row (pending, or in flight) and releases its own, so the claim orders them.
import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { config } from '../config';
import { UNJOURNALED } from '../db/connect';
import { log } from '../log';
import { directory } from '../parties/directory';
import { OutboxModel, type OutboxRow } from './model';
import { isOffline } from './offline';
import { inflightTotal, roomOf, started, unstarted } from './pace';
import { groupBy, pairOf, queuesOf } from './queues';
import { handOff, isRunning, wake } from './worker';

/** An outbox row as enqueue builds it, before the insert gives it an _id. */
export type Row = Record<string, unknown> & { platform_id: Types.ObjectId };
export interface Ahead {
  claimer: string;
  rows: Row[];
  /** The plain text of each sealed body, as enqueue sealed it. */
  texts: Map<string, string>;
}

/**
 * At most this many rows per insert, as a claim takes at most 200: the queue read has a branch per (receiver, object)
 * pair, and a record to 100 receivers would otherwise make it one of thousands.
 */
const MAX_ROWS = 200;

/** Before the insert: claims for this replica the rows whose receivers have a free slot, and takes those slots. */
export function claimAhead(rows: Row[], texts: Map<string, string>): Ahead | undefined {
  if (!isRunning()) return undefined; // tests that drain by hand, and a replica shutting down
  const claimer = randomUUID();
  const lease = new Date(Date.now() + config.outboxLeaseMs);
  const taken: Row[] = [];
  // half the process's free delivery slots at most: the claim keeps room for the rows left to it
  const most = Math.min(MAX_ROWS, Math.floor((config.outboxConcurrency - inflightTotal()) / 2));
  for (const row of rows) {
    const pid = String(row.platform_id);
    if (taken.length >= most) break;
    if (roomOf(pid) <= 0) continue;
    started(pid);
    row.claimed_by = claimer;
    row.next_at = lease;
    taken.push(row);
  }
  return taken.length > 0 ? { claimer, rows: taken, texts } : undefined;
}

/** The insert failed: the slots are free again. A row it wrote anyway comes back to the claim when its lease ends. */
export function cancelAhead(ahead: Ahead | undefined): void {
  for (const row of ahead?.rows ?? []) unstarted(String(row.platform_id));
}

/** After the insert: sends the rows alone in their queue, to receivers still online; releases the rest. */
export async function handOver(ahead: Ahead): Promise<void> {
  const rows = ahead.rows as unknown as OutboxRow[];
  let back = rows;
  try {
    const dir = await directory();
    const queues = groupBy(await queuesOf(rows), pairOf);
    const alone = (r: OutboxRow) => {
      const queue = queues.get(pairOf(r)) ?? [];
      return queue.length === 1 && r._id.equals(queue[0]?._id);
    };
    const online = (r: OutboxRow) => {
      const p = dir.platform(r.platform_id);
      return p !== undefined && !isOffline(p);
    };
    const go = rows.filter((r) => alone(r) && online(r));
    const going = new Set(go);
    back = rows.filter((r) => !going.has(r));
    handOff(go, dir, ahead.texts);
  } catch (error) {
    log.warn('outbox hand-over failed; the rows go to the claim', { error: (error as Error).message });
  }
  if (back.length > 0) await release(back, ahead.claimer);
}

async function release(rows: OutboxRow[], claimer: string): Promise<void> {
  for (const row of rows) unstarted(String(row.platform_id));
  // if this fails, the rows come back when their lease ends (at least once, as after a crash)
  await OutboxModel.collection
    .updateMany(
      { _id: { $in: rows.map((r) => r._id) }, claimed_by: claimer },
      { $set: { next_at: new Date() }, $unset: { claimed_by: 1 } },
      UNJOURNALED,
    )
    .catch((error: unknown) => log.warn('outbox release failed', { error: (error as Error).message }));
  wake();
}
