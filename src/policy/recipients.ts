// Who receives a push the hub stored: broadcast to the opposite role, or the owner eMSP of a session or CDR.
import { partyKey } from '../ocpi/routing';
import { endpointOf, type Directory, type PartyEntry } from '../parties/directory';
import type { Platform } from '../parties/model';
import type { Agreements, RoleRef } from './agreements';
import { receiverRoles, type ModuleId } from './roles';

/** Broadcast to the module's receivers (`only`: just these eMSPs, for a publish=false location), or one party. */
export type Audience =
  { kind: 'broadcast'; only?: string[] } | { kind: 'party'; country_code: string; party_id: string };

export interface Recipient extends PartyEntry {
  url: string; // the module's Receiver endpoint of the recipient
}

/**
 * One recipient per platform: connected, implementing the module's Receiver, trading with the origin, never the sender
 * itself.
 */
export function recipients(
  dir: Directory,
  agreements: Agreements,
  module: ModuleId,
  audience: Audience,
  sender: Platform,
  origin: RoleRef,
): Recipient[] {
  const wanted = receiverRoles(module);
  const out: Recipient[] = [];
  for (const platform of dir.connected()) {
    if (platform._id.equals(sender._id)) continue;
    const url = endpointOf(platform, module, 'RECEIVER');
    if (!url) continue;
    const role = platform.roles.find(
      (r) =>
        (audience.kind === 'broadcast'
          ? wanted.includes(r.role) && (!audience.only || (r.role === 'EMSP' && audience.only.includes(partyKey(r))))
          : r.role === 'EMSP' && partyKey(r) === partyKey(audience)) && agreements.mayTrade(origin, r, module),
    );
    // an OFFLINE receiver still gets its rows: the outbox holds them until it is back (or drops them, per policy)
    if (role && (role.status === 'CONNECTED' || role.status === 'OFFLINE')) out.push({ platform, role, url });
  }
  return out;
}

/**
 * Connected parties of `role` that implement a module interface: whom the hub may ask (e.g. about an unknown token).
 */
export function implementing(
  dir: Directory,
  role: string,
  module: ModuleId,
  iface: 'SENDER' | 'RECEIVER',
  except: Platform,
): PartyEntry[] {
  return dir
    .connected()
    .filter((p) => !p._id.equals(except._id) && endpointOf(p, module, iface))
    .flatMap((platform) =>
      platform.roles.filter((r) => r.role === role && r.status === 'CONNECTED').map((role) => ({ platform, role })),
    );
}
