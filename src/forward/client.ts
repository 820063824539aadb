// The one outbound HTTP client of the hub (the only axios import): every call to a party goes through send().
import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosError, type AxiosResponse } from 'axios';
import { config } from '../config';
import { decryptWithHub, encryptFor, type EncryptionJwk } from '../crypto/jwe';
import { canonicalRequest, requestPayload, signCanonical, signDetached } from '../crypto/jws';
import { encodeToken } from '../crypto/tokens';
import { cryptoOps } from '../observe/metrics';
import { partyKey, type PartyRef } from '../ocpi/routing';
import type { Platform } from '../parties/model';
import { assertPartnerUrl, guardedLookup, UrlRefused } from './url-guard';

export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  token?: string;
  tokenEncoding?: 'base64' | 'raw';
  headers?: Record<string, string>;
  body?: unknown;
  /** A body already serialized (outbox rows keep the exact text they will send). */
  rawBody?: string;
  /** rawBody is its own RFC 8785 canonical form: signed as it is, never parsed again. */
  canonical?: boolean;
  timeoutMs?: number;
  /** Sign for this receiver (`aud` = its country_code*party_id) and, if it registered a key, encrypt the body to it. */
  protect?: Protection;
}

export interface Protection {
  aud: string;
  encryptTo?: Record<string, unknown>;
}

/** How a message to this platform is protected: signed for the role it goes to, encrypted if it registered a key. */
export const protectionFor = (platform: Platform, role: PartyRef | undefined = platform.roles[0]): Protection => ({
  aud: role ? partyKey(role) : '',
  encryptTo: platform.keys?.encryption,
});

export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when the party answered something that is not JSON. */
  body: unknown;
  raw: string;
  /** The OCPI-Hub-Signature the request carried, for the audit log. */
  signature?: string;
}

/** 'url': the URL is malformed or not https; 'private': it leads to an address the guard refuses. */
export type FailureKind = 'timeout' | 'refused' | 'unreachable' | 'url' | 'private';
export class DeliveryFailed extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

const agentOptions = { keepAlive: true, maxSockets: 64, lookup: guardedLookup };
const client = axios.create({
  httpAgent: new http.Agent(agentOptions),
  httpsAgent: new https.Agent(agentOptions),
  maxRedirects: 0,
  proxy: false, // never HTTP(S)_PROXY: a proxy would resolve names itself, out of reach of guardedLookup
  validateStatus: () => true,
  transformResponse: (raw: unknown) => raw, // parsed below, so a garbage answer is reported, not thrown
  responseType: 'text',
});

async function parse(res: AxiosResponse<string>): Promise<OutboundResponse> {
  let raw = typeof res.data === 'string' ? res.data : '';
  // A partner may answer with a JWE encrypted to the hub's published key.
  if (String(res.headers['content-type'] ?? '').includes('application/jose')) {
    try {
      raw = await decryptWithHub(raw);
    } catch {
      raw = '';
    }
  }
  let body: unknown;
  try {
    body = raw.length > 0 ? JSON.parse(raw) : undefined;
  } catch {
    body = undefined;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined && value !== null)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return { status: res.status, headers, body, raw };
}

function classify(error: unknown, url: string): DeliveryFailed {
  const refused = error instanceof UrlRefused ? error : (error as AxiosError).cause;
  if (refused instanceof UrlRefused) return new DeliveryFailed(refused.address ? 'private' : 'url', refused.message);
  const code = (error as AxiosError).code ?? '';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return new DeliveryFailed('timeout', `no answer from ${url} in time`);
  if (code === 'ECONNREFUSED') return new DeliveryFailed('refused', `connection to ${url} refused`);
  return new DeliveryFailed('unreachable', `${url} could not be reached (${code || (error as Error).message})`);
}

function signatureOf(req: OutboundRequest, path: string, headers: Record<string, string>, aud: string): string {
  if (req.canonical && req.rawBody !== undefined)
    return signCanonical(canonicalRequest(req.method, path, headers, req.rawBody), aud);
  const body = req.rawBody !== undefined ? (JSON.parse(req.rawBody) as unknown) : req.body;
  return signDetached(requestPayload(req.method, path, headers, body), aud);
}

export async function send(req: OutboundRequest): Promise<OutboundResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (req.token !== undefined) headers.Authorization = encodeToken(req.token, req.tokenEncoding ?? 'base64');
  let data = req.rawBody ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
  if (data !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const url = assertPartnerUrl(req.url);
    if (req.protect) {
      // Sign the plaintext JSON, then encrypt (issue 5: the signature always covers the plaintext body).
      headers['OCPI-Hub-Signature'] = signatureOf(req, url.pathname + url.search, headers, req.protect.aud);
      cryptoOps.inc({ operation: 'sign' });
      if (req.protect.encryptTo && data !== undefined) {
        data = await encryptFor(data, req.protect.encryptTo as EncryptionJwk);
        cryptoOps.inc({ operation: 'encrypt' });
        headers['Content-Type'] = 'application/jose';
      }
    }
    const res = await client.request<string>({
      method: req.method,
      url: req.url,
      headers,
      data,
      timeout: req.timeoutMs ?? config.httpTimeoutMs,
    });
    return { ...(await parse(res)), signature: headers['OCPI-Hub-Signature'] };
  } catch (error) {
    throw classify(error, req.url);
  }
}
