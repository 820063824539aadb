// Sessions between 2.1.1 and the internal form (2.2.1). 2.1.1 (mod_sessions.md) writes start_datetime and
// end_datetime, names the token by auth_id, embeds the Location, and gives total_cost as a number excluding VAT.
import type { ConvertContext, Converted, ModuleConverter } from '../types';
import { copy, isObj, LossRecorder, rename, type Obj } from './common';
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

const STATUSES_211 = new Set(['ACTIVE', 'COMPLETED', 'INVALID', 'PENDING']);

export function sessionToInternal(body: unknown, ctx: ConvertContext, loss: LossRecorder, patch = false): Obj {
  const s = copy(body);
  rename(s, 'start_datetime', 'start_date_time');
  rename(s, 'end_datetime', 'end_date_time');
  cdrTokenFor(s, ctx);
  if (isObj(s.location)) {
    const { l, evse, connector } = usedPoint(s.location, loss);
    delete s.location;
    Object.assign(s, { location_id: l.id, evse_uid: evse.uid, connector_id: connector.id });
  }
  if ('total_cost' in s) s.total_cost = priceFromNumber(s.total_cost);
  periods(s, 'to221', loss);
  if (patch) return s;
  const owner = ownerOf(ctx, 'session');
  return { country_code: owner.country_code, party_id: owner.party_id, ...s };
}

export function sessionFrom(body: unknown, ctx: ConvertContext, loss: LossRecorder, patch = false): Obj {
  const s = copy(body);
  delete s.country_code; // the owner is in the 2.1.1 URL path
  delete s.party_id;
  rename(s, 'start_date_time', 'start_datetime');
  rename(s, 'end_date_time', 'end_datetime');
  authIdFor(s);
  if (!patch || 'location_id' in s) {
    s.location = embeddedLocation(ctx, s.evse_uid, s.connector_id, loss);
    for (const f of ['location_id', 'evse_uid', 'connector_id']) delete s[f];
  }
  numberFromPrice(s, 'total_cost', loss);
  if (typeof s.status === 'string' && !STATUSES_211.has(s.status)) {
    loss.drop(`status:${s.status}`);
    s.status = 'PENDING'; // RESERVATION: the session has not started charging, the nearest 2.1.1 state
  }
  authMethodFor211(s, loss);
  periods(s, 'to211', loss);
  return loss.omit(s, ['authorization_reference']);
}

export const sessions: ModuleConverter = {
  toInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind !== 'session') return { value: body, dropped: [] };
    return { value: sessionToInternal(body, ctx, loss, ctx.patch === true), dropped: loss.dropped };
  },
  fromInternal(kind, body, ctx): Converted {
    const loss = new LossRecorder();
    if (kind !== 'session') return { value: body, dropped: [] };
    return { value: sessionFrom(body, ctx, loss, ctx.patch === true), dropped: loss.dropped };
  },
};
