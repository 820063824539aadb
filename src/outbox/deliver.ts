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
import { classify, type Verdict } from './policy';
import { forReceiver } from '../bridge/outbound';
import { Unconvertible } from '../convert';

export interface Outcome {
  verdict: Verdict;
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

/** Opens a sealed value; a claim batch passes one that opens each distinct value once (a broadcast's rows share their body). */
export type Opener = (sealed: string) => string;

export async function deliver(row: OutboxRow, dir: Directory, open: Opener = unseal): Promise<Outcome> {
  const platform = dir.platforms.find((p) => p._id.equals(row.platform_id));
  if (!platform?.registered) return { verdict: 'retry', error: 'receiver is not registered' };
  if (platform.suspended) return { verdict: 'retry', error: 'receiver is suspended' };
  const requestId = randomUUID();
  let out;
  try {
    out = await inReceiverVersion(row, platform, open);
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
    const verdict = classify(res.status, code);
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
  open: Opener,
): Promise<{ url: string; rawBody?: string; skip?: boolean }> {
  const url = unseal(row.url);
  const text = row.body == null ? undefined : open(row.body);
  const body: unknown = text === undefined ? undefined : JSON.parse(text);
  const out = await forReceiver({
    platform,
    module: row.module,
    method: row.method,
    url,
    body,
    what: `forward ${row.object_key}`,
    correlationId: row.headers['X-Correlation-ID'],
    count: row.attempts === 0,
  });
  if (body !== undefined && body !== null && out.body === null) return { url: out.url, skip: true };
  // canonical (RFC 8785) as written, so the signature covers this text without walking the body again
  return { url: out.url, rawBody: out.body === undefined ? undefined : canonicalize(out.body) };
}
