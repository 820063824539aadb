// Lean OCPI parties for benchmarks: one node:http server hosts many parties under /p/<name>/. Each answers the
// credentials handshake, counts the distinct objects pushed to it and answers real-time authorization. No express,
// no recording of bodies, no token checks: a receiver must cost far less than the hub it measures.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Role {
  role: string;
  country_code: string;
  party_id: string;
}

export class Party {
  /** Distinct pushed paths (below the module endpoint) since the last reset: at-least-once delivery may repeat one. */
  readonly seen = new Set<string>();
  deliveries = 0;
  lastNewAt = 0;
  constructor(
    readonly name: string,
    readonly base: string,
    readonly roles: Role[],
    readonly modules: { identifier: string; role: 'SENDER' | 'RECEIVER' }[],
  ) {}

  get versionsUrl() {
    return `${this.base}/ocpi/versions`;
  }
  endpoint(identifier: string, role: 'SENDER' | 'RECEIVER') {
    return identifier === 'credentials'
      ? `${this.base}/ocpi/2.2.1/credentials`
      : `${this.base}/ocpi/2.2.1/${identifier}/${role.toLowerCase()}`;
  }
  get endpoints() {
    return [{ identifier: 'credentials', role: 'RECEIVER' as const }, ...this.modules].map((m) => ({
      ...m,
      url: this.endpoint(m.identifier, m.role),
    }));
  }
  reset(): void {
    this.seen.clear();
    this.deliveries = 0;
    this.lastNewAt = 0;
  }
}

let stamp = { at: 0, text: '' };
function ok(data?: unknown): string {
  const now = Date.now();
  if (now - stamp.at > 500) stamp = { at: now, text: new Date(now).toISOString() };
  return JSON.stringify({
    ...(data === undefined ? {} : { data }),
    status_code: 1000,
    status_message: 'Success',
    timestamp: stamp.text,
  });
}

export class PartyServer {
  private readonly parties = new Map<string, Party>();
  private readonly server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => this.server.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  add(name: string, roles: Role[], modules: Party['modules'] = []): Party {
    const party = new Party(name, `${this.url}/p/${name}`, roles, modules);
    this.parties.set(name, party);
    return party;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.on('data', () => undefined); // the body is read, not kept
    req.on('end', () => {
      const [, p, name, ...rest] = (req.url ?? '').split('?')[0]!.split('/');
      const party = p === 'p' ? this.parties.get(name ?? '') : undefined;
      const path = `/${rest.join('/')}`;
      let body: string;
      if (!party) return void res.writeHead(404).end();
      if (path === '/ocpi/versions') body = ok([{ version: '2.2.1', url: `${party.base}/ocpi/2.2.1` }]);
      else if (path === '/ocpi/2.2.1') body = ok({ version: '2.2.1', endpoints: party.endpoints });
      else if (path === '/ocpi/2.2.1/credentials')
        body = ok({
          token: `B-${name}`,
          url: party.versionsUrl,
          roles: party.roles.map((r) => ({ ...r, business_details: { name } })),
        });
      else if (path.endsWith('/authorize'))
        body = ok({
          allowed: 'ALLOWED',
          token: { uid: path.split('/').at(-2), type: 'RFID', contract_id: 'NL-EMP-C00000001-X' },
          authorization_reference: 'bench',
        });
      else {
        if (req.method === 'PUT' || req.method === 'PATCH') {
          party.deliveries++;
          const size = party.seen.size;
          party.seen.add(path);
          if (party.seen.size > size) party.lastNewAt = performance.now();
        }
        body = ok();
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }).end(body);
    });
  }
}

/** Resolves when every party has `count` distinct pushes, or after `timeoutMs`; the moment the last one arrived. */
export async function allReceived(
  parties: Party[],
  count: number,
  timeoutMs: number,
): Promise<{ complete: boolean; lastAt: number; received: number }> {
  const deadline = performance.now() + timeoutMs;
  const received = () => parties.reduce((n, p) => n + Math.min(p.seen.size, count), 0);
  while (parties.some((p) => p.seen.size < count) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 5));
  return {
    complete: received() === parties.length * count,
    lastAt: Math.max(...parties.map((p) => p.lastNewAt)),
    received: received(),
  };
}
