// Modules the hub does not model (2.3.0 Payments and Bookings, a party's custom module: version_information_endpoint
// "Custom Modules"): relayed by direct routing between two parties that both list the module; nothing is stored.
import { Router } from 'express';
import { forbidden, unknownReceiver } from '../ocpi/errors';
import { partyKey, type PartyRef } from '../ocpi/routing';
import { joinUrl } from '../ocpi/url';
import { authenticateParty, partyOf } from '../parties/auth';
import { endpointOf } from '../parties/directory';
import { listPlatforms } from '../parties/store';
import { agreements } from '../policy/agreements';
import { FUNCTIONAL_MODULES, type Iface } from '../policy/roles';
import { assertConnected, relay } from './relay';
import { resolveRouting } from './routing';

const MODELLED = new Set<string>(['versions', 'credentials', 'hubclientinfo', ...FUNCTIONAL_MODULES]);
/** Listed in the hub's 2.3.0 details whether or not a party uses them yet (their ids are in the 2.3.0 releases). */
export const RELAYED_230 = ['payments', 'bookings'] as const;

export const isModelled = (module: string) => MODELLED.has(module);

/**
 * What the hub's 2.3.0 details list to relay: Payments, Bookings and every module a registered party lists that the hub
 * does not model.
 */
export async function relayedModules(): Promise<string[]> {
  const listed = (await listPlatforms())
    .filter((p) => p.active && p.registered)
    .flatMap((p) => p.endpoints.map((e) => e.identifier));
  return [...new Set([...RELAYED_230, ...listed])].filter((m) => !isModelled(m));
}

/**
 * `{prefix}/{module}/{sender|receiver}[/...]`: the request goes on to the same interface of the party named in
 * OCPI-to-*.
 */
export function unmodelledRouter(prefix: string): Router {
  const router = Router();
  router.all(`${prefix}/:module/:iface{/*rest}`, authenticateParty, async (req, res, next) => {
    const { module } = req.params as { module: string };
    const iface = String(req.params.iface).toUpperCase() as Iface;
    if (isModelled(module) || (iface !== 'SENDER' && iface !== 'RECEIVER')) return next();
    const caller = partyOf(req);
    if (!caller.platform.endpoints.some((e) => e.identifier === module))
      throw forbidden(`your platform does not list the ${module} module in its version details`);
    const routing = await resolveRouting(req, caller);
    if (routing.mode !== 'direct' || !routing.to)
      throw unknownReceiver(
        `the hub does not store ${module}: name the receiving party in OCPI-to-country-code and OCPI-to-party-id`,
      );
    const name = partyKey(routing.to[0]!.role);
    const target = routing.to.find((e) => endpointOf(e.platform, module, iface)) ?? routing.to[0]!;
    assertConnected(target, name);
    const url = endpointOf(target.platform, module, iface);
    if (!url)
      throw unknownReceiver(
        `${name} does not list the ${module} ${iface === 'SENDER' ? 'Sender' : 'Receiver'} interface`,
      );
    const agreed = await agreements();
    if (!routing.roles.some((r) => agreed.mayRelay(r, target.role, module)))
      throw forbidden(`no roaming agreement lets you exchange ${module} with ${name}`);
    // Below the hub's interface URL (query kept): the endpoint itself is called as the party listed it.
    const rest = req.originalUrl
      .slice(`${prefix}/${module}/${String(req.params.iface)}`.length)
      .replace(/^\/(?=\?|$)/, '');
    const from = routing.from ?? (routing.roles[0] as PartyRef);
    const body = ['POST', 'PUT', 'PATCH'].includes(req.method) ? req.body : undefined;
    const relayed = await relay({
      correlationId: req.correlationId,
      module,
      from,
      requester: caller.platform,
      target,
      method: req.method,
      url: joinUrl(url, rest),
      body,
    });
    res.status(relayed.status).set(relayed.headers).json(relayed.body);
  });
  return router;
}
