// Locations the hub holds (owner CPO); EVSEs and connectors live inside their location's document.
import { ObjectStore } from '../../db/objects';
import { toInstant } from '../../ocpi/types';
import { publishEntry } from '../tokens/store';
import type { Location } from './schema';

export const locations = new ObjectStore('locations', { location_id: String, publish: Boolean, publish_entries: [String] }, [{ location_id: 1 }, { publish: 1 }]);

type Obj = Record<string, unknown>;

/** Stored with a location: its publish_allowed_to entries as token matchers (blind indexes, no personal data). */
export const publishEntries = (l: Obj): string[] =>
  l.publish === false && Array.isArray(l.publish_allowed_to) ? (l.publish_allowed_to as Obj[]).map(publishEntry).filter(Boolean) : [];

export const locationKey = (owner: string, locationId: string) => `${owner}*${locationId.toUpperCase()}`;

/** The fields the hub filters on, derived from the object each time it is written. */
export const locationFields = (owner: string, l: Location | Obj) => ({
  owner,
  location_id: String(l.id).toUpperCase(),
  last_updated: toInstant(String(l.last_updated)),
  publish: l.publish !== false,
  publish_entries: publishEntries(l),
});

export const putLocation = (owner: string, l: Location) => locations.put(locationKey(owner, l.id), l, locationFields(owner, l));

/** A location visible under `filter`, by id alone (Sender GET); several CPOs may use one id. */
export const findLocations = (filter: Record<string, unknown>, locationId: string) =>
  locations.find({ ...filter, location_id: locationId.toUpperCase() });

/** The CPOs holding a location id, for open routing of commands. */
export const locationOwners = async (locationId: string) => [...new Set((await findLocations({}, locationId)).map((l) => l.owner))];
