// chargingprofiles module: eMSPs call the hub's Receiver (GET/PUT/DELETE a session's profile), relayed to the
// session's CPO with response_url proxied (body or query); CPOs PUT ActiveChargingProfile updates to the
// hub's Sender, relayed to the session's eMSP.
import { z } from 'zod';
import { invalidParameters, unknownReceiver } from '../../ocpi/errors';
import { ciString, Url } from '../../ocpi/types';
import { directory } from '../../parties/directory';
import { pickTarget, proxyResponseUrl, relayFor } from '../../pipeline/relay';
import { subpath, visibleFilter } from '../../pipeline/page';
import { route, type Context, type ModuleDef, type Outcome } from '../../pipeline/types';
import type { Iface } from '../../policy/roles';
import { sessionParty } from '../sessions/store';
import { ActiveChargingProfile, SetChargingProfile } from './schema';

const Params = z.object({ session_id: ciString(36) });
type Params = z.infer<typeof Params>;
const GetQuery = z.looseObject({ duration: z.coerce.number().int().min(0), response_url: Url });
const DeleteQuery = z.looseObject({ response_url: Url });

/** The party on the other side of the session: its CPO for the Receiver, its eMSP for the Sender. */
async function counterpart(ctx: Context<Params>, iface: Iface) {
  if (ctx.routing.mode === 'direct' && ctx.routing.to) return ctx.routing.to;
  const side = iface === 'RECEIVER' ? 'owner' : 'emsp';
  const parties = await sessionParty(await visibleFilter(ctx, 'sessions'), ctx.params.session_id, side);
  if (parties.length === 0) throw unknownReceiver(`no session ${ctx.params.session_id} of this party is known to the hub: name the receiver with OCPI-to-*`);
  if (parties.length > 1) throw invalidParameters(`session ${ctx.params.session_id} is ambiguous: name the receiver with OCPI-to-*`);
  return (await directory()).findKey(parties[0] as string);
}

/** Relays to the session's CPO with response_url (in the query or the body) replaced by a hub proxy. */
async function toCpo(ctx: Context<Params, unknown, unknown>): Promise<Outcome> {
  const entries = await counterpart(ctx, 'RECEIVER');
  const target = pickTarget(entries, 'chargingprofiles', 'RECEIVER');
  const body0 = ctx.body as Record<string, unknown> | undefined; // SetChargingProfile (PUT) or none
  const original = String(body0?.response_url ?? (ctx.query as { response_url: string }).response_url);
  const proxied = await proxyResponseUrl(ctx, 'chargingprofiles', target, original);
  const query = new URLSearchParams(ctx.req.url.split('?')[1] ?? '');
  if (query.has('response_url')) query.set('response_url', proxied);
  const path = subpath(ctx.params.session_id) + (query.size > 0 ? `?${query}` : '');
  const body = body0 ? { ...body0, response_url: proxied } : undefined;
  return { relayed: await relayFor(ctx, 'chargingprofiles', 'RECEIVER', entries, { path, body }) };
}

export const chargingprofilesModule: ModuleDef = {
  identifier: 'chargingprofiles',
  routes: {
    RECEIVER: [
      route({ method: 'GET', path: '/:session_id', params: Params, query: GetQuery, selfRouted: true, handle: toCpo }),
      route({ method: 'PUT', path: '/:session_id', params: Params, body: SetChargingProfile, selfRouted: true, handle: toCpo }),
      route({ method: 'DELETE', path: '/:session_id', params: Params, query: DeleteQuery, selfRouted: true, handle: toCpo }),
    ],
    SENDER: [
      route({
        method: 'PUT', path: '/:session_id', params: Params, body: ActiveChargingProfile,
        handle: async (ctx) => ({ relayed: await relayFor(ctx, 'chargingprofiles', 'SENDER', await counterpart(ctx, 'SENDER')) }),
      }),
    ],
  },
};
