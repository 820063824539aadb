// The routing step: who the request comes from (one of the caller's roles) and how it is routed:
// to the hub itself, open (no OCPI-to-*), or directly to another party.
import type { Request } from 'express';
import { forbidden, unknownReceiver } from '../ocpi/errors';
import { HUB, partyKey, readRoutingHeaders, sameParty, type PartyRef } from '../ocpi/routing';
import type { PartyCaller } from '../parties/auth';
import { directory, type PartyEntry } from '../parties/directory';
import type { RoleEntry } from '../parties/model';
import { agreements } from '../policy/agreements';

export interface Routing {
  mode: 'hub' | 'open' | 'direct';
  from?: PartyRef;
  /** For direct requests: the receiver's roles (one party may hold several roles on its platform). */
  to?: PartyEntry[];
  /** The caller's roles this request acts as: those named by OCPI-from-*, else all of its platform's. */
  roles: RoleEntry[];
}

export async function resolveRouting(req: Request, caller: PartyCaller): Promise<Routing> {
  const { from, to } = readRoutingHeaders(req.headers);
  const roles = from ? caller.platform.roles.filter((r) => sameParty(r, from)) : caller.platform.roles;
  if (from && roles.length === 0) throw forbidden(`OCPI-from ${partyKey(from)} is not one of this platform's roles`);
  if (!to) return { mode: 'open', from, roles };
  if (sameParty(to, HUB)) return { mode: 'hub', from, roles };
  // A party the caller may not trade with at all is as unknown to it as in hubclientinfo (no existence oracle).
  const agreed = await agreements();
  const mine = caller.platform;
  const entries = (await directory())
    .find(to)
    .filter((e) => e.platform._id.equals(mine._id) || mine.roles.some((r) => agreed.mayTrade(r, e.role)));
  if (entries.length === 0) throw unknownReceiver(`no party ${partyKey(to)} is known to the hub`);
  return { mode: 'direct', from, to: entries, roles };
}
