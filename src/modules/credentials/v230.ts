// 2.3.0 credentials (credentials.asciidoc of 2.3.0): the hub states itself in `hub_party_id` and, the HUB role
// being gone, lists in `roles` the parties the receiving platform may trade with through it.
import { config } from '../../config';
import { HUB } from '../../ocpi/routing';
import { listPlatforms } from '../../parties/store';
import type { Platform } from '../../parties/model';
import { agreements } from '../../policy/agreements';
import type { Credentials } from './schema';

export const hubPartyId = () => `${HUB.country_code}${HUB.party_id}`;

/** Statuses of a role the receiver can still trade with (OFFLINE comes back; PLANNED never connected yet). */
const REACHABLE = new Set(['CONNECTED', 'OFFLINE']);

/**
 * The other platforms' roles `me` may trade with (the same rule as the hubclientinfo list it is shown). `roles`
 * must hold one entry at least: before any party is tradable the hub lists itself as OTHER, which hub_party_id
 * identifies as the hub.
 */
export async function tradableRoles(me: Platform | undefined): Promise<Credentials['roles']> {
  const agreed = await agreements();
  const roles = (await listPlatforms())
    .filter((p) => p.active && p.registered && !p.suspended && !(me && p._id.equals(me._id)))
    .flatMap((p) =>
      p.roles.filter((r) => REACHABLE.has(r.status) && (me?.roles ?? []).some((mine) => agreed.mayTrade(mine, r))),
    )
    .map((r) => ({
      role: r.role as Credentials['roles'][number]['role'],
      business_details: (r.business_details as Credentials['roles'][number]['business_details'] | undefined) ?? {
        name: `${r.country_code}*${r.party_id}`,
      },
      party_id: r.party_id,
      country_code: r.country_code,
    }));
  return roles.length
    ? roles
    : [
        {
          role: 'OTHER',
          business_details: { name: config.name },
          party_id: HUB.party_id,
          country_code: HUB.country_code,
        },
      ];
}

/** The hub's 2.2.1 credentials (token, url, role HUB) as a 2.3.0 platform is shown them. */
export async function toCredentials230(
  c: Credentials,
  me: Platform | undefined,
): Promise<Credentials & { hub_party_id: string }> {
  return { token: c.token, url: c.url, hub_party_id: hubPartyId(), roles: await tradableRoles(me) };
}
