// The claim: the due rows of every receiver with room (one index-served query), the head of each (receiver, object)
// queue taken atomically (next_at moves a lease ahead, so replicas never share a row and a crashed claimer's rows
// come back), and coalescing done in the same write: rows a newer full PUT makes pointless are marked superseded.
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Types } from 'mongoose';
import { config } from '../config';
import { UNJOURNALED } from '../db/connect';
import { OutboxModel, type OutboxRow } from './model';
import { decide, groupBy, pairOf, queuesOf } from './queues';

/**
 * The due rows of `receivers`, at most `room(receiver)` of each; pairs whose head is not due are left alone. A pair
 * with rows to supersede has its head claimed in a second round, once the supersede is written: another replica
 * may claim one of those rows meanwhile, and then the newer head must wait for it (FIFO).
 */
export async function claim(
  now: Date,
  limit: number,
  receivers: Types.ObjectId[],
  room: (platformId: string) => number,
  again = true,
): Promise<OutboxRow[]> {
  // no more rows than the receivers have slots for: each row read carries its payload
  const wanted = Math.min(
    limit,
    receivers.reduce((n, p) => n + room(String(p)), 0),
  );
  if (receivers.length === 0 || wanted <= 0) return [];
  // the driver's own find: mongoose's query layer cost ~0.3 ms per claim, and this filter holds nothing to cast
  const due = (await OutboxModel.collection
    .find(
      { state: 'pending', platform_id: { $in: receivers }, next_at: { $lte: now } },
      { sort: { next_at: 1 }, limit: wanted + receivers.length },
    )
    .toArray()) as OutboxRow[];
  if (due.length === 0) return [];
  const byId = new Map(due.map((d) => [String(d._id), d]));
  const taken: OutboxRow[] = [];
  const pointless: Types.ObjectId[] = [];
  const left = new Map<string, number>();
  const unread: Types.ObjectId[] = [];
  for (const queue of groupBy(await queuesOf(due), pairOf).values()) {
    const { head, pointless: stale } = decide(queue, now);
    pointless.push(...stale);
    const pid = head ? String(head.platform_id) : '';
    if (!head || head.next_at > now || stale.length > 0 || taken.length + unread.length >= limit) continue;
    if ((left.get(pid) ?? room(pid)) <= 0) continue;
    left.set(pid, (left.get(pid) ?? room(pid)) - 1);
    const row = byId.get(String(head._id));
    if (row) taken.push(row);
    // A due head need not be among the rows read: a newer row of its object may be due sooner (the head backed
    // off longer after its failures) and fill a receiver's small room. Read it, or the object would wait forever.
    else unread.push(head._id);
  }
  if (unread.length > 0)
    taken.push(
      ...((await OutboxModel.collection.find({ _id: { $in: unread }, state: 'pending' }).toArray()) as OutboxRow[]),
    );
  const mine = await take(taken, pointless, now);
  if (!again || pointless.length === 0) return mine;
  const takenBy = (pid: string) => mine.filter((r) => String(r.platform_id) === pid).length;
  return [...mine, ...(await claim(now, limit - mine.length, receivers, (pid) => room(pid) - takenBy(pid), false))];
}

/** One write claims the heads and supersedes the pointless rows; only what this claimer's write took is returned. */
async function take(rows: OutboxRow[], pointless: Types.ObjectId[], now: Date): Promise<OutboxRow[]> {
  if (rows.length === 0 && pointless.length === 0) return [];
  const claimer = randomUUID();
  const lease = new Date(now.getTime() + config.outboxLeaseMs);
  const ids = rows.map((r) => r._id);
  const ops: AnyBulkWriteOperation<OutboxRow>[] = [];
  if (ids.length > 0)
    ops.push({
      updateMany: {
        filter: { _id: { $in: ids }, state: 'pending', next_at: { $lte: now } },
        update: { $set: { next_at: lease, claimed_by: claimer } },
      },
    });
  // a row in flight (claimed, lease running) is never superseded: it may be on the wire already
  const free = { $or: [{ claimed_by: { $exists: false } }, { next_at: { $lte: now } }] };
  if (pointless.length > 0)
    ops.push({
      updateMany: {
        filter: { _id: { $in: pointless }, state: 'pending', ...free },
        update: { $set: { state: 'superseded' }, $unset: { claimed_by: 1 } },
      },
    });
  const written = await OutboxModel.collection.bulkWrite(ops as never, { ordered: false, ...UNJOURNALED });
  let mine = rows;
  // fewer rows changed than asked: another replica took some first; ask which are ours
  if (written.modifiedCount < ids.length + pointless.length) {
    const ours = new Set(
      (
        await OutboxModel.find({ _id: { $in: ids }, claimed_by: claimer }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>()
      ).map((r) => String(r._id)),
    );
    mine = rows.filter((r) => ours.has(String(r._id)));
  }
  return mine.map((r) => ({ ...r, claimed_by: claimer, next_at: lease })).sort((a, b) => a.seq - b.seq);
}
