// The version boundary on the way out: an internal (2.2.1) body written in the receiver's version, the one
// place every outgoing body passes (outbox delivery, relay, the answer to a 2.1.1 caller).
import type { Types } from 'mongoose';
import { fromInternal, toInternal, type OcpiVersion } from '../convert';
import type { Platform } from '../parties/model';
import { tokenUrlTo221 } from '../convert/v221/tokens';
import { factsOut } from './facts';
import { countLoss } from './losses';

/** The version a platform speaks; the internal form is 2.2.1. */
export const versionOf = (p: Pick<Platform, 'version'>): OcpiVersion =>
  p.version === '2.1.1' || p.version === '2.3.0' ? p.version : '2.2.1';
export const converts = (p: Pick<Platform, 'version'>) => versionOf(p) !== '2.2.1';

/** The object a call below a module's URL carries: locations by depth ({cc}/{pid}/{loc}[/{evse}[/{connector}]]). */
export function kindOf(module: string, subpath: string): string {
  const parts = subpath.split('?')[0]?.split('/').filter(Boolean) ?? [];
  switch (module) {
    case 'locations':
      return parts.length >= 5 ? 'connector' : parts.length === 4 ? 'evse' : 'location';
    case 'sessions':
      return 'session';
    case 'cdrs':
      return 'cdr';
    case 'tariffs':
      return 'tariff';
    case 'tokens':
      return parts[parts.length - 1] === 'authorize' ? 'LocationReferences' : 'token';
    case 'commands':
      return `command:${parts[parts.length - 1] ?? ''}`;
    default:
      return module;
  }
}

/** The part of `url` below the platform's endpoint for the module ('' when it is not under it). */
export function subpathOf(p: Pick<Platform, 'endpoints'>, module: string, url: string): string {
  const base = p.endpoints
    .find((e) => e.identifier === module && url.startsWith(e.url.replace(/\/+$/, '')))
    ?.url.replace(/\/+$/, '');
  return base ? url.slice(base.length) : '';
}

export interface Outgoing {
  platform: Pick<Platform, '_id' | 'version' | 'endpoints'>;
  module: string;
  method: string;
  url: string;
  body: unknown;
  /** The body's kind, when the URL does not tell it (a response_url). */
  kind?: string;
  what: string;
  correlationId?: string;
  /** false: convert without counting again (a retry of a delivery already counted). */
  count?: boolean;
}

/** The URL as the receiver's version has it: tokens carry their type in the URL since 2.2.1. */
export function urlFor(version: OcpiVersion, module: string, url: string): string {
  if (module !== 'tokens' || version === '2.3.0') return url;
  return version === '2.1.1'
    ? url.replace(/\?type=[A-Z_]+$/, '') // 2.1.1 tokens have no type parameter
    : tokenUrlTo221(url); // an EMAID token goes to 2.2.1 as OTHER, in its URL as in its body
}

/** An internal body written in `version`: the same for every receiver of that version (a broadcast converts once). */
export async function convertFor(version: OcpiVersion, module: string, kind: string, method: string, body: unknown) {
  // 2.2.1 receivers too: what a 2.3.0 sender added that 2.2.1 cannot carry is taken out (convert/v221)
  const facts = version === '2.1.1' ? await factsOut(module, body) : {};
  return fromInternal(version, module, kind, body, { ...facts, patch: method === 'PATCH' });
}

/** How a receiver takes a call stored in the internal form: its version, the URL in it, and the body's kind. */
export function receiverForm(platform: Outgoing['platform'], module: string, url: string, kind?: string) {
  const version = versionOf(platform);
  return {
    version,
    url: urlFor(version, module, url),
    kind: kind ?? kindOf(module, subpathOf(platform, module, url)),
  };
}

/**
 * The body (and URL) as the receiver's version has it (null: it cannot be sent at all); throws Unconvertible when a
 * needed fact is missing.
 */
export async function forReceiver(o: Outgoing): Promise<{ url: string; body: unknown }> {
  const { version, url, kind } = receiverForm(o.platform, o.module, o.url, o.kind);
  if (o.body === undefined || o.body === null) return { url, body: o.body };
  const out = await convertFor(version, o.module, kind, o.method, o.body);
  if (o.count !== false)
    await countLoss({
      platform: o.platform._id,
      module: o.module,
      dropped: out.dropped,
      what: o.what,
      correlationId: o.correlationId,
    });
  return { url, body: out.value };
}

/** A receiver's answer (its envelope's data) read into the internal form. */
export async function fromReceiver(
  platform: { _id: Types.ObjectId; version?: string },
  module: string,
  kind: string,
  data: unknown,
  ctx: Record<string, unknown> = {},
) {
  if (!converts(platform) || data === undefined || data === null) return data;
  const out = toInternal(versionOf(platform), module, kind, data, ctx);
  await countLoss({ platform: platform._id, module, dropped: out.dropped, what: `answer ${kind}` });
  return out.value;
}
