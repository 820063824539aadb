// How a partner checks OCPI-Hub-Signature with a standard JOSE library (jose) and the hub's JWKS alone: rebuild
// the signed payload, canonicalize it (RFC 8785 JCS, written here independently of the hub), re-attach, verify.
import { compactVerify, createRemoteJWKSet } from 'jose';

const REQUEST = [
  'ocpi-from-country-code',
  'ocpi-from-party-id',
  'ocpi-to-country-code',
  'ocpi-to-party-id',
  'x-request-id',
  'x-correlation-id',
];
const RESPONSE = [...REQUEST, 'link', 'location', 'x-total-count', 'x-limit'];
/** A signature older than this is refused, as the hub refuses its partners' (replay window). */
const MAX_AGE_SECONDS = 300;

export type SignatureCheck = { ok: true; kid: string } | { ok: false; reason: string };
export type HeaderBag = Record<string, unknown> | Headers;

/** JCS for JSON as parsed (objects, arrays, strings, finite numbers, booleans, null). */
export function jcs(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${jcs(x)}`).join(',')}}`;
}

function pick(h: HeaderBag, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = h instanceof Headers ? h.get(name) : h[name];
    if (value !== null && value !== undefined) picked[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return picked;
}

/** What the hub signs on a request it sends: method, path with query as on the request line, routing headers, body. */
export const requestPayload = (method: string, path: string, headers: HeaderBag, body: unknown) => ({
  method,
  path,
  headers: pick(headers, REQUEST),
  body: body ?? null,
});
/** What the hub signs on an answer: HTTP status, routing and paging headers, body. */
export const responsePayload = (status: number, headers: HeaderBag, body: unknown) => ({
  status,
  headers: pick(headers, RESPONSE),
  body: body ?? null,
});

/** Re-attaches the canonical payload to a `header..signature` JWS and verifies it with jose against `keys`. */
export function verifyDetached(jws: string, payload: unknown, keys: Parameters<typeof compactVerify>[1]) {
  const [header, , signature] = jws.split('.');
  return compactVerify(`${header}.${Buffer.from(jcs(payload)).toString('base64url')}.${signature}`, keys);
}

export interface Tally {
  /** Calls the hub made to this party, and answers the hub gave to its calls. */
  records: number;
  answers: number;
  verified: number;
  failed: string[];
}

/** One party's checks of the hub's signatures, each kept (with what it was about) for the final tally. */
export class SignatureChecker {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly checks: { kind: 'record' | 'answer'; label: string; verdict: Promise<SignatureCheck> }[] = [];

  /** `me` is the receiver as country_code*party_id: a signature for someone else is refused. */
  constructor(
    hubUrl: string,
    private readonly me: string,
  ) {
    this.jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', hubUrl), { timeoutDuration: 5000 });
  }

  /** Checks a call from the hub (method, path and query as on the request line) and keeps the verdict. */
  checkRequest(method: string, path: string, headers: HeaderBag, body: unknown): Promise<SignatureCheck> {
    const given = headers instanceof Headers ? headers.get('ocpi-hub-signature') : headers['ocpi-hub-signature'];
    const jws: unknown = Array.isArray(given) ? given[0] : given;
    return this.keep(
      'record',
      `${method} ${path}`,
      this.verify(typeof jws === 'string' ? jws : undefined, requestPayload(method, path, headers, body)),
    );
  }

  /** Checks the hub's answer to a call this party made, and keeps the verdict. */
  checkAnswer(what: string, status: number, headers: Headers, body: unknown): Promise<SignatureCheck> {
    return this.keep(
      'answer',
      `answer to ${what}`,
      this.verify(headers.get('ocpi-hub-signature'), responsePayload(status, headers, body)),
    );
  }

  async tally(): Promise<Tally> {
    const verdicts = await Promise.all(this.checks.map((c) => c.verdict));
    return {
      records: this.checks.filter((c) => c.kind === 'record').length,
      answers: this.checks.filter((c) => c.kind === 'answer').length,
      verified: verdicts.filter((v) => v.ok).length,
      failed: verdicts.flatMap((v, i) => (v.ok ? [] : [`${this.checks[i]?.label}: ${v.reason}`])),
    };
  }

  private keep(kind: 'record' | 'answer', label: string, verdict: Promise<SignatureCheck>): Promise<SignatureCheck> {
    this.checks.push({ kind, label, verdict });
    return verdict;
  }

  private async verify(jws: string | null | undefined, payload: unknown): Promise<SignatureCheck> {
    if (!jws) return { ok: false, reason: 'no OCPI-Hub-Signature header' };
    const [header, detached, signature] = jws.split('.');
    if (!header || detached !== '' || !signature) return { ok: false, reason: 'not a detached compact JWS' };
    try {
      const { protectedHeader } = await verifyDetached(jws, payload, this.jwks);
      if (protectedHeader.aud !== this.me)
        return { ok: false, reason: `signed for ${String(protectedHeader.aud)}, not ${this.me}` };
      const age = Date.now() / 1000 - Number(protectedHeader.iat);
      if (!(age < MAX_AGE_SECONDS && age > -60))
        return { ok: false, reason: `iat ${String(protectedHeader.iat)} is not fresh` };
      return { ok: true, kid: String(protectedHeader.kid) };
    } catch (error) {
      return { ok: false, reason: (error as Error).message };
    }
  }
}
