// A platform that registered a signing key must sign every request (OCPI-Signature, the hub's JWS form with
// aud = the hub); verified here, in the authenticate step, and kept in the audit log to settle disputes.
import type { Request } from 'express';
import { HUB, partyKey } from '../ocpi/routing';
import { requestPayload, verifyDetached, type HeaderBag, type SigningJwk } from '../crypto/jws';
import { recordAudit } from '../audit/log';
import { cryptoOps } from '../observe/metrics';
import type { Platform } from './model';

/** The body as the party sent it: JSON, or null when there was none (an empty body is parsed as {}). */
const sentBody = (req: Request): unknown =>
  req.headers['content-length'] === '0' || req.body === undefined ? null : req.body;

/** Undefined when the request may go on; otherwise why it is refused (403/2000). */
export function verifySignature(req: Request, platform: Platform): string | undefined {
  const key = platform.keys?.signing;
  if (!key) return undefined;
  const jws = req.headers['ocpi-signature'];
  if (typeof jws !== 'string')
    return 'this platform registered a signing key: every request must carry an OCPI-Signature header';
  const payload = requestPayload(req.method, req.originalUrl, req.headers as HeaderBag, sentBody(req));
  const verdict = verifyDetached(jws, payload, key as SigningJwk, { aud: partyKey(HUB) });
  cryptoOps.inc({ operation: 'verify' });
  if (!verdict.ok) return `OCPI-Signature refused: ${verdict.reason}`;
  recordAudit({
    action: 'signed-request',
    platform_id: String(platform._id),
    request_id: String(req.headers['x-request-id'] ?? ''),
    correlation_id: String(req.headers['x-correlation-id'] ?? ''),
    signature: jws,
    outcome: 'verified',
  });
  return undefined;
}
