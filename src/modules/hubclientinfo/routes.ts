// hubclientinfo module: the hub's Sender, a paginated list of the parties connected to the hub and their status.
import { Router } from 'express';
import { config } from '../../config';
import { envelope } from '../../ocpi/envelope';
import { pageHeaders, PageQuery, pageRequest } from '../../ocpi/pagination';
import { parseOcpi } from '../../ocpi/validate';
import { clientInfo } from '../../parties/announce';
import { authenticateParty, partyOf } from '../../parties/auth';
import type { Platform, RoleEntry } from '../../parties/model';
import { agreements } from '../../policy/agreements';
import { listPlatforms } from '../../parties/store';
import type { ServedInterface } from '../versions/routes';
import { DETAILS_PATH } from '../versions/routes';

const router = Router();
router.use(authenticateParty);

// The list is as long as the number of parties: filtered and paged in memory, oldest change first.
router.get('/', async (req, res) => {
  const query = parseOcpi(PageQuery, req.query, 'query');
  const page = pageRequest(query);
  const me = partyOf(req).platform;
  const agreed = await agreements();
  // a party sees only the parties it may trade with (and its own roles)
  const mayKnow = (r: RoleEntry, p: Platform) =>
    p._id.equals(me._id) || me.roles.some((mine) => agreed.mayTrade(mine, r));
  const all = (await listPlatforms())
    .flatMap((p) =>
      p.roles.filter((r) => mayKnow(r, p)).map((r) => ({ info: clientInfo(r, p), at: r.status_at ?? p.updated_at })),
    )
    .filter((x) => (!page.from || x.at >= page.from) && (!page.to || x.at < page.to))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const items = all.slice(page.offset, page.offset + page.limit).map((x) => x.info);
  const url = new URL(req.originalUrl, config.publicUrl);
  res.set(pageHeaders(url, query, page, { items, total: all.length })).json(envelope(items));
});

export const interfaces: ServedInterface[] = [
  { identifier: 'hubclientinfo', role: 'SENDER', path: `${DETAILS_PATH}/hubclientinfo`, router },
];
