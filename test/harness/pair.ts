// The fixture most tests start from: the hub with a connected CPO and eMSP that may trade with each other (under a
// roaming agreement declared through the admin API when the hub requires agreements), strict fake partners listing
// what a typical CPO and eMSP implement, and any further parties a test names.
import { config } from '../../src/config';
import type { FakeParty, FakePartyOptions, PartyRole } from './fake-party';
import { startHub, type Hub } from './hub';
import { cpoModules, emspModules } from './modules';

export const CPO = { role: 'CPO', country_code: 'NL', party_id: 'VLT' };
export const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'MXP' };

export interface PairOptions<K extends string> {
  /** What differs from the default CPO (NL*VLT listing cpoModules): its roles, modules, `kind`, answers. */
  cpo?: Partial<FakePartyOptions>;
  /** What differs from the default eMSP (DE*MXP listing emspModules). */
  emsp?: Partial<FakePartyOptions>;
  /** Further parties, connected after the pair in the order given, returned under the same names. */
  more?: Record<K, FakePartyOptions>;
}
export interface Pair<K extends string> {
  hub: Hub;
  cpo: FakeParty;
  emsp: FakeParty;
  more: Record<K, FakeParty>;
}

const ids = (roles: PartyRole[], role: string) => {
  const r = roles.find((x) => x.role === role) ?? roles[0]!;
  return { country_code: r.country_code, party_id: r.party_id };
};

export async function startWithPair<K extends string = never>(o: PairOptions<K> = {}): Promise<Pair<K>> {
  const hub = await startHub();
  const cpoOptions = { roles: [CPO], modules: cpoModules, ...o.cpo };
  const emspOptions = { roles: [EMSP], modules: emspModules, ...o.emsp };
  if (config.agreements === 'required') {
    const body = { cpo: ids(cpoOptions.roles, 'CPO'), emsp: ids(emspOptions.roles, 'EMSP') };
    const res = await hub.admin('POST', '/agreements', body);
    if (res.status !== 201) throw new Error(`agreement: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const cpo = await hub.connect(cpoOptions);
  const emsp = await hub.connect(emspOptions);
  const more = {} as Record<K, FakeParty>;
  for (const [name, options] of Object.entries(o.more ?? {}) as [K, FakePartyOptions][])
    more[name] = await hub.connect(options);
  return { hub, cpo, emsp, more };
}
