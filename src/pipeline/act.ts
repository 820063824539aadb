// Acting on a route's decision, the one place that does: relay (response_url proxied first), page, answer.
import { config } from '../config';
import { pageHeaders, pageRequest, type PageQuery } from '../ocpi/pagination';
import { armTimeout } from '../proxy/store';
import type { Iface, ModuleId } from '../policy/roles';
import { visibleFilter } from '../policy/visibility';
import { firstAccepted } from './first';
import { pickTarget, proxyResponseUrl, relayFor } from './relay';
import type { Answer, Context, Decision, PageDecision, RelayDecision, Relayed, Route } from './types';

export type Performed = Answer | { relayed: Relayed };

export async function perform(
  ctx: Context,
  module: ModuleId,
  iface: Iface,
  route: Route,
  decision: Decision,
): Promise<Performed> {
  if ('relay' in decision) return { relayed: await relayAs(ctx, module, iface, route, decision.relay) };
  if ('page' in decision) return page(ctx as Context<unknown, PageQuery>, module, decision.page);
  return decision;
}

async function relayAs(ctx: Context, module: ModuleId, iface: Iface, route: Route, d: RelayDecision): Promise<Relayed> {
  if (d.firstOf) {
    const { accepted, refusal, otherwise } = d.firstOf;
    const answer = await firstAccepted(
      d.to.map((entry) => relayFor(ctx, module, iface, [entry], { path: d.path })),
      accepted,
      refusal,
    );
    if (!answer) throw otherwise;
    return answer;
  }
  if (!route.proxy)
    return relayFor(ctx, module, iface, d.to, { path: d.path, ...('body' in d ? { body: d.body } : {}) });
  // the agreement is checked before the proxy row is written: a refused request leaves nothing behind
  const target = pickTarget(d.to, module, iface);
  const where = route.proxy.response_url;
  const body = ('body' in d ? d.body : ctx.body) as Record<string, unknown> | undefined;
  const [below, search] = (d.path ?? ctx.call.url).split('?') as [string, string | undefined];
  const query = new URLSearchParams(search ?? '');
  const original = where === 'body' ? body?.response_url : query.get('response_url');
  const proxied = await proxyResponseUrl(ctx, module, target, String(original));
  if (where === 'query') query.set('response_url', proxied);
  const path = query.size > 0 ? `${below}?${query}` : below;
  const relayed = await relayFor(ctx, module, iface, d.to, {
    path,
    body: where === 'body' ? { ...body, response_url: proxied } : body,
  });
  const data = (relayed.body as { data?: { result?: string; timeout?: number } }).data;
  if (route.proxy.timeout && data?.result === 'ACCEPTED' && typeof data.timeout === 'number')
    await armTimeout(proxied, data.timeout);
  return relayed;
}

/** GET-All from the hub's store: the objects visible to the caller, one page, with OCPI paging headers. */
async function page(ctx: Context<unknown, PageQuery>, module: ModuleId, d: PageDecision): Promise<Answer> {
  const filter = await visibleFilter(ctx, module);
  const req = pageRequest(ctx.query);
  const found = await d.store.page(d.narrow ? { $and: [filter, d.narrow] } : filter, req);
  const url = new URL(ctx.call.href, config.publicUrl);
  const present = d.present ?? ((o) => o);
  return {
    data: found.items.map((item) => present(d.store.decode(item))),
    headers: pageHeaders(url, ctx.query, req, found),
  };
}
