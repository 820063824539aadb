// Locations between 2.1.1 and the internal form (2.2.1). 2.1.1 (mod_locations.md) has no owner fields, no publish,
// `type` (LocationType) for 2.2.1's `parking_type`, connector `voltage`/`amperage`/`tariff_id` for
// `max_voltage`/`max_amperage`/`tariff_ids`, and an optional `time_zone`, which 2.2.1 requires.
import type { ConvertContext, Converted, ModuleConverter } from '../types';
import { copy, mapItems, LossRecorder, rename, Unconvertible, type Obj } from './common';

const SAME_PARKING = new Set(['ON_STREET', 'PARKING_GARAGE', 'UNDERGROUND_GARAGE', 'PARKING_LOT']);
const CAPABILITIES_211 = new Set([
  'CHARGING_PROFILE_CAPABLE',
  'CREDIT_CARD_PAYABLE',
  'REMOTE_START_STOP_CAPABLE',
  'RESERVABLE',
  'RFID_READER',
  'UNLOCK_CAPABLE',
]);
const FACILITIES_211 = new Set([
  'HOTEL',
  'RESTAURANT',
  'CAFE',
  'MALL',
  'SUPERMARKET',
  'SPORT',
  'RECREATION_AREA',
  'NATURE',
  'MUSEUM',
  'BUS_STOP',
  'TAXI_STAND',
  'TRAIN_STATION',
  'AIRPORT',
  'CARPOOL_PARKING',
  'FUEL_STATION',
  'WIFI',
]);
const POWER_TYPES_211 = new Set(['AC_1_PHASE', 'AC_3_PHASE', 'DC']);
const STANDARDS_211 = new Set([
  'CHADEMO',
  ...'ABCDEFGHIJKL'.split('').map((l) => `DOMESTIC_${l}`),
  'IEC_60309_2_single_16',
  'IEC_60309_2_three_16',
  'IEC_60309_2_three_32',
  'IEC_60309_2_three_64',
  'IEC_62196_T1',
  'IEC_62196_T1_COMBO',
  'IEC_62196_T2',
  'IEC_62196_T2_COMBO',
  'IEC_62196_T3A',
  'IEC_62196_T3C',
  'TESLA_R',
  'TESLA_S',
]);

export function connectorToInternal(c: Obj): Obj {
  rename(c, 'voltage', 'max_voltage');
  rename(c, 'amperage', 'max_amperage');
  return rename(c, 'tariff_id', 'tariff_ids', (id) => (id === null ? [] : [id]));
}

export const evseToInternal = (e: Obj): Obj => (mapItems(e, 'connectors', connectorToInternal), e);

/** 2.1.1 LocationType → 2.2.1 ParkingType where the values match; OTHER has no counterpart, UNKNOWN says nothing. */
function typeToParking(l: Obj, loss: LossRecorder): void {
  const type = l.type;
  delete l.type;
  if (typeof type === 'string' && SAME_PARKING.has(type)) l.parking_type = type;
  else if (type === 'OTHER') loss.drop('type:OTHER');
}

/** The owner and time zone come from the connection and the platform's setting; never guessed. */
export function locationToInternal(body: unknown, ctx: ConvertContext, loss: LossRecorder, patch = false): Obj {
  const l = copy(body);
  if ('type' in l) typeToParking(l, loss);
  mapItems(l, 'evses', evseToInternal);
  if (patch) return l;
  if (!ctx.owner)
    throw new Unconvertible(
      'country_code',
      'the sending party is unknown: a 2.1.1 location needs its owner from the connection',
    );
  const timeZone = (typeof l.time_zone === 'string' && l.time_zone) || ctx.defaultTimeZone;
  if (!timeZone) {
    throw new Unconvertible(
      'time_zone',
      'the location has no time_zone and no default time zone is configured for this platform (required in 2.2.1)',
    );
  }
  return {
    country_code: ctx.owner.country_code,
    party_id: ctx.owner.party_id,
    ...l,
    publish: true,
    time_zone: timeZone,
  };
}

export function connectorFrom(c: Obj, loss: LossRecorder, prefix = ''): Obj | undefined {
  for (const [field, known] of [
    ['power_type', POWER_TYPES_211],
    ['standard', STANDARDS_211],
  ] as const) {
    if (c[field] !== undefined && !known.has(String(c[field]))) {
      // 2.1.1 requires a value it knows: the connector goes
      loss.drop(`${prefix}connectors[]:${field}=${String(c[field])}`);
      return undefined;
    }
  }
  rename(c, 'max_voltage', 'voltage');
  rename(c, 'max_amperage', 'amperage');
  const ids = c.tariff_ids;
  delete c.tariff_ids;
  if (Array.isArray(ids) && ids.length > 0) c.tariff_id = ids[0];
  if (Array.isArray(ids) && ids.length > 1) loss.drop(`${prefix}connectors[].tariff_ids[1..]`);
  return loss.omit(c, ['max_electric_power'], `${prefix}connectors[].`);
}

export function evseFrom(e: Obj, loss: LossRecorder, prefix = ''): Obj | undefined {
  loss.keep(e, 'capabilities', CAPABILITIES_211, prefix);
  const had = Array.isArray(e.connectors) && e.connectors.length > 0;
  mapItems(e, 'connectors', (c) => connectorFrom(c, loss, prefix));
  if (!had || (Array.isArray(e.connectors) && e.connectors.length > 0)) return e;
  loss.drop(prefix ? 'evses[]' : 'evse'); // 2.1.1 EVSEs need at least one connector
  return undefined;
}

export function locationFrom(body: unknown, loss: LossRecorder, patch = false): Obj {
  const l = copy(body);
  delete l.country_code; // the owner is in the 2.1.1 URL path ({country_code}/{party_id})
  delete l.party_id;
  delete l.publish; // only published locations reach 2.1.1 partners
  loss.omit(l, ['publish_allowed_to', 'state']);
  const parking = l.parking_type;
  delete l.parking_type;
  if (typeof parking === 'string') {
    l.type = SAME_PARKING.has(parking) ? parking : 'OTHER';
    if (!SAME_PARKING.has(parking)) loss.drop(`parking_type:${parking}`);
  } else if (!patch) l.type = 'UNKNOWN';
  loss.keep(l, 'facilities', FACILITIES_211);
  mapItems(l, 'evses', (e) => evseFrom(e, loss, 'evses[].'));
  return l;
}

const patchOf = (ctx: ConvertContext) => ctx.patch === true;

export const locations: ModuleConverter = {
  toInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind === 'location') return { value: locationToInternal(body, ctx, loss, patchOf(ctx)), dropped: loss.dropped };
    if (kind === 'evse') return { value: evseToInternal(copy(body)), dropped: [] };
    if (kind === 'connector') return { value: connectorToInternal(copy(body)), dropped: [] };
    return { value: body, dropped: [] };
  },
  fromInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind === 'location') return { value: locationFrom(body, loss, patchOf(ctx)), dropped: loss.dropped };
    if (kind === 'evse') return { value: evseFrom(copy(body), loss) ?? null, dropped: loss.dropped };
    if (kind === 'connector') return { value: connectorFrom(copy(body), loss) ?? null, dropped: loss.dropped };
    return { value: body, dropped: [] };
  },
};
