// A fake OCPI 2.3.0 platform on 127.0.0.1, written from the 2.3.0 spec (credentials.asciidoc, version_information_
// endpoint.asciidoc): roles without HUB, `hub_party_id` read from the hub's credentials (its own sent as `null`),
// base64 tokens only, endpoint URLs listed with a trailing `/`, 404 for URLs it did not list. While handling the
// hub's credentials POST/PUT it calls the hub back (versions, details) before answering, as real platforms do.
import type express from 'express';
import { enrol, FakeServer, newToken, ok, refuse, type PartyRole, type Recorded, type Registrar } from './fake-server';
import { call } from './http';

export interface FakeParty230Options {
  roles: PartyRole[];
  /** Endpoints besides credentials, e.g. {identifier: 'payments', role: 'SENDER'}; custom module ids allowed. */
  modules?: { identifier: string; role: 'SENDER' | 'RECEIVER' }[];
}
export class FakeParty230 extends FakeServer {
  /** The hub's credentials as this party last received them. */
  hubCredentials?: any;
  /** The hub's 2.3.0 endpoints, `identifier:ROLE` → URL, read at registration. */
  hubEndpoints: Record<string, string> = {};
  /** Whether its read-back of the hub during the hub's last credentials POST/PUT succeeded. */
  calledBack?: boolean;
  private hubVersionsUrl = '';

  constructor(readonly options: FakeParty230Options) {
    super();
  }

  get versionsUrl() {
    return `${this.url}/ocpi/versions`;
  }
  credentials(tokenForHub: string) {
    const roles = this.options.roles.map((r) => ({ ...r, business_details: { name: `${r.party_id} 2.3.0 platform` } }));
    return { token: tokenForHub, url: this.versionsUrl, hub_party_id: null, roles };
  }

  /** Token A for a hub-initiated registration; the hub's versions URL is where it reads the hub back. */
  override issueTokenA(hubVersionsUrl = this.hubVersionsUrl): string {
    this.hubVersionsUrl = hubVersionsUrl;
    return super.issueTokenA();
  }

  /** A 2.3.0 request to the hub's `identifier:ROLE` endpoint, with routing headers from its first role. */
  ocpi(method: string, endpoint: string, o: { subpath?: string; body?: unknown; to?: PartyRole } = {}) {
    const from = this.options.roles[0]!;
    const headers: Record<string, string> = {
      'OCPI-from-country-code': from.country_code,
      'OCPI-from-party-id': from.party_id,
    };
    if (o.to) Object.assign(headers, { 'OCPI-to-country-code': o.to.country_code, 'OCPI-to-party-id': o.to.party_id });
    const base = endpoint.startsWith('http') ? endpoint : this.hubEndpoints[endpoint];
    if (!base) throw new Error(`the hub listed no ${endpoint}`);
    return call(method, base + (o.subpath ?? ''), { token: this.hubToken, headers, body: o.body });
  }

  /** Party-initiated registration in 2.3.0: versions, the 2.3.0 details, then POST its credentials with Token A. */
  async registerWith(hubVersionsUrl: string, tokenA: string) {
    this.hubVersionsUrl = hubVersionsUrl;
    await this.readHub(tokenA);
    const tokenB = newToken('B');
    this.accepted.add(tokenB);
    const res = await call('POST', this.hubEndpoints['credentials:SENDER']!, {
      token: tokenA,
      body: this.credentials(tokenB),
    });
    if (res.body?.status_code === 1000) [this.hubToken, this.hubCredentials] = [res.body.data.token, res.body.data];
    return res;
  }

  /** Reads the hub's versions and its 2.3.0 details (refusing to go on without them). */
  async readHub(tok: string) {
    const versions = await call('GET', this.hubVersionsUrl, { token: tok });
    const v230 = versions.body?.data?.find((v: { version: string }) => v.version === '2.3.0');
    if (!v230) throw new Error('the hub does not offer 2.3.0');
    const details = await call('GET', v230.url, { token: tok });
    this.hubEndpoints = Object.fromEntries(
      details.body.data.endpoints.map((e: { identifier: string; role: string; url: string }) => [
        `${e.identifier}:${e.role}`,
        e.url,
      ]),
    );
  }

  private listed(): { identifier: string; role: string; url: string }[] {
    const modules = [{ identifier: 'credentials', role: 'SENDER' as const }, ...(this.options.modules ?? [])];
    return modules.map((m) => ({
      ...m,
      url: `${this.url}/ocpi/2.3.0/${m.identifier}/${m.identifier === 'credentials' ? '' : `${m.role.toLowerCase()}/`}`,
    }));
  }

  protected async handle(req: express.Request, res: express.Response, rec: Recorded) {
    // 2.3.0 transport_and_format: the token is base64-encoded in the header; a raw one is not recognised.
    if (!this.authorized(req.headers.authorization, 'base64')) return refuse(res, 401, 2000, 'unknown token');
    if (await this.steered(rec, res)) return;
    if (req.path === '/ocpi/versions') return void res.json(ok([{ version: '2.3.0', url: `${this.url}/ocpi/2.3.0/` }]));
    if (req.path === '/ocpi/2.3.0/') return void res.json(ok({ version: '2.3.0', endpoints: this.listed() }));
    if (req.path === '/ocpi/2.3.0/credentials/') return void (await this.credentialsCall(req, res));
    if (
      !this.listed().some(
        (e) => `${this.url}${req.path}/`.startsWith(e.url) || `${this.url}${req.path}`.startsWith(e.url),
      )
    ) {
      return refuse(res, 404, 2000, `no endpoint ${req.path}`);
    }
    res.json(ok());
  }

  /**
   * The party as server of a hub-initiated 2.3.0 handshake: reads the hub back with its token, then answers its own.
   */
  private async credentialsCall(req: express.Request, res: express.Response) {
    if (req.method === 'DELETE') {
      [this.accepted, this.hubToken] = [new Set(), undefined];
      return void res.json(ok(null));
    }
    const body = req.body as { token?: string; roles?: { role: string }[]; hub_party_id?: string };
    if (typeof body.token !== 'string' || !Array.isArray(body.roles) || body.roles.length === 0)
      return refuse(res, 400, 2001, 'expected 2.3.0 credentials');
    if (body.roles.some((r) => r.role === 'HUB')) return refuse(res, 400, 2001, 'HUB is not a 2.3.0 role');
    [this.hubToken, this.hubCredentials] = [body.token, body];
    // Real platforms read the hub back with the offered token before answering; a hub that does not accept it yet
    // leaves `calledBack` false (the answer goes out regardless, so registration tests do not hinge on it).
    this.calledBack = await this.readHub(body.token).then(
      () => true,
      () => false,
    );
    const mine = newToken('B');
    this.accepted = new Set([mine]);
    res.json(ok(this.credentials(mine)));
  }
}

/**
 * Starts a 2.3.0 platform, has the operator declare it and lets it register (party-initiated); its calls so far are
 * cleared.
 */
export const registered230 = (hub: Registrar, o: FakeParty230Options): Promise<FakeParty230> =>
  enrol(hub, new FakeParty230(o), o.roles[0]!.party_id, o.roles);
