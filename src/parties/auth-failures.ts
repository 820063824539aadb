// A per-address limit on failed authentication (HUB_AUTH_FAILURES_PER_MINUTE, 0 = off): an address that sent
// that many unknown or malformed tokens this minute is refused (429) before its tokens cost a database lookup.
// Counted per replica in memory, in a map that cannot outgrow MAX_ADDRESSES.
import { config } from '../config';
import { rateLimited } from '../ocpi/errors';

const MAX_ADDRESSES = 100_000;
const failures = new Map<string, { window: number; n: number }>();

const windowOf = (ms: number) => Math.floor(ms / 60_000);
const retryAfter = (now: number) => Math.max(1, Math.ceil(((windowOf(now) + 1) * 60_000 - now) / 1000));

/** Refuses (429 with Retry-After) an address over its limit of failed authentications this minute. */
export function assertNotFlooding(address: string | undefined): void {
  const limit = config.authFailuresPerMinute;
  if (limit === 0 || address === undefined) return;
  const now = Date.now();
  const seen = failures.get(address);
  if (seen && seen.window === windowOf(now) && seen.n >= limit) throw rateLimited(retryAfter(now));
}

/** Counts a failed authentication from this address. */
export function countFailure(address: string | undefined): void {
  if (config.authFailuresPerMinute === 0 || address === undefined) return;
  const window = windowOf(Date.now());
  if (failures.size >= MAX_ADDRESSES) {
    for (const [key, value] of failures) if (value.window !== window) failures.delete(key);
    // a flood from that many addresses: start over rather than grow
    if (failures.size >= MAX_ADDRESSES) failures.clear();
  }
  const seen = failures.get(address);
  failures.set(address, seen?.window === window ? { window, n: seen.n + 1 } : { window, n: 1 });
}
