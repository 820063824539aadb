// Receivers with pending rows. A claim asks only for them, not for every online platform: with 1,000 platforms and
// 100 receivers, the claim's merge of per-receiver index scans read at least one key per platform, ~1,000 a claim.
// Read with a distinct over the claim's own index {state, platform_id, next_at} (a key per receiver with rows, not
// per row), kept a second and refreshed in the background (db/cached.ts); this process's enqueues count at once.
import type { Types } from 'mongoose';
import { cachedLoad } from '../db/cached';
import { OutboxModel } from './model';

const READ_MS = 1000;
/**
 * A reading served now began at most READ_MS ago, so a receiver noted longer ago than that is in it (or has no
 * pending row left): notes are kept twice as long.
 */
const NOTED_MS = 2 * READ_MS;

const read = cachedLoad(
  READ_MS,
  async () => new Set((await OutboxModel.distinct('platform_id', { state: 'pending' })).map(String)),
);
/** Receivers this process enqueued to, and when: the reading in hand may have begun before their rows existed. */
const noted = new Map<string, number>();

export function noteEnqueued(platformIds: Iterable<Types.ObjectId | string>): void {
  const now = Date.now();
  for (const id of platformIds) noted.set(String(id), now);
}

/** Ids of the receivers that have pending rows (due now or later). */
export async function receiversWithRows(): Promise<Set<string>> {
  const withRows = await read.get();
  if (noted.size === 0) return withRows;
  const now = Date.now();
  const all = new Set(withRows);
  for (const [id, at] of noted) {
    if (now - at > NOTED_MS) noted.delete(id);
    else all.add(id);
  }
  return all;
}
