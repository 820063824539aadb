// Enqueue: the deliveries of one accepted request, written before the request is answered. Concurrent requests'
// rows share one insert (group commit): a request waits for the insert in flight, then goes with everything that
// gathered meanwhile, and is answered when that insert is journaled (nothing acknowledged is lost).
import type { Types } from 'mongoose';
import { seal } from '../crypto/seal';
import { OutboxModel } from './model';
import { noteEnqueued } from './pending';
import { wake } from './worker';

export interface Delivery {
  platform_id: Types.ObjectId;
  module: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers: Record<string, string>;
  object_key: string;
  seq: number;
  scope?: string;
}

/** At most this many rows in one insert; more wait for the next. */
const MAX_ROWS = 1000;

interface Waiting {
  rows: Record<string, unknown>[];
  done: (error?: unknown) => void;
}
let queue: Waiting[] = [];
let writing = false;

/**
 * Each distinct body is serialized and sealed once: a broadcast's rows carry the same ciphertext (and the claim
 * opens it once for all of them). Sealed at rest: payloads carry personal data, and a tokens URL the token uid
 * (other URLs name only the party and its object ids, so they stay plain: a seal and an open less per delivery).
 * Coalescing happens when the rows are claimed (claim.ts), not here.
 */
function rowsOf(deliveries: Delivery[]): Record<string, unknown>[] {
  const now = new Date();
  const sealed = new Map<unknown, string>();
  const bodyOf = (body: unknown) => {
    if (!sealed.has(body)) sealed.set(body, seal(JSON.stringify(body), { deflate: true }));
    return sealed.get(body) as string;
  };
  return deliveries.map((d) => ({
    platform_id: d.platform_id,
    module: d.module,
    method: d.method,
    url: d.module === 'tokens' ? seal(d.url) : d.url, // only a tokens URL names a driver's token (its uid)
    headers: d.headers,
    object_key: d.object_key,
    seq: d.seq,
    ...(d.scope === undefined ? {} : { scope: d.scope }),
    state: 'pending',
    attempts: 0,
    next_at: now,
    created_at: now,
    ...(d.body === undefined ? {} : { body: bodyOf(d.body) }),
  }));
}

async function write(): Promise<void> {
  writing = true;
  while (queue.length > 0) {
    let count = 0;
    const batch = queue.filter((w) => (count += w.rows.length) <= MAX_ROWS || w === queue[0]);
    queue = queue.slice(batch.length);
    try {
      // ordered, journaled (the connection's write concern); raw driver call: the rows are built complete above
      await OutboxModel.collection.insertMany(
        batch.flatMap((w) => w.rows),
        { ordered: true },
      );
      noteEnqueued(batch.flatMap((w) => w.rows.map((r) => r.platform_id as string)));
      batch.forEach((w) => w.done());
      wake();
    } catch (error) {
      batch.forEach((w) => w.done(error));
    }
  }
  writing = false;
}

export function enqueue(deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return Promise.resolve();
  const rows = rowsOf(deliveries);
  return new Promise<void>((resolve, reject) => {
    queue.push({ rows, done: (error) => (error === undefined ? resolve() : reject(error as Error)) });
    if (!writing) void write();
  });
}
