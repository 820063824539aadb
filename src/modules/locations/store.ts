// Locations the hub holds (owner CPO); EVSEs and connectors live inside their location's document.
import { ObjectStore, sealedFields } from '../../db/objects';
import { toInstant } from '../../ocpi/types';
import { partyKey } from '../../ocpi/routing';
import type { RoleEntry } from '../../parties/model';
import { visibleFilter } from '../../policy/visibility';
import { matchingOwners, publishEntry, uidIndex, visualIndex } from '../tokens/store';
import type { Location } from './schema';

// publish_allowed_to names drivers' tokens (uid, visual_number, issuer, group_id): sealed at rest, matched by blind
// indexes.
export const locations = new ObjectStore(
  'locations',
  { location_id: String, publish: Boolean, publish_entries: [String] },
  [{ location_id: 1 }, { publish: 1 }],
  sealedFields('publish_allowed_to'),
);

type Obj = Record<string, unknown>;

/** Stored with a location: its publish_allowed_to entries as token matchers (blind indexes, no personal data). */
export const publishEntries = (l: Obj): string[] =>
  l.publish === false && Array.isArray(l.publish_allowed_to)
    ? (l.publish_allowed_to as Obj[]).map(publishEntry).filter(Boolean)
    : [];

export const locationKey = (owner: string, locationId: string) => `${owner}*${locationId.toUpperCase()}`;

/** The fields the hub filters on, derived from the object each time it is written. */
export const locationFields = (owner: string, l: Location | Obj) => ({
  owner,
  location_id: String(l.id).toUpperCase(),
  last_updated: toInstant(String(l.last_updated)),
  publish: l.publish !== false,
  publish_entries: publishEntries(l),
});

export const putLocation = (owner: string, l: Location) =>
  locations.put(locationKey(owner, l.id), l, locationFields(owner, l));

/** A location visible under `filter`, by id alone (Sender GET); several CPOs may use one id. */
export const findLocations = (filter: Record<string, unknown>, locationId: string) =>
  locations.find({ ...filter, location_id: locationId.toUpperCase() });

/**
 * publish=false: which locations readers with these roles may see (published ones, their own, unpublished ones
 * they hold a listed token for), and the publish_allowed_to entries their tokens satisfy.
 */
export async function publishFilter(roles: readonly RoleEntry[]): Promise<{ filter: Obj; held: Set<string> }> {
  const own = roles.filter((r) => r.role === 'CPO').map(partyKey);
  const emsps = roles.filter((r) => r.role === 'EMSP').map(partyKey);
  const clauses: Obj[] = [{ publish: true }, { owner: { $in: own } }];
  let held = new Set<string>();
  if (emsps.length > 0) {
    const hidden = await locations.model
      .find({ publish: false, publish_entries: { $ne: [] } }, { _id: 1, publish_entries: 1 })
      .lean<{ _id: unknown; publish_entries: string[] }[]>();
    const owners = await matchingOwners([...new Set(hidden.flatMap((h) => h.publish_entries))], emsps);
    held = new Set([...owners.values()].flatMap((s) => [...s]));
    clauses.push({ _id: { $in: hidden.filter((h) => h.publish_entries.some((e) => held.has(e))).map((h) => h._id) } });
  }
  return { filter: { $or: clauses }, held };
}

/** The filter of the locations a request's roles may read: visibility (agreements) and publish rules together. */
export async function readableLocations(ctx: { acting: RoleEntry[] }): Promise<Obj> {
  return { $and: [await visibleFilter(ctx, 'locations'), (await publishFilter(ctx.acting)).filter] };
}

/** The CPOs holding a location id visible under `filter`, for open routing of commands. */
export const locationOwners = async (filter: Record<string, unknown>, locationId: string) => [
  ...new Set((await findLocations(filter, locationId)).map((l) => l.owner)),
];

/**
 * Data-subject erasure: drops the publish_allowed_to entries naming this token (by uid, or by visual_number and
 * issuer) from every location; group_id entries name a group, not the driver, and stay. Returns the keys changed.
 */
export async function erasePublishEntries(
  uid: string,
  visuals: { visual_number?: unknown; issuer?: unknown }[],
): Promise<string[]> {
  const marks = [
    `u:${uidIndex(uid)}:`,
    ...visuals.filter((v) => v.visual_number !== undefined && v.issuer !== undefined).map((v) => `v:${visualIndex(v)}`),
  ];
  const named = (entry: string) =>
    entry.split('&').some((m) => marks.some((mark) => m === mark || (mark.endsWith(':') && m.startsWith(mark))));
  const found = await locations.model
    .find({ publish_entries: { $exists: true, $ne: [] } }, { key: 1, owner: 1, publish_entries: 1 })
    .lean<{ key: string; owner: string; publish_entries: string[] }[]>();
  const keys = found.filter((l) => l.publish_entries.some(named)).map((l) => l.key);
  for (const key of keys) {
    await locations.update(key, (l) => {
      const object = {
        ...l,
        publish_allowed_to: (l.publish_allowed_to as Obj[]).filter((entry) => !named(publishEntry(entry))),
      };
      return { object, fields: locationFields(String(found.find((f) => f.key === key)?.owner), object) };
    });
  }
  return keys;
}
