// The audit writer: takes each entry's time when it is recorded, chains the entries (entry.ts) when a batch is
// written, in one loop, and stores them with one insertMany per batch.
import { hash, randomUUID } from 'node:crypto';
import { config } from '../config';
import { log } from '../log';
import { chainAll, type Recorded, type Stored } from './entry';
import { AuditHeadModel, AuditModel, GENESIS, headMac, type AuditInput } from './model';

export type { AuditInput } from './model';

const FLUSH_MS = 100;
const FLUSH_AT = 200;
const MAX_BATCH = 1000;
const MAX_RETRY_MS = 30_000;
export interface AuditWriter {
  /** Random per writer (per process for the hub's own), so replicas never share a chain head. */
  readonly id: string;
  record(entry: AuditInput): void;
  /** Writes everything recorded so far; rejects (after logging) if the database refuses. */
  flush(): Promise<void>;
  /** Entries recorded but not yet stored. */
  buffered(): number;
  /** The newest entry this writer knows it stored: what its chain must still hold (truncation shows against it). */
  stored(): { writer: string; seq: number; hash: string } | undefined;
}

async function insertBatch(batch: Stored[]): Promise<void> {
  try {
    await AuditModel.collection.insertMany(batch, { ordered: false });
  } catch (error) {
    // A retry of a batch that partly landed: the entries already stored are these very ones (same _id).
    const e = error as { code?: number; writeErrors?: { code?: number }[] | { code?: number } };
    const errors = e.writeErrors === undefined ? [e] : [e.writeErrors].flat();
    if (!errors.every((w) => w.code === 11000)) throw error;
  }
}

/**
 * `max`: entries held while the database is away. Past it the hub reports itself not ready and sheds new
 * requests (backlogged()); entries still arriving (requests already in flight) are kept up to twice that, and
 * beyond it dropped and counted, so memory stays bounded however long the outage.
 */
export function createAuditWriter(id: string = randomUUID(), max: number = config.auditBufferMax): AuditWriter {
  let dropped = 0;
  let stored: { writer: string; seq: number; hash: string } | undefined;
  let checkpointAt = 0;
  let last = { seq: 0, hash: GENESIS, at: 0 };
  /** Chained, waiting to be stored (a failed batch stays here, chained as it was: a retry writes the same bytes). */
  let buffer: Stored[] = [];
  /**
   * Recorded, chained when the next batch is written: one loop of HMACs over warm code and keys, not one on each
   * request's path (where one took about 30 µs against 2 in a loop).
   */
  let unchained: Recorded[] = [];
  const count = () => buffer.length + unchained.length;
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let failures = 0;

  async function write(): Promise<void> {
    while (count() > 0) {
      last = chainAll(id, last, unchained, buffer);
      unchained = [];
      if (buffer.length === 0) return; // none could be chained (logged)
      const batch = buffer.slice(0, MAX_BATCH);
      await insertBatch(batch);
      const end = batch[batch.length - 1] as Stored;
      // After the entries: a crash in between leaves the head behind (harmless), never ahead (reads as deletion).
      await AuditHeadModel.updateOne(
        { _id: id },
        { $set: { seq: end.seq, hash: end.hash, at: end.at, mac: headMac(id, end.seq, end.hash) } },
        { upsert: true },
      );
      stored = { writer: id, seq: end.seq, hash: end.hash };
      checkpoint();
      buffer = buffer.slice(batch.length);
      failures = 0;
      if (count() < FLUSH_AT) return; // the rest waits for its timer, so small batches gather
    }
  }

  /**
   * At most once a minute the head also goes to the application log, outside the database: an operator who
   * keeps the logs can hand these checkpoints to verification, which then also catches a truncated tail.
   */
  function checkpoint(): void {
    if (!stored || Date.now() - checkpointAt < 60_000) return;
    checkpointAt = Date.now();
    log.info('audit checkpoint', { audit_checkpoint: stored });
  }

  /** One write at a time: two would slice the same entries off the buffer. */
  function start(): Promise<void> {
    if (flushing) return flushing;
    clearTimeout(timer);
    timer = undefined;
    flushing = write()
      .catch((error: unknown) => {
        failures += 1;
        log.error('audit flush failed; retrying', {
          error: (error as Error).message,
          buffered: count(),
          writer: id,
        });
        throw error;
      })
      .finally(() => {
        flushing = undefined;
        if (count() > 0) schedule(failures > 0 ? Math.min(FLUSH_MS * 2 ** failures, MAX_RETRY_MS) : FLUSH_MS);
      });
    flushing.catch(() => undefined); // the timer's flush has no caller to reject to: logged above
    return flushing;
  }

  function schedule(delay: number): void {
    if (flushing) return; // its end schedules whatever was recorded meanwhile
    if (delay === 0) void start();
    else timer ??= setTimeout(() => void start(), delay).unref();
  }

  return {
    id,
    record(input) {
      if (count() >= 2 * max) {
        if (dropped++ % 100_000 === 0)
          log.error('audit buffer full: entries dropped', { dropped, buffered: count(), writer: id });
        return;
      }
      unchained.push({ input, at: Date.now() });
      // While the database fails, a full buffer waits for the backoff timer instead of retrying at once.
      schedule(count() >= FLUSH_AT && failures === 0 ? 0 : FLUSH_MS);
    },
    async flush() {
      await flushing?.catch(() => undefined); // whatever it left, this call tries itself
      while (count() > 0) await start();
    },
    buffered: count,
    stored: () => stored,
  };
}

const hubWriter = createAuditWriter();

/** Records an audit entry; never throws and never waits (it is written within ~100 ms). */
export function recordAudit(entry: AuditInput): void {
  hubWriter.record(entry);
}

/** The audit backlog is at its limit (the database is away): the hub is not ready and sheds requests. */
export const auditBacklogged = (): boolean => hubWriter.buffered() >= config.auditBufferMax;

/** What this process's writer stored last: verification checks the chain still holds it. */
export const hubWriterStored = () => hubWriter.stored();

/** Writes every entry recorded so far (shutdown, tests). */
export function flushAudit(): Promise<void> {
  return hubWriter.flush();
}

/** SHA-256 of a signature (hex), as the audit log keeps it; undefined when there was none. One-shot: no Hash object. */
export const digest = (jws: string | undefined): string | undefined => (jws ? hash('sha256', jws, 'hex') : undefined);
