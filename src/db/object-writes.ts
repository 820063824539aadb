// Group commit of object PUTs: the PUTs that arrive while one write is in flight share the next bulk write and one
// read back of their revisions, instead of a findOneAndUpdate each. Measured on the embedded engine, 32 writers of
// 3 KB objects, one run: engine CPU 460 → 163 µs and client CPU 410 → 83 µs per write.
// A bulk write returns no documents, so each write appends its token to the object's short `writes` list in the
// same atomic update: the read back finds the revision *its* update made, even when another replica wrote the
// object in between (no transaction needed).
import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';

type Document = mongo.Document;

/** Writes remembered per object: one per writer (replica) between one bulk write and its read back. */
const KEEP = 16;
/** At most this many PUTs in one bulk write; more wait for the next. */
const MAX_OPS = 500;

export interface PutResult {
  created: boolean;
  rev: number;
}

interface Waiting {
  key: string;
  set: Record<string, unknown>;
  token: string;
  done: (result: PutResult | Error) => void;
}

type Written = { t: string; r: number; c: boolean };

/** The update of one PUT: `set` replaces the fields, rev goes up by one, and the write is remembered by its token. */
function updateOf(w: Waiting): Document[] {
  const rev = { $add: [{ $ifNull: ['$rev', 0] }, 1] };
  // created: no object yet, or a tombstone (201 for a PUT after DELETE); `data` is on every stored object
  const created = { $or: [{ $eq: [{ $type: '$data' }, 'missing'] }, { $eq: ['$deleted', true] }] };
  const entry = { t: w.token, r: rev, c: created };
  const fields = Object.fromEntries(Object.entries(w.set).map(([k, v]) => [k, { $literal: v }]));
  const writes = { $slice: [{ $concatArrays: [{ $ifNull: ['$writes', []] }, [entry]] }, -KEEP] };
  return [{ $set: { ...fields, rev, writes } }];
}

/** The per-collection writer: `put(key, set)` resolves once its write is journaled (the connection's concern). */
export function groupedPuts(collection: () => mongo.Collection) {
  let queue: Waiting[] = [];
  let writing = false;

  async function writeBatch(batch: Waiting[]): Promise<void> {
    const ops: mongo.AnyBulkWriteOperation[] = batch.map((w) => ({
      updateOne: { filter: { key: w.key }, update: updateOf(w), upsert: true },
    }));
    const failed = new Map<number, Error>();
    try {
      await collection().bulkWrite(ops, { ordered: false });
    } catch (error) {
      const e = error as { writeErrors?: { index: number; errmsg?: string }[] | { index: number; errmsg?: string } };
      if (e.writeErrors === undefined) throw error;
      for (const w of [e.writeErrors].flat()) failed.set(w.index, new Error(w.errmsg ?? 'object write failed'));
    }
    const docs = await collection()
      .find({ key: { $in: [...new Set(batch.map((w) => w.key))] } }, { projection: { key: 1, writes: 1 } })
      .toArray();
    const byToken = new Map<string, Written>();
    for (const d of docs) for (const x of (d.writes ?? []) as Written[]) byToken.set(x.t, x);
    batch.forEach((w, i) => {
      const mine = byToken.get(w.token);
      if (failed.has(i)) w.done(failed.get(i) as Error);
      else if (!mine) w.done(new Error(`the write of ${w.key} was not found again (more than ${KEEP} writes since)`));
      else w.done({ created: mine.c, rev: mine.r });
    });
  }

  async function drain(): Promise<void> {
    writing = true;
    while (queue.length > 0) {
      // one write per object in a batch (later ones wait for the next, in order): a batch never makes more than
      // one of the object's remembered writes, so only more than KEEP replicas writing at once could push ours out
      const keys = new Set<string>();
      const batch: Waiting[] = [];
      const rest: Waiting[] = [];
      for (const w of queue) {
        if (batch.length < MAX_OPS && !keys.has(w.key)) batch.push(w);
        else rest.push(w);
        keys.add(w.key);
      }
      queue = rest;
      await writeBatch(batch).catch((error: unknown) => batch.forEach((w) => w.done(error as Error)));
    }
    writing = false;
  }

  return (key: string, set: Record<string, unknown>): Promise<PutResult> =>
    new Promise<PutResult>((resolve, reject) => {
      const token = randomBytes(9).toString('base64url');
      queue.push({ key, set, token, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      if (!writing) void drain();
    });
}
