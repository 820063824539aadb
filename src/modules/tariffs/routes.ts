// tariffs module: the hub's Receiver (CPOs PUT and DELETE tariffs) and Sender (GET-All).
import { z } from 'zod';
import { notFound } from '../../ocpi/errors';
import { PageQuery } from '../../ocpi/pagination';
import { partyKey } from '../../ocpi/routing';
import { ciString, CountryCode, PartyId } from '../../ocpi/types';
import { assertId } from '../../ocpi/validate';
import { subpath } from '../../ocpi/url';
import { readerRoles } from '../../policy/roles';
import { route, type Context, type ModuleDef } from '../../pipeline/types';
import { Tariff } from './schema';
import { putTariff, tariffKey, tariffs } from './store';

const Params = z.object({ country_code: CountryCode, party_id: PartyId, tariff_id: ciString(36) });
type Params = z.infer<typeof Params>;
const PATH = '/:country_code/:party_id/:tariff_id';

const keyOf = (ctx: Context<Params>) => tariffKey(partyKey(ctx.params), ctx.params.tariff_id);
const pushOf = (ctx: Context<Params>, method: 'PUT' | 'DELETE', seq: number, body?: unknown) => ({
  audience: { kind: 'broadcast' as const },
  method,
  subpath: subpath(ctx.params.country_code, ctx.params.party_id, ctx.params.tariff_id),
  body,
  objectKey: keyOf(ctx),
  seq,
  scope: '',
});

export const tariffsModule: ModuleDef = {
  identifier: 'tariffs',
  routes: {
    RECEIVER: [
      route({
        method: 'GET',
        path: PATH,
        params: Params,
        handle: async (ctx) => {
          const doc = await tariffs.get({ key: keyOf(ctx) });
          if (!doc) throw notFound(`unknown tariff ${ctx.params.tariff_id}`);
          return { data: tariffs.decode(doc) };
        },
      }),
      route({
        method: 'PUT',
        path: PATH,
        params: Params,
        body: Tariff,
        handle: async (ctx) => {
          const { params, body } = ctx;
          assertId(body, 'id', params.tariff_id, 'tariff_id');
          assertId(body, 'country_code', params.country_code, 'country_code');
          assertId(body, 'party_id', params.party_id, 'party_id');
          const { created, rev } = await putTariff(partyKey(params), body);
          return { status: created ? 201 : 200, push: pushOf(ctx, 'PUT', rev, body) };
        },
      }),
      route({
        method: 'DELETE',
        path: PATH,
        params: Params,
        handle: async (ctx) => {
          const rev = await tariffs.remove(keyOf(ctx));
          if (rev === null) throw notFound(`unknown tariff ${ctx.params.tariff_id}`);
          return { push: pushOf(ctx, 'DELETE', rev) };
        },
      }),
    ],
    SENDER: [
      route({
        method: 'GET',
        path: '/',
        query: PageQuery,
        callers: readerRoles('tariffs'),
        handle: async () => ({ page: { store: tariffs } }),
      }),
    ],
  },
};
