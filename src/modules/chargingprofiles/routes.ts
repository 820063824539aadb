// chargingprofiles module: eMSPs call the hub's Receiver (GET/PUT/DELETE a session's profile), relayed to the
// session's CPO with response_url proxied (body or query); CPOs PUT ActiveChargingProfile updates to the
// hub's Sender, relayed to the session's eMSP.
import { z } from 'zod';
import { invalidParameters, unknownReceiver } from '../../ocpi/errors';
import { ciString, Url } from '../../ocpi/types';
import { directory } from '../../parties/directory';
import { route, type Context, type Decision, type ModuleDef } from '../../pipeline/types';
import { visibleFilter } from '../../policy/visibility';
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
  if (parties.length === 0)
    throw unknownReceiver(
      `no session ${ctx.params.session_id} of this party is known to the hub: name the receiver with OCPI-to-*`,
    );
  if (parties.length > 1)
    throw invalidParameters(`session ${ctx.params.session_id} is ambiguous: name the receiver with OCPI-to-*`);
  return (await directory()).findKey(parties[0] as string);
}

/** To the session's CPO; the route's `proxy` has the pipeline replace response_url (query or body) first. */
const toCpo = async (ctx: Context<Params>): Promise<Decision> => ({
  relay: { to: await counterpart(ctx, 'RECEIVER') },
});

export const chargingprofilesModule: ModuleDef = {
  identifier: 'chargingprofiles',
  routes: {
    RECEIVER: [
      route({
        method: 'GET',
        path: '/:session_id',
        params: Params,
        query: GetQuery,
        proxy: { response_url: 'query' },
        handle: toCpo,
      }),
      route({
        method: 'PUT',
        path: '/:session_id',
        params: Params,
        body: SetChargingProfile,
        proxy: { response_url: 'body' },
        handle: toCpo,
      }),
      route({
        method: 'DELETE',
        path: '/:session_id',
        params: Params,
        query: DeleteQuery,
        proxy: { response_url: 'query' },
        handle: toCpo,
      }),
    ],
    SENDER: [
      route({
        method: 'PUT',
        path: '/:session_id',
        params: Params,
        body: ActiveChargingProfile,
        handle: async (ctx) => ({ relay: { to: await counterpart(ctx, 'SENDER') } }),
      }),
    ],
  },
};
