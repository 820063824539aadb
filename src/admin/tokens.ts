// Data-subject requests: erase a token's personal data everywhere the hub holds it (tokens, the cdr_token of
// sessions and CDRs, locations' publish_allowed_to, queued and delivered outbox payloads), leaving only the blind index
// behind.
import { Router } from 'express';
import { z } from 'zod';
import { cdrs } from '../modules/cdrs/store';
import { erasePublishEntries } from '../modules/locations/store';
import { sessions } from '../modules/sessions/store';
import { tokens, uidIndex } from '../modules/tokens/store';
import { ciString, CountryCode, PartyId } from '../ocpi/types';
import { partyKey } from '../ocpi/routing';
import { OutboxModel } from '../outbox/model';
import { directory } from '../parties/directory';
import type { ObjectStore, StoredObject } from '../db/objects';
import { parseAdmin } from './schema';

export const Params = z.object({ country_code: CountryCode, party_id: PartyId, uid: ciString(36) });
const ERASED = 'ERASED';

/** Replaces the personal fields of cdr_token (and the authorization reference) in each matching object. */
async function eraseIn(store: ObjectStore, filter: Record<string, unknown>): Promise<string[]> {
  const keys = (await store.model.find(filter, { key: 1 }).lean<{ key: string }[]>()).map((d) => d.key);
  for (const key of keys) {
    await store.update(key, (o) => {
      const token = { ...(o.cdr_token as Record<string, unknown>), uid: ERASED, contract_id: ERASED };
      const object = {
        ...o,
        cdr_token: token,
        ...(o.authorization_reference ? { authorization_reference: ERASED } : {}),
      };
      return { object, fields: { token_index: ERASED } };
    });
  }
  return keys;
}

export const tokensAdminRouter = Router();

tokensAdminRouter.delete('/:country_code/:party_id/:uid', async (req, res) => {
  const p = parseAdmin(Params, req.params);
  const owner = partyKey(p);
  const index = uidIndex(p.uid);
  const escaped = `${owner}*${index}*`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const held = (await tokens.model.find({ owner, uid_index: index }).lean<StoredObject[]>()).map(tokens.decode);
  const removedTokens = await tokens.model.deleteMany({ owner, uid_index: index });
  const locationKeys = await erasePublishEntries(p.uid, held);
  const sessionKeys = await eraseIn(sessions, { emsp: owner, token_index: index });
  const cdrKeys = await eraseIn(cdrs, { emsp: owner, token_index: index });
  // Outbox payloads are sealed copies of the same data: those rows go, whatever their state.
  // A location's copy for the token's own eMSP lists the entries its tokens satisfy: those rows go too.
  const ownPlatforms = (await directory()).findKey(owner).map((e) => e.platform._id);
  const outbox = await OutboxModel.deleteMany({
    $or: [
      { object_key: { $regex: `^${escaped}` } },
      { object_key: { $in: [...sessionKeys, ...cdrKeys] } },
      { object_key: { $in: locationKeys }, platform_id: { $in: ownPlatforms } },
    ],
  });
  req.log.info('data-subject erasure', { owner, token_index: index });
  res.json({
    erased: {
      tokens: removedTokens.deletedCount,
      sessions: sessionKeys.length,
      cdrs: cdrKeys.length,
      locations: locationKeys.length,
      outbox_rows: outbox.deletedCount,
    },
  });
});
