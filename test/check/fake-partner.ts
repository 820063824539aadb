// A CPO backend for the checker's tests, correct unless told to plant one fault: it serves versions, 2.2.1
// details, its credentials and four paginated Sender lists (2 per page), with the faults real partners have.
import express, { type Request, type Response } from 'express';
import { aCdr, aLocation, aSession, aTariff } from '../builders';
import { FakeServer, type Recorded } from '../harness/fake-server';

export type Fault =
  'ignores-offset' | 'drops-request-id' | 'raw-token-only' | 'invalid-cdrs' | 'offset-timestamps' | 'receivers-down';

const PAGE = 2;
const stamp = (i: number) => new Date(Date.UTC(2025, 5, 2, 8, i)).toISOString().replace('.000Z', 'Z');
const withOffset = (s: string) => s.replace(/Z$/, '+02:00');

function lists(fault?: Fault): Record<string, Record<string, unknown>[]> {
  const n = [0, 1, 2, 3, 4];
  const cdrs = n.map((i) => aCdr({ id: `CDR-${i}`, last_updated: stamp(i) }) as Record<string, unknown>);
  if (fault === 'invalid-cdrs') for (const c of cdrs.slice(1, 3)) delete c.total_cost;
  const sessions = n.map((i) => aSession({ id: `S-${i}`, last_updated: stamp(i) }));
  return {
    locations: n.map((i) =>
      aLocation({
        id: `LOC-${i}`,
        last_updated: fault === 'offset-timestamps' && i === 3 ? withOffset(stamp(i)) : stamp(i),
      }),
    ),
    sessions,
    cdrs,
    tariffs: n.map((i) => aTariff({ id: `T-${i}`, last_updated: stamp(i) })),
  };
}

export class FakePartner extends FakeServer {
  /** Its one token, for the hub's calls and handed to the hub in every handshake (hubToken: the hub's token). */
  readonly token = 'partner-token-for-the-hub';
  private readonly data: Record<string, Record<string, unknown>[]>;
  /** What was pushed to its Receiver interfaces, by path. */
  private readonly stored = new Map<string, unknown>();

  constructor(
    readonly fault?: Fault,
    readonly partyId = 'VLT',
  ) {
    super([express.json()]);
    this.data = lists(fault);
    this.accepted.add(this.token);
  }

  get versionsUrl() {
    return `${this.url}/ocpi/versions`;
  }

  private send(req: Request, res: Response, status: number, data?: unknown, headers: Record<string, string> = {}) {
    if (this.fault !== 'drops-request-id') res.set('X-Request-ID', String(req.headers['x-request-id'] ?? ''));
    res.set('X-Correlation-ID', String(req.headers['x-correlation-id'] ?? ''));
    res
      .status(status)
      .set(headers)
      .json({
        ...(data === undefined ? {} : { data }),
        status_code: status === 200 ? 1000 : 2000,
        timestamp: new Date().toISOString(),
      });
  }

  protected async handle(req: Request, res: Response, rec: Recorded) {
    if (await this.steered(rec, res)) return;
    const encoding = this.fault === 'raw-token-only' ? 'raw' : 'base64';
    if (!this.authorized(req.headers.authorization, encoding)) return this.send(req, res, 401);
    const base = `${this.url}/ocpi/cpo/2.2.1`;
    if (req.path === '/ocpi/versions') return this.send(req, res, 200, [{ version: '2.2.1', url: base }]);
    if (req.path === '/ocpi/cpo/2.2.1') {
      const senders = Object.keys(this.data).map((m) => ({ identifier: m, role: 'SENDER', url: `${base}/${m}/` }));
      const receivers = ['credentials', 'tokens', 'commands'].map((m) => ({
        identifier: m,
        role: 'RECEIVER',
        url: `${base}/${m}/`,
      }));
      return this.send(req, res, 200, { version: '2.2.1', endpoints: [...receivers, ...senders] });
    }
    if (req.path === '/ocpi/cpo/2.2.1/credentials/') {
      // a hub-initiated handshake (POST) gets the same token back: this partner has one token for the hub
      if (req.method === 'POST') this.hubToken = (req.body as { token?: string }).token;
      return this.send(req, res, 200, {
        token: this.token,
        url: this.versionsUrl,
        roles: [{ role: 'CPO', country_code: 'NL', party_id: this.partyId, business_details: { name: 'Voltaplein' } }],
      });
    }
    if (/^\/ocpi\/cpo\/2\.2\.1\/(tokens|commands)\//.test(req.path)) return this.receive(req, res);
    const mod = /^\/ocpi\/cpo\/2\.2\.1\/(\w+)\/?$/.exec(req.path)?.[1];
    const items = mod ? this.data[mod] : undefined;
    if (!items) return this.send(req, res, 404);
    this.page(req, res, items);
  }

  /** Its Receivers store a PUT and return it on GET; 'receivers-down' answers 503 (pushes wait in the hub's outbox). */
  private receive(req: Request, res: Response) {
    if (this.fault === 'receivers-down') return this.send(req, res, 503);
    if (req.method === 'PUT') this.stored.set(req.path, req.body);
    if (req.method === 'GET' && !this.stored.has(req.path)) return this.send(req, res, 404);
    this.send(req, res, 200, req.method === 'GET' ? this.stored.get(req.path) : undefined);
  }

  /** date_from inclusive, date_to exclusive, ordered by last_updated; offset ignored when that is the fault. */
  private page(req: Request, res: Response, items: Record<string, unknown>[]) {
    const q = req.query as Record<string, string | undefined>;
    const t = (o: Record<string, unknown>) => Date.parse(String(o.last_updated));
    const from = q.date_from ? Date.parse(q.date_from) : -Infinity;
    const to = q.date_to ? Date.parse(q.date_to) : Infinity;
    const matching = items.filter((o) => t(o) >= from && t(o) < to).sort((a, b) => t(a) - t(b));
    const offset = this.fault === 'ignores-offset' ? 0 : Number(q.offset ?? 0);
    const limit = Math.min(Number(q.limit ?? PAGE), PAGE);
    const page = matching.slice(offset, offset + limit);
    const headers: Record<string, string> = { 'X-Total-Count': String(matching.length), 'X-Limit': String(PAGE) };
    const nextOffset = Number(q.offset ?? 0) + page.length;
    if (nextOffset < matching.length) {
      const next = new URL(`${this.url}${req.path}`);
      for (const [k, v] of Object.entries(q)) if (v !== undefined) next.searchParams.set(k, v);
      next.searchParams.set('offset', String(nextOffset));
      next.searchParams.set('limit', String(limit));
      headers.Link = `<${next.toString()}>; rel="next"`;
    }
    this.send(req, res, 200, page, headers);
  }
}
