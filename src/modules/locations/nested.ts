// EVSEs and connectors inside a location (2.2.1 locations Receiver): a change to a child also sets its
// parents' last_updated to the child's, so a GET-All by date finds the location again.
import { notFound } from '../../ocpi/errors';
import { Status } from '../../ocpi/status';

type Obj = Record<string, unknown>;
const same = (a: unknown, b: string) => String(a).toUpperCase() === b.toUpperCase(); // CiString ids

const evsesOf = (location: Obj) => (Array.isArray(location.evses) ? (location.evses as Obj[]) : []);
const connectorsOf = (evse: Obj) => (Array.isArray(evse.connectors) ? (evse.connectors as Obj[]) : []);

export function findEvse(location: Obj, uid: string): Obj {
  const evse = evsesOf(location).find((e) => same(e.uid, uid));
  if (!evse) throw notFound(`unknown EVSE ${uid} in location ${String(location.id)}`);
  return evse;
}

export function findConnector(location: Obj, uid: string, id: string): Obj {
  const connector = connectorsOf(findEvse(location, uid)).find((c) => same(c.id, id));
  if (!connector) throw notFound(`unknown connector ${id} of EVSE ${uid}`);
  return connector;
}

/** Replaces (PUT) or merges (PATCH) one EVSE, adding it when new; the location takes its last_updated. */
export function changeEvse(location: Obj, uid: string, evse: Obj, merge: boolean): Obj {
  const evses = evsesOf(location);
  const index = evses.findIndex((e) => same(e.uid, uid));
  if (merge && index < 0) throw notFound(`unknown EVSE ${uid} in location ${String(location.id)}`);
  const next = merge ? { ...evses[index], ...evse } : evse;
  const list = index < 0 ? [...evses, next] : evses.map((e, i) => (i === index ? next : e));
  return { ...location, evses: list, last_updated: evse.last_updated };
}

/** Replaces (PUT) or merges (PATCH) one connector; its EVSE and location take its last_updated. */
export function changeConnector(location: Obj, uid: string, id: string, connector: Obj, merge: boolean): Obj {
  const evse = findEvse(location, uid);
  const connectors = connectorsOf(evse);
  const index = connectors.findIndex((c) => same(c.id, id));
  if (merge && index < 0) throw notFound(`unknown connector ${id} of EVSE ${uid}`);
  const next = merge ? { ...connectors[index], ...connector } : connector;
  const list = index < 0 ? [...connectors, next] : connectors.map((c, i) => (i === index ? next : c));
  return changeEvse(location, uid, { ...evse, connectors: list, last_updated: connector.last_updated }, false);
}

export const unknownLocation = (id: string) => notFound(`unknown location ${id}`, Status.UNKNOWN_LOCATION);
