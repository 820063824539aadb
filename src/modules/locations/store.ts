// Locations the hub holds (owner CPO); EVSEs and connectors live inside their location's document.
import { ObjectStore } from '../../db/objects';
import { toInstant } from '../../ocpi/types';
import type { Location } from './schema';

export const locations = new ObjectStore('locations', { location_id: String, publish: Boolean }, [{ location_id: 1 }]);

export const locationKey = (owner: string, locationId: string) => `${owner}*${locationId.toUpperCase()}`;

/** The fields the hub filters on, derived from the object each time it is written. */
export const locationFields = (owner: string, l: Location | Record<string, unknown>) => ({
  owner,
  location_id: String(l.id).toUpperCase(),
  last_updated: toInstant(String(l.last_updated)),
  publish: l.publish !== false,
});

export const putLocation = (owner: string, l: Location) => locations.put(locationKey(owner, l.id), l, locationFields(owner, l));

/** A location visible under `filter`, by id alone (Sender GET); several CPOs may use one id. */
export const findLocations = (filter: Record<string, unknown>, locationId: string) =>
  locations.find({ ...filter, location_id: locationId.toUpperCase() });

/** The CPOs holding a location id, for open routing of commands. */
export const locationOwners = async (locationId: string) => [...new Set((await findLocations({}, locationId)).map((l) => l.owner))];
