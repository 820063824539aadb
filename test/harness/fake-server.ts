// What every fake partner shares: an express app on 127.0.0.1 (the port from listen(0), read back), every call
// recorded, answers a test steers, the tokens it accepts from the hub read in the one encoding its version allows,
// the OCPI envelope, and registering with the hub. Each variant (2.2.1, 2.1.1, 2.3.0, the checker's CPO) says only
// what it serves and how strict it is.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import type { Answer } from './http';
import { close, listen } from './listen';
import { sleep } from './wait';

export interface PartyRole {
  role: string;
  country_code: string;
  party_id: string;
}
export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}
/** A test's answer to a call, sent instead of the party's own; `delayMs` makes it a slow one. */
export type Steered = { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number };
export type Steer = (req: Recorded) => Steered | undefined | Promise<Steered | undefined>;
/** How the token in `Authorization: Token …` is written: base64 (2.2.1, 2.3.0), raw (2.1.1), or either (kind). */
export type TokenEncoding = 'base64' | 'raw' | 'either';

export const newToken = (prefix: string) => `${prefix}-${randomBytes(16).toString('hex')}`;

/** An OCPI success envelope, for tests that steer a fake party's answers. */
export const ok = (data?: unknown, status_code = 1000) => ({
  ...(data === undefined ? {} : { data }),
  status_code,
  timestamp: new Date().toISOString(),
});
/** An OCPI error envelope with its HTTP status. */
export const refuse = (res: express.Response, http: number, status_code: number, status_message: string) =>
  void res.status(http).json({ status_code, status_message, timestamp: new Date().toISOString() });

export abstract class FakeServer {
  calls: Recorded[] = [];
  /** Tokens this party accepts from the hub: the one it issued (Token A or B). */
  accepted = new Set<string>();
  /** The token this party uses towards the hub (its Token C). */
  hubToken?: string;
  respond?: Steer;
  url = '';
  /** Set once it is registered with the hub: its platform id and the hub's base URL. */
  platformId = '';
  hubUrl = '';
  private server?: Server;
  protected readonly app = express();

  constructor(parsers: express.RequestHandler[] = [express.json({ type: () => true, limit: '5mb' })]) {
    this.app.use(...parsers, (req, res, next) => {
      const rec: Recorded = {
        method: req.method,
        path: req.originalUrl,
        headers: req.headers,
        body: req.body,
        at: Date.now(),
      };
      this.calls.push(rec);
      this.handle(req, res, rec).catch(next);
    });
  }

  /** The party's own answer to a call (already recorded). */
  protected abstract handle(req: express.Request, res: express.Response, rec: Recorded): Promise<void>;

  /** Listens on 127.0.0.1; given the port of an earlier start, it comes back at the same URL. */
  async start(port = 0): Promise<this> {
    ({ server: this.server, url: this.url } = await listen(this.app, port));
    return this;
  }
  stop(): Promise<void> {
    return close(this.server);
  }
  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** A token the hub may use to start a hub-initiated registration with this party. */
  issueTokenA(): string {
    const t = newToken('A');
    this.accepted.add(t);
    return t;
  }

  received(pathPart: string, method?: string): Recorded[] {
    return this.calls.filter((c) => c.path.includes(pathPart) && (!method || c.method === method));
  }

  /** Whether `Authorization: Token …` carries a token this party accepts, written in `encoding`. */
  protected authorized(header: string | undefined, encoding: TokenEncoding): boolean {
    const value = /^Token (\S+)$/.exec(header ?? '')?.[1] ?? '';
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    if (encoding === 'raw') return this.accepted.has(value);
    if (encoding === 'base64') return this.accepted.has(decoded);
    return this.accepted.has(decoded) || this.accepted.has(value);
  }

  /** Sends the test's answer when it steers this call; whether it did. */
  protected async steered(rec: Recorded, res: express.Response): Promise<boolean> {
    const steered = await this.respond?.(rec);
    if (!steered) return false;
    if (steered.delayMs) await sleep(steered.delayMs); // a slow answer is what such a test is about
    res
      .status(steered.status)
      .set(steered.headers ?? {})
      .send(steered.body);
    return true;
  }
}

/** A hub as registration needs it: the operator declares a platform and hands out its Token A. */
export interface Registrar {
  url: string;
  versionsUrl: string;
  createPlatform: (name: string, roles: PartyRole[]) => Promise<{ id: string; tokenA: string }>;
}

/**
 * Starts a party, has the operator declare it and the party register with its Token A (party-initiated); what the
 * tests look at starts after registration.
 */
export async function enrol<P extends FakeServer & { registerWith: (url: string, tokenA: string) => Promise<Answer> }>(
  hub: Registrar,
  party: P,
  name: string,
  roles: PartyRole[],
): Promise<P> {
  await party.start();
  const { id, tokenA } = await hub.createPlatform(name, roles);
  [party.platformId, party.hubUrl] = [id, hub.url];
  const res = await party.registerWith(hub.versionsUrl, tokenA);
  if (res.body?.status_code !== 1000) throw new Error(`${name} could not register: ${JSON.stringify(res.body)}`);
  party.calls = [];
  return party;
}
