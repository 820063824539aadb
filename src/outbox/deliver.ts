// One delivery attempt: the receiver's token and a fresh X-Request-ID; success is HTTP 2xx with OCPI 1xxx.
import { randomUUID } from 'node:crypto';
import { unseal } from '../crypto/seal';
import { protectionFor, send } from '../forward/client';
import type { PartyRef } from '../ocpi/routing';
import { isEnvelope } from '../ocpi/envelope';
import type { Directory } from '../parties/directory';
import { tokenB } from '../parties/store';
import type { OutboxRow } from './model';

export interface Outcome {
  ok: boolean;
  status?: number;
  error?: string;
}

/** The role a row is addressed to (its OCPI-to-*); ClientInfo rows carry none and go to the platform's first role. */
function receiverOf(row: OutboxRow): PartyRef | undefined {
  const cc = row.headers['OCPI-to-country-code'];
  const pid = row.headers['OCPI-to-party-id'];
  return cc && pid ? { country_code: cc, party_id: pid } : undefined;
}

export async function deliver(row: OutboxRow, dir: Directory): Promise<Outcome> {
  const platform = dir.platforms.find((p) => p._id.equals(row.platform_id));
  if (!platform?.registered) return { ok: false, error: 'receiver is not registered; kept until it is' };
  if (platform.suspended) return { ok: false, error: 'receiver is suspended; kept until it is unsuspended' };
  try {
    const res = await send({
      method: row.method,
      url: unseal(row.url),
      token: tokenB(platform),
      tokenEncoding: platform.token_encoding,
      headers: { ...row.headers, 'X-Request-ID': randomUUID() },
      rawBody: row.body == null ? undefined : unseal(row.body), // a DELETE has none (stored as null)
      protect: protectionFor(platform, receiverOf(row)),
    });
    const code = isEnvelope(res.body) ? res.body.status_code : undefined;
    if (res.status >= 200 && res.status < 300 && code !== undefined && code >= 1000 && code < 2000) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}, status_code ${code ?? 'none (not an OCPI answer)'}` };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
