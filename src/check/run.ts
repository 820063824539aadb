// Runs every check against one partner, in order: authentication first (it finds the token encoding that works),
// then versions, headers, each Sender list and its objects, the optional write round trip, and the timing.
import { config } from '../config';
import { HUB, type PartyRef } from '../ocpi/routing';
import { checkEncoding, checkSends, checkWrongToken } from './auth';
import { checkContentType, checkEcho, checkRouting, checkTiming } from './headers';
import { checkDateFilters, checkOffset, checkOrder, walkList } from './lists';
import { SENDER_LISTS } from './modules';
import { checkDateTimes, checkEnvelopeTimestamps, checkIds, checkSchema } from './objects';
import { endpoint, type CheckContext, type CheckTarget } from './probe';
import { summarize, type CheckResult, type Report } from './report';
import { checkVersions } from './versions';
import { checkWrite } from './write';

export type { Report, CheckTarget };

export interface CheckOptions {
  versionsUrl: string;
  token: string;
  role?: string;
  /** Defaults to the hub itself. */
  from?: PartyRef;
  write?: PartyRef;
  timeoutMs?: number;
  /** For a registered platform that has called the hub: how it last sent its token. */
  tokenSentAs?: 'base64' | 'raw';
}

async function checkLists(ctx: CheckContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const mod of SENDER_LISTS) {
    const url = endpoint(ctx, mod.name, 'SENDER');
    if (!url) continue;
    const walk = await walkList(ctx, mod, url);
    out.push(...walk.checks);
    if (walk.checks.some((c) => c.verdict === 'fail') && walk.items.length === 0) continue;
    out.push(
      await checkOffset(ctx, mod, url, walk.items.length),
      await checkDateFilters(ctx, mod, url, walk.items),
      await checkOrder(ctx, mod, url),
    );
    out.push(checkSchema(mod, walk.items), checkDateTimes(mod, walk.items));
    const ids = checkIds(mod, walk.items);
    if (ids) out.push(ids);
  }
  return out;
}

export async function runCheck(o: CheckOptions): Promise<Report> {
  const started = Date.now();
  const target: CheckTarget = {
    versionsUrl: o.versionsUrl,
    token: o.token,
    role: o.role,
    from: o.from ?? HUB,
    timeoutMs: o.timeoutMs ?? config.httpTimeoutMs,
    write: o.write,
  };
  const ctx: CheckContext = { target, encoding: 'base64', endpoints: [], role: o.role ?? 'UNKNOWN', exchanges: [] };
  const checks: CheckResult[] = [await checkEncoding(ctx), await checkWrongToken(ctx)];
  if (o.tokenSentAs) checks.push(checkSends(o.tokenSentAs));
  checks.push(...(await checkVersions(ctx)));
  const firstList = SENDER_LISTS.map((m) => endpoint(ctx, m.name, 'SENDER')).find(Boolean);
  checks.push(await checkEcho(ctx, firstList));
  checks.push(...(await checkLists(ctx)));
  if (target.write) checks.push(...(await checkWrite(ctx, target.write)));
  checks.push(
    checkEnvelopeTimestamps(ctx),
    checkContentType(ctx),
    checkRouting(ctx),
    checkTiming(ctx, config.relayTimeoutMs),
  );
  return summarize(
    {
      versions_url: o.versionsUrl,
      role: ctx.role,
      version: ctx.version,
      token_encoding: ctx.encoding,
      started_at: new Date(started).toISOString(),
      checks,
    },
    started,
  );
}
