// The outbox worker: claims (claim.ts) for receivers with room, sends, and records the outcomes (acks.ts) in bulk.
// Receivers
// with less than half their slots free or OFFLINE are left out of the claim, so a slow one never holds others up.
import { performance } from 'node:perf_hooks';
import { config } from '../config';
import { log } from '../log';
import { countDelivery } from '../observe/traffic';
import { directory, type Directory } from '../parties/directory';
import { claim } from './claim';
import { deliver, Shared, type DeliveryOutcome } from './deliver';
import type { OutboxRow } from './model';
import { flush, recordOutcome, scheduleFlush } from './acks';
import { finished, inflightTotal, roomOf, started, wantsClaim } from './pace';
import { dropWhileOffline, isOffline } from './offline';
import { receiversWithRows } from './pending';

const BATCH = 200;
const IDLE_MS = 200;
const shared = new Shared();

/** Receivers to claim for: with pending rows (pending.ts), online, and with at least half their slots free (pace.ts). */
async function claimable(dir: Directory) {
  const withRows = await receiversWithRows();
  return dir.platforms
    .filter((p) => withRows.has(String(p._id)) && !isOffline(p) && wantsClaim(String(p._id)))
    .map((p) => p._id);
}

/** `reserved`: the receiver's slot was taken already (handover.ts). */
async function deliverOne(row: OutboxRow, dir: Directory, shared: Shared, reserved = false): Promise<void> {
  const pid = String(row.platform_id);
  const began = performance.now();
  if (!reserved) started(pid);
  let outcome: DeliveryOutcome = { verdict: 'retry', error: 'not sent' };
  try {
    outcome = await deliver(row, dir, shared);
    countDelivery(pid, performance.now() - began, outcome.verdict !== 'delivered');
    recordOutcome(row, outcome, dir);
  } finally {
    const wantsMore = finished(pid, outcome.verdict, performance.now() - began);
    scheduleFlush();
    if (wantsMore) wake();
  }
}

/** One cycle, waiting for its deliveries (tests, drain). `now` lets tests move time on. */
export async function deliverDue(now = new Date()): Promise<number> {
  const dir = await directory();
  await dropWhileOffline(dir);
  const rows = await claim(now, BATCH, await claimable(dir), roomOf);
  await Promise.all(rows.map((row) => deliverOne(row, dir, shared)));
  await flush();
  return rows.length;
}

export async function drain(now?: Date): Promise<void> {
  while ((await deliverDue(now)) > 0);
}

/** Rows this replica claimed as it inserted them (handover.ts), their receivers' slots taken. */
export function handOff(rows: OutboxRow[], dir: Directory, texts: Map<string, string>): void {
  for (const row of rows) {
    const text = row.body == null ? undefined : texts.get(row.body);
    if (text !== undefined) shared.know(row.body as string, text);
    void deliverOne(row, dir, shared, true);
  }
}

let running = false;
let loop: Promise<void> | undefined;
export const isRunning = () => running;
let wakeUp: (() => void) | undefined;

/** Interrupts the worker's pause: something was enqueued, or a receiver has room again. */
export function wake(): void {
  wakeUp?.();
}

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    wakeUp = () => {
      clearTimeout(t);
      resolve();
    };
  });

async function pump(): Promise<void> {
  while (running) {
    let claimed = 0;
    try {
      const dir = await directory();
      await dropWhileOffline(dir);
      const free = config.outboxConcurrency - inflightTotal();
      const rows = free > 0 ? await claim(new Date(), Math.min(free, BATCH), await claimable(dir), roomOf) : [];
      claimed = rows.length;
      for (const row of rows) void deliverOne(row, dir, shared);
    } catch (error) {
      log.error('outbox cycle failed', { error: (error as Error).message });
    }
    if (claimed === 0) await pause(IDLE_MS);
  }
}

export function startWorker(): void {
  running = true;
  loop = pump();
}

/** Stops claiming, lets deliveries in flight finish (bounded by the HTTP timeout) and records them. */
export async function stopWorker(): Promise<void> {
  running = false;
  wake();
  await loop;
  while (inflightTotal() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  await flush();
}
