// THE hub path, read this first: every functional OCPI request passes these steps, in this order.
import { Router, type Request, type RequestHandler } from 'express';
import { envelope } from '../ocpi/envelope';
import type { PartyRef } from '../ocpi/routing';
import { bodyIn, dataOut, parseFor } from '../bridge/caller';
import { enqueue } from '../outbox/enqueue';
import { authenticateParty, partyOf } from '../parties/auth';
import { assertMayCall, assertOwnNamespace } from '../policy/authorize';
import type { Iface } from '../policy/roles';
import type { ServedInterface } from '../modules/versions/routes';
import { DETAILS_PATH } from '../modules/versions/routes';
import { deliveriesOf } from './fanout';
import { perform } from './act';
import { resolveRouting } from './routing';
import type { Call, Context, Decision, Method, ModuleDef, Route } from './types';

function handler(module: ModuleDef, iface: Iface, route: Route): RequestHandler {
  return async (req, res) => {
    // 1. authenticate (passport's Token strategy ran before this handler)
    const caller = partyOf(req);
    // 2. routing headers: from whom, to whom
    const routing = await resolveRouting(req, caller);
    // 3. validate, in the internal form (the version boundary, bridge/caller.ts)
    const check = parseFor(caller.platform);
    const asked = { method: req.method, path: req.path, correlationId: req.correlationId };
    const params = route.params ? check(route.params, req.params, 'path') : req.params;
    const bodySchema = route.bodyOf?.(params) ?? route.body;
    const input = {
      params,
      query: route.query ? check(route.query, req.query, 'query') : req.query,
      body: bodySchema
        ? check(
            bodySchema,
            await bodyIn(caller.platform, module.identifier, asked, req.body),
            'body',
            route.method === 'PATCH',
          )
        : undefined,
    };
    // 4. authorize
    const acting = assertMayCall(module.identifier, iface, routing.roles, route.callers);
    const namespace = namespaceOf(route, iface, input);
    const owner = namespace ? assertOwnNamespace(module.identifier, acting, namespace) : undefined;
    const ctx: Context = { call: callOf(req), caller, routing, acting, owner, ...input };
    // 5. decide (the module's part)
    const decision: Decision =
      routing.mode === 'direct' && routing.to ? { relay: { to: routing.to } } : await route.handle(ctx);
    // 6. act: relay, page or store
    const done = await perform(ctx, module.identifier, iface, route, decision);
    // 7. fan out, durably (outbox)
    if ('push' in done && done.push) {
      await enqueue(
        await deliveriesOf(ctx.call.correlationId, module.identifier, done.push, caller.platform, owner ?? acting[0]!),
      );
    }
    // 8. answer, in the caller's version
    const out = (data: unknown) => dataOut(caller.platform, module.identifier, asked, data);
    if ('relayed' in done) {
      const body = done.relayed.body as { data?: unknown };
      return void res
        .status(done.relayed.status)
        .set(done.relayed.headers)
        .json({ ...body, ...(body.data === undefined ? {} : { data: await out(body.data) }) });
    }
    res
      .status(done.status ?? 200)
      .set(done.headers ?? {})
      .json(envelope(await out(done.data)));
  };
}

const callOf = (req: Request): Call => ({
  method: req.method as Method,
  url: req.url,
  href: req.originalUrl,
  correlationId: req.correlationId,
});

/** A Receiver path's {country_code}/{party_id} is the namespace written to, unless the route says otherwise. */
function namespaceOf(route: Route, iface: Iface, input: { params: unknown; body: unknown }): PartyRef | undefined {
  if (route.namespace === false) return undefined;
  if (route.namespace) return route.namespace(input);
  const p = input.params as Partial<PartyRef>;
  return iface === 'RECEIVER' && p.country_code && p.party_id
    ? { country_code: p.country_code, party_id: p.party_id }
    : undefined;
}

/** Mounts a module's endpoint table: one router per interface, at /ocpi/2.2.1/{module}/{sender|receiver}. */
export function mount(module: ModuleDef): ServedInterface[] {
  return (Object.entries(module.routes) as [Iface, Route[]][]).map(([iface, routes]) => {
    const router = Router();
    router.use(authenticateParty);
    for (const r of routes) router[r.method.toLowerCase() as 'get'](r.path, handler(module, iface, r));
    return {
      identifier: module.identifier,
      role: iface,
      path: `${DETAILS_PATH}/${module.identifier}/${iface.toLowerCase()}`,
      router,
    };
  });
}
