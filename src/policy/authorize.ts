// The authorize step of the pipeline: may these roles call this interface, and write in this namespace?
import { forbidden } from '../ocpi/errors';
import { partyKey, type PartyRef } from '../ocpi/routing';
import type { RoleEntry } from '../parties/model';
import { callerRoles, ownerRoles, type Iface, type ModuleId } from './roles';

const describe = (roles: readonly RoleEntry[]) => roles.map((r) => `${r.role} ${partyKey(r)}`).join(', ');

/** The caller's roles that may use this interface; refused (403) when there are none. */
export function assertMayCall(
  module: ModuleId,
  hubIface: Iface,
  acting: readonly RoleEntry[],
  only?: readonly string[],
): RoleEntry[] {
  const allowed = only ?? callerRoles(module, hubIface);
  const roles = acting.filter((r) => allowed.includes(r.role));
  if (roles.length === 0) {
    throw forbidden(
      `${module} ${hubIface === 'RECEIVER' ? 'Receiver' : 'Sender'} interface is for ${allowed.join(', ')}; this request acts as ${describe(acting)}`,
    );
  }
  return roles;
}

/** A push writes only in the caller's own namespace, as a role that owns the module's objects. */
export function assertOwnNamespace(module: ModuleId, acting: readonly RoleEntry[], namespace: PartyRef): RoleEntry {
  const owner = acting.find((r) => ownerRoles(module).includes(r.role) && partyKey(r) === partyKey(namespace));
  if (!owner) {
    throw forbidden(
      `${partyKey(namespace)} is not a ${ownerRoles(module).join('/')} namespace of this request's party (${describe(acting)})`,
    );
  }
  return owner;
}
