// publish=false (2.2.1 locations): such a location reaches only the eMSPs that own a token listed in
// publish_allowed_to (by uid and type, visual_number and issuer, or group_id), never an NSP or OTHER. The
// list names other eMSPs' drivers' tokens, so each eMSP sees only the entries its own tokens satisfy.
import { partyKey } from '../../ocpi/routing';
import type { RoleEntry } from '../../parties/model';
import { matchingOwners, publishEntry } from '../tokens/store';
import { publishEntries, publishFilter } from './store';

type Obj = Record<string, unknown>;

/** A location as a party that holds tokens satisfying `held` may see it: publish_allowed_to cut to those entries. */
export function redactFor(l: Obj, held: Set<string>): Obj {
  if (!Array.isArray(l.publish_allowed_to)) return l;
  return { ...l, publish_allowed_to: (l.publish_allowed_to as Obj[]).filter((entry) => held.has(publishEntry(entry))) };
}

/** Who an unpublished location is pushed to, and each one's redacted copy; nothing when it is published. */
export async function publishAudience(l: Obj): Promise<{ only?: string[]; bodyFor?: (party: string) => Obj }> {
  if (l.publish !== false) return {};
  const owners = await matchingOwners(publishEntries(l));
  return { only: [...owners.keys()], bodyFor: (party) => redactFor(l, owners.get(party) ?? new Set()) };
}

/**
 * Publish rules for readers with these roles: the filter (published locations, their own, unpublished ones
 * they hold a listed token for) and how each location is shown to them.
 */
export async function publishRules(roles: readonly RoleEntry[]): Promise<{ filter: Obj; present: (l: Obj) => Obj }> {
  const own = new Set(roles.filter((r) => r.role === 'CPO').map(partyKey));
  const { filter, held } = await publishFilter(roles);
  const present = (l: Obj) =>
    own.has(partyKey(l as { country_code: string; party_id: string })) ? l : redactFor(l, held);
  return { filter, present };
}
