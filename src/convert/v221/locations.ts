// Locations for 2.2.1 receivers: the internal form may hold what a 2.3.0 CPO sent (OpenEnum values 2.2.1 does not
// list, Parking objects, help_phone...). What 2.2.1 cannot express is left out and reported in `dropped`.
import { isKnown } from '../../ocpi/open-enum';
import { EnvironmentalImpactCategory, ImageCategory, TokenType } from '../../ocpi/types';
import { Capability, ConnectorType, Facility, ParkingRestriction, ParkingType } from '../../modules/locations/schema';
import { carries, isObj, outbound, type Lost, type Obj } from '../fields';

/** Fields 2.3.0 added that have no 2.2.1 counterpart (mod_locations.asciidoc 2.3.0). */
const NEW_FIELDS = {
  location: ['parking_places', 'help_phone'],
  evse: ['parking', 'accepted_service_providers'],
  connector: ['capabilities'],
} as const;

function omitNew(o: Obj, fields: readonly string[], at: string, lost: Lost): Obj {
  const out = { ...o };
  for (const f of fields) {
    if (f in out && carries(out[f])) lost(`${at}${f}`);
    delete out[f];
  }
  return out;
}

/**
 * Keeps a list's known values (a list left empty is left out, as 2.2.1 allows); a list of known values stays as it is.
 */
function keepKnown(o: Obj, field: string, keep: (v: unknown) => boolean, at: string, lost: Lost): void {
  const list = o[field];
  if (!Array.isArray(list)) return;
  const kept = list.filter(keep);
  if (kept.length === list.length) return;
  lost(`${at}${field}`);
  if (kept.length) o[field] = kept;
  else delete o[field];
}

/** 'evses[].' names the list entry 'evses[]'; at the top of an EVSE or connector body, the object itself. */
const pathOf = (at: string, kind: string) => (at ? at.slice(0, -1) : kind);

const knownImage = (i: unknown) => isObj(i) && isKnown(ImageCategory, i.category);

/** A connector of a standard 2.2.1 does not list (e.g. MCS) cannot be expressed: undefined. */
export function connectorTo221(c: unknown, at: string, lost: Lost): unknown {
  if (!isObj(c)) return c;
  if (c.standard !== undefined && !isKnown(ConnectorType, c.standard)) {
    lost(pathOf(at, 'connector'));
    return undefined;
  }
  return omitNew(c, NEW_FIELDS.connector, at, lost);
}

/** An EVSE none of whose connectors 2.2.1 can express is left out (2.2.1 EVSE.connectors: at least one). */
export function evseTo221(e: unknown, at: string, lost: Lost): unknown {
  if (!isObj(e)) return e;
  const out = omitNew(e, NEW_FIELDS.evse, at, lost);
  keepKnown(out, 'capabilities', (v) => isKnown(Capability, v), at, lost);
  keepKnown(out, 'parking_restrictions', (v) => isKnown(ParkingRestriction, v), at, lost);
  keepKnown(out, 'images', knownImage, at, lost);
  if (Array.isArray(out.connectors)) {
    out.connectors = out.connectors
      .map((c) => connectorTo221(c, `${at}connectors[].`, lost))
      .filter((c) => c !== undefined);
    if ((out.connectors as unknown[]).length === 0) {
      lost(pathOf(at, 'evse'));
      return undefined;
    }
  }
  return out;
}

function businessTo221(b: unknown, at: string, lost: Lost): unknown {
  if (!isObj(b) || !isObj(b.logo) || knownImage(b.logo)) return b;
  lost(`${at}logo`);
  const { logo: _logo, ...rest } = b;
  return rest;
}

export function locationTo221(l: unknown, lost: Lost): unknown {
  if (!isObj(l)) return l;
  const out = omitNew(l, NEW_FIELDS.location, '', lost);
  if (out.parking_type !== undefined && out.parking_type !== null && !isKnown(ParkingType, out.parking_type)) {
    lost('parking_type');
    delete out.parking_type;
  }
  keepKnown(out, 'facilities', (v) => isKnown(Facility, v), '', lost);
  keepKnown(out, 'images', knownImage, '', lost);
  keepKnown(
    out,
    'publish_allowed_to',
    (p) => !isObj(p) || p.type === undefined || p.type === null || isKnown(TokenType, p.type),
    '',
    lost,
  );
  if (isObj(out.energy_mix)) {
    const mix = { ...out.energy_mix };
    keepKnown(
      mix,
      'environ_impact',
      (i) => isObj(i) && isKnown(EnvironmentalImpactCategory, i.category),
      'energy_mix.',
      lost,
    );
    out.energy_mix = mix;
  }
  for (const f of ['operator', 'suboperator', 'owner'])
    if (out[f] !== undefined) out[f] = businessTo221(out[f], `${f}.`, lost);
  if (Array.isArray(out.evses))
    out.evses = out.evses.map((e) => evseTo221(e, 'evses[].', lost)).filter((e) => e !== undefined);
  return out;
}

const down: Record<string, (body: unknown, lost: Lost) => unknown> = {
  location: locationTo221,
  evse: (e, lost) => evseTo221(e, '', lost) ?? null,
  connector: (c, lost) => connectorTo221(c, '', lost) ?? null,
};

/** To 2.2.1 receivers; `value` null means the object (an EVSE or connector) cannot be sent at all (as for 2.1.1). */
export const locations = outbound((kind, body, lost) => (down[kind] ?? locationTo221)(body, lost));
