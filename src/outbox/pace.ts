// How many deliveries each receiver gets at once: it starts at HUB_RECEIVER_CONCURRENCY, grows by one with each
// quick answer up to HUB_RECEIVER_CONCURRENCY_MAX, halves on a failed attempt and falls back to the start on a slow
// answer, so a fast receiver fills its keep-alive connections and a struggling one is not pushed harder.
import { config } from '../config';
import type { DeliveryVerdict } from './policy';

/** An answer slower than this says the receiver is at its own limit. */
const SLOW_MS = 1000;

interface Pace {
  inflight: number;
  limit: number;
}

const paces = new Map<string, Pace>();
let total = 0;

function paceOf(platformId: string): Pace {
  let pace = paces.get(platformId);
  if (!pace) paces.set(platformId, (pace = { inflight: 0, limit: config.receiverConcurrency }));
  return pace;
}

/** Deliveries in flight in this process, all receivers together. */
export const inflightTotal = () => total;

/** Free slots of a receiver. */
export function roomOf(platformId: string): number {
  const pace = paceOf(platformId);
  return Math.max(0, pace.limit - pace.inflight);
}

/** A receiver is claimed for once half its slots are free, not after every answer: claims come in useful sizes. */
export function wantsClaim(platformId: string): boolean {
  const pace = paceOf(platformId);
  return pace.inflight === 0 || pace.limit - pace.inflight >= Math.ceil(pace.limit / 2);
}

export function started(platformId: string): void {
  paceOf(platformId).inflight++;
  total++;
}

/** A slot taken ahead (handover.ts) and given back unused: nothing was sent, so the limit stays as it is. */
export function unstarted(platformId: string): void {
  paceOf(platformId).inflight--;
  total--;
}

/** Records an attempt's end and adapts the receiver's limit; true when the receiver now wants a claim. */
export function finished(platformId: string, verdict: DeliveryVerdict, ms: number): boolean {
  const pace = paceOf(platformId);
  const wanted = wantsClaim(platformId);
  pace.inflight--;
  total--;
  if (verdict === 'retry') pace.limit = Math.max(1, Math.floor(pace.limit / 2));
  else if (ms > SLOW_MS) pace.limit = Math.min(pace.limit, config.receiverConcurrency);
  else pace.limit = Math.min(config.receiverConcurrencyMax, pace.limit + 1);
  return !wanted && wantsClaim(platformId);
}
