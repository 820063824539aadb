// GET-All from the hub's store (a Sender GET list addressed to the hub): the visible objects, one page.
import { config } from '../config';
import type { ObjectStore } from '../db/objects';
import { forbidden } from '../ocpi/errors';
import { pageHeaders, pageRequest, type PageQuery } from '../ocpi/pagination';
import { agreements } from '../policy/agreements';
import { visibleTo, type Filter } from '../policy/visibility';
import type { ModuleId } from '../policy/roles';
import type { Context, Outcome } from './types';

/** `narrow` and `present`: a module's own further rule and view (locations: publish), on top of visibility. */
export async function listPage(ctx: Context<unknown, PageQuery>, module: ModuleId, store: ObjectStore, narrow?: Filter, present: (o: Record<string, unknown>) => unknown = (o) => o): Promise<Outcome> {
  const filter = await visibleFilter(ctx, module);
  const req = pageRequest(ctx.query);
  const page = await store.page(narrow ? { $and: [filter, narrow] } : filter, req);
  const url = new URL(ctx.req.originalUrl, config.publicUrl);
  return { data: page.items.map((item) => present(store.decode(item))), headers: pageHeaders(url, ctx.query, req, page) };
}

/** The visibility filter for single-object Sender GETs. */
export async function visibleFilter(ctx: Context, module: ModuleId): Promise<Filter> {
  const filter = visibleTo(module, ctx.acting, await agreements());
  if (!filter) throw forbidden(`nothing in ${module} is visible to this party`);
  return filter;
}

/** `/{cc}/{pid}/{id}/...` as forwarded to a receiver, each segment as the sender wrote it. */
export const subpath = (...segments: (string | undefined)[]) =>
  segments
    .filter((s): s is string => s !== undefined)
    .map((s) => `/${encodeURIComponent(s)}`)
    .join('');
