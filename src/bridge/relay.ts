// The version boundary for a relayed request: its body written for a target on another OCPI version, and the
// target's answer read back into the internal form (a 2.1.1 CommandResponse, AuthorizationInfo, object or page).
import { Unconvertible } from '../convert';
import type { Envelope } from '../ocpi/envelope';
import { invalidParameters } from '../ocpi/errors';
import type { PartyRef } from '../ocpi/routing';
import type { Platform } from '../parties/model';
import { factsIn, tokenOf } from './facts';
import { converts, forReceiver, fromReceiver, kindOf, subpathOf } from './outbound';

interface Relaying {
  module: string;
  method: string;
  url: string;
  body?: unknown;
  kind?: string;
}

export async function inTargetVersion(
  r: Relaying,
  platform: Platform,
  correlationId?: string,
): Promise<{ url: string; body: unknown }> {
  try {
    return await forReceiver({
      platform,
      module: r.module,
      method: r.method,
      url: r.url,
      body: r.body,
      kind: r.kind,
      what: 'relay',
      correlationId,
    });
  } catch (error) {
    if (error instanceof Unconvertible)
      throw invalidParameters(
        `this request cannot be sent to a party on OCPI ${platform.version ?? ''}: ${error.message}`,
      );
    throw error;
  }
}

/** What the target's answer data is, from the request it answers. */
function answerKind(r: Relaying, sub: string): string | undefined {
  if (r.kind === 'CommandResult') return undefined; // the answer to a result callback carries no data
  if (r.module === 'commands' && r.method === 'POST') return 'CommandResponse';
  if (r.module === 'tokens' && sub.split('?')[0]?.endsWith('/authorize')) return 'AuthorizationInfo';
  return r.method === 'GET' ? kindOf(r.module, sub) : undefined;
}

export async function intoInternal(r: Relaying, platform: Platform, role: PartyRef, body: Envelope): Promise<Envelope> {
  if (!converts(platform) || body.data === undefined || body.data === null) return body;
  const sub = subpathOf(platform, r.module, r.url);
  const kind = answerKind(r, sub);
  if (!kind) return body;
  const ctx =
    kind === 'AuthorizationInfo'
      ? {
          token: await tokenOf(
            role,
            sub.split('/').filter(Boolean)[0] ?? '',
            /type=([A-Z_]+)/.exec(r.url)?.[1] ?? 'RFID',
          ),
        }
      : {};
  const owner = { country_code: role.country_code, party_id: role.party_id };
  try {
    // objects pulled from a 2.1.1 CPO get what its pushes get: owner, default time zone, the token of an auth_id
    const one = async (item: unknown) =>
      fromReceiver(platform, r.module, kind, item, {
        ...(await factsIn(r.module, item, { owner, defaultTimeZone: platform.default_time_zone })),
        ...ctx,
      });
    return { ...body, data: Array.isArray(body.data) ? await Promise.all(body.data.map(one)) : await one(body.data) };
  } catch (error) {
    if (error instanceof Unconvertible)
      throw invalidParameters(
        `the answer of the OCPI ${platform.version ?? ''} party cannot be converted: ${error.message}`,
      );
    throw error;
  }
}
