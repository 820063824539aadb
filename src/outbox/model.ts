// The durable outbox: one row per delivery of one message to one receiver, written before the sender's answer.
import mongoose, { Schema, type Types } from 'mongoose';

// superseded: replaced by a newer full PUT before it was sent; dropped: receiver OFFLINE under a 'drop' policy.
export const OUTBOX_STATES = ['pending', 'delivered', 'dead', 'superseded', 'dropped'] as const;

export interface OutboxRow {
  _id: Types.ObjectId;
  platform_id: Types.ObjectId;
  module: string;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sealed (the URL of a token names its uid). */
  url: string;
  /** The JSON body exactly as it will be sent, sealed; absent for DELETE, and dropped once delivered. */
  body?: string;
  headers: Record<string, string>;
  object_key: string;
  /** The object's revision: per receiver and object, rows are delivered in seq order (FIFO). */
  seq: number;
  /**
   * What part of the object the call covers ('' whole, '/EVSE' ...), for superseding by a newer PUT; absent: never
   * superseded.
   */
  scope: string;
  state: (typeof OUTBOX_STATES)[number];
  attempts: number;
  /** When the row may next be claimed: claiming moves it a lease ahead, so a crashed claimer's rows come back. */
  next_at: Date;
  claimed_by?: string;
  last_error?: string;
  last_status?: number;
  created_at: Date;
  delivered_at?: Date;
}

const OutboxSchema = new Schema<OutboxRow>(
  {
    platform_id: { type: Schema.Types.ObjectId, required: true },
    module: { type: String, required: true },
    method: { type: String, required: true },
    url: { type: String, required: true },
    body: String,
    headers: { type: Schema.Types.Mixed, default: {} },
    object_key: { type: String, required: true },
    seq: { type: Number, default: 0 },
    scope: { type: String, default: '' },
    state: { type: String, enum: OUTBOX_STATES, default: 'pending' },
    attempts: { type: Number, default: 0 },
    next_at: { type: Date, required: true },
    claimed_by: String,
    last_error: String,
    last_status: Number,
    created_at: { type: Date, default: () => new Date() },
    delivered_at: Date,
  },
  { versionKey: false, collection: 'outbox', minimize: false },
);

// The claim's due query (each receiver's pending rows by next_at, merged in index order, no in-memory sort); by its
// prefix also the per-receiver counts, the offline drop, the metrics and retention.
OutboxSchema.index({ state: 1, platform_id: 1, next_at: 1 });
// The queue of one (receiver, object): its pending rows in seq order, and delivered PUTs newer than a candidate.
export const QUEUE_INDEX = { object_key: 1, platform_id: 1, state: 1, seq: 1 } as const;
OutboxSchema.index(QUEUE_INDEX);

export const OutboxModel = mongoose.model<OutboxRow>('Outbox', OutboxSchema);
