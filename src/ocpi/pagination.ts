// Pagination of Sender GET lists (transport_and_format): date_from inclusive, date_to exclusive, offset, limit,
// X-Total-Count, X-Limit and a Link to the next page that keeps the filters.
import { z } from 'zod';
import { config } from '../config';
import { DateTime, toInstant } from './types';

// The latest instant a JavaScript Date (and so a stored last_updated) can hold.
const MAX_INSTANT_MS = 8.64e15;
const count = z.coerce.number().int().max(Number.MAX_SAFE_INTEGER);

export const PageQuery = z.looseObject({
  date_from: DateTime.optional(),
  date_to: DateTime.optional(),
  offset: count.min(0).default(0),
  limit: count.min(1).optional(),
  // The hub's own keyset cursor (last row of the previous page), so a deep page costs what the first does.
  cursor: z
    .string()
    .regex(/^\d{1,16}\.[0-9a-f]{24}$/, 'not a cursor this hub issued')
    .refine((c) => Number(c.split('.')[0]) <= MAX_INSTANT_MS, 'not a cursor this hub issued')
    .optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export interface PageRequest {
  from?: Date;
  to?: Date;
  offset: number;
  limit: number;
  after?: { lastUpdated: Date; id: string };
}

export function pageRequest(q: PageQuery): PageRequest {
  const [ms, id] = q.cursor?.split('.') ?? [];
  return {
    from: q.date_from ? toInstant(q.date_from) : undefined,
    to: q.date_to ? toInstant(q.date_to) : undefined,
    offset: q.offset,
    limit: Math.min(q.limit ?? config.pageLimit, config.pageLimit),
    after: ms && id ? { lastUpdated: new Date(Number(ms)), id } : undefined,
  };
}

export interface PageResult<T> {
  items: T[];
  total: number;
  last?: { lastUpdated: Date; id: string };
}

/** Headers of a page; `url` is the request's own URL on the hub (path and query). */
export function pageHeaders(
  url: URL,
  q: PageQuery,
  req: PageRequest,
  page: PageResult<unknown>,
): Record<string, string> {
  const headers: Record<string, string> = { 'X-Total-Count': String(page.total), 'X-Limit': String(config.pageLimit) };
  const nextOffset = req.offset + page.items.length;
  if (page.items.length === req.limit && nextOffset < page.total) {
    const next = new URL(url);
    next.searchParams.set('offset', String(nextOffset));
    next.searchParams.set('limit', String(req.limit));
    if (page.last) next.searchParams.set('cursor', `${page.last.lastUpdated.getTime()}.${page.last.id}`);
    if (q.date_from) next.searchParams.set('date_from', q.date_from);
    if (q.date_to) next.searchParams.set('date_to', q.date_to);
    headers.Link = `<${next.toString()}>; rel="next"`;
  }
  return headers;
}
