// How a partner verifies OCPI-Hub-Signature with a standard JOSE library (jose) and the hub's JWKS alone:
// rebuild the payload, canonicalize it (RFC 8785, written here independently of the hub's code), re-attach it.
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';

const REQUEST = [
  'ocpi-from-country-code',
  'ocpi-from-party-id',
  'ocpi-to-country-code',
  'ocpi-to-party-id',
  'x-request-id',
  'x-correlation-id',
];
const RESPONSE = [...REQUEST, 'link', 'location', 'x-total-count', 'x-limit'];

/** JCS for the JSON the hub sends (objects, arrays, strings, finite numbers, booleans, null). */
export function jcs(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, x]) => `${JSON.stringify(k)}:${jcs(x)}`)
    .join(',')}}`;
}

type Headers = Record<string, unknown> | globalThis.Headers;
const pick = (h: Headers, names: string[]) => {
  const get = (n: string) => (h instanceof globalThis.Headers ? h.get(n) : (h[n] as string | undefined));
  return Object.fromEntries(
    names.filter((n) => get(n) !== null && get(n) !== undefined).map((n) => [n, String(get(n))]),
  );
};

export const requestPayload = (method: string, path: string, headers: Headers, body: unknown) => ({
  method,
  path,
  headers: pick(headers, REQUEST),
  body: body ?? null,
});
export const responsePayload = (status: number, headers: Headers, body: unknown) => ({
  status,
  headers: pick(headers, RESPONSE),
  body,
});

export async function verifyHubSignature(jws: string, payload: unknown, jwks: JSONWebKeySet) {
  const [header, , signature] = jws.split('.');
  const attached = `${header}.${Buffer.from(jcs(payload)).toString('base64url')}.${signature}`;
  return compactVerify(attached, createLocalJWKSet(jwks));
}
