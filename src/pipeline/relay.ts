// Relaying a request to one party and returning its answer unchanged (its 2xxx/3xxx included), except that
// URLs pointing into that party (Link, Location) are replaced by hub proxy URLs for the requester.
import { randomUUID } from 'node:crypto';
import type { Context, Relayed } from './types';
import { config } from '../config';
import { protectionFor, send, type DeliveryFailed } from '../forward/client';
import { isEnvelope } from '../ocpi/envelope';
import { connectionProblem, forbidden, forwardTimeout, hubError, unknownReceiver } from '../ocpi/errors';
import { partyKey, routingHeaders, type PartyRef } from '../ocpi/routing';
import { joinUrl } from '../ocpi/url';
import { endpointOf, type PartyEntry } from '../parties/directory';
import type { Platform } from '../parties/model';
import { tokenB } from '../parties/store';
import { agreements } from '../policy/agreements';
import { receiverRoles, ownerRoles, type Iface, type ModuleId } from '../policy/roles';
import { digest, recordAudit } from '../audit/log';
import { relayLatency } from '../observe/metrics';
import { countRelay } from '../observe/traffic';
import { issueProxy, type ProxyKind } from '../proxy/store';
import { inTargetVersion, intoInternal } from '../bridge/relay';

export interface Target extends PartyEntry {
  url: string; // the target's endpoint of the module interface, exactly as listed
}

/** 4003 unless the target's platform and role are connected now. */
export function assertConnected({ platform, role }: PartyEntry, name: string): void {
  if (!platform.registered || role.status === 'PLANNED' || role.status === 'SUSPENDED')
    throw connectionProblem(`${name} is not connected to the hub`);
  if (platform.suspended || role.status === 'OFFLINE') throw connectionProblem(`${name} is offline`);
}

/** The target's role that implements the interface the request is for; 4001 or 4003 when there is none usable. */
export function pickTarget(entries: PartyEntry[], module: ModuleId, iface: Iface): Target {
  const roles = iface === 'RECEIVER' ? receiverRoles(module) : ownerRoles(module);
  const name = entries[0] ? partyKey(entries[0].role) : 'the receiver';
  const entry = entries.find((e) => roles.includes(e.role.role));
  if (!entry) throw unknownReceiver(`${name} has no ${roles.join('/')} role to receive ${module} requests`);
  assertConnected(entry, name);
  const { platform } = entry;
  const url = endpointOf(platform, module, iface);
  if (!url)
    throw unknownReceiver(
      `${name} does not implement the ${module} ${iface === 'RECEIVER' ? 'Receiver' : 'Sender'} interface`,
    );
  return { ...entry, url };
}

export interface RelayRequest {
  correlationId: string;
  module: string;
  from: PartyRef;
  requester: Platform;
  target: PartyEntry;
  method: string;
  url: string;
  body?: unknown;
  /** The body's kind where the URL does not tell it (a response_url): for a receiver on another OCPI version. */
  kind?: string;
}

