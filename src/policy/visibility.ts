// Who may see which stored objects through GET-All and the Sender GETs: one filter per module and caller.
import { partyKey } from '../ocpi/routing';
import type { RoleEntry } from '../parties/model';
import { ownerRoles, receiverRoles, type ModuleId } from './roles';

export type Filter = Record<string, unknown>;

/**
 * A MongoDB filter over a module's stored objects (fields `owner` and, for sessions and CDRs, `emsp`), or null
 * when the roles may see nothing. Sessions and CDRs go only to the eMSP named in cdr_token and the owner CPO.
 */
export function visibleTo(module: ModuleId, roles: readonly RoleEntry[]): Filter | null {
  const clauses: Filter[] = [];
  for (const role of roles) {
    const me = partyKey(role);
    if (ownerRoles(module).includes(role.role)) clauses.push({ owner: me });
    else if ((module === 'sessions' || module === 'cdrs') && role.role === 'EMSP') clauses.push({ emsp: me });
    else if (receiverRoles(module).includes(role.role)) return {};
  }
  if (clauses.length === 0) return null;
  return clauses.length === 1 ? (clauses[0] as Filter) : { $or: clauses };
}
