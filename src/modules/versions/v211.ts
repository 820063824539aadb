// 2.1.1 has no interface roles: a module's URL is the CPO's or the eMSP's side of it, depending on who serves it.
// These map a 2.1.1 endpoint onto the 2.2.1 interface (SENDER/RECEIVER) it corresponds to.
import type { InterfaceRole } from './schema';

/**
 * In 2.1.1 the CPO serves these modules' object lists and the eMSP receives pushes; tokens and commands the other way.
 */
const CPO_RECEIVES = new Set(['tokens', 'commands']);

/** The 2.2.1 interface a 2.1.1 party of `partyRole` offers at its endpoint for `module`. */
export function interfaceOf211(module: string, partyRole: string): InterfaceRole {
  if (module === 'credentials') return 'RECEIVER';
  const cpoSide: InterfaceRole = CPO_RECEIVES.has(module) ? 'RECEIVER' : 'SENDER';
  if (partyRole === 'CPO') return cpoSide;
  return cpoSide === 'SENDER' ? 'RECEIVER' : 'SENDER';
}

/** The 2.2.1 interface the hub serves a 2.1.1 caller of `partyRole` at its single URL for `module`. */
export const hubInterfaceFor211 = (module: string, partyRole: string): InterfaceRole =>
  interfaceOf211(module, partyRole) === 'SENDER' ? 'RECEIVER' : 'SENDER';
