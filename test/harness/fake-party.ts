// A fake CPO/eMSP/NSP backend on 127.0.0.1 that records every call it receives and plays either side of the
// credentials handshake, strict the way real implementations are: it calls the hub back while handling the hub's
// credentials POST/PUT, lists its URLs with a trailing `/` (307 to the other form), sends `null` for empty optional
// fields and lower-case ids, accepts one token encoding, and refuses bodies the spec does not allow.
// Tests steer its answers (`respond`) and read what arrived (`calls`); `kind: true` turns the strictness off.
import express from 'express';
import { FakeServer, newToken, refuse, ok, type PartyRole, type Recorded, type TokenEncoding } from './fake-server';
import { call } from './http';
import { endpoints, wrongForm, type Listed } from './fake-party-urls';
import { callProblem, specProblem } from './spec-bodies';

export { ok, type PartyRole, type Recorded } from './fake-server';

export interface FakePartyOptions {
  roles: PartyRole[];
  /** Endpoints listed besides credentials, e.g. [{identifier: 'locations', role: 'RECEIVER'}]. */
  modules?: Listed[];
  versions?: string[];
  listCredentials?: boolean;
  /** The one encoding of the Authorization token this party reads and writes (default base64, as 2.2.1 says). */
  tokenEncoding?: 'base64' | 'raw';
  /** business_details.name in its credentials. */
  name?: string;
  /** The data of the 1000 answer to a module call from the hub (after the checks); nothing by default. */
  answer?: (call: Recorded) => unknown;
  /** Runs while the party handles the hub's credentials POST/PUT, after its callbacks, before it answers. */
  duringHandshake?: (given: { token: string; url: string }) => Promise<void>;
  /**
   * A kinder partner than real ones: no callbacks during the handshake, URLs listed without trailing `/` and
   * both forms served, both token encodings read, ids as given, bodies not checked. Say why when you use it.
   */
  kind?: boolean;
}
export class FakeParty extends FakeServer {
  /** The party's callbacks to the hub while handling the hub's credentials POST/PUT: URL and OCPI status. */
  callbacks: { url: string; status: number; status_code?: number }[] = [];

  constructor(readonly options: FakePartyOptions) {
    super([
      express.text({ type: 'application/jose', limit: '5mb' }), // JWE bodies are recorded as text
      express.json({ type: (req) => !String(req.headers['content-type'] ?? '').includes('jose'), limit: '5mb' }),
    ]);
  }

  private get strict() {
    return !this.options.kind;
  }
  private get encoding() {
    return this.options.tokenEncoding ?? 'base64';
  }
  /** The encodings it reads from the hub: its own, or either when kind. */
  private get reads(): TokenEncoding {
    return this.strict ? this.encoding : 'either';
  }
  /** Real servers list their URLs as their router writes them: here with a trailing `/`. */
  private get slash() {
    return this.strict ? '/' : '';
  }
  get versionsUrl() {
    return `${this.url}/ocpi/versions${this.slash}`;
  }
  /** A role's ids as this party writes them (lower case: CiString, compared case-insensitively by the hub). */
  private ids = (r: PartyRole) =>
    this.strict ? { ...r, country_code: r.country_code.toLowerCase(), party_id: r.party_id.toLowerCase() } : r;
  get roles() {
    const details = {
      name: this.options.name ?? `${this.options.roles[0]?.party_id} backend`,
      ...(this.strict ? { website: null, logo: null } : {}),
    };
    return this.options.roles.map((r) => ({ ...this.ids(r), business_details: details }));
  }

