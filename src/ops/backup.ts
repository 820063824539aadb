// `npm run backup [file]` / `npm run restore <file>`: the hub's data as EJSON lines, one collection after another.
// Sealed fields stay sealed; HUB_MASTER_KEY is never written (a backup is useless without it: keep them apart).
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import mongoose from 'mongoose';

const { EJSON } = mongoose.mongo.BSON;

/** Writes every collection of the connected database; returns the number of documents per collection. */
export async function backup(file: string): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const out = createWriteStream(file, { mode: 0o600 });
  const counts: Record<string, number> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (name.startsWith('system.')) continue;
    counts[name] = 0;
    for await (const doc of db.collection(name).find()) {
      if (!out.write(`${EJSON.stringify({ c: name, d: doc }, { relaxed: false })}\n`))
        await new Promise<void>((r) => out.once('drain', () => r()));
      counts[name]++;
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return counts;
}

/** Replaces the database's collections with those in the file (the hub must not be running meanwhile). */
export async function restore(file: string): Promise<Record<string, number>> {
  const db = mongoose.connection.db!;
  const counts: Record<string, number> = {};
  const batch = new Map<string, unknown[]>();
  const flush = async (name: string) => {
    const docs = batch.get(name) ?? [];
    if (docs.length) await db.collection(name).insertMany(docs as never[], { ordered: false });
    batch.set(name, []);
  };
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line.trim()) continue;
    const { c, d } = EJSON.parse(line, { relaxed: false }) as { c: string; d: unknown };
    if (!(c in counts)) {
      for (const name of Object.keys(counts)) await flush(name);
      await db
        .collection(c)
        .drop()
        .catch(() => undefined);
      counts[c] = 0;
    }
    batch.set(c, [...(batch.get(c) ?? []), d]);
    counts[c] = (counts[c] ?? 0) + 1;
    if ((batch.get(c) ?? []).length >= 500) await flush(c);
  }
  for (const name of Object.keys(counts)) await flush(name);
  await mongoose.connection.syncIndexes();
  return counts;
}
