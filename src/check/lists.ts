// Sender list checks (2.2.1 transport_and_format, pagination): X-Total-Count and X-Limit, Link followed to the end
// (a bounded walk), offset and limit honoured, date_from (inclusive) and date_to (exclusive) honoured, stable order.
import { probe, type ProbeAnswer, type CheckContext } from './probe';
import { result, type CheckResult, type Exchange } from './report';
import { identity, lastUpdated, type ModuleSpec } from './modules';

const MAX_PAGES = 20;
const rule = (mod: string, aspect: string, title: string, text: string) => ({
  id: `lists.${mod}.${aspect}`,
  title,
  rule: `2.2.1 transport_and_format, pagination: ${text}`,
});

export interface Walk {
  items: Record<string, unknown>[];
  checks: CheckResult[];
}

const itemsOf = (a: ProbeAnswer): Record<string, unknown>[] | undefined => {
  const body = a.res?.body as { status_code?: unknown; data?: unknown } | undefined;
  return a.res?.status === 200 && body?.status_code === 1000 && Array.isArray(body.data)
    ? (body.data as Record<string, unknown>[])
    : undefined;
};
const nextLink = (a: ProbeAnswer) => /<([^>]+)>;\s*rel="?next"?/.exec(a.res?.headers.link ?? '')?.[1];
const withQuery = (url: string, q: Record<string, string>) => {
  const u = new URL(url);
  for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
  return u.toString();
};

/** Follows Link from the first page to the end (at most MAX_PAGES pages), collecting every object. */
export async function walkList(ctx: CheckContext, mod: ModuleSpec, url: string): Promise<Walk> {
  const R = rule(
    mod.name,
    'paging',
    `${mod.name}: X-Total-Count, X-Limit and Link to the end`,
    'a Sender list answers X-Total-Count and X-Limit, and Link to the next page while there is one',
  );
  const first = await probe(ctx, { url, routed: true });
  const items = itemsOf(first);
  if (!items)
    return {
      items: [],
      checks: [
        result(R, 'fail', first.ex.error ?? `no list in the answer (HTTP ${first.res?.status ?? '?'})`, [first.ex]),
      ],
    };
  const evidence: Exchange[] = [first.ex];
  const all = [...items];
  let next = nextLink(first);
  let pages = 1;
  while (next && pages < MAX_PAGES) {
    const page = await probe(ctx, { url: next, routed: true });
    evidence.push(page.ex);
    const more = itemsOf(page);
    if (!more)
      return {
        items: all,
        checks: [
          result(R, 'fail', `page ${pages + 1} is not a list (HTTP ${page.res?.status ?? '?'})`, evidence.slice(-2)),
        ],
      };
    all.push(...more);
    pages += 1;
    next = more.length > 0 ? nextLink(page) : undefined;
  }
  const total = Number(first.res?.headers['x-total-count']);
  const limit = first.res?.headers['x-limit'];
  const ids = all.map((o) => identity(mod, o));
  const problems = [
    first.res?.headers['x-total-count'] === undefined ? 'no X-Total-Count' : '',
    limit === undefined ? 'no X-Limit' : '',
    new Set(ids).size !== ids.length ? 'the walk returned an object twice' : '',
  ].filter(Boolean);
  if (problems.length > 0) return { items: all, checks: [result(R, 'fail', problems.join('; '), evidence)] };
  if (next)
    return {
      items: all,
      checks: [result(R, 'warn', `still a next page after ${MAX_PAGES} pages: stopped there`, evidence.slice(0, 2))],
    };
  if (total !== all.length)
    return {
      items: all,
      checks: [result(R, 'warn', `X-Total-Count says ${total}, the walk found ${all.length}`, evidence)],
    };
  return {
    items: all,
    checks: [result(R, 'pass', `${all.length} objects in ${pages} page(s), X-Limit ${limit}`, evidence.slice(0, 2))],
  };
}