/** Sends the request with the target's token and a new X-Request-ID; maps transport failures to 4002/4003/4000. */
export async function relay(r: RelayRequest): Promise<Relayed> {
  const { platform, role } = r.target;
  const headers = {
    ...routingHeaders(r.from, role),
    'X-Request-ID': randomUUID(),
    'X-Correlation-ID': r.correlationId,
  };
  let res;
  const sent = await inTargetVersion(r, platform, headers['X-Correlation-ID']);
  const timer = relayLatency.startTimer({ module: r.module });
  const started = Date.now();
  try {
    res = await send({
      method: r.method as 'GET',
      url: sent.url,
      token: tokenB(platform),
      tokenEncoding: platform.token_encoding,
      headers,
      body: sent.body,
      timeoutMs: config.relayTimeoutMs,
      protect: protectionFor(platform, role),
    });
  } catch (error) {
    const e = error as DeliveryFailed;
    countRelay(String(platform._id), Date.now() - started, true);
    if (e.kind === 'timeout')
      throw forwardTimeout(`${partyKey(role)} did not answer within ${config.relayTimeoutMs} ms`);
    if (e.kind === 'refused' || e.kind === 'unreachable')
      throw connectionProblem(`${partyKey(role)} could not be reached: ${e.message}`);
    throw hubError(`the hub could not send to ${partyKey(role)}: ${e.message}`);
  }
  timer();
  countRelay(String(platform._id), Date.now() - started, res.status >= 400 || !isEnvelope(res.body));
  recordAudit({
    action: 'relay',
    from: partyKey(r.from),
    to: partyKey(role),
    platform_id: String(platform._id),
    module: r.module,
    request_id: headers['X-Request-ID'],
    correlation_id: r.correlationId,
    signature_digest: digest(res.signature),
    outcome: `HTTP ${res.status} ${isEnvelope(res.body) ? res.body.status_code : 'not OCPI'}`,
  });
  if (!isEnvelope(res.body)) throw hubError(`${partyKey(role)} answered HTTP ${res.status} without an OCPI response`);
  res.body = await intoInternal(r, platform, role, res.body);
  const out: Record<string, string> = {};
  for (const name of ['x-total-count', 'x-limit']) if (res.headers[name]) out[name] = res.headers[name] as string;
  const proxied = (kind: ProxyKind, url: string) =>
    issueProxy({
      kind,
      module: r.module,
      url,
      issued_to: r.requester._id,
      forward_to: platform._id,
      from: r.from,
      to: role,
    });
  const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(res.headers.link ?? '')?.[1];
  if (next) out.link = `<${await proxied('link', next)}>; rel="next"`;
  if (res.headers.location) out.location = await proxied('location', res.headers.location);
  return { status: res.status, headers: out, body: res.body };
}

/** A roaming agreement lets the caller trade `module` with the target (a party it named, or one it can see). */
export async function assertAgreed(ctx: Context, target: PartyEntry, module: ModuleId): Promise<void> {
  const agreed = await agreements();
  if (!ctx.acting.some((r) => agreed.mayTrade(r, target.role, module))) {
    throw forbidden(
      `no roaming agreement lets ${ctx.acting.map((r) => partyKey(r)).join(', ')} exchange ${module} with ${partyKey(target.role)}`,
    );
  }
}

/** Relays the request to the party the hub chose (direct: named by OCPI-to-*; open: found from stored data). */
export async function relayFor(
  ctx: Context,
  module: ModuleId,
  iface: Iface,
  entries: PartyEntry[],
  o: { path?: string; body?: unknown } = {},
): Promise<Relayed> {
  const target = pickTarget(entries, module, iface);
  await assertAgreed(ctx, target, module);
  const path = o.path ?? ctx.call.url.replace(/^\/(?=\?|$)/, ''); // as received below the interface URL
  const from = ctx.routing.from ?? (ctx.acting[0] as PartyRef);
  const { correlationId, method } = ctx.call;
  return relay({
    correlationId,
    module,
    from,
    requester: ctx.caller.platform,
    target,
    method,
    url: joinUrl(target.url, path),
    body: 'body' in o ? o.body : ctx.body,
  });
}

/**
 * Where a party wants a result POSTed (response_url): replaced by a proxy only the target may call, once. Issued
 * only once the caller may trade with the target, so a refused request leaves nothing behind.
 */
export async function proxyResponseUrl(
  ctx: Context,
  module: ModuleId,
  target: PartyEntry,
  url: string,
): Promise<string> {
  await assertAgreed(ctx, target, module);
  const from = ctx.routing.from ?? (ctx.acting[0] as PartyRef);
  return issueProxy({
    kind: 'response_url',
    module,
    url,
    issued_to: target.platform._id,
    forward_to: ctx.caller.platform._id,
    from: target.role,
    to: from,
  });
}
