// Records from a 2.1.1 party the hub could not convert (e.g. a session whose auth_id matches no token the hub
// holds): kept sealed, with the reason, where the operator sees them; never delivered to a guessed receiver.
import mongoose, { Schema, type Types } from 'mongoose';
import { seal } from '../crypto/seal';

export interface Held {
  platform_id: Types.ObjectId;
  module: string;
  method: string;
  path: string;
  body: string;
  reason: string;
  created_at: Date;
}

const HeldSchema = new Schema<Held>(
  {
    platform_id: { type: Schema.Types.ObjectId, required: true },
    module: { type: String, required: true },
    method: String,
    path: String,
    body: String,
    reason: String,
    created_at: { type: Date, default: () => new Date() },
  },
  { versionKey: false, collection: 'held' },
);
HeldSchema.index({ platform_id: 1, created_at: 1 });

export const HeldModel = mongoose.model<Held>('Held', HeldSchema);

export async function hold(h: Omit<Held, 'created_at' | 'body'> & { body: unknown }): Promise<void> {
  await HeldModel.create({ ...h, body: seal(JSON.stringify(h.body ?? null)) });
}

/** What the operator sees of a platform's held records: counts and the latest reasons, never the payloads. */
export async function heldStats(platformId: Types.ObjectId) {
  const [count, latest] = await Promise.all([
    HeldModel.countDocuments({ platform_id: platformId }),
    HeldModel.find({ platform_id: platformId }, { module: 1, method: 1, reason: 1, created_at: 1 })
      .sort({ created_at: -1 })
      .limit(10)
      .lean<Held[]>(),
  ]);
  return {
    count,
    latest: latest.map((h) => ({ module: h.module, method: h.method, reason: h.reason, created_at: h.created_at })),
  };
}
