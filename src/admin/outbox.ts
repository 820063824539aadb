// Admin API for the outbox: what is pending, in flight and dead, by receiver and module; retry or delete a row.
import { Router } from 'express';
import mongoose, { isValidObjectId } from 'mongoose';
import { z } from 'zod';
import { OutboxModel, OUTBOX_STATES, type OutboxRow } from '../outbox/model';
import { noteEnqueued } from '../outbox/pending';
import { wake } from '../outbox/worker';
import { AdminError, parseAdmin } from './schema';

export const Query = z.strictObject({
  state: z.enum([...OUTBOX_STATES, 'in_flight']).optional(),
  platform: z.string().refine(isValidObjectId, 'not a platform id').optional(),
  module: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** A row as the operator sees it: never its sealed payload or URL. */
const view = (r: OutboxRow, now = Date.now()) => ({
  id: String(r._id),
  platform_id: String(r.platform_id),
  module: r.module,
  method: r.method,
  object_key: r.object_key,
  state: r.state === 'pending' && r.claimed_by && r.next_at.getTime() > now ? 'in_flight' : r.state,
  attempts: r.attempts,
  next_at: r.next_at,
  last_status: r.last_status ?? null,
  last_error: r.last_error ?? null,
  created_at: r.created_at,
  delivered_at: r.delivered_at ?? null,
});

/** Depth and age of a receiver's outbox, for GET /admin/platforms/{id}. */
export async function outboxStats(platformId: mongoose.Types.ObjectId) {
  const now = new Date();
  const [pending, inFlight, dead, oldest] = await Promise.all([
    OutboxModel.countDocuments({ platform_id: platformId, state: 'pending' }),
    OutboxModel.countDocuments({
      platform_id: platformId,
      state: 'pending',
      claimed_by: { $exists: true },
      next_at: { $gt: now },
    }),
    OutboxModel.countDocuments({ platform_id: platformId, state: 'dead' }),
    OutboxModel.findOne({ platform_id: platformId, state: 'pending' }, { created_at: 1 })
      .sort({ created_at: 1 })
      .lean<{ created_at: Date }>(),
  ]);
  return {
    pending,
    in_flight: inFlight,
    dead,
    oldest_pending_age_seconds: oldest ? Math.round((now.getTime() - oldest.created_at.getTime()) / 1000) : null,
  };
}

export const outboxRouter = Router();

outboxRouter.get('/', async (req, res) => {
  const q = parseAdmin(Query, req.query);
  const filter: Record<string, unknown> = {};
  if (q.state === 'in_flight')
    Object.assign(filter, { state: 'pending', claimed_by: { $exists: true }, next_at: { $gt: new Date() } });
  else if (q.state) filter.state = q.state;
  if (q.platform) filter.platform_id = new mongoose.Types.ObjectId(q.platform);
  if (q.module) filter.module = q.module;
  const [total, rows] = await Promise.all([
    OutboxModel.countDocuments(filter),
    OutboxModel.find(filter, { body: 0, url: 0 })
      .sort({ created_at: 1, _id: 1 })
      .skip(q.offset)
      .limit(q.limit)
      .lean<OutboxRow[]>(),
  ]);
  res.json({ total, entries: rows.map((r) => view(r)) });
});

async function load(id: string): Promise<OutboxRow> {
  const row = isValidObjectId(id) ? await OutboxModel.findById(id, { body: 0, url: 0 }).lean<OutboxRow>() : null;
  if (!row) throw new AdminError(404, `no outbox row ${id}`);
  return row;
}

/** A dead, dropped or superseded row goes back in the queue (due now, attempts kept): the operator's call. */
outboxRouter.post('/:id/retry', async (req, res) => {
  const row = await load(String(req.params.id));
  if (row.state === 'delivered' || row.state === 'pending')
    throw new AdminError(409, `row ${String(row._id)} is ${row.state}: nothing to retry`);
  const updated = await OutboxModel.findOneAndUpdate(
    { _id: row._id, state: row.state },
    { $set: { state: 'pending', next_at: new Date() }, $unset: { claimed_by: 1 } },
    { returnDocument: 'after', projection: { body: 0, url: 0 } },
  ).lean<OutboxRow>();
  noteEnqueued([row.platform_id]);
  wake();
  res.json(view(updated ?? row));
});

outboxRouter.delete('/:id', async (req, res) => {
  const row = await load(String(req.params.id));
  if (row.state === 'pending' && row.claimed_by && row.next_at > new Date())
    throw new AdminError(409, 'the row is being delivered right now: try again in a moment');
  await OutboxModel.deleteOne({ _id: row._id });
  res.status(204).end();
});
