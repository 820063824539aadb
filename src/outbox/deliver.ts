// One delivery attempt: the receiver's token and a fresh X-Request-ID; success is HTTP 2xx with OCPI 1xxx.
import { randomUUID } from 'node:crypto';
import { canonicalize } from '../crypto/jcs';
import { unseal } from '../crypto/seal';
import { protectionFor, send } from '../forward/client';
import type { PartyRef } from '../ocpi/routing';
import { isEnvelope } from '../ocpi/envelope';
import type { Directory } from '../parties/directory';
import { tokenB } from '../parties/store';
import type { OutboxRow } from './model';
import { classifyAnswer, type DeliveryVerdict } from './policy';
import { convertFor, receiverForm } from '../bridge/outbound';
import { countLoss } from '../bridge/losses';
import { Unconvertible } from '../convert';

export interface DeliveryOutcome {
  verdict: DeliveryVerdict;
  status?: number;
  error?: string;
  requestId?: string;
  signature?: string;
}

/** The role a row is addressed to (its OCPI-to-*); ClientInfo rows carry none and go to the platform's first role. */
function receiverOf(row: OutboxRow): PartyRef | undefined {
  const cc = row.headers['OCPI-to-country-code'];
  const pid = row.headers['OCPI-to-party-id'];
  return cc && pid ? { country_code: cc, party_id: pid } : undefined;
}

/**
 * What deliveries share: a broadcast's rows carry one sealed body, opened once; every receiver of one OCPI version
 * gets the same text, converted and canonicalized once (RFC 8785, so each receiver's signature covers it without
 * walking the body again). Only the losses are counted per receiver. Kept across claims, the newest `max` of each:
 * a record's rows are often claimed in different batches (each receiver's room frees at its own pace).
 */
export class Shared {
  private readonly opened = new Map<string, string>();
  private readonly written = new Map<string, Promise<Written>>();

  constructor(private readonly max = 256) {}

  open(sealed: string): string {
    let text = this.opened.get(sealed);
    if (text === undefined) this.keep(this.opened, sealed, (text = unseal(sealed)));
    return text;
  }

  /** A body this process sealed itself (handover.ts): its text is at hand, no need to open it again. */
  know(sealed: string, text: string): void {
    this.keep(this.opened, sealed, text);
  }

  once(key: string, write: () => Promise<Written>): Promise<Written> {
    let written = this.written.get(key);
    if (!written) this.keep(this.written, key, (written = write()));
    return written;
  }

  private keep<T>(map: Map<string, T>, key: string, value: T): void {
    if (map.size >= this.max) map.delete(map.keys().next().value as string); // the oldest
    map.set(key, value);
  }
}

interface Written {
  rawBody?: string;
  dropped: string[];
  /** The receiver's version cannot express the object at all. */
  skip: boolean;
}

export async function deliver(row: OutboxRow, dir: Directory, shared = new Shared()): Promise<DeliveryOutcome> {
  const platform = dir.platform(row.platform_id);
  if (!platform?.registered) return { verdict: 'retry', error: 'receiver is not registered' };
  if (platform.suspended) return { verdict: 'retry', error: 'receiver is suspended' };
  const requestId = randomUUID();
  let out;
  try {
    out = await inReceiverVersion(row, platform, shared);
  } catch (error) {
    if (!(error instanceof Unconvertible)) throw error;
    return { verdict: 'final', error: `cannot be written in OCPI ${platform.version ?? ''}: ${error.message}` };
  }
  // an object the receiver's version cannot express at all (an EVSE of MCS connectors only): left out, counted
  if (out.skip)
    return { verdict: 'delivered', requestId, error: `not sent: OCPI ${platform.version ?? ''} cannot express it` };
  try {
    const res = await send({
      method: row.method,
      url: out.url,
      token: tokenB(platform),
      tokenEncoding: platform.token_encoding,
      headers: { ...row.headers, 'X-Request-ID': requestId },
      rawBody: out.rawBody, // a DELETE has none (stored as null)
      canonical: true,
      protect: protectionFor(platform, receiverOf(row)),
    });
    const code = isEnvelope(res.body) ? res.body.status_code : undefined;
    const verdict = classifyAnswer(res.status, code);
    return {
      verdict,
      status: res.status,
      requestId,
      signature: res.signature,
      error:
        verdict === 'delivered' ? undefined : `HTTP ${res.status}, status_code ${code ?? 'none (not an OCPI answer)'}`,
    };
  } catch (error) {
    return { verdict: 'retry', requestId, error: (error as Error).message };
  }
}

/** The stored (internal) call as the receiver's OCPI version has it; losses are counted at the first attempt only. */
async function inReceiverVersion(
  row: OutboxRow,
  platform: Directory['platforms'][number],
  shared: Shared,
): Promise<{ url: string; rawBody?: string; skip?: boolean }> {
  const stored = row.url.startsWith('http') ? row.url : unseal(row.url); // sealed: a tokens URL
  const { version, url, kind } = receiverForm(platform, row.module, stored);
  const sealed = row.body;
  if (sealed == null) return { url }; // a DELETE has none (stored as null)
  const written = await shared.once(`${version} ${row.module} ${kind} ${row.method} ${sealed}`, async () => {
    const body: unknown = JSON.parse(shared.open(sealed));
    const out = await convertFor(version, row.module, kind, row.method, body);
    const skip = body !== null && out.value === null;
    return { dropped: out.dropped, skip, rawBody: skip ? undefined : canonicalize(out.value) };
  });
  if (row.attempts === 0)
    await countLoss({
      platform: platform._id,
      module: row.module,
      dropped: written.dropped,
      what: `forward ${row.object_key}`,
      correlationId: row.headers['X-Correlation-ID'],
    });
  return { url, rawBody: written.rawBody, skip: written.skip };
}
