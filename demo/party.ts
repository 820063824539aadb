// A simulated OCPI 2.2.1 party on 127.0.0.1: the tests' strict fake partner (one implementation: it calls the hub
// back during the handshake, lists URLs with a trailing `/`, sends null for empty optional fields and lower-case
// ids), plus what the demo adds: every call from the hub and every answer of the hub checked for the hub's signature.
import type { IncomingHttpHeaders } from 'node:http';
import { FakeParty, type Recorded } from '../test/harness/fake-party';
import { assertOk, call, waitFor, type Answer } from './http';
import { SignatureChecker, type SignatureCheck } from './verify';

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
  verdict: Promise<SignatureCheck>;
}

export abstract class Party {
  readonly received: Received[] = [];
  /** Checks the hub's signature on every call from the hub and on every answer of the hub. */
  signatures?: SignatureChecker;
  private hubUrl = '';
  private readonly fake: FakeParty;

  constructor(
    readonly role: Role,
    modules: Listed[],
  ) {
    this.fake = new FakeParty({
      roles: [role],
      modules,
      name: `${role.role} ${role.country_code}*${role.party_id} (simulated)`,
      answer: (r) => this.onCall(r),
    });
  }

  get key(): string {
    return `${this.role.country_code}*${this.role.party_id}`;
  }
  get url(): string {
    return this.fake.url;
  }
  get versionsUrl(): string {
    return this.fake.versionsUrl;
  }

  /** The data of the 1000 envelope this party answers to a module call from the hub. */
  protected abstract answer(r: Received): unknown;

  async start(hubUrl: string): Promise<this> {
    this.hubUrl = hubUrl;
    this.signatures = new SignatureChecker(hubUrl, this.key);
    await this.fake.start();
    return this;
  }

  stop = (): Promise<void> => this.fake.stop();

  /** A token for the hub to start a hub-initiated registration with. */
  issueToken = (): string => this.fake.issueTokenA();

  /** Party-initiated registration: GET versions and details with Token A, POST credentials, keep Token C. */
  async registerWith(versionsUrl: string, tokenA: string): Promise<Answer> {
    const res = await this.fake.registerWith(versionsUrl, tokenA);
    assertOk(res, 'register (versions, details, credentials POST)');
    return res;
  }

  /**
   * A call to the hub as this party (its ids in lower case, as the fake partner writes them); the answer's signature is
   * checked.
   */
  async ocpi(method: string, pathOrUrl: string, body?: unknown): Promise<Answer & { verdict: SignatureCheck }> {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${this.hubUrl}${pathOrUrl}`;
    const headers = {
      'OCPI-from-country-code': this.role.country_code.toLowerCase(),
      'OCPI-from-party-id': this.role.party_id.toLowerCase(),
    };
    const answer = await call(method, url, { token: this.fake.hubToken, headers, body });
    return {
      ...answer,
      verdict: await this.checker().checkAnswer(`${method} ${pathOrUrl}`, answer.status, answer.headers, answer.body),
    };
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

  /** A module call from the hub that passed the fake partner's checks: recorded with its signature verdict. */
  private onCall(r: Recorded): unknown {
    const headers = r.headers as IncomingHttpHeaders;
    const received: Received = {
      method: r.method,
      path: r.path,
      headers,
      body: r.body,
      verdict: this.checker().checkRequest(r.method, r.path, headers, r.body),
    };
    this.received.push(received);
    return this.answer(received);
  }
}
