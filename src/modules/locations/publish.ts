// publish=false (2.2.1 locations): such a location reaches only the eMSPs that own a token listed in
// publish_allowed_to (by uid and type, visual_number and issuer, or group_id), never an NSP or OTHER.
import { partyKey } from '../../ocpi/routing';
import type { RoleEntry } from '../../parties/model';
import { matchingOwners } from '../tokens/store';
import { locations, publishEntries } from './store';

type Obj = Record<string, unknown>;

/** The eMSPs an unpublished location may be pushed to; undefined when it is published (everyone may). */
export async function publishAudience(l: Obj): Promise<string[] | undefined> {
  if (l.publish !== false) return undefined;
  return [...(await matchingOwners(publishEntries(l))).keys()];
}

/** The GET-All filter of publish rules for these roles: published ones, their own, and unpublished ones they hold a token for. */
export async function publishFilter(roles: readonly RoleEntry[]): Promise<Record<string, unknown>> {
  const own = roles.filter((r) => r.role === 'CPO').map(partyKey);
  const emsps = roles.filter((r) => r.role === 'EMSP').map(partyKey);
  const clauses: Record<string, unknown>[] = [{ publish: true }, { owner: { $in: own } }];
  if (emsps.length > 0) {
    const hidden = await locations.model.find({ publish: false, publish_entries: { $ne: [] } }, { _id: 1, publish_entries: 1 }).lean<{ _id: unknown; publish_entries: string[] }[]>();
    const held = await matchingOwners([...new Set(hidden.flatMap((h) => h.publish_entries))], emsps);
    const mine = new Set([...held.values()].flatMap((s) => [...s]));
    clauses.push({ _id: { $in: hidden.filter((h) => h.publish_entries.some((e) => mine.has(e))).map((h) => h._id) } });
  }
  return { $or: clauses };
}
