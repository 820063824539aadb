// A simulated OCPI 2.2.1 party on 127.0.0.1: versions, details, credentials both ways (as client and as server);
// it records every module call the hub makes and checks the hub's signature on it and on every answer it gets.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { assertOk, call, ok, waitFor, type Answer, type Envelope } from './http';
import { SignatureChecker, type Verdict } from './verify';

export interface Role {
  role: 'CPO' | 'EMSP';
  country_code: string;
  party_id: string;
}
export interface Listed {
  identifier: string;
  role: 'SENDER' | 'RECEIVER';
}
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  verdict: Promise<Verdict>;
}
type Credentials = { token: string; url: string; roles: unknown[] };

const newToken = (prefix: string) => `${prefix}-${randomBytes(16).toString('hex')}`;

export abstract class Party {
  readonly received: Received[] = [];
  url = '';
  private hubUrl = '';
  /** This party's token at the hub (its Token C). */
  private hubToken?: string;
  /** The tokens the hub may use here: the one this party issued. */
  private readonly accepted = new Set<string>();
  /** Checks the hub's signature on every call from the hub and on every answer of the hub. */
  signatures?: SignatureChecker;
  private server?: Server;

  constructor(readonly role: Role, private readonly modules: Listed[]) {}

  get key(): string {
    return `${this.role.country_code}*${this.role.party_id}`;
  }
  get versionsUrl(): string {
    return `${this.url}/ocpi/versions`;
  }
  private get credentialsRoles() {
    return [{ ...this.role, business_details: { name: `${this.role.role} ${this.key} (simulated)` } }];
  }

  /** The data of the 1000 envelope this party answers to a module call from the hub. */
  protected abstract answer(r: Received): unknown;

  async start(hubUrl: string): Promise<this> {
    this.hubUrl = hubUrl;
    this.signatures = new SignatureChecker(hubUrl, this.key);
    const app = express().use(express.json());
    app.use((req, res, next) => void this.handle(req, res).catch(next));
    this.server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => this.server?.once('listening', resolve).once('error', reject));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token for the hub to start a hub-initiated registration with. */
  issueToken(): string {
    const token = newToken('A');
    this.accepted.add(token);
    return token;
  }

  /** Party-initiated registration: GET versions and details with Token A, POST credentials, keep Token C. */
  async registerWith(versionsUrl: string, tokenA: string): Promise<Answer> {
    const versions = await call<Envelope<{ version: string; url: string }[]>>('GET', versionsUrl, { token: tokenA });
    assertOk(versions, 'GET the hub\'s versions');
    const v221 = versions.body.data?.find((v) => v.version === '2.2.1');
    if (!v221) throw new Error('the hub offers no OCPI 2.2.1');
    const details = await call<Envelope<{ endpoints: { identifier: string; url: string }[] }>>('GET', v221.url, { token: tokenA });
    assertOk(details, 'GET the hub\'s 2.2.1 details');
    const credentialsUrl = details.body.data?.endpoints.find((e) => e.identifier === 'credentials')?.url;
    if (!credentialsUrl) throw new Error('the hub lists no credentials endpoint');
    const tokenB = newToken('B');
    this.accepted.add(tokenB);
    const res = await call<Envelope<Credentials>>('POST', credentialsUrl, { token: tokenA, body: { token: tokenB, url: this.versionsUrl, roles: this.credentialsRoles } });
    assertOk(res, 'POST credentials');
    this.hubToken = res.body.data?.token;
    return res;
  }

  /** A call to the hub as this party; the hub's answer is checked for its signature. */
  async ocpi(method: string, pathOrUrl: string, body?: unknown): Promise<Answer & { verdict: Verdict }> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.hubUrl}${pathOrUrl}`;
    const headers = { 'OCPI-from-country-code': this.role.country_code, 'OCPI-from-party-id': this.role.party_id };
    const answer = await call(method, url, { token: this.hubToken, headers, body });
    return { ...answer, verdict: await this.checker().checkAnswer(`${method} ${pathOrUrl}`, answer.status, answer.headers, answer.body) };
  }

  /** The first call from the hub with this method and path (and query) fragment, waited for up to timeoutMs. */
  waitFor(method: string, pathPart: string, timeoutMs = 10_000): Promise<Received> {
    const match = () => this.received.find((r) => r.method === method && r.path.includes(pathPart));
    return waitFor(`${this.key} waiting for ${method} ${pathPart}`, match, timeoutMs);
  }

  private checker(): SignatureChecker {
    if (!this.signatures) throw new Error(`${this.key} is not started`);
    return this.signatures;
  }

  private authorized(header: string | undefined): boolean {
    const value = /^Token (\S+)$/.exec(header ?? '')?.[1] ?? '';
    return this.accepted.has(Buffer.from(value, 'base64').toString('utf8'));
  }

  private async handle(req: express.Request, res: express.Response): Promise<void> {
    if (!this.authorized(req.headers.authorization)) return void res.status(401).json({ status_code: 2000, status_message: 'unknown token', timestamp: new Date().toISOString() });
    if (req.path === '/ocpi/versions') return void res.json(ok([{ version: '2.2.1', url: `${this.url}/ocpi/2.2.1` }]));
    if (req.path === '/ocpi/2.2.1') {
      const listed = [{ identifier: 'credentials', role: 'RECEIVER' }, ...this.modules];
      const endpoints = listed.map((m) => ({ ...m, url: `${this.url}/ocpi/2.2.1/${m.identifier}${m.identifier === 'credentials' ? '' : `/${m.role.toLowerCase()}`}` }));
      return void res.json(ok({ version: '2.2.1', endpoints }));
    }
    if (req.path === '/ocpi/2.2.1/credentials') {
      // the hub's POST (hub-initiated registration) or PUT (rotation); a DELETE or GET needs nothing from a demo party
      return void res.json(ok(['POST', 'PUT'].includes(req.method) ? this.acceptCredentials(req.body as Credentials) : undefined));
    }
    const { method, originalUrl: path, headers, body } = req;
    const verdict = this.checker().checkRequest(method, path, headers, body);
    const received: Received = { method, path, headers, body, verdict };
    this.received.push(received);
    res.json(ok(await this.answer(received)));
  }

  /** The party as server of a hub-initiated registration: keep the hub's token for calling it, answer a new one of its own. */
  private acceptCredentials(body: Credentials): Credentials {
    this.hubToken = body.token;
    this.accepted.clear();
    const mine = newToken('B');
    this.accepted.add(mine);
    return { token: mine, url: this.versionsUrl, roles: this.credentialsRoles };
  }
}
