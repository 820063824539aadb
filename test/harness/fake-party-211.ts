// A fake OCPI 2.1.1 CPO or eMSP on 127.0.0.1, written from the 2.1.1 spec: one role, flat credentials, raw
// tokens only (a base64 token is refused with 401), version details without roles, no routing headers.
// It records every call it receives; tests steer its answers (`respond`).
import type express from 'express';
import { enrol, FakeServer, newToken, ok, refuse, type Recorded, type Registrar } from './fake-server';
import { call } from './http';

export interface FakeParty211Options {
  role: 'CPO' | 'EMSP';
  country_code: string;
  party_id: string;
  /** Modules listed besides credentials (2.1.1 ModuleIDs). */
  modules?: string[];
  versions?: string[];
}

export class FakeParty211 extends FakeServer {
  /** The hub's 2.1.1 endpoints by module, read from its version details at registration. */
  hubEndpoints: Record<string, string> = {};

  constructor(readonly options: FakeParty211Options) {
    super();
  }

  get versionsUrl() {
    return `${this.url}/ocpi/versions`;
  }
  /** Its own flat credentials (credentials.md of 2.1.1). */
  flat(tokenForHub: string) {
    const { party_id, country_code } = this.options;
    return {
      token: tokenForHub,
      url: this.versionsUrl,
      business_details: { name: `${party_id} 2.1.1 backend` },
      party_id,
      country_code,
    };
  }

  /** A 2.1.1 request to the hub: its raw token, no routing headers; `module` is resolved from the hub's details. */
  ocpi(method: string, moduleOrUrl: string, o: { body?: unknown; subpath?: string } = {}) {
    const base = moduleOrUrl.startsWith('http') ? moduleOrUrl : `${this.hubEndpoints[moduleOrUrl]}${o.subpath ?? ''}`;
    return call(method, base, { token: this.hubToken, rawToken: true, body: o.body });
  }

  /** Party-initiated registration in 2.1.1: versions, 2.1.1 details, then POST flat credentials with Token A. */
  async registerWith(hubVersionsUrl: string, tokenA: string) {
    const versions = await call('GET', hubVersionsUrl, { token: tokenA, rawToken: true });
    const v211 = versions.body.data.find((v: { version: string }) => v.version === '2.1.1');
    await this.readDetails(v211.url, tokenA);
    const tokenB = newToken('B');
    this.accepted.add(tokenB);
    const res = await call('POST', this.hubEndpoints.credentials!, {
      token: tokenA,
      rawToken: true,
      body: this.flat(tokenB),
    });
    if (res.body?.status_code === 1000) this.hubToken = res.body.data.token;
    return res;
  }

  async readDetails(url: string, tok: string) {
    const details = await call('GET', url, { token: tok, rawToken: true });
    this.hubEndpoints = Object.fromEntries(
      details.body.data.endpoints.map((e: { identifier: string; url: string }) => [e.identifier, e.url]),
    );
    return details;
  }

  protected async handle(req: express.Request, res: express.Response, rec: Recorded) {
    if (await this.steered(rec, res)) return;
    // 2.1.1 transport_and_format: "Authorization: Token <token>", the token as issued, not encoded.
    if (!this.authorized(req.headers.authorization, 'raw')) return refuse(res, 401, 2000, 'unknown token');
    if (req.path === '/ocpi/versions')
      return void res.json(
        ok((this.options.versions ?? ['2.1.1']).map((v) => ({ version: v, url: `${this.url}/ocpi/${v}` }))),
      );
    if (req.path === '/ocpi/2.1.1') {
      const endpoints = ['credentials', ...(this.options.modules ?? [])].map((identifier) => ({
        identifier,
        url: `${this.url}/ocpi/2.1.1/${identifier}`,
      }));
      return void res.json(ok({ version: '2.1.1', endpoints }));
    }
    if (req.path === '/ocpi/2.1.1/credentials') return this.credentials(req, res);
    if (req.path === '/ocpi/2.1.1/cdrs' && req.method === 'POST')
      return void res.set('Location', `${this.url}/ocpi/2.1.1/cdrs/${(req.body as { id: string }).id}`).json(ok());
    res.json(ok());
  }

  /** The party as server of a hub-initiated 2.1.1 handshake: flat credentials in, flat credentials out. */
  private credentials(req: express.Request, res: express.Response) {
    if (req.method === 'DELETE') {
      this.accepted.clear();
      this.hubToken = undefined;
      return void res.json(ok());
    }
    if (req.method === 'GET') return void res.json(ok(this.flat([...this.accepted][0] ?? '')));
    const body = req.body as { token: string; roles?: unknown };
    if (body.roles !== undefined || typeof body.token !== 'string')
      return refuse(res, 400, 2001, 'expected 2.1.1 credentials');
    this.hubToken = body.token;
    this.accepted.clear();
    const mine = newToken('B');
    this.accepted.add(mine);
    res.json(ok(this.flat(mine)));
  }
}

/** Starts a 2.1.1 party, has the operator declare it and the party register (party-initiated). */
export const connect211 = (hub: Registrar, o: FakeParty211Options): Promise<FakeParty211> =>
  enrol(hub, new FakeParty211(o), `${o.party_id} 2.1.1`, [
    { role: o.role, country_code: o.country_code, party_id: o.party_id },
  ]);
