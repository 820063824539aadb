// Acknowledgements: each delivery attempt's outcome goes to the audit log and the metrics at once, and to the
// outbox in bulk (delivered rows of one claim share one update), at most FLUSH_MS later or every BATCH outcomes.
import type { AnyBulkWriteOperation } from 'mongoose';
import { digest, recordAudit } from '../audit/log';
import { UNJOURNALED } from '../db/connect';
import { log } from '../log';
import { deliveries } from '../observe/metrics';
import type { Directory } from '../parties/directory';
import type { DeliveryOutcome } from './deliver';
import { OutboxModel, type OutboxRow } from './model';
import { policyFor } from './policy';
import { groupBy } from './queues';

const BATCH = 200;
const FLUSH_MS = 50;
const MAX_BACKOFF_MS = 10 * 60_000;

let acks: Ack[] = [];

export const backoffMs = (attempts: number) =>
  Math.min(1000 * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS) * (0.75 + Math.random() * 0.5);

type Counter = ReturnType<typeof deliveries.labels>;
const counters = new Map<string, Counter>();
/** The labelled counter, made once per receiver and verdict (no label object per delivery). */
function counterOf(platform: string, verdict: string): Counter {
  const key = `${platform} ${verdict}`;
  let counter = counters.get(key);
  if (!counter) counters.set(key, (counter = deliveries.labels(platform, verdict)));
  return counter;
}

/** A delivered row (written with the others of its claim and status in one update) or the update of a failed one. */
type Delivered = Pick<OutboxRow, '_id' | 'claimed_by'>;
type DeliveredAck = { delivered: Delivered; status?: number };
type Ack = DeliveredAck | AnyBulkWriteOperation<OutboxRow>;

function ackOf(row: OutboxRow, outcome: DeliveryOutcome, dir: Directory): Ack {
  const now = new Date();
  const policy = policyFor(dir.platform(row.platform_id), row.module);
  const attempts = row.attempts + 1;
  counterOf(String(row.platform_id), outcome.verdict).inc();
  const to = row.headers['OCPI-to-country-code']
    ? `${row.headers['OCPI-to-country-code']}*${row.headers['OCPI-to-party-id']}`
    : undefined;
  recordAudit({
    action: 'forward',
    from: row.headers['OCPI-from-country-code']
      ? `${row.headers['OCPI-from-country-code']}*${row.headers['OCPI-from-party-id']}`
      : undefined,
    to,
    platform_id: String(row.platform_id),
    module: row.module,
    object_id: row.object_key,
    request_id: outcome.requestId,
    correlation_id: row.headers['X-Correlation-ID'],
    signature_digest: digest(outcome.signature),
    outcome: `${outcome.verdict} ${outcome.status ?? ''} ${outcome.error ?? ''}`.trim(),
  });
  // only what the update needs: the row (its payload with it) is not kept until the flush
  if (outcome.verdict === 'delivered')
    return { delivered: { _id: row._id, claimed_by: row.claimed_by }, status: outcome.status };
  const set: Record<string, unknown> = { attempts };
  if (outcome.status !== undefined) set.last_status = outcome.status;
  if (outcome.error !== undefined) set.last_error = outcome.error;
  const tooOld = now.getTime() - new Date(row.created_at).getTime() > policy.max_age_hours * 3600_000;
  if (outcome.verdict === 'final' || attempts >= policy.max_attempts || tooOld) set.state = 'dead';
  else set.next_at = new Date(now.getTime() + backoffMs(attempts));
  return {
    updateOne: {
      filter: { _id: row._id, claimed_by: row.claimed_by },
      update: { $set: set, $unset: { claimed_by: 1 } },
    },
  };
}

/** Records one attempt's outcome: audit entry and metric now, the row's update with the next flush. */
export function recordOutcome(row: OutboxRow, outcome: DeliveryOutcome, dir: Directory): void {
  acks.push(ackOf(row, outcome, dir));
}

/**
 * Delivered rows of one claim and status share one update (the claim's own rows, so a row another replica has
 * claimed since is left alone). A delivered row keeps no stale error and no payload: it is never sent again.
 */
function writesOf(batch: Ack[]): AnyBulkWriteOperation<OutboxRow>[] {
  const writes = batch.filter((ack): ack is AnyBulkWriteOperation<OutboxRow> => !('delivered' in ack));
  const delivered = batch.filter((ack): ack is DeliveredAck => 'delivered' in ack);
  const now = new Date();
  for (const [key, group] of groupBy(delivered, (ack) => `${ack.delivered.claimed_by} ${ack.status}`)) {
    const rows = group.map((ack) => ack.delivered);
    const status = Number(key.split(' ')[1]);
    const filter = { _id: { $in: rows.map((r) => r._id) }, claimed_by: rows[0]?.claimed_by };
    const update = {
      $set: { state: 'delivered' as const, delivered_at: now, last_status: status },
      $inc: { attempts: 1 },
      $unset: { claimed_by: 1, last_error: 1, body: 1, url: 1 },
    };
    writes.push({ updateMany: { filter, update } });
  }
  return writes;
}

let flushTimer: NodeJS.Timeout | undefined;
/**
 * Outcomes are written in bulk; a failed write only means the rows are sent again after their lease (at least once).
 */
export async function flush(): Promise<void> {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = undefined;
  const batch = acks;
  acks = [];
  if (batch.length > 0)
    await OutboxModel.collection
      .bulkWrite(writesOf(batch) as never, { ordered: false, ...UNJOURNALED })
      .catch((error: unknown) => log.error('outbox acknowledgement failed', { error: (error as Error).message }));
}
export function scheduleFlush(): void {
  if (acks.length >= BATCH) void flush();
  else flushTimer ??= setTimeout(() => void flush(), FLUSH_MS);
}
