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
  wake();
}
