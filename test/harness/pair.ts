// The hub with one CPO and one eMSP under the ids the builders use (NL*VLT, DE*MXP), strict fake partners
// listing every interface a typical CPO and eMSP implement.
import type { FakeParty, FakePartyOptions } from './fake-party';
import { startHub, type Hub } from './hub';
import { cpoModules, emspModules } from './modules';

export const CPO = { role: 'CPO', country_code: 'NL', party_id: 'VLT' };
export const EMSP = { role: 'EMSP', country_code: 'DE', party_id: 'MXP' };

export async function startWithPair(
  cpoOptions: Partial<FakePartyOptions> = {},
): Promise<{ hub: Hub; cpo: FakeParty; emsp: FakeParty }> {
  const hub = await startHub();
  const cpo = await hub.connect({ roles: [CPO], modules: cpoModules, ...cpoOptions });
  const emsp = await hub.connect({ roles: [EMSP], modules: emspModules });
  return { hub, cpo, emsp };
}
