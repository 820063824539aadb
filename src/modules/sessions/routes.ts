// sessions module: the hub's Receiver (CPOs PUT and PATCH sessions, forwarded to the owner eMSP) and Sender (GET-All).
import { z } from 'zod';
import { notFound, unknownReceiver } from '../../ocpi/errors';
import { PageQuery } from '../../ocpi/pagination';
import { partyKey } from '../../ocpi/routing';
import { ciString, CountryCode, PartyId } from '../../ocpi/types';
import { assertId } from '../../ocpi/validate';
import { directory } from '../../parties/directory';
import { subpath } from '../../ocpi/url';
import { visibleFilter } from '../../policy/visibility';
import { readerRoles } from '../../policy/roles';
import { route, type Context, type Push, type ModuleDef } from '../../pipeline/types';
import { ChargingPreferences, Session, SessionPatch } from './schema';
import { sessionFields, sessionKey, sessionParty, sessions } from './store';

const Params = z.object({ country_code: CountryCode, party_id: PartyId, session_id: ciString(36) });
type Params = z.infer<typeof Params>;
type Obj = Record<string, unknown>;
const PATH = '/:country_code/:party_id/:session_id';

const ownerOf = (ctx: Context<Params>) => partyKey(ctx.params);

/** Sessions go to their owner eMSP only (never broadcast): the one named in the stored cdr_token. */
const toOwnerEmsp = (
  ctx: Context<Params, unknown, unknown>,
  session: Obj,
  method: 'PUT' | 'PATCH',
  seq: number,
): Push => {
  const emsp = session.cdr_token as { country_code: string; party_id: string };
  const { country_code, party_id, session_id } = ctx.params;
  return {
    audience: { kind: 'party', country_code: emsp.country_code, party_id: emsp.party_id },
    method,
    subpath: subpath(country_code, party_id, session_id),
    body: ctx.body,
    objectKey: sessionKey(ownerOf(ctx), session_id),
    seq,
    scope: '',
  };
};

/** 2.2.1 sessions PATCH: charging_periods in a PATCH are added to the list, not replacing it. */
const merge = (s: Obj, patch: Obj): Obj =>
  patch.charging_periods == null
    ? { ...s, ...patch }
    : {
        ...s,
        ...patch,
        charging_periods: [...((s.charging_periods as unknown[]) ?? []), ...(patch.charging_periods as unknown[])],
      };

export const sessionsModule: ModuleDef = {
  identifier: 'sessions',
  routes: {
    RECEIVER: [
      route({
        method: 'GET',
        path: PATH,
        params: Params,
        handle: async (ctx) => {
          const doc = await sessions.get({ key: sessionKey(ownerOf(ctx), ctx.params.session_id) });
          if (!doc) throw notFound(`unknown session ${ctx.params.session_id}`);
          return { data: sessions.decode(doc) };
        },
      }),
      route({
        method: 'PUT',
        path: PATH,
        params: Params,
        body: Session,
        handle: async (ctx) => {
          assertId(ctx.body, 'id', ctx.params.session_id, 'session_id');
          assertId(ctx.body, 'country_code', ctx.params.country_code);
          assertId(ctx.body, 'party_id', ctx.params.party_id);
          const owner = ownerOf(ctx);
          const { created, rev } = await sessions.put(
            sessionKey(owner, ctx.body.id),
            ctx.body,
            sessionFields(owner, ctx.body),
          );
          return { status: created ? 201 : 200, push: toOwnerEmsp(ctx, ctx.body, 'PUT', rev) };
        },
      }),
      route({
        method: 'PATCH',
        path: PATH,
        params: Params,
        body: SessionPatch,
        handle: async (ctx) => {
          assertId(ctx.body, 'id', ctx.params.session_id, 'session_id');
          const owner = ownerOf(ctx);
          const saved = await sessions.update(sessionKey(owner, ctx.params.session_id), (s) => {
            const object = merge(s, ctx.body);
            return { object, fields: sessionFields(owner, object) };
          });
          if (!saved) throw notFound(`unknown session ${ctx.params.session_id}`);
          return { push: toOwnerEmsp(ctx, saved.object, 'PATCH', saved.rev) };
        },
      }),
    ],
    SENDER: [
      route({
        method: 'GET',
        path: '/',
        query: PageQuery,
        callers: readerRoles('sessions'),
        handle: async () => ({ page: { store: sessions } }),
      }),
      // 2.2.1 sessions Sender: an eMSP sets charging preferences; open routing finds the session's CPO.
      route({
        method: 'PUT',
        path: '/:session_id/charging_preferences',
        params: z.object({ session_id: ciString(36) }),
        body: ChargingPreferences,
        handle: async (ctx) => {
          const owners = await sessionParty(await visibleFilter(ctx, 'sessions'), ctx.params.session_id, 'owner');
          if (owners.length !== 1)
            throw unknownReceiver(
              `no single session ${ctx.params.session_id} of this party is known to the hub: name its CPO with OCPI-to-*`,
            );
          return { relay: { to: (await directory()).findKey(owners[0] as string) } };
        },
      }),
    ],
  },
};
