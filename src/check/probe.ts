// The checker's calls to the partner: through the hub's one outbound client (so the private-URL guard applies),
// each timed and kept as evidence with the token masked.
import { randomUUID } from 'node:crypto';
import { send, type OutboundResponse } from '../forward/client';
import { routingHeaders, type PartyRef } from '../ocpi/routing';
import type { Endpoint } from '../modules/versions/schema';
import type { Exchange } from './report';

export interface CheckTarget {
  versionsUrl: string;
  /** The token the partner issued (Token A or B): what the hub presents to it. */
  token: string;
  /** The role to check the partner as; read from its credentials when absent. */
  role?: string;
  /** Who the checker speaks as in routing headers (the hub, or the party in a self-check). */
  from: PartyRef;
  timeoutMs: number;
  /** --write: push test objects owned by this party (a namespace the operator names). */
  write?: PartyRef;
}

export interface CheckContext {
  target: CheckTarget;
  encoding: 'base64' | 'raw';
  version?: string;
  endpoints: Endpoint[];
  /** The partner's own party (from its credentials), addressed in routing headers. */
  to?: PartyRef;
  role: string;
  exchanges: Exchange[];
}

export interface Probe {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  url: string;
  /** A token other than the partner's (a wrong one), or null for none. */
  token?: string | null;
  encoding?: 'base64' | 'raw';
  headers?: Record<string, string>;
  /** Send OCPI-from/OCPI-to (functional modules only). */
  routed?: boolean;
  body?: unknown;
}

export interface ProbeAnswer {
  res?: OutboundResponse;
  ex: Exchange;
}

const BODY_CHARS = 1500;

function mask(text: string, secrets: string[]): string {
  let out = text.replace(/("token"\s*:\s*")[^"]*"/g, '$1***"');
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}

export async function probe(ctx: CheckContext, p: Probe): Promise<ProbeAnswer> {
  const token = p.token === undefined ? ctx.target.token : p.token;
  const headers: Record<string, string> = {
    'X-Request-ID': randomUUID(),
    'X-Correlation-ID': randomUUID(),
    ...p.headers,
  };
  if (p.routed && ctx.to) Object.assign(headers, routingHeaders(ctx.target.from, ctx.to));
  const encoding = p.encoding ?? ctx.encoding;
  const secrets = [
    ctx.target.token,
    Buffer.from(ctx.target.token).toString('base64'),
    ...(token ? [token, Buffer.from(token).toString('base64')] : []),
  ];
  const shownHeaders = { ...headers, ...(token ? { Authorization: `Token *** (${encoding})` } : {}) };
  const ex: Exchange = { request: { method: p.method ?? 'GET', url: p.url, headers: shownHeaders }, ms: 0 };
  const started = Date.now();
  try {
    const res = await send({
      method: p.method ?? 'GET',
      url: p.url,
      token: token ?? undefined,
      tokenEncoding: encoding,
      headers,
      body: p.body,
      timeoutMs: ctx.target.timeoutMs,
    });
    ex.ms = Date.now() - started;
    ex.response = { status: res.status, headers: pick(res.headers), body: mask(res.raw.slice(0, BODY_CHARS), secrets) };
    ctx.exchanges.push(ex);
    return { res, ex };
  } catch (error) {
    ex.ms = Date.now() - started;
    ex.error = (error as Error).message;
    ctx.exchanges.push(ex);
    return { ex };
  }
}

const SHOWN = [
  'content-type',
  'x-request-id',
  'x-correlation-id',
  'x-total-count',
  'x-limit',
  'link',
  'ocpi-from-country-code',
  'ocpi-from-party-id',
  'ocpi-to-country-code',
  'ocpi-to-party-id',
];
const pick = (h: Record<string, string>) =>
  Object.fromEntries(SHOWN.filter((k) => h[k] !== undefined).map((k) => [k, h[k] ?? '']));

/** The OCPI data of a successful answer, or undefined. */
export function dataOf(a: ProbeAnswer): unknown {
  const body = a.res?.body as { status_code?: unknown; data?: unknown } | undefined;
  return a.res && a.res.status === 200 && body?.status_code === 1000 ? body.data : undefined;
}

export const endpoint = (ctx: CheckContext, identifier: string, role: 'SENDER' | 'RECEIVER') =>
  ctx.endpoints.find((e) => e.identifier === identifier && e.role === role)?.url;
