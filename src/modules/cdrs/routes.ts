// cdrs module: the hub's Receiver (CPOs POST CDRs, forwarded to the owner eMSP; GET of the hub's copy) and Sender
// (GET-All).
import { z } from 'zod';
import { config } from '../../config';
import { canonicalize } from '../../crypto/jcs';
import { invalidParameters, notFound } from '../../ocpi/errors';
import { PageQuery } from '../../ocpi/pagination';
import { partyKey } from '../../ocpi/routing';
import { ciString, CountryCode, PartyId } from '../../ocpi/types';
import { subpath } from '../../ocpi/url';
import { visibleFilter } from '../../policy/visibility';
import { readerRoles } from '../../policy/roles';
import { route, type ModuleDef } from '../../pipeline/types';
import { Cdr } from './schema';
import { cdrFields, cdrKey, cdrs } from './store';

const CopyParams = z.object({ country_code: CountryCode, party_id: PartyId, cdr_id: ciString(39) });
const RECEIVER_PATH = '/ocpi/2.2.1/cdrs/receiver';
const copyUrl = (c: { country_code: string; party_id: string; id: string }) =>
  `${config.publicUrl}${RECEIVER_PATH}${subpath(c.country_code, c.party_id, c.id)}`;

export const cdrsModule: ModuleDef = {
  identifier: 'cdrs',
  routes: {
    RECEIVER: [
      route({
        method: 'POST',
        path: '/',
        body: Cdr,
        namespace: ({ body }) => body,
        handle: async (ctx) => {
          const cdr = ctx.body;
          const owner = partyKey(cdr);
          const key = cdrKey(owner, cdr.id);
          const existing = await cdrs.get({ key });
          const headers = { Location: copyUrl(cdr) };
          if (existing) {
            // A retried POST of the same CDR is answered again, not forwarded twice; a different one is refused.
            if (canonicalize(cdrs.decode(existing)) === canonicalize(cdr)) return { status: 200, headers };
            throw invalidParameters(`CDR ${cdr.id} exists and CDRs cannot change: send a credit CDR instead`);
          }
          const { rev } = await cdrs.put(key, cdr, cdrFields(owner, cdr));
          const emsp = {
            kind: 'party' as const,
            country_code: cdr.cdr_token.country_code,
            party_id: cdr.cdr_token.party_id,
          };
          return {
            status: 201,
            headers,
            push: { audience: emsp, method: 'POST', subpath: '', body: cdr, objectKey: key, seq: rev },
          };
        },
      }),
      // The URL of the hub's copy (the POST's Location header): for the owner CPO and the owner eMSP.
      route({
        method: 'GET',
        path: '/:country_code/:party_id/:cdr_id',
        params: CopyParams,
        callers: ['CPO', 'EMSP'],
        namespace: false,
        handle: async (ctx) => {
          const doc = await cdrs.get({
            ...(await visibleFilter(ctx, 'cdrs')),
            key: cdrKey(partyKey(ctx.params), ctx.params.cdr_id),
          });
          if (!doc) throw notFound(`unknown CDR ${ctx.params.cdr_id}`);
          return { data: cdrs.decode(doc) };
        },
      }),
    ],
    SENDER: [
      route({
        method: 'GET',
        path: '/',
        query: PageQuery,
        callers: readerRoles('cdrs'),
        handle: async () => ({ page: { store: cdrs } }),
      }),
    ],
  },
};