/** offset=1&limit=1 must return the second object of offset=0&limit=2; limit must be honoured. */
export async function checkOffset(
  ctx: CheckContext,
  mod: ModuleSpec,
  url: string,
  walked: number,
): Promise<CheckResult> {
  const R = rule(
    mod.name,
    'offset',
    `${mod.name}: offset and limit honoured`,
    'offset skips that many objects; no more than limit objects are returned',
  );
  if (walked < 2) return result(R, 'warn', 'fewer than 2 objects: offset could not be tested');
  const two = await probe(ctx, { url: withQuery(url, { offset: '0', limit: '2' }), routed: true });
  const second = await probe(ctx, { url: withQuery(url, { offset: '1', limit: '1' }), routed: true });
  const a = itemsOf(two)?.map((o) => identity(mod, o)) ?? [];
  const b = itemsOf(second)?.map((o) => identity(mod, o)) ?? [];
  const evidence = [two.ex, second.ex];
  if (a.length > 2 || b.length > 1)
    return result(R, 'fail', `limit ignored: asked for 2 and 1, got ${a.length} and ${b.length}`, evidence);
  if (b[0] === undefined || b[0] !== a[1])
    return result(
      R,
      'fail',
      `offset=1 returned ${b[0] ?? 'nothing'}, expected the second object ${a[1] ?? '?'}`,
      evidence,
    );
  return result(R, 'pass', 'offset=1&limit=1 returned the second object', evidence);
}

/** Filters on a pivot date from the walk: every object at or after it with date_from, before it with date_to. */
export async function checkDateFilters(
  ctx: CheckContext,
  mod: ModuleSpec,
  url: string,
  items: Record<string, unknown>[],
): Promise<CheckResult> {
  const R = rule(
    mod.name,
    'dates',
    `${mod.name}: date_from and date_to honoured`,
    'date_from is inclusive and date_to exclusive, both on last_updated',
  );
  const times = items
    .map(lastUpdated)
    .filter((t): t is number => t !== undefined)
    .sort((x, y) => x - y);
  const pivot = times[Math.floor(times.length / 2)];
  if (pivot === undefined || times[0] === pivot)
    return result(R, 'warn', 'not enough objects with distinct last_updated to test the filters');
  const at = new Date(pivot).toISOString().replace(/\.000Z$/, 'Z');
  const from = await probe(ctx, { url: withQuery(url, { date_from: at }), routed: true });
  const to = await probe(ctx, { url: withQuery(url, { date_to: at }), routed: true });
  const early = (itemsOf(from) ?? []).filter((o) => (lastUpdated(o) ?? 0) < pivot).length;
  const late = (itemsOf(to) ?? []).filter((o) => (lastUpdated(o) ?? 0) >= pivot).length;
  const evidence = [from.ex, to.ex];
  if (!itemsOf(from) || !itemsOf(to)) return result(R, 'fail', 'a filtered request did not answer a list', evidence);
  if (early > 0 || late > 0)
    return result(
      R,
      'fail',
      `date_from=${at} returned ${early} older object(s); date_to returned ${late} not older`,
      evidence,
    );
  return result(R, 'pass', `filtered on ${at}`, evidence);
}

/** The same first page twice gives the same objects in the same order. */
export async function checkOrder(ctx: CheckContext, mod: ModuleSpec, url: string): Promise<CheckResult> {
  const R = rule(
    mod.name,
    'order',
    `${mod.name}: stable order`,
    'pages of one list are cut from one stable order, or walking them loses objects',
  );
  const one = await probe(ctx, { url: withQuery(url, { offset: '0', limit: '5' }), routed: true });
  const two = await probe(ctx, { url: withQuery(url, { offset: '0', limit: '5' }), routed: true });
  const a = (itemsOf(one) ?? []).map((o) => identity(mod, o)).join(',');
  const b = (itemsOf(two) ?? []).map((o) => identity(mod, o)).join(',');
  if (a !== b) return result(R, 'fail', 'the same page twice came back in a different order', [one.ex, two.ex]);
  return result(R, 'pass', 'same order twice', [one.ex]);
}
