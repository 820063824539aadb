// A CPO's push to its locations (2.2.1 locations Receiver): a whole location replaced, or a change inside one
// (location PATCH, EVSE or connector PUT/PATCH) applied to the stored document in one atomic update; either way the
// call goes on to the recipients as received, after the store revision it made (FIFO per object).
import { partyKey } from '../../ocpi/routing';
import { assertId } from '../../ocpi/validate';
import { subpath } from '../../ocpi/url';
import type { Answer, Context } from '../../pipeline/types';
import { unknownLocation } from './nested';
import { publishAudience } from './publish';
import type { Location } from './schema';
import { locationFields, locationKey, locations, putLocation } from './store';

export interface Params {
  country_code: string;
  party_id: string;
  location_id: string;
  evse_uid?: string;
  connector_id?: string;
}
type Obj = Record<string, unknown>;

const owned = (ctx: Context<Params>) => partyKey(ctx.params);

/** PUT of a whole location: stored, then pushed to the eMSPs its publish rules allow. */
export async function replaceLocation(ctx: Context<Params, unknown, Location>): Promise<Answer> {
  const { params, body } = ctx;
  const owner = owned(ctx);
  assertId(body, 'id', params.location_id, 'location_id');
  assertId(body, 'country_code', params.country_code, 'country_code');
  assertId(body, 'party_id', params.party_id, 'party_id');
  const { created, rev } = await putLocation(owner, body);
  const { only, bodyFor } = await publishAudience(body);
  const push = {
    audience: { kind: 'broadcast' as const, only },
    bodyFor,
    method: 'PUT' as const,
    subpath: subpath(params.country_code, params.party_id, params.location_id),
    body,
    objectKey: locationKey(owner, params.location_id),
    seq: rev,
    scope: '',
  };
  return { status: created ? 201 : 200, push };
}

/** Stores a change inside a location and forwards the call as received. */
export async function changeInside(
  ctx: Context<Params, unknown, Obj>,
  change: (l: Obj) => { object: Obj; created: boolean },
): Promise<Answer> {
  const owner = owned(ctx);
  const key = locationKey(owner, ctx.params.location_id);
  let created = false;
  const saved = await locations.update(key, (l) => {
    const next = change(l);
    created = next.created;
    return { object: next.object, fields: locationFields(owner, next.object) };
  });
  if (!saved) throw unknownLocation(ctx.params.location_id);
  const { country_code, party_id, location_id, evse_uid, connector_id } = ctx.params;
  const push = {
    audience: { kind: 'broadcast' as const, only: (await publishAudience(saved.object)).only },
    method: ctx.call.method as 'PUT' | 'PATCH',
    subpath: subpath(country_code, party_id, location_id, evse_uid, connector_id),
    body: ctx.body,
    objectKey: key,
    seq: saved.rev,
    scope: subpath(evse_uid, connector_id).toUpperCase(),
  };
  return { status: created ? 201 : 200, push };
}

export const hasEvse = (l: Obj, uid: string) =>
  (l.evses as Obj[] | undefined)?.some((e) => String(e.uid).toUpperCase() === uid.toUpperCase()) ?? false;
