// What sessions and CDRs share between 2.1.1 and 2.2.1: charging periods, the cost as a number or a Price,
// the token reference (2.1.1 auth_id, 2.2.1 cdr_token) and the location a record happened at.
import { CdrDimensionType } from '../../ocpi/types';
import type { ConvertContext } from '../types';
import { copy, mapItems, isObj, LossRecorder, Unconvertible, type Obj } from './common';
import { locationFrom } from './locations';

const DIMENSIONS_211 = new Set(['ENERGY', 'FLAT', 'MAX_CURRENT', 'MIN_CURRENT', 'PARKING_TIME', 'TIME']);
const DIMENSIONS_221: ReadonlySet<string> = new Set(CdrDimensionType.options);

/** Dimensions of a type the other version lacks (2.1.1 FLAT; 2.2.1 POWER, STATE_OF_CHARGE...) are dropped. */
export function periods(o: Obj, known: 'to221' | 'to211', loss: LossRecorder): void {
  const types = known === 'to221' ? DIMENSIONS_221 : DIMENSIONS_211;
  mapItems(o, 'charging_periods', (p) => {
    if (known === 'to211') loss.omit(p, ['tariff_id'], 'charging_periods[].');
    mapItems(p, 'dimensions', (d) => {
      if (types.has(String(d.type))) return d;
      loss.drop(`charging_periods[].dimensions[]:${String(d.type)}`);
      return undefined;
    });
    return p;
  });
}

/** 2.1.1 total_cost is "excluding VAT": it becomes Price.excl_vat; incl_vat stays unknown. */
export const priceFromNumber = (v: unknown) => (typeof v === 'number' ? { excl_vat: v } : v);

/** Sent to 2.1.1 as excl_vat (what 2.1.1 defines total_cost as); incl_vat has no place and is counted. */
export function numberFromPrice(o: Obj, field: string, loss: LossRecorder): void {
  const p = o[field];
  if (!isObj(p)) return;
  o[field] = p.excl_vat;
  if (p.incl_vat !== undefined && p.incl_vat !== null) loss.drop(`${field}.incl_vat`);
}

/** 2.1.1 auth_id → 2.2.1 cdr_token: the hub's token whose contract_id equals it (ctx.cdrToken), never a guess. */
export function cdrTokenFor(o: Obj, ctx: ConvertContext): void {
  if (!('auth_id' in o)) return;
  const authId = o.auth_id;
  delete o.auth_id;
  if (!isObj(ctx.cdrToken))
    throw new Unconvertible('cdr_token', `no token with contract_id "${String(authId)}" is known to the hub`);
  o.cdr_token = ctx.cdrToken;
}

export function authIdFor(o: Obj): void {
  const t = o.cdr_token;
  delete o.cdr_token;
  if (isObj(t)) o.auth_id = t.contract_id;
}

export function ownerOf(ctx: ConvertContext, what: string): { country_code: string; party_id: string } {
  if (!ctx.owner)
    throw new Unconvertible(
      'country_code',
      `the sending party is unknown: a 2.1.1 ${what} needs its owner from the connection`,
    );
  return ctx.owner;
}

/** The 2.1.1 embedded location's first EVSE and connector: 2.1.1 says it holds only the ones used. */
export function usedPoint(location: unknown, loss: LossRecorder): { l: Obj; evse: Obj; connector: Obj } {
  const l = copy(location);
  const evses = Array.isArray(l.evses) ? l.evses : [];
  const evse = copy(evses[0]);
  const connectors = Array.isArray(evse.connectors) ? evse.connectors : [];
  const connector = copy(connectors[0]);
  if (!evse.uid || !connector.id)
    throw new Unconvertible('location', 'the embedded location names no EVSE and connector');
  if (evses.length > 1 || connectors.length > 1) loss.drop('location.evses[1..]');
  return { l, evse, connector };
}

/** The hub's stored location (ctx.location), narrowed to the EVSE and connector used, written as 2.1.1. */
export function embeddedLocation(ctx: ConvertContext, evseUid: unknown, connectorId: unknown, loss: LossRecorder): Obj {
  if (!isObj(ctx.location))
    throw new Unconvertible('location', 'the hub does not hold the location this record happened at');
  const evses = (Array.isArray(ctx.location.evses) ? ctx.location.evses : []).filter(
    (e) => isObj(e) && e.uid === evseUid,
  ) as Obj[];
  const narrowed = evses.map((e) => ({
    ...e,
    connectors: (Array.isArray(e.connectors) ? e.connectors : []).filter((c) => isObj(c) && c.id === connectorId),
  }));
  const inner = new LossRecorder();
  const converted = locationFrom({ ...ctx.location, evses: narrowed }, inner);
  for (const path of inner.dropped) loss.drop(`location.${path}`);
  return converted;
}

/** 2.2.1 COMMAND has no 2.1.1 value: a remote start is authorized by the eMSP, as AUTH_REQUEST is. */
export function authMethodFor211(o: Obj, loss: LossRecorder): void {
  if (o.auth_method !== 'COMMAND') return;
  loss.drop('auth_method:COMMAND');
  o.auth_method = 'AUTH_REQUEST';
}
