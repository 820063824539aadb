// THE hub path, read this first: every functional OCPI request passes these steps, in this order.
import { Router, type RequestHandler } from 'express';
import { envelope } from '../ocpi/envelope';
import { hubError } from '../ocpi/errors';
import { parse } from '../ocpi/validate';
import { enqueue } from '../outbox/enqueue';
import { authenticateParty, partyOf } from '../parties/auth';
import { assertMayCall } from '../policy/authorize';
import type { Iface } from '../policy/roles';
import type { ServedInterface } from '../modules/versions/routes';
import { DETAILS_PATH } from '../modules/versions/routes';
import { deliveriesOf } from './forward';
import { resolveRouting } from './routing';
import type { ModuleDef, Route } from './types';

function handler(module: ModuleDef, iface: Iface, route: Route): RequestHandler {
  return async (req, res) => {
    const caller = partyOf(req); // 1. authenticate (passport's Token strategy ran before this handler)
    const routing = await resolveRouting(req, caller); // 2. routing headers: from whom, to whom
    const input = {
      params: route.params ? parse(route.params, req.params, 'path') : req.params, // 3. validate
      query: route.query ? parse(route.query, req.query, 'query') : req.query,
      body: route.body ? parse(route.body, req.body) : undefined,
    };
    const acting = assertMayCall(module.identifier, iface, routing.roles, route.callers); // 4. authorize
    if (routing.mode === 'direct') throw hubError('routing directly to another party is not available yet');
    const outcome = await route.handle({ req, caller, routing, acting, ...input }); // 5. store (the module's part)
    if (outcome.forward) {
      await enqueue(await deliveriesOf(req, module.identifier, outcome.forward, caller.platform)); // 6. forward, durably
    }
    res.status(outcome.status ?? 200).set(outcome.headers ?? {}).json(envelope(outcome.data)); // 7. answer
  };
}

/** Mounts a module's endpoint table: one router per interface, at /ocpi/2.2.1/{module}/{sender|receiver}. */
export function mount(module: ModuleDef): ServedInterface[] {
  return (Object.entries(module.routes) as [Iface, Route[]][]).map(([iface, routes]) => {
    const router = Router();
    router.use(authenticateParty);
    for (const r of routes) router[r.method.toLowerCase() as 'get'](r.path, handler(module, iface, r));
    return { identifier: module.identifier, role: iface, path: `${DETAILS_PATH}/${module.identifier}/${iface.toLowerCase()}`, router };
  });
}
