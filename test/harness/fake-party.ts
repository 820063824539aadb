// A fake CPO/eMSP/NSP backend on 127.0.0.1 that records every call it receives and plays either side
// of the credentials handshake. Tests steer its answers (`respond`) and read what arrived (`calls`).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { call } from './http';

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
export interface FakePartyOptions {
  roles: PartyRole[];
  /** Endpoints listed besides credentials, e.g. [{identifier: 'locations', role: 'RECEIVER'}]. */
  modules?: { identifier: string; role: 'SENDER' | 'RECEIVER' }[];
  versions?: string[];
  listCredentials?: boolean;
}
type Answer = { status: number; body: unknown; headers?: Record<string, string>; delayMs?: number };
type Steer = (req: Recorded) => Answer | undefined | Promise<Answer | undefined>;

const token = () => randomBytes(16).toString('hex');

/** An OCPI success envelope, for tests that steer a fake party's answers. */
export const ok = (data?: unknown, status_code = 1000) => ({ ...(data === undefined ? {} : { data }), status_code, timestamp: new Date().toISOString() });

export class FakeParty {
  calls: Recorded[] = [];
  /** Tokens this party accepts from the hub: the one it issued (Token A or B). */
  accepted = new Set<string>();
  /** The token this party uses towards the hub (its Token C). */
  hubToken?: string;
  respond?: Steer;
  url = '';
  /** Set by the hub harness's connect(): the platform id and the hub's base URL. */
  platformId = '';
  hubUrl = '';
  private server?: Server;
  private readonly app = express();

  constructor(readonly options: FakePartyOptions) {
    this.app.use(express.text({ type: 'application/jose', limit: '5mb' })); // JWE bodies are recorded as text
    this.app.use(express.json({ type: (req) => !String(req.headers['content-type'] ?? '').includes('jose'), limit: '5mb' }));
    this.app.use((req, res, next) => {
      this.handle(req, res).catch(next);
    });
  }

  get versionsUrl() {
    return `${this.url}/ocpi/versions`;
  }
  get roles() {
    return this.options.roles.map((r) => ({ ...r, business_details: { name: `${r.party_id} backend` } }));
  }

  /** Listens on 127.0.0.1; given the port of an earlier start, it comes back at the same URL. */
  async start(port = 0): Promise<this> {
    this.server = this.app.listen(port, '127.0.0.1');
    await new Promise<void>((resolve) => this.server?.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token the hub may use to start a hub-initiated registration with this party. */
  issueTokenA(): string {
    const t = `A-${token()}`;
    this.accepted.add(t);
    return t;
  }

  /**
   * A request to the hub as this party: its Token C, OCPI-from-* = its first role (unless `from` is given),
   * OCPI-to-* only when `to` is given ('hub' for the hub itself).
   */
  ocpi(method: string, path: string, o: { body?: unknown; rawBody?: string; to?: PartyRole | 'hub'; from?: PartyRole; headers?: Record<string, string> } = {}) {
    const from = o.from ?? this.options.roles[0];
    const headers: Record<string, string> = { ...o.headers };
    if (from) Object.assign(headers, { 'OCPI-from-country-code': from.country_code, 'OCPI-from-party-id': from.party_id });
    const to = o.to === 'hub' ? { country_code: 'NL', party_id: 'HUB' } : o.to;
    if (to) Object.assign(headers, { 'OCPI-to-country-code': to.country_code, 'OCPI-to-party-id': to.party_id });
    const url = path.startsWith('http') ? path : `${this.hubUrl}${path}`;
    return call(method, url, { token: this.hubToken, headers, body: o.body, rawBody: o.rawBody });
  }

  /** Every page of a GET-All addressed to the hub, following Link to the end. */
  async walk(url: string) {
    const pages = [];
    let next: string | undefined = url;
    while (next) {
      const res = await this.ocpi('GET', next, { to: 'hub' });
      pages.push(res);
      next = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
    }
    return pages;
  }

  received(pathPart: string, method?: string): Recorded[] {
    return this.calls.filter((c) => c.path.includes(pathPart) && (!method || c.method === method));
  }

  /** Party-initiated registration: versions, details, then POST its credentials with Token A. */
  async registerWith(hubVersionsUrl: string, tokenA: string) {
    const versions = await call('GET', hubVersionsUrl, { token: tokenA });
    const details = await call('GET', versions.body.data[0].url, { token: tokenA });
    const credentialsUrl = details.body.data.endpoints.find((e: { identifier: string }) => e.identifier === 'credentials').url;
    const tokenB = `B-${token()}`;
    this.accepted.add(tokenB);
    const res = await call('POST', credentialsUrl, { token: tokenA, body: { token: tokenB, url: this.versionsUrl, roles: this.roles } });
    if (res.body?.status_code === 1000) this.hubToken = res.body.data.token;
    return res;
  }

  private authorized(header: string | undefined): boolean {
    const value = /^Token (\S+)$/.exec(header ?? '')?.[1] ?? '';
    return this.accepted.has(Buffer.from(value, 'base64').toString('utf8')) || this.accepted.has(value);
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  private async handle(req: express.Request, res: express.Response) {
    const rec: Recorded = { method: req.method, path: req.originalUrl, headers: req.headers, body: req.body, at: Date.now() };
    this.calls.push(rec);
    const steered = await this.respond?.(rec);
    if (steered?.delayMs) await new Promise((resolve) => setTimeout(resolve, steered.delayMs));
    if (steered) return void res.status(steered.status).set(steered.headers ?? {}).send(steered.body);
    if (!this.authorized(req.headers.authorization)) return void res.status(401).json({ status_code: 2000, status_message: 'unknown token', timestamp: new Date().toISOString() });
    if (req.path === '/ocpi/versions') return void res.json(ok((this.options.versions ?? ['2.2.1']).map((v) => ({ version: v, url: `${this.url}/ocpi/${v}` }))));
    if (req.path === '/ocpi/2.2.1') {
      const modules = [...(this.options.listCredentials === false ? [] : [{ identifier: 'credentials', role: 'RECEIVER' }]), ...(this.options.modules ?? [])];
      const endpoints = modules.map((m) => ({ ...m, url: `${this.url}/ocpi/2.2.1/${m.identifier}${m.identifier === 'credentials' ? '' : `/${m.role.toLowerCase()}`}` }));
      return void res.json(ok({ version: '2.2.1', endpoints }));
    }
    if (req.path === '/ocpi/2.2.1/credentials') return void this.credentials(req, res);
    res.json(ok());
  }

  /** The party as server of a hub-initiated handshake: keep the hub's token, answer a new one of its own. */
  private credentials(req: express.Request, res: express.Response) {
    if (req.method === 'DELETE') {
      this.accepted.clear();
      this.hubToken = undefined;
      return void res.json(ok());
    }
    const body = req.body as { token: string };
    this.hubToken = body.token;
    this.accepted.clear();
    const mine = `B-${token()}`;
    this.accepted.add(mine);
    res.json(ok({ token: mine, url: this.versionsUrl, roles: this.roles }));
  }
}
