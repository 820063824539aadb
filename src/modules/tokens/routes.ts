// tokens module: the hub's Receiver (eMSPs push tokens) and Sender (GET-All for CPOs).
import { z } from 'zod';
import { notFound } from '../../ocpi/errors';
import { PageQuery } from '../../ocpi/pagination';
import { partyKey } from '../../ocpi/routing';
import { Status } from '../../ocpi/status';
import { ciString, CountryCode, LocationReferences, PartyId, TokenType } from '../../ocpi/types';
import { assertId } from '../../ocpi/validate';
import { subpath } from '../../ocpi/url';
import { readerRoles } from '../../policy/roles';
import { route, type Context, type ModuleDef } from '../../pipeline/types';
import { authorize } from './authorize';
import { Token, TokenPatch } from './schema';
import { putToken, tokenFields, tokenKey, tokens } from './store';

const Params = z.object({ country_code: CountryCode, party_id: PartyId, token_uid: ciString(36) });
type Params = z.infer<typeof Params>;
// 2.2.1 tokens: `type` is optional in the query and defaults to RFID.
const TypeQuery = z.looseObject({ type: TokenType.default('RFID') });
type TypeQuery = z.infer<typeof TypeQuery>;
const PATH = '/:country_code/:party_id/:token_uid';
// The authorize body is optional; an empty body reaches the hub as {}, which means "no location references".
const AuthorizeBody = z.preprocess(
  (v) => (v && typeof v === 'object' && Object.keys(v).length === 0 ? undefined : v),
  LocationReferences.optional(),
);

const ownerOf = (ctx: Context<Params>) => partyKey(ctx.params);
const unknownToken = (uid: string) => notFound(`unknown token ${uid}`, Status.UNKNOWN_TOKEN);

function pushOf(ctx: Context<Params, TypeQuery, unknown>, method: 'PUT' | 'PATCH', seq: number) {
  const { country_code, party_id, token_uid } = ctx.params;
  const objectKey = tokenKey(ownerOf(ctx), token_uid, ctx.query.type);
  return {
    audience: { kind: 'broadcast' as const },
    method,
    subpath: `${subpath(country_code, party_id, token_uid)}?type=${ctx.query.type}`,
    body: ctx.body,
    objectKey,
    seq,
    scope: '',
  };
}

function assertIds(ctx: Context<Params, TypeQuery, Record<string, unknown>>) {
  assertId(ctx.body, 'uid', ctx.params.token_uid, 'token_uid');
  assertId(ctx.body, 'type', ctx.query.type, 'type');
  assertId(ctx.body, 'country_code', ctx.params.country_code);
  assertId(ctx.body, 'party_id', ctx.params.party_id);
}

export const tokensModule: ModuleDef = {
  identifier: 'tokens',
  routes: {
    RECEIVER: [
      route({
        method: 'GET',
        path: PATH,
        params: Params,
        query: TypeQuery,
        handle: async (ctx) => {
          const doc = await tokens.get({ key: tokenKey(ownerOf(ctx), ctx.params.token_uid, ctx.query.type) });
          if (!doc) throw unknownToken(ctx.params.token_uid);
          return { data: tokens.decode(doc) };
        },
      }),
      route({
        method: 'PUT',
        path: PATH,
        params: Params,
        query: TypeQuery,
        body: Token,
        handle: async (ctx) => {
          assertIds(ctx);
          const { created, rev } = await putToken(ownerOf(ctx), ctx.body, ctx.owner?.role);
          return { status: created ? 201 : 200, push: pushOf(ctx, 'PUT', rev) };
        },
      }),
      route({
        method: 'PATCH',
        path: PATH,
        params: Params,
        query: TypeQuery,
        body: TokenPatch,
        handle: async (ctx) => {
          assertIds(ctx);
          const owner = ownerOf(ctx);
          const saved = await tokens.update(tokenKey(owner, ctx.params.token_uid, ctx.query.type), (t) => {
            const object = { ...t, ...ctx.body };
            return { object, fields: tokenFields(owner, object, ctx.owner?.role) };
          });
          if (!saved) throw unknownToken(ctx.params.token_uid);
          return { push: pushOf(ctx, 'PATCH', saved.rev) };
        },
      }),
    ],
    SENDER: [
      route({
        method: 'GET',
        path: '/',
        query: PageQuery,
        callers: readerRoles('tokens'),
        handle: async () => ({ page: { store: tokens } }),
      }),
      route({
        method: 'POST',
        path: '/:token_uid/authorize',
        params: z.object({ token_uid: ciString(36) }),
        query: TypeQuery,
        body: AuthorizeBody,
        handle: authorize,
      }),
    ],
  },
};
