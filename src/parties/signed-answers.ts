// Answers to parties: signed (OCPI-Hub-Signature over status, headers and body) for the calling party, and
// JWE-encrypted when it registered an encryption key. A 401 is not signed: the caller is unknown.
import type { Request, RequestHandler } from 'express';
import { encryptFor, type EncryptionJwk } from '../crypto/jwe';
import { responsePayload, signDetached, type HeaderBag } from '../crypto/jws';
import { log } from '../log';
import { cryptoOps } from '../observe/metrics';
import { partyKey, readRoutingHeaders, sameParty } from '../ocpi/routing';
import type { PartyCaller } from './auth';

/** The party an answer is for: the OCPI-from-* role it named, else its platform's first role. */
function audience(req: Request, caller: PartyCaller): string {
  let from;
  try {
    from = readRoutingHeaders(req.headers).from;
  } catch {
    from = undefined; // malformed headers are refused elsewhere; the answer is still signed
  }
  const role = caller.platform.roles.find((r) => from && sameParty(r, from)) ?? caller.platform.roles[0];
  return role ? partyKey(role) : '';
}

export const protectAnswers: RequestHandler = (req, res, next) => {
  const json = res.json.bind(res);
  res.json = (body: unknown) => {
    const caller = req.user as PartyCaller | undefined;
    if (caller?.kind !== 'party' || res.statusCode === 401) return json(body);
    const payload = responsePayload(res.statusCode, res.getHeaders() as HeaderBag, body);
    res.setHeader('OCPI-Hub-Signature', signDetached(payload, audience(req, caller)));
    cryptoOps.inc({ operation: 'sign' });
    const key = caller.platform.keys?.encryption;
    if (!key) return json(body);
    res.locals.ocpiStatus = (body as { status_code?: number } | null)?.status_code;
    encryptFor(JSON.stringify(body), key as EncryptionJwk).then(
      (jwe) => {
        cryptoOps.inc({ operation: 'encrypt' });
        res.type('application/jose').send(jwe);
      },
      (error: unknown) => {
        // never the plaintext instead: the partner asked for its answers encrypted
        log.error("an answer could not be encrypted to the partner's key", { error: (error as Error).message });
        res.status(500).end();
      },
    );
    return res;
  };
  next();
};
