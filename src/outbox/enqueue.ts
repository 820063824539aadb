// Enqueue: the deliveries of one accepted request, in one insert, before the request is answered.
import type { Types } from 'mongoose';
import { seal } from '../crypto/seal';
import { OutboxModel } from './model';
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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A full PUT makes queued, unsent calls on the same object at or below its scope pointless (a status storm of
 * PUTs becomes one delivery per receiver). Rows being sent (claimed) are left alone.
 */
async function supersede(deliveries: Delivery[]): Promise<void> {
  const groups = new Map<string, Delivery[]>();
  for (const d of deliveries.filter((x) => x.method === 'PUT')) {
    const key = `${d.object_key}|${d.scope ?? ''}|${d.seq}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [, puts] of groups) {
    const { object_key, scope, seq } = puts[0] as Delivery;
    await OutboxModel.updateMany(
      { object_key, platform_id: { $in: puts.map((d) => d.platform_id) }, state: 'pending', seq: { $lt: seq }, scope: { $regex: `^${escape(scope ?? '')}(/|$)` }, claimed_by: { $exists: false } },
      { $set: { state: 'superseded' } },
    );
  }
}

export async function enqueue(deliveries: Delivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  const now = new Date();
  // Sealed at rest: payloads carry personal data, and a tokens URL carries the token uid.
  const rows = deliveries.map((d) => ({
    ...d,
    url: seal(d.url),
    body: d.body === undefined ? undefined : seal(JSON.stringify(d.body)),
    state: 'pending',
    attempts: 0,
    next_at: now,
    created_at: now,
  }));
  // ordered insert, one round trip; the caller answers only after it resolves (nothing acknowledged is lost)
  await OutboxModel.insertMany(rows, { ordered: true, lean: true });
  await supersede(deliveries);
  wake();
}