  /**
   * A request to the hub as this party: its Token C, OCPI-from-* = its first role (unless `from` is given),
   * OCPI-to-* only when `to` is given ('hub' for the hub itself), ids in lower case unless `kind`.
   */
  ocpi(
    method: string,
    path: string,
    o: {
      body?: unknown;
      rawBody?: string;
      to?: PartyRole | 'hub';
      from?: PartyRole;
      headers?: Record<string, string>;
    } = {},
  ) {
    const from = o.from ?? this.options.roles[0];
    const headers: Record<string, string> = {};
    if (from)
      Object.assign(headers, {
        'OCPI-from-country-code': this.ids(from).country_code,
        'OCPI-from-party-id': this.ids(from).party_id,
      });
    const to = o.to && this.ids(o.to === 'hub' ? { role: 'HUB', country_code: 'NL', party_id: 'HUB' } : o.to);
    if (to) Object.assign(headers, { 'OCPI-to-country-code': to.country_code, 'OCPI-to-party-id': to.party_id });
    Object.assign(headers, o.headers); // a test's own headers (e.g. the ones it signed) are sent as given
    const url = path.startsWith('http') ? path : `${this.hubUrl}${path}`;
    return call(method, url, {
      token: this.hubToken,
      rawToken: this.encoding === 'raw',
      headers,
      body: o.body,
      rawBody: o.rawBody,
    });
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

  /** Party-initiated registration: versions, details, then POST its credentials with Token A. */
  async registerWith(hubVersionsUrl: string, tokenA: string) {
    const raw = this.encoding === 'raw';
    const versions = await call('GET', hubVersionsUrl, { token: tokenA, rawToken: raw });
    const details = await call('GET', versions.body.data[0].url, { token: tokenA, rawToken: raw });
    const credentialsUrl = details.body.data.endpoints.find(
      (e: { identifier: string }) => e.identifier === 'credentials',
    ).url;
    const tokenB = newToken('B');
    this.accepted.add(tokenB); // valid from the moment it is sent: the hub calls back with it before answering
    const res = await call('POST', credentialsUrl, {
      token: tokenA,
      rawToken: raw,
      body: { token: tokenB, url: this.versionsUrl, roles: this.roles },
    });
    if (res.body?.status_code === 1000) this.hubToken = res.body.data.token;
    else this.accepted.delete(tokenB);
    return res;
  }

  /** Party-initiated update (credentials PUT with its Token C): a new Token B, valid from the moment it is sent. */
  async updateWith(credentialsUrl: string) {
    const tokenB = newToken('B');
    this.accepted.add(tokenB); // the old one too, until the hub has answered
    const res = await call('PUT', credentialsUrl, {
      token: this.hubToken,
      rawToken: this.encoding === 'raw',
      body: { token: tokenB, url: this.versionsUrl, roles: this.roles },
    });
    if (res.body?.status_code === 1000) {
      this.accepted = new Set([tokenB]);
      this.hubToken = res.body.data.token;
    } else this.accepted.delete(tokenB);
    return res;
  }

  protected async handle(req: express.Request, res: express.Response, rec: Recorded) {
    if (await this.steered(rec, res)) return;
    if (this.strict && wrongForm(req, res, this.url, this.options.modules ?? [])) return;
    if (!this.authorized(req.headers.authorization, this.reads)) return refuse(res, 401, 2000, 'unknown token');
    const path = req.path.replace(/\/$/, '');
    if (path === '/ocpi/versions')
      return void res.json(
        ok(
          (this.options.versions ?? ['2.2.1']).map((v) => ({ version: v, url: `${this.url}/ocpi/${v}${this.slash}` })),
        ),
      );
    if (path === '/ocpi/2.2.1') {
      const listed = endpoints(this.url, this.options.modules ?? [], this.slash, this.options.listCredentials);
      return void res.json(ok({ version: '2.2.1', endpoints: listed }));
    }
    if (path === '/ocpi/2.2.1/credentials') return void (await this.credentials(req, res));
    const problem = this.strict ? callProblem(req.path, req.method, req.body) : undefined;
    if (problem) return refuse(res, 400, 2001, problem);
    res.json(ok(this.options.answer?.(rec)));
  }

  /**
   * The party as server of a hub-initiated handshake: fetch the hub's endpoints with the token given, answer its own.
   */
  private async credentials(req: express.Request, res: express.Response) {
    if (req.method === 'DELETE') {
      this.accepted.clear();
      this.hubToken = undefined;
      return void res.json(ok());
    }
    if (req.method === 'GET')
      return void res.json(ok({ token: [...this.accepted][0], url: this.versionsUrl, roles: this.roles }));
    const problem = this.strict ? specProblem('credentials', 'receiver', req.method, [], req.body) : undefined;
    if (problem) return refuse(res, 400, 2001, problem);
    const given = req.body as { token: string; url: string };
    if (this.strict) {
      const failed = await this.callBack(given);
      if (failed) return refuse(res, 200, 3001, failed);
    }
    await this.options.duringHandshake?.(given);
    this.hubToken = given.token;
    this.accepted.clear();
    const mine = newToken('B');
    this.accepted.add(mine);
    res.json(ok({ token: mine, url: this.versionsUrl, roles: this.roles }));
  }

  /**
   * credentials.asciidoc: the receiver of credentials fetches the sender's versions and endpoints with the new token.
   */
  private async callBack(given: { token: string; url: string }): Promise<string | undefined> {
    const get = async (url: string) => {
      const answer = await call('GET', url, { token: given.token, rawToken: this.encoding === 'raw' });
      this.callbacks.push({ url, status: answer.status, status_code: answer.body?.status_code });
      return answer.status === 200 && answer.body?.status_code === 1000 ? answer.body.data : undefined;
    };
    const versions = (await get(given.url)) as { version: string; url: string }[] | undefined;
    const v221 = versions?.find((v) => v.version === '2.2.1');
    if (!v221) return `could not read the hub's versions at ${given.url} with the token it gave`;
    const details = (await get(v221.url)) as { endpoints?: unknown[] } | undefined;
    return details?.endpoints
      ? undefined
      : `could not read the hub's 2.2.1 details at ${v221.url} with the token it gave`;
  }
}
