// One embedded MongoDB engine per bench run (its own child process), one database per benchmark, its counters.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../src/db/embedded';

let engine: Promise<EmbeddedEngine> | undefined;
let dataDir: string | undefined;

/**
 * Points this process's mongoose (the connection src/ models use) at a fresh database of the run's engine,
 * and returns the URI a hub process should be given for the same database.
 */
export async function useDatabase(name: string): Promise<string> {
  dataDir ??= mkdtempSync(path.join(os.tmpdir(), 'ocpi-hub-bench-'));
  engine ??= startEmbeddedEngine(dataDir);
  const { uri } = await engine;
  if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
  await mongoose.connect(uri, { dbName: name, writeConcern: { w: 'majority', journal: true } });
  await mongoose.connection.dropDatabase();
  const hubUri = new URL(uri);
  hubUri.pathname = `/${name}`;
  return hubUri.toString();
}

export type OpCounters = {
  insert: number;
  query: number;
  update: number;
  delete: number;
  getmore: number;
  command: number;
  total: number;
};

/** The engine's serverStatus: its pid (for CPU accounting), operation counters, documents touched and scanned. */
export async function engineStatus(): Promise<{ pid: number; ops: OpCounters; docs: Record<string, number> }> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected: call useDatabase() first');
  const status = await db.admin().serverStatus();
  const o = status.opcounters as Record<string, number>;
  const ops = {
    insert: o.insert ?? 0,
    query: o.query ?? 0,
    update: o.update ?? 0,
    delete: o.delete ?? 0,
    getmore: o.getmore ?? 0,
    command: o.command ?? 0,
    total: 0,
  };
  ops.total = ops.insert + ops.query + ops.update + ops.delete + ops.getmore + ops.command;
  const m = status.metrics as {
    document: Record<string, number>;
    queryExecutor: { scanned: number; scannedObjects: number };
  };
  const docs = {
    ...m.document,
    keys_scanned: m.queryExecutor.scanned,
    objects_scanned: m.queryExecutor.scannedObjects,
  };
  return { pid: Number(status.pid), ops, docs };
}

/** Operations per second by kind between two readings. */
export function opsPerSecond(before: OpCounters, after: OpCounters, seconds: number): Record<string, number> {
  const rate: Record<string, number> = {};
  for (const k of Object.keys(before) as (keyof OpCounters)[]) rate[k] = Math.round((after[k] - before[k]) / seconds);
  return rate;
}

/** Per unit of work (a record, a page) between two readings of the same counters. */
export function perUnit(
  before: Record<string, number>,
  after: Record<string, number>,
  n: number,
): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.round((100 * ((after[k] ?? 0) - (before[k] ?? 0))) / n) / 100]),
  );
}

/**
 * What the engine sustains alone, for comparison with what a hub asks of it: journaled single-document inserts
 * of `bytes`-byte documents from 32 concurrent callers for `ms` (a scratch collection, dropped after).
 */
export async function engineCapacity(ms = 2000, bytes = 3000): Promise<{ journaled_inserts_per_s: number }> {
  const scratch = mongoose.connection.collection('bench_capacity');
  const filler = 'x'.repeat(bytes);
  const deadline = performance.now() + ms;
  let n = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (performance.now() < deadline)
        await scratch.insertOne({ n: n++, filler }, { writeConcern: { w: 'majority', journal: true } });
    }),
  );
  const rate = Math.round(n / ((performance.now() - started) / 1000));
  await scratch.drop().catch(() => undefined);
  return { journaled_inserts_per_s: rate };
}

/** Drops the benchmark's database (so the next one starts light) and disconnects. */
export async function releaseDatabase(): Promise<void> {
  if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
}

export async function stopEngine(): Promise<void> {
  await mongoose.disconnect();
  if (engine) await (await engine).stop();
  engine = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
}
