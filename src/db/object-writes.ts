// Group commit of object PUTs: the PUTs that arrive while one write is in flight share the next bulk write and one
// read back of their revisions, instead of a findOneAndUpdate each. Measured on the embedded engine, 32 writers of
// 3 KB locations, one run: engine CPU 460 → 245 µs per write, read back included; the hub's own CPU per write
// (location built, stored, revision read) about 123 µs, where the findOneAndUpdate alone cost the caller 410 µs.
// A bulk write returns no documents, so every write of an object (PUT, PATCH, DELETE) pushes a token onto its short
// `writes` list in the same atomic update that adds one to `rev`: the read back finds *its* token, and its revision is
// `rev` less the writes after it, even when another replica wrote the object in between (no transaction needed).
// Plain update operators, not an aggregation pipeline: that one cost the engine 80 % more per write.
import { randomBytes } from 'node:crypto';
import type { mongo } from 'mongoose';

/** Writes remembered per object: one per writer (replica) between one bulk write and its read back. */
const KEEP = 16;
/** At most this many PUTs in one bulk write; more wait for the next. */
const MAX_OPS = 500;

export interface PutResult {
  created: boolean;
  rev: number;
}

/** This process's writes: a random prefix (unique among replicas) and a counter, no random bytes per write. */
const WRITER = randomBytes(9).toString('base64url');
let written = 0;
/** A write's token: its kind first (P: PUT, U: PATCH, D: DELETE), so a PUT right after a DELETE reads as created. */
export const writeToken = (kind: 'P' | 'U' | 'D') => `${kind}${WRITER}${(written++).toString(36)}`;
/** The update fragment that remembers a write; every update that adds one to `rev` must carry it. */
export const remember = (token: string) => ({ writes: { $each: [token], $slice: -KEEP } });

/** What the writer reads back of a stored object. */
interface Written {
  key: string;
  rev: number;
  writes?: string[];
}

interface Waiting {
  key: string;
  set: Record<string, unknown>;
  token: string;
  done: (result: PutResult | Error) => void;
}

/** The per-collection writer: `put(key, set)` resolves once its write is journaled (the connection's concern). */
export function groupedPuts(collection: () => mongo.Collection) {
  let queue: Waiting[] = [];
  let writing = false;

  async function writeBatch(batch: Waiting[]): Promise<void> {
    const ops = batch.map((w) => ({
      updateOne: {
        filter: { key: w.key },
        update: { $set: w.set, $inc: { rev: 1 }, $push: remember(w.token) },
        upsert: true,
      },
    }));
    const failed = new Map<number, Error>();
    let upserted: Record<number, unknown>;
    try {
      // $push of a declared list: the driver types know no schema
      upserted = (await collection().bulkWrite(ops as never, { ordered: false })).upsertedIds;
    } catch (error) {
      const e = error as {
        writeErrors?: { index: number; errmsg?: string }[] | { index: number; errmsg?: string };
        result?: { upsertedIds?: Record<number, unknown> };
      };
      if (e.writeErrors === undefined) throw error;
      for (const w of [e.writeErrors].flat()) failed.set(w.index, new Error(w.errmsg ?? 'object write failed'));
      upserted = e.result?.upsertedIds ?? {};
    }
    // An upsert that inserted made the object's first revision, with this write's token its only one: nothing to
    // read back (a PUT after a DELETE updates the tombstone, so it is read back like any other update).
    const updated = batch.filter((w, i) => !(i in upserted) && !failed.has(i));
    const docs =
      updated.length === 0
        ? []
        : await collection()
            .find<Written>(
              { key: { $in: [...new Set(updated.map((w) => w.key))] } },
              { projection: { key: 1, rev: 1, writes: 1 } },
            )
            .toArray();
    const byKey = new Map(docs.map((d) => [d.key, d]));
    batch.forEach((w, i) => {
      const doc = i in upserted ? { key: w.key, rev: 1, writes: [w.token] } : byKey.get(w.key);
      const writes = doc?.writes ?? [];
      const at = writes.lastIndexOf(w.token);
      if (failed.has(i)) w.done(failed.get(i) as Error);
      else if (!doc || at < 0) w.done(new Error(`the write of ${w.key} was not found again (${KEEP} writes since)`));
      else
        w.done({
          rev: doc.rev - (writes.length - 1 - at),
          created: i in upserted || (at > 0 && writes[at - 1]?.startsWith('D') === true),
        });
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
      queue.push({ key, set, token: writeToken('P'), done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      if (!writing) void drain();
    });
}
