// CDRs between 2.1.1 and the internal form (2.2.1). 2.1.1 (mod_cdrs.md) writes stop_date_time, names the token
// by auth_id, embeds the Location, gives total_cost as a number excluding VAT, and has no signed_data, cost
// breakdown, credit or session reference: those are dropped and counted when a CDR goes to a 2.1.1 eMSP.
import type { ConvertContext, Converted, ModuleConverter } from '../types';
import { copy, mapItems, isObj, LossRecorder, rename, Unconvertible, type Obj } from './common';
import {
  authIdFor,
  authMethodFor211,
  cdrTokenFor,
  embeddedLocation,
  numberFromPrice,
  ownerOf,
  periods,
  priceFromNumber,
  usedPoint,
} from './periods';
import { tariffFrom, tariffToInternal } from './tariffs';

const ONLY_221 = [
  'session_id',
  'authorization_reference',
  'signed_data',
  'total_fixed_cost',
  'total_energy_cost',
  'total_time_cost',
  'total_parking_cost',
  'total_reservation_cost',
  'invoice_reference_id',
  'credit',
  'credit_reference_id',
  'home_charging_compensation',
] as const;

/** 2.2.1 CdrLocation from the 2.1.1 embedded Location's used EVSE and connector. */
function cdrLocation(location: unknown, loss: LossRecorder): Obj {
  const { l, evse, connector } = usedPoint(location, loss);
  if (!evse.evse_id)
    throw new Unconvertible('cdr_location.evse_id', 'the EVSE has no evse_id, which a 2.2.1 CdrLocation requires');
  const cdr: Obj = {
    id: l.id,
    name: l.name,
    address: l.address,
    city: l.city,
    postal_code: l.postal_code,
    country: l.country,
    coordinates: l.coordinates,
    evse_uid: evse.uid,
    evse_id: evse.evse_id,
    connector_id: connector.id,
    connector_standard: connector.standard,
    connector_format: connector.format,
    connector_power_type: connector.power_type,
  };
  for (const k of Object.keys(cdr)) if (cdr[k] === undefined || cdr[k] === null) delete cdr[k];
  return cdr;
}

export function cdrToInternal(body: unknown, ctx: ConvertContext, loss: LossRecorder): Obj {
  const c = copy(body);
  const owner = ownerOf(ctx, 'CDR');
  rename(c, 'stop_date_time', 'end_date_time');
  cdrTokenFor(c, ctx);
  if ('location' in c) {
    c.cdr_location = cdrLocation(c.location, loss);
    delete c.location;
  }
  c.total_cost = priceFromNumber(c.total_cost);
  mapItems(c, 'tariffs', (t) => tariffToInternal(t, ctx));
  periods(c, 'to221', loss);
  return { country_code: owner.country_code, party_id: owner.party_id, ...c };
}

export function cdrFrom(body: unknown, ctx: ConvertContext, loss: LossRecorder): Obj {
  const c = copy(body);
  delete c.country_code; // the 2.1.1 CDR names no owner: the eMSP knows its CPO by the connection
  delete c.party_id;
  rename(c, 'end_date_time', 'stop_date_time');
  authIdFor(c);
  const at = isObj(c.cdr_location) ? c.cdr_location : {};
  c.location = embeddedLocation(ctx, at.evse_uid, at.connector_id, loss);
  delete c.cdr_location;
  numberFromPrice(c, 'total_cost', loss);
  authMethodFor211(c, loss);
  mapItems(c, 'tariffs', (t) => tariffFrom(t, loss, 'tariffs[].'));
  periods(c, 'to211', loss);
  return loss.omit(c, ONLY_221);
}

export const cdrs: ModuleConverter = {
  toInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind !== 'cdr') return { value: body, dropped: [] };
    return { value: cdrToInternal(body, ctx, loss), dropped: loss.dropped };
  },
  fromInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind !== 'cdr') return { value: body, dropped: [] };
    return { value: cdrFrom(body, ctx, loss), dropped: loss.dropped };
  },
};
