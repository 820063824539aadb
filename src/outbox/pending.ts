// Receivers with pending rows. A claim asks only for them, not for every online platform: with 1,000 platforms and
// 100 receivers, the claim's merge of per-receiver index scans read at least one key per platform, ~1,000 a claim.
// Read with a distinct over the claim's own index {state, platform_id, next_at} (a key per receiver with rows, not
// per row) at most once a second; this process's enqueues add their receivers at once, so its rows never wait.
import type { Types } from 'mongoose';
import { OutboxModel } from './model';

const EVERY_MS = 1000;

let known = new Set<string>();
let readAt = 0;
let reading: Promise<void> | undefined;
/** Receivers enqueued to while a reading runs: the reading may have begun before their rows were written. */
let addedMeanwhile: Set<string> | undefined;

export function noteEnqueued(platformIds: Iterable<Types.ObjectId | string>): void {
  for (const id of platformIds) {
    known.add(String(id));
    addedMeanwhile?.add(String(id));
  }
}

async function read(): Promise<void> {
  addedMeanwhile = new Set();
  try {
    const ids = await OutboxModel.distinct('platform_id', { state: 'pending' });
    const fresh = new Set(ids.map(String));
    for (const id of addedMeanwhile) fresh.add(id);
    known = fresh;
    readAt = Date.now();
  } finally {
    addedMeanwhile = undefined;
    reading = undefined;
  }
}

/** Ids of the receivers that have pending rows (due now or later), as of at most a second ago. */
export async function receiversWithRows(): Promise<Set<string>> {
  if (Date.now() - readAt > EVERY_MS) await (reading ??= read());
  return known;
}
