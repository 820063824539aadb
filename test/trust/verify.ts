// How a partner verifies OCPI-Hub-Signature with a standard JOSE library (jose) and the hub's JWKS alone: the
// demo's partner-side verifier (demo/verify.ts: payload rebuilt, canonicalized by its own RFC 8785 code, written
// independently of the hub's), here with the JWKS the test fetched.
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { verifyDetached } from '../../demo/verify';

export { jcs, requestPayload, responsePayload } from '../../demo/verify';

export const verifyHubSignature = (jws: string, payload: unknown, jwks: JSONWebKeySet) =>
  verifyDetached(jws, payload, createLocalJWKSet(jwks));
